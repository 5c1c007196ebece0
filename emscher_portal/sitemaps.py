"""/sitemap.xml: every published page of every app, with its last change."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from documents.models import Document, Measure
from emscher_portal.models import LegalPage, SignLanguageVideo
from forums.models import Event
from networks.models import Network


def _latest(queryset):
    return queryset.aggregate(latest=Max("updated_at"))["latest"]


class PublishedContentSitemap(Sitemap):
    """A list page (`list_url_name`) followed by the published objects of `model` in `ordering`.

    An object's lastmod is its last change; the list page's is the newest change of any published object when
    `list_lastmod` is set, otherwise none.
    """

    changefreq = "monthly"
    model = None
    list_url_name = ""
    ordering = ()
    list_lastmod = False

    def published(self):
        return self.model.objects.published()

    def items(self):
        return [self.list_url_name, *self.published().order_by(*self.ordering)]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        if not isinstance(item, str):
            return item.updated_at
        return _latest(self.published()) if self.list_lastmod else None


class EventSitemap(PublishedContentSitemap):
    """/foren/ and every published event; the list changes when any event does."""

    model = Event
    list_url_name = "forums:event-list"
    ordering = ("-start_date", "pk")
    list_lastmod = True


class DocumentSitemap(PublishedContentSitemap):
    """/dokumente/ and every published document."""

    model = Document
    list_url_name = "documents:document-list"
    ordering = ("-year", "pk")
    list_lastmod = True


class NetworkSitemap(PublishedContentSitemap):
    """/netzwerke/ and every published network."""

    model = Network
    list_url_name = "networks:network-list"
    ordering = ("position", "name")


class PlanSitemap(PublishedContentSitemap):
    """/massnahmenplan/ and every published measure of a published plan."""

    model = Measure
    list_url_name = "documents:plan-detail"
    ordering = ("action_field__number", "position")


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
