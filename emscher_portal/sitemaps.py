"""/sitemap.xml: every published page of every app, with its last change."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.plan_sitemaps import PlanSitemap
from emscher_portal.models import LegalPage
from networks.sitemaps import NetworkSitemap


class LegalPageSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return LegalPage.objects.order_by("kind")

    def lastmod(self, item):
        return item.updated_at


class StaticPageSitemap(Sitemap):
    """Pages without a model row of their own."""

    changefreq = "monthly"

    def items(self):
        return ["home", "contact", "sign-language"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "seiten": StaticPageSitemap,
    "texte": LegalPageSitemap,
    "netzwerke": NetworkSitemap,
    "massnahmenplan": PlanSitemap,
}
