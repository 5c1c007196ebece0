from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from networks.models import Network


class NetworkSitemap(Sitemap):
    """/netzwerke/ and every published network."""

    changefreq = "monthly"

    def items(self):
        return ["networks:network-list", *Network.objects.published().order_by("position", "name")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at
