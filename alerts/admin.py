from django.contrib import admin

from alerts.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """The consent records of the e-mail alerts: read-only for the Redaktion (what was confirmed, when, by which
    address), e.g. to answer a request for information. Ending one is the subscriber's, through the link in every
    mail; the unsubscribe key is never shown."""

    redaktion_permissions = ("view",)

    list_display = ["label", "email", "frequency", "confirmed_at", "last_sent_at"]
    list_filter = ["topic", "frequency"]
    search_fields = ["label", "email"]
    date_hierarchy = "confirmed_at"
    fields = ["email", "label", "frequency", "consent_text", "confirmed_at", "last_sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
