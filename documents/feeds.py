"""/feeds/dokumente/: new documents of the library as an Atom feed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from emscher_portal.core.feeds import FEED_SIZE, ContentFeed


class DocumentFeed(ContentFeed):
    title = _("Emscher-Portal: Dokumente")
    subtitle = _("Neue Dokumente der Zukunftsinitiative: Dokumentationen, Präsentationen und Positionspapiere.")

    def link(self):
        return reverse("documents:document-list")

    def items(self):
        return Document.objects.published().order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return f"{item.get_kind_display()}, {item.year}. {item.description}".strip()
