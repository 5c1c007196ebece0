"""/feeds/suche/?q=…: a saved search as an Atom feed („Als Feed abonnieren“ on the search page).

The same search as /suche/ (`core.search`), with its filters `art` and `jahr`; the feed holds the best FEED_SIZE
hits. A hit's date is the content's own date where it has one, else the time the portal's content last changed.
"""

import datetime
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from emscher_portal.core.feeds import FEED_SIZE, ContentFeed
from emscher_portal.core.models import ContentVersion, SearchEntry
from emscher_portal.core.search.query import normalise_query, search
from emscher_portal.core.search.registry import kinds


def search_year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


def search_feed_query(*, q, kind=None, year=None):
    """The query string of the feed (and of its search page) for these filters, in a fixed order."""
    return urlencode([(name, value) for name, value in (("q", q), ("art", kind), ("jahr", year)) if value])


class SearchFeed(ContentFeed):
    def get_object(self, request):
        q = normalise_query(request.GET.get("q", ""))
        if not q:
            raise Http404
        kind = request.GET.get("art", "")
        return {"q": q, "kind": kind if kind in kinds() else None, "year": search_year(request.GET.get("jahr"))}

    def title(self, query):
        return _("Emscher-Portal: Suche nach „%(q)s“") % {"q": query["q"]}

    def subtitle(self, query):
        return _("Die besten Treffer der Suche nach „%(q)s“, neu berechnet, sobald sich Inhalte ändern.") % {
            "q": query["q"]
        }

    def link(self, query):
        return f"{reverse('search')}?{search_feed_query(**query)}"

    def items(self, query):
        hits = search(query["q"], kind=query["kind"], year=query["year"])[:FEED_SIZE]
        dates = dict(SearchEntry.objects.filter(url__in=[hit.url for hit in hits], page=0).values_list("url", "date"))
        changed = ContentVersion.objects.filter(pk=1).values_list("changed_at", flat=True).first() or timezone.now()
        for hit in hits:
            day = dates.get(hit.url)
            hit.feed_date = timezone.make_aware(datetime.datetime.combine(day, datetime.time())) if day else changed
        return hits

    def item_title(self, hit):
        return hit.title

    def item_link(self, hit):
        return hit.url

    def item_description(self, hit):
        return strip_tags(str(hit.snippet_html))

    def item_pubdate(self, hit):
        return hit.feed_date

    def item_updateddate(self, hit):
        return hit.feed_date

    def item_categories(self, hit):
        return [str(hit.kind_label)]
