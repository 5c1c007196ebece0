"""Atom feeds: /feeds/foren/ (events) and /feeds/dokumente/ (the document library)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from forums.models import Event

FEED_SIZE = 30


class ContentFeed(Feed):
    """An Atom feed of published content items that have a title, a kind and timestamps."""

    feed_type = Atom1Feed
    language = "de"

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventFeed(ContentFeed):
    title = _("Emscher-Portal: Experten-Foren und Dezernententreffen")
    subtitle = _("Neue und aktualisierte Veranstaltungen der Zukunftsinitiative „Wasser in der Stadt von morgen“.")

    def link(self):
        return reverse("forums:event-list")

    def items(self):
        return Event.objects.published().select_related("host_city").order_by("-start_date", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        parts = [str(item.date_display), item.motto, item.teaser]
        if item.host_city:
            parts.insert(1, item.host_city.name)
        return " – ".join(part for part in parts if part)


class DocumentFeed(ContentFeed):
    title = _("Emscher-Portal: Dokumente")
    subtitle = _("Neue Dokumente der Zukunftsinitiative: Dokumentationen, Präsentationen und Positionspapiere.")

    def link(self):
        return reverse("documents:document-list")

    def items(self):
        return Document.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return f"{item.get_kind_display()}, {item.year}. {item.description}".strip()
