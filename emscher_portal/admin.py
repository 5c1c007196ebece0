from django.contrib import admin

from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin
from emscher_portal.core.models import OldSlug
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


@admin.register(LegalPage)
class LegalPageAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "status", "updated_at"]
    fields = ["kind", "title", "summary", "body", "status"]
    slug_source = None  # the page's address comes from its kind

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
