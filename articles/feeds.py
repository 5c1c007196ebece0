"""/feeds/aktuelles/: new and updated articles as an Atom feed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from emscher_portal.core.feeds import FEED_SIZE, ContentFeed


class ArticleFeed(ContentFeed):
    title = _("Emscher-Portal: Aktuelles und Wissenswertes")
    subtitle = _("Neue Artikel der Zukunftsinitiative „Wasser in der Stadt von morgen“.")

    def link(self):
        return reverse("articles:article-list")

    def items(self):
        return Article.objects.published().newest_first().select_related("rubric", "author_member")[:FEED_SIZE]

    def item_description(self, item):
        return item.teaser

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.author_display

    def item_categories(self, item):
        return [item.rubric.name]
