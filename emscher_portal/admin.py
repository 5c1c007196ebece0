from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from emscher_portal.core.models import OldSlug, SiteOperator
from emscher_portal.forms import SignLanguageVideoAdminForm
from emscher_portal.models import ContactMessage, LegalPage, SignLanguageVideo

# The internal task queue (PDF renders, photo renditions, mails) is an operator's tool: superusers only, never in
# the Redaktion's menu, whatever permissions a group holds.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ["task_name", "status", "enqueued_at", "finished_at", "queue_name"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    list_select_related = ["content_type"]


@admin.register(SiteOperator)
class SiteOperatorAdmin(admin.ModelAdmin):
    """The one row of the operator's details: the list leads straight to it; it is never added or deleted."""

    readonly_fields = ["missing_details"]
    fieldsets = [
        (None, {"fields": ["missing_details"]}),
        (_("Herausgeber"), {"fields": ["publisher", "legal_entity", "represented_by", "address"]}),
        (_("Kontakt"), {"fields": ["email", "phone"]}),
        (_("Verantwortlich für den Inhalt"), {"fields": ["content_responsible", "content_responsible_address"]}),
        (
            _("Datenschutz, Aufsicht und Lizenz"),
            {"fields": ["data_protection_officer", "supervisory_authority", "licence"]},
        ),
    ]

    @admin.display(description=_("Noch offen"))
    def missing_details(self, obj):
        missing = obj.missing
        if not missing:
            return _("Alle Pflichtangaben für das Impressum sind eingetragen.")
        return format_html(
            "{}<ul>{}</ul>",
            _("Diese Pflichtangaben fehlen noch; das Impressum sagt das öffentlich, bis sie eingetragen sind:"),
            format_html_join("", "<li>{}</li>", ((label,) for _name, label in missing)),
        )

    def changelist_view(self, request, extra_context=None):
        obj, _created = SiteOperator.objects.get_or_create(pk=SiteOperator.SINGLE_ROW)
        return HttpResponseRedirect(reverse("admin:emscher_portal_siteoperator_change", args=[obj.pk]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def view_on_site(self, obj):
        return reverse("legal-impressum")


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "updated_at"]
    fields = ["kind", "title", "summary", "body"]

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(admin.ModelAdmin):
    form = SignLanguageVideoAdminForm
    list_display = ["title", "is_published", "video_format", "duration_seconds", "created_at"]
    list_filter = ["is_published"]
    readonly_fields = ["video_format", "file_size", "duration_seconds"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages from /kontakt/, read-only for the Redaktion; deleted after CONTACT_RETENTION_DAYS."""

    list_display = ["subject", "name", "email", "organisation", "wants_to_join", "created_at", "mailed_at"]
    list_filter = ["wants_to_join", "created_at"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "name", "email", "organisation", "subject", "message", "wants_to_join", "created_at", "mailed_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False
