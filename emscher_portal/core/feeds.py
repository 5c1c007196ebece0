"""The base of every Atom feed: published content items that have a title, a kind and timestamps."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

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
