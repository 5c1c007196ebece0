"""The editor-written text pages (Impressum, Datenschutz, …) as PDFs, through the shared pipeline."""

from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view
from emscher_portal.models import LegalPage


@pdf_view
class LegalPagePdfView(ObjectPdfView):
    """/impressum/pdf/ and the other editor-written text pages as PDF (only once the Redaktion has written them)."""

    model = LegalPage
    template_name = "emscher_portal/print/legal_page.html"

    def get_queryset(self):
        return LegalPage.objects.visible_to(self.viewer)

    def find_object(self, queryset):
        # `kind` comes from the URL pattern's extra arguments, so that it is part of the fast-path key.
        return queryset.filter(kind=self.kwargs["kind"]).first()

    def get_pdf_context(self, page):
        return {**super().get_pdf_context(page), "page": page}

    def get_filename(self, page):
        return f"{page.title}.pdf"
