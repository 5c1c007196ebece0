"""/sitemap.xml: every published page of every app, with its last change."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from documents.models import Document, Measure
from documents.plan_sitemaps import PlanSitemap
from emscher_portal.models import LegalPage, SignLanguageVideo
from forums.models import Event
from networks.models import Network
from networks.sitemaps import NetworkSitemap


def _latest(queryset):
    return queryset.aggregate(latest=Max("updated_at"))["latest"]


class EventSitemap(Sitemap):
    """/foren/ and every published event; the list changes when any event does."""

    changefreq = "monthly"

    def items(self):
        return ["forums:event-list", *Event.objects.published().order_by("-start_date", "pk")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return _latest(Event.objects.published()) if isinstance(item, str) else item.updated_at


class DocumentSitemap(Sitemap):
    """/dokumente/ and every published document."""

    changefreq = "monthly"

    def items(self):
        return ["documents:document-list", *Document.objects.published().order_by("-year", "pk")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return _latest(Document.objects.published()) if isinstance(item, str) else item.updated_at


class LegalPageSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return LegalPage.objects.order_by("kind")

    def lastmod(self, item):
        return item.updated_at


class StaticPageSitemap(Sitemap):
    """Pages without a model row of their own; the home page changes with the newest content it shows."""

    changefreq = "monthly"

    def items(self):
        return ["home", "contact", "sign-language"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if item == "home":
            dates = [
                _latest(model.objects.published()) for model in (Event, Document, Network, Measure)
            ]  # fmt: skip
            return max((date for date in dates if date), default=None)
        if item == "sign-language":
            return _latest(SignLanguageVideo.objects.filter(is_published=True))
        return _latest(LegalPage.objects.all())


SITEMAPS = {
    "seiten": StaticPageSitemap,
    "texte": LegalPageSitemap,
    "foren": EventSitemap,
    "dokumente": DocumentSitemap,
    "netzwerke": NetworkSitemap,
    "massnahmenplan": PlanSitemap,
}
