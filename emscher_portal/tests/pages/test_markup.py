"""Markup rules every rendered page keeps, checked without a browser."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from documents.tests.plan_factories import make_field, make_measure, make_plan
from forums.tests.factories import make_event, make_photo
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db

# A <script> without src is inline code and banned by the CSP. The one exception is a JSON-LD data block
# (type="application/ld+json"): browsers never execute it, so script-src does not apply.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/ld\+json\")[^>]*>")

PAGES = [
    "/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/kontakt/",
    "/kontakt/?betreff=barriere",
    "/kontakt/danke/",
    "/gibt-es-nicht/",
    "/foren/",
    "/foren/?art=experten-forum",
    "/foren/markup-forum/",
    "/netzwerke/",
    "/netzwerke/markup-netzwerk/",
    "/massnahmenplan/",
    "/massnahmenplan/markup-massnahme/",
    "/dokumente/",
    "/dokumente/markup-dokument/",
    "/suche/?q=Wasser",
    "/suche/?q=Xylophonzauberwort",
]


@pytest.fixture(autouse=True)
def _one_of_each(db):
    """One published object of every content type, so that the detail pages in PAGES exist and lists are not empty."""
    from documents.tests.library_factories import make_document  # noqa: PLC0415 -- test-only factories

    network = make_network(name="Markup-Netzwerk", slug="markup-netzwerk")
    event = make_event(title="Markup-Forum", slug="markup-forum", networks=[network])
    make_photo(event)
    make_measure(make_field(make_plan()), title="Markup-Maßnahme", slug="markup-massnahme")
    make_document(title="Markup-Dokument", slug="markup-dokument", event=event)


@pytest.mark.parametrize("url", PAGES)
def test_page_has_no_inline_script_or_style(client, url):
    html = client.get(url).text

    assert ' style="' not in html
    assert INLINE_SCRIPT.findall(html) == []
    assert re.findall(r"\son[a-z]+=", html) == []


@pytest.mark.parametrize("url", PAGES)
def test_every_input_has_a_label(client, url):
    html = client.get(url).text

    ids = re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html


class _UrlCollector(HTMLParser):
    """Collects (tag, attribute, url) for every src/href/srcset/poster/og:image on a page."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "poster", "action", "data"):
            if attrs.get(name):
                self.urls.append((tag, name, attrs[name]))
        if attrs.get("srcset"):
            self.urls += [(tag, "srcset", part.split()[0]) for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "meta" and (attrs.get("property") or "").startswith("og:") and "://" in (attrs.get("content") or ""):
            self.urls.append((tag, attrs["property"], attrs["content"]))


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_nothing_from_another_host(client, url):
    collector = _UrlCollector()
    collector.feed(client.get(url).text)
    own_host = urlsplit(settings.SITE_URL).netloc

    # Only plain outgoing links (<a href>) may point elsewhere; canonical and og: URLs name our own SITE_URL.
    foreign = [
        (tag, name, target)
        for tag, name, target in collector.urls
        if tag != "a" and urlsplit(target).netloc not in ("", own_host)
    ]
    assert foreign == []
    assert collector.urls


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script type="application/ld+json">{"@type": "Event"}</script>', []),
        ('<script type="module" src="/static/js/a.js"></script>', []),
        ("<script>alert(1)</script>", ["<script>"]),
        ('<script type="text/javascript">alert(1)</script>', ['<script type="text/javascript">']),
        ('<script type="application/json">{}</script>', ['<script type="application/json">']),
    ],
)
def test_inline_script_check_allows_only_json_ld_data_blocks(html, found):
    assert INLINE_SCRIPT.findall(html) == found
