from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin, SlugAdminMixin
from networks.models import Discipline, Member, Municipality, Network


@admin.register(Municipality)
class MunicipalityAdmin(SlugAdminMixin, ContentAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    slug_sources = ("name",)


@admin.register(Discipline)
class DisciplineAdmin(SlugAdminMixin, ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    slug_sources = ("name",)


class MemberInline(admin.StackedInline):
    # Stacked: as a table the eight fields overflow 1280 px and the consent's help text hides behind an icon.
    model = Member
    extra = 0
    fields = [
        ("position", "name"),
        ("organisation", "role"),
        ("municipality", "discipline"),
        "has_consented",
        "is_example",
    ]
    autocomplete_fields = ["municipality", "discipline"]


@admin.register(Network)
class NetworkAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["name", "position", "status", "member_total", "public_member_total"]
    list_editable = ["position"]
    ordering = ["position", "name"]
    list_filter = ["status", "disciplines"]
    search_fields = ["name", "purpose", "body", "contact_name"]
    slug_sources = ("name",)
    autocomplete_fields = ["disciplines"]
    inlines = [MemberInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "position"]}),
        (_("Inhalt"), {"fields": ["purpose", "body", "disciplines"]}),
        (
            _("Ansprechperson"),
            {
                "fields": [
                    "contact_name",
                    "contact_role",
                    "contact_organisation",
                    "contact_email",
                    "is_contact_email_public",
                    "is_contact_example",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("members", distinct=True),
                public_member_count=Count("members", filter=Q(members__has_consented=True), distinct=True),
            )
        )

    @admin.display(description=_("Mitglieder"), ordering="member_count")
    def member_total(self, obj):
        return obj.member_count

    @admin.display(description=_("davon öffentlich"), ordering="public_member_count")
    def public_member_total(self, obj):
        return obj.public_member_count


@admin.register(Member)
class MemberAdmin(ContentAdmin):
    # „Beispiel“ is a filter, not a column: with it the list no longer fits 1280 px.
    list_display = ["name", "network", "organisation", "municipality", "role", "has_consented"]
    list_filter = ["has_consented", "network", "municipality", "discipline", "is_example"]
    list_select_related = ["network", "municipality"]
    search_fields = ["name", "organisation", "role", "network__name", "municipality__name"]
    autocomplete_fields = ["network", "municipality", "discipline"]
