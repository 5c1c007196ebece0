"""The Redaktion's shared admin behaviour: slugs made from their sources, and content with a status and a slug."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from emscher_portal.core.models import Status
from emscher_portal.core.slugs import slug_change_record, slug_unique_for
from emscher_portal.core.widgets import SLUG_PLACEHOLDER, SlugWidget


def slug_text(values, sources):
    """The text a slug is made from: the sources' values in order, a date by its year („experten-forum 2026“)."""
    parts = []
    for name in sources:
        value = values.get(name)
        if value in (None, ""):
            continue
        parts.append(str(value.year) if hasattr(value, "year") else str(value))
    return " ".join(parts)


def slug_address_pattern(model):
    """The public address of an object of `model` with SLUG_PLACEHOLDER for its slug, or None when its address does
    not contain the slug (or it has no page of its own)."""
    try:
        path = model(slug=SLUG_PLACEHOLDER).get_absolute_url()
    except (AttributeError, NoReverseMatch, ObjectDoesNotExist, TypeError, ValueError):
        return None
    return f"{settings.SITE_URL.rstrip('/')}{path}" if SLUG_PLACEHOLDER in path else None


class SlugFromSourcesForm:
    """Form mixin: an empty slug is made from `slug_sources` when the form is cleaned — transliterated, unique (also
    against former slugs), as static/js/admin.js fills it in the browser. Without JavaScript the editor simply
    leaves the field empty."""

    slug_sources = ("title",)

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and "slug" not in self.errors:
            values = {name: cleaned_data.get(name, getattr(self.instance, name, None)) for name in self.slug_sources}
            text = slug_text(values, self.slug_sources)
            if text:
                model = self._meta.model
                max_length = model._meta.get_field("slug").max_length
                cleaned_data["slug"] = slug_unique_for(model, text, max_length=max_length, exclude_pk=self.instance.pk)
        return cleaned_data


class SlugAdminMixin:
    """For a ModelAdmin or an inline of a model with a slug: the slug is prefilled live from `slug_sources` (field
    names; a date contributes its year) and shown as the page's future address while typing; left empty, the server
    makes the same slug. Replaces Django's `prepopulated_fields`, which transliterates differently."""

    slug_sources = ("title",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name != "slug":
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = SlugWidget(sources=self.slug_sources, url_pattern=slug_address_pattern(self.model))
        field = super().formfield_for_dbfield(db_field, request, **{**kwargs, "widget": widget})
        field.required = False
        return field

    def _with_slug_from_sources(self, form):
        return type(form.__name__, (SlugFromSourcesForm, form), {"slug_sources": tuple(self.slug_sources)})

    def get_form(self, request, obj=None, **kwargs):
        return self._with_slug_from_sources(super().get_form(request, obj, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = self._with_slug_from_sources(formset.form)
        return formset


class PublishableAdminMixin(SlugAdminMixin):
    """Shared Redaktion behaviour for content with a status and a slug.

    Bulk actions „veröffentlichen“/„zurückziehen“, the status as a list filter, a slug made from `slug_sources`
    (SlugAdminMixin), and a redirect left behind when an editor changes a slug. Subclasses still set list_display
    etc. themselves; a subclass that stores the object its own way overrides `save_object()`, not `save_model()`.
    """

    actions = ["publish_selected", "withdraw_selected"]

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        self.save_object(request, obj, form, change)
        if change and "slug" in form.changed_data:
            slug_change_record(instance=obj, old_slug=old_slug)

    def save_object(self, request, obj, form, change):
        """Store `obj`; by default the ModelAdmin's own save."""
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Ausgewählte zurückziehen (Entwurf)"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Saved one by one so that save signals (search index, caches, PDF renders) see every change.
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj.save(update_fields=["status", "updated_at"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d Eintrag geändert.", "%(count)d Einträge geändert.", changed) % {"count": changed},
            messages.SUCCESS,
        )
