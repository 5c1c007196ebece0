from documents.models import Document, Measure
from emscher_portal.core.sitemaps import PublishedContentSitemap


class DocumentSitemap(PublishedContentSitemap):
    """/dokumente/ and every published document."""

    model = Document
    list_url_name = "documents:document-list"
    ordering = ("-year", "pk")
    list_lastmod = True


class PlanSitemap(PublishedContentSitemap):
    """/massnahmenplan/ and every published measure of a published plan."""

    model = Measure
    list_url_name = "documents:plan-detail"
    ordering = ("action_field__number", "position")
