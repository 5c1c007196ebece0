from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from emscher_portal.models import OldSlug, Status
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
