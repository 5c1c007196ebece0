from emscher_portal.core.sitemaps import PublishedContentSitemap
from forums.models import Event


class EventSitemap(PublishedContentSitemap):
    """/foren/ and every published event; the list changes when any event does."""

    model = Event
    list_url_name = "forums:event-list"
    ordering = ("-start_date", "pk")
    list_lastmod = True
