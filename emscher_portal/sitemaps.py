"""/sitemap.xml: every app's section, plus the top app's own pages, with their last change."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from documents.models import Document, Measure
from documents.sitemaps import DocumentSitemap, PlanSitemap
from emscher_portal.core.sitemaps import latest_change
from emscher_portal.models import LegalPage, SignLanguageVideo
from forums.models import Event
from forums.sitemaps import EventSitemap
from networks.models import Network
from networks.sitemaps import NetworkSitemap
from participation.sitemaps import RoundSitemap


class LegalPageSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return LegalPage.objects.published().order_by("kind")

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
                latest_change(model.objects.published()) for model in (Event, Document, Network, Measure, Article)
            ]  # fmt: skip
            return max((date for date in dates if date), default=None)
        if item == "sign-language":
            return latest_change(SignLanguageVideo.objects.filter(is_published=True))
        return latest_change(LegalPage.objects.published())


SITEMAPS = {
    "seiten": StaticPageSitemap,
    "texte": LegalPageSitemap,
    "foren": EventSitemap,
    "dokumente": DocumentSitemap,
    "netzwerke": NetworkSitemap,
    "massnahmenplan": PlanSitemap,
    "aktuelles": ArticleSitemap,
    "themen": RoundSitemap,
}
