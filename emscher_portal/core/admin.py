"""The Redaktion's shared admin behaviour for content with a status and a slug."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from emscher_portal.core.models import Status
from emscher_portal.core.slugs import slug_change_record, slug_unique_for


class PublishableAdminMixin:
    """Shared Redaktion behaviour for content with a status and a slug.

    Bulk actions „veröffentlichen“/„zurückziehen“, the status as a list filter, a slug made from `slug_source`
    (transliterated and unique) when the editor leaves it empty (without JavaScript, the prepopulated field stays
    empty), and a redirect left behind when an editor changes a slug. Subclasses still set list_display etc.
    themselves; a subclass that stores the object its own way overrides `save_object()`, not `save_model()`.
    """

    actions = ["publish_selected", "withdraw_selected"]
    slug_source = "title"  # the field a blank slug is made from

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
        return form

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        if not obj.slug:
            max_length = type(obj)._meta.get_field("slug").max_length
            obj.slug = slug_unique_for(
                type(obj), getattr(obj, self.slug_source), max_length=max_length, exclude_pk=obj.pk
            )
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
