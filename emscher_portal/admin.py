from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin
from emscher_portal.core.models import OldSlug, PartnerLogo, SiteOperator
from emscher_portal.core.uploads.images import CheckedImageForm
from emscher_portal.core.worker import admin as worker_admin
from emscher_portal.forms import SignLanguageVideoAdminForm
from emscher_portal.models import ContactMessage, LegalPage, SignLanguageVideo

# The task queue, task workers and periodic jobs: superusers only.
worker_admin.register(admin.site)


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    list_select_related = ["content_type"]


class PartnerLogoAdminForm(CheckedImageForm):
    class Meta:
        model = PartnerLogo
        fields = ["name", "image", "alt_text", "position", "is_shown"]


@admin.register(PartnerLogo)
class PartnerLogoAdmin(ContentAdmin):
    """The partners' logos on the cover of every generated PDF; none are shown until the Redaktion uploads them."""

    form = PartnerLogoAdminForm
    list_display = ["name", "alt_text", "position", "is_shown"]
    list_editable = ["position", "is_shown"]
    search_fields = ["name", "alt_text"]


@admin.register(SiteOperator)
class SiteOperatorAdmin(ContentAdmin):
    """The one row of the operator's details: the list leads straight to it; it is never added or deleted."""

    redaktion_permissions = ("change", "view")

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
class LegalPageAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "status", "updated_at"]
    fields = ["kind", "title", "summary", "body", "status"]

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(ContentAdmin):
    form = SignLanguageVideoAdminForm
    list_display = ["title", "is_published", "video_format", "duration_seconds", "created_at"]
    list_filter = ["is_published"]
    readonly_fields = ["video_format", "file_size", "duration_seconds"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages from /kontakt/, read-only for the Redaktion; deleted after CONTACT_RETENTION_DAYS."""

    redaktion_permissions = ("view",)

    list_display = ["subject", "name", "email", "organisation", "wants_to_join", "created_at", "mailed_at"]
    list_filter = ["wants_to_join", "created_at"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "name", "email", "organisation", "subject", "message", "wants_to_join", "created_at", "mailed_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False
