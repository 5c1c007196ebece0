"""The Redaktion's shared admin behaviour: history with restore for every content model, and for content with a
status: publish/withdraw actions with publish checks, the publication schedule, preview links, slugs.

`ContentAdmin` is the base of every content model's ModelAdmin; `SlugAdminMixin` prefills a slug live from its
sources and makes it on the server when left empty; `PublishableAdminMixin` adds what content with a status and a
slug needs. What the Redaktion group may do with a model follows from its admin
(`redaktion_permissions`, see `core.permissions`).
"""

import dataclasses
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from emscher_portal.core.models import Status
from emscher_portal.core.parsing import whole_number
from emscher_portal.core.preview import preview_link_create, preview_link_revoke, preview_links_for, preview_url
from emscher_portal.core.publish_checks import publish_findings
from emscher_portal.core.slugs import slug_change_record, slug_unique_for
from emscher_portal.core.widgets import SLUG_PLACEHOLDER, SlugWidget

# ---------------------------------------------------------------------------
# History with values and restore (django-simple-history)
# ---------------------------------------------------------------------------


class GermanDiffDisplay(ObjDiffDisplay):
    """Long texts shortened around what changed, with „[… 246 Zeichen …]“ for the unchanged parts."""

    def shortened_str(self, prefix, num_skipped_chars, suffix):
        return f"{prefix}[… {num_skipped_chars:d} Zeichen …]{suffix}"


def _same_text(old, new):
    """Texts that differ only in line endings (a browser sends CRLF) are no change for a person."""
    return isinstance(old, str) and isinstance(new, str) and old.replace("\r\n", "\n") == new.replace("\r\n", "\n")


class ChangeValues(HistoricalRecordContextHelper):
    """Old and new values as people read them: choice labels, „ja“/„nein“, German dates, „–“ for empty, long
    texts shortened around the change; a change of line endings alone is left out."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if not _same_text(change.old, change.new)]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def get_obj_diff_display(self):
        return GermanDiffDisplay(max_length=self.max_displayed_delta_change_chars)

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value in (None, ""):
            return "–"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _gettext("ja") if value else _gettext("nein")
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "j. F Y, H:i")
        if isinstance(value, datetime.date):
            return date_format(value, "j. F Y")
        return super().prepare_delta_change_value(change, value)


class ContentAdmin(SimpleHistoryAdmin):
    """Base of every content model's admin: the history lists who changed what when, old → new per field, and
    offers „Diese Version wiederherstellen“ (a page that shows what restoring changes, and asks to confirm).

    Restoring goes through the admin's own save (and so through `save_object()` and its service). Links to other
    objects (many-to-many) and uploaded files are not part of a version; they stay as they are.
    """

    # What the Redaktion group may do with this model (core.permissions); narrow it where a record must not change.
    redaktion_permissions = ("add", "change", "delete", "view")
    history_list_per_page = 50

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The library's own version calls select_related() without arguments for a model without foreign keys,
        # which Django 6.1 deprecates (and the test settings turn warnings into errors): name the fields.
        foreign_keys = [field.name for field in history_manager.model.tracked_fields if field.many_to_one]
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user", *foreign_keys)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangeValues(self.model, historical_record, max_displayed_delta_change_chars=120)

    def _valid_pk(self, object_id):
        """The object id of a history URL, or Http404 (the library's views would answer a malformed one with 500)."""
        try:
            return self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._valid_pk(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_pk(object_id)
        if whole_number(version_id, max_digits=18) is None:
            raise Http404
        history = self.model.history
        version = history.filter(**{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}).first()
        latest = history.filter(**{self.model._meta.pk.attname: unquote(object_id)}).first()
        if version is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, self.get_object(request, object_id)):
            raise PermissionDenied  # the library would save a restore for someone who may only look
        restore_changes = []
        if latest is not None and latest.history_id != version.history_id:
            delta = version.diff_against(latest, foreign_keys_are_objs=True)
            restore_changes = self.get_historical_record_context_helper(request, version).context_for_delta_changes(
                delta
            )
        context = {"version": version, "restore_changes": restore_changes, **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context=context)

    def history_view_title(self, request, obj):
        return _gettext("Versionen von „%s“") % obj

    def history_form_view_title(self, request, obj):
        return _gettext("Version von „%s“ wiederherstellen") % obj

    def save_model(self, request, obj, form, change):
        self.mark_history(request, obj)
        super().save_model(request, obj, form, change)

    @staticmethod
    def mark_history(request, obj):
        """Who saves, and why when it is a restore, for the history row the save writes (services included)."""
        obj._history_user = request.user
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_simple_history"):
            obj._change_reason = _gettext("Ältere Version wiederhergestellt")


# ---------------------------------------------------------------------------
# Slugs
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Content with a status: checks, schedule, preview, slugs
# ---------------------------------------------------------------------------


class ScheduleListFilter(admin.SimpleListFilter):
    title = _("Zeitplan")
    parameter_name = "zeitplan"

    def lookups(self, request, model_admin):
        return [
            ("veroeffentlichen", _("Veröffentlichung geplant")),
            ("zurueckziehen", _("Zurückziehen geplant")),
            ("keiner", _("nichts geplant")),
        ]

    def queryset(self, request, queryset):
        publish = Q(status=Status.DRAFT, publish_at__isnull=False)
        withdraw = Q(status=Status.PUBLISHED, unpublish_at__isnull=False)
        if self.value() == "veroeffentlichen":
            return queryset.filter(publish)
        if self.value() == "zurueckziehen":
            return queryset.filter(withdraw)
        if self.value() == "keiner":
            return queryset.exclude(publish | withdraw)
        return queryset


def _schedule_text(obj):
    if obj.status == Status.DRAFT and obj.publish_at:
        return _gettext("Veröffentlichen am %s") % date_format(timezone.localtime(obj.publish_at), "j. n. Y, H:i")
    if obj.status == Status.PUBLISHED and obj.unpublish_at:
        return _gettext("Zurückziehen am %s") % date_format(timezone.localtime(obj.unpublish_at), "j. n. Y, H:i")
    return ""


class PublishChecksForm(forms.ModelForm):
    """Runs the publish checks (core.publish_checks) when the form would store the status „Veröffentlicht“:
    errors block saving; warnings, shown when the status changes to „Veröffentlicht“, need the tick at
    „Trotz Hinweisen veröffentlichen“."""

    publish_confirm = forms.BooleanField(
        label=_("Trotz Hinweisen veröffentlichen"),
        required=False,
        help_text=_("Die Hinweise oben sind gelesen; der Inhalt soll trotzdem veröffentlicht werden."),
    )

    def _post_clean(self):
        super()._post_clean()
        instance = self.instance
        if self.cleaned_data.get("status") != Status.PUBLISHED:
            return
        was_published = self.initial.get("status") == Status.PUBLISHED and instance.pk is not None
        findings = publish_findings(instance)
        errors = [finding.message for finding in findings if finding.is_error]
        warnings = [finding.message for finding in findings if not finding.is_error]
        if errors:
            self.add_error(
                None,
                ValidationError(
                    [_gettext("Nicht veröffentlicht, bitte zuerst beheben:")] + errors, code="publish_check"
                ),
            )
        if warnings and not was_published and not self.cleaned_data.get("publish_confirm"):
            self.publish_warnings = warnings
            self.add_error(
                "publish_confirm",
                ValidationError(
                    [_gettext("Hinweise vor dem Veröffentlichen:")]
                    + warnings
                    + [
                        _gettext(
                            "Bitte prüfen und „Trotz Hinweisen veröffentlichen“ ankreuzen, oder den Entwurf verbessern."
                        )
                    ],
                    code="publish_warning",
                ),
            )


class PublishableAdminMixin(SlugAdminMixin, ContentAdmin):
    """Shared Redaktion behaviour for content with a status and a slug.

    Bulk actions „veröffentlichen“/„zurückziehen“ (saved one by one, so the change map and the history see each
    object; publishing runs the publish checks first and shows them on a confirmation page), the publish checks on
    saving with status „Veröffentlicht“, „Veröffentlichen am“/„Zurückziehen am“ (fieldset, change-list column and
    filter; carried out by core.scheduling), preview links for drafts, the status as a list filter, a slug made
    from `slug_sources` (SlugAdminMixin: prefilled live, made on the server when left empty), and a redirect left
    behind when an editor changes a slug. A subclass that stores the object its own way overrides `save_object()`, not
    `save_model()`.
    """

    actions = ["publish_selected", "withdraw_selected"]
    change_form_template = "admin/publishable_change_form.html"
    schedule_fields = ("publish_at", "unpublish_at")

    # -- form --------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in helpers.flatten_fieldsets([(None, options)])}
        schedule = [name for name in self.schedule_fields if name not in named]
        if schedule:
            fieldsets.append(
                (
                    _("Veröffentlichung planen"),
                    {
                        "fields": schedule,
                        "description": _(
                            "Ein Entwurf wird zur angegebenen Minute veröffentlicht, ein veröffentlichter Inhalt "
                            "zur angegebenen Minute zurückgezogen – auch wenn niemand angemeldet ist."
                        ),
                    },
                )
            )
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "status" in form.base_fields:
            form = type(form.__name__, (PublishChecksForm, form), {})
        return form

    def render_change_form(self, request, context, *args, **kwargs):
        admin_form = context.get("adminform")
        if admin_form is not None and getattr(admin_form.form, "publish_warnings", None):
            # The warnings and the box to publish anyway, at the top where the editor looks first.
            admin_form.fieldsets = [
                (_("Hinweise vor dem Veröffentlichen"), {"fields": ["publish_confirm"]}),
                *admin_form.fieldsets,
            ]
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        self.mark_history(request, obj)
        self.save_object(request, obj, form, change)
        if change and "slug" in form.changed_data:
            slug_change_record(instance=obj, old_slug=old_slug)

    def save_object(self, request, obj, form, change):
        """Store `obj`; by default the ModelAdmin's own save."""
        super().save_model(request, obj, form, change)

    # -- change list ----------------------------------------------------------------------

    def get_list_display(self, request):
        # The schedule shares the status column, so the change list gets no wider.
        list_display = list(super().get_list_display(request))
        if "status" in list_display:
            return [name if name != "status" else "status_and_schedule" for name in list_display]
        return [*list_display, "status_and_schedule"]

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if "status" not in list_filter:
            list_filter.insert(0, "status")
        return [*list_filter, ScheduleListFilter]

    @admin.display(description=_("Status"), ordering="status")
    def status_and_schedule(self, obj):
        schedule = _schedule_text(obj)
        if not schedule:
            return obj.get_status_display()
        return format_html("{}<br><small>{}</small>", obj.get_status_display(), schedule)

    # -- bulk actions -------------------------------------------------------------------

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["change"])
    def publish_selected(self, request, queryset):
        drafts = list(queryset.exclude(status=Status.PUBLISHED))
        findings = {obj: publish_findings(obj) for obj in drafts}
        blocked = [obj for obj in drafts if any(finding.is_error for finding in findings[obj])]
        if any(findings.values()) and request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _gettext("Veröffentlichen: Prüfung"),
                "opts": self.model._meta,
                "rows": [(obj, findings[obj], obj in blocked) for obj in drafts],
                "publishable": len(drafts) - len(blocked),
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action": "publish_selected",
            }
            return TemplateResponse(request, "admin/publish_confirmation.html", context)
        self._set_status(
            request,
            [obj for obj in drafts if obj not in blocked],
            Status.PUBLISHED,
            _gettext("Sammelaktion: veröffentlicht"),
        )
        if blocked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Eintrag wurde wegen Fehlern nicht veröffentlicht.",
                    "%(count)d Einträge wurden wegen Fehlern nicht veröffentlicht.",
                    len(blocked),
                )
                % {"count": len(blocked)},
                messages.WARNING,
            )
        return None

    @admin.action(description=_("Ausgewählte zurückziehen (Entwurf)"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._set_status(
            request, list(queryset.exclude(status=Status.DRAFT)), Status.DRAFT, _gettext("Sammelaktion: zurückgezogen")
        )

    def _set_status(self, request, objects, status, reason):
        # Saved one by one so that save signals (search index, caches, PDF renders, history) see every change.
        for obj in objects:
            obj.status = status
            obj._change_reason = reason
            obj._history_user = request.user
            obj.save(update_fields=["status", "updated_at"])
        self.message_user(
            request,
            ngettext("%(count)d Eintrag geändert.", "%(count)d Einträge geändert.", len(objects))
            % {"count": len(objects)},
            messages.SUCCESS,
        )

    # -- preview links ------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/vorschau/",
                self.admin_site.admin_view(self.preview_links_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_links_view(self, request, object_id):
        """The object's preview links: make one (valid for a chosen number of days), see and revoke them."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST":
            if "revoke" in request.POST:
                preview_link_revoke(obj=obj, link_id=request.POST["revoke"])
                self.message_user(request, _gettext("Der Vorschau-Link gilt nicht mehr."), messages.SUCCESS)
                return HttpResponseRedirect(request.path)
            if form.is_valid():
                preview_link_create(obj=obj, days=form.cleaned_data["days"], user=request.user)
                self.message_user(
                    request, _gettext("Der Vorschau-Link ist angelegt. Kopieren Sie ihn unten."), messages.SUCCESS
                )
                return HttpResponseRedirect(request.path)
        links = [(link, preview_url(request, link)) for link in preview_links_for(obj)]
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _gettext("Vorschau-Links für „%s“") % obj,
            "opts": opts,
            "original": obj,
            "form": form,
            "links": links,
            "now": timezone.now(),
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/preview_links.html", context)


class PreviewLinkForm(forms.Form):
    days = forms.IntegerField(
        label=_("Gültig für (Tage)"),
        min_value=1,
        max_value=90,
        initial=7,
        help_text=_("Danach zeigt der Link nichts mehr. Sie können ihn auch vorher widerrufen."),
    )
