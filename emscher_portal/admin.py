from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from emscher_portal.forms import SignLanguageVideoAdminForm
from emscher_portal.models import ContactMessage, LegalPage, OldSlug, SignLanguageVideo, Status
from emscher_portal.slugs import slug_change_record


class PublishableAdminMixin:
    """Shared Redaktion behaviour for content with a status and a slug.

    Bulk actions „veröffentlichen“/„zurückziehen“, the status as a list filter, and a redirect left behind when an
    editor changes a slug. Subclasses still set list_display etc. themselves.
    """

    actions = ["publish_selected", "withdraw_selected"]

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            slug_change_record(instance=obj, old_slug=old_slug)

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


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    list_display = ["slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    list_select_related = ["content_type"]


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
