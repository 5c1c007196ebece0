from emscher_portal.core.sitemaps import PublishedContentSitemap
from networks.models import Network


class NetworkSitemap(PublishedContentSitemap):
    """/netzwerke/ and every published network."""

    model = Network
    list_url_name = "networks:network-list"
    ordering = ("position", "name")
