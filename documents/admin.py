"""The Redaktion's admin for the documents app: the document library (below) and the Maßnahmenplan (plan_admin)."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from documents import plan_admin  # noqa: F401 -- registers the Maßnahmenplan's admin
from documents.forms import DocumentAdminForm
from documents.models import Document, DocumentVersion
from documents.services import document_delete_files, document_file_names, document_save
from emscher_portal.core.admin import PublishableAdminMixin

# ---------------------------------------------------------------------------
# Document library
# ---------------------------------------------------------------------------


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ["number", "filename", "file_size", "page_count", "sha256", "uploaded_at"]
    readonly_fields = fields
    verbose_name_plural = _("Versionen (neueste zuerst)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(PublishableAdminMixin, admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = ["title", "kind", "year", "event", "status", "page_count"]
    list_filter = ["status", "kind", "year", "language"]
    list_select_related = ["event"]
    search_fields = ["title", "description", "filename"]
    autocomplete_fields = ["event"]
    filter_horizontal = ["networks"]
    readonly_fields = ["filename", "file_size", "page_count", "sha256", "extracted_at"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "kind", "year", "language", "issuer", "licence", "description", "status"]},
        ),
        (_("Datei"), {"fields": ["upload", "filename", "file_size", "page_count", "sha256", "extracted_at"]}),
        (_("Bezüge"), {"fields": ["event", "networks"]}),
    ]
    inlines = [DocumentVersionInline]

    def save_object(self, request, obj, form, change):
        document_save(document=obj, upload=form.cleaned_data.get("upload") or None, facts=form.pdf_facts)

    def delete_model(self, request, obj):
        names = document_file_names(document=obj)
        super().delete_model(request, obj)
        transaction.on_commit(lambda: document_delete_files(names=names))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
