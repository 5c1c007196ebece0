"""Hostile query strings on every public page that reads parameters: never a 500 (hypothesis).

The parameter names come from two places: the filters the design promises (below) and every GET form the page
itself renders, so a filter added later is attacked without touching this file.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PAGES = {
    "/": ["page"],
    "/foren/": ["jahr", "art", "stadt", "page"],
    "/netzwerke/": ["page", "fachgebiet", "stadt"],
    "/massnahmenplan/": ["handlungsfeld", "status", "netzwerk", "stadt", "page", "q"],
    "/aktuelles/": ["rubrik", "page"],
    "/dokumente/": ["typ", "art", "jahr", "veranstaltung", "forum", "netzwerk", "page", "q"],
    "/suche/": ["q", "art", "jahr", "page"],
    "/kontakt/": ["betreff"],
    "/foren/termine.ics": ["jahr"],
    "/sitemap.xml": ["p"],
}

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "2016",
    "20160",
    "experten-forum",
    "dezernententreffen",
    "%",
    "%%",
    "%zz",
    "%00",
    "%ff%fe",
    "\x00",
    "a\x00b",
    "'; DROP TABLE forums_event; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "::",
    "&&",
    "!",
    "a:*",
    "(",
    "|",
    "Ä" * 300,
    "x" * 5000,
    "\ud7ff",
    "🦆",
    "\u202e",
    "last",
    "1.5",
]

_value = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def _encode(value):
    # Raw percent garbage goes out as it is; everything else is percent-encoded the way a browser would.
    if value.startswith("%") and len(value) <= 6:
        return value
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


class _GetFormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and attributes.get("name"):
            self.names.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _parameter_names(client, path, known):
    response = client.get(path)
    finder = _GetFormFields()
    if response.get("Content-Type", "").startswith("text/html"):
        finder.feed(response.text)
    return sorted(set(known) | finder.names)


@pytest.fixture
def portal_client(demo, client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_query_strings_never_cause_a_server_error(portal_client, path):
    names = _parameter_names(portal_client, path, PAGES[path])

    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(st.tuples(st.sampled_from(names), _value), min_size=1, max_size=5))
    def check(pairs):
        query = "&".join(f"{_encode(name)}={_encode(value)}" for name, value in pairs)
        response = portal_client.get(f"{path}?{query}")
        assert response.status_code < 500, f"GET {path}?{query} -> {response.status_code}"

    check()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_nasty_value_in_every_parameter(portal_client, path):
    names = _parameter_names(portal_client, path, PAGES[path])

    failures = []
    for name in names:
        for value in NASTY:
            query = f"{name}={_encode(value)}"
            response = portal_client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append(f"GET {path}?{query} -> {response.status_code}")

    assert failures == []


def test_get_form_field_finder_reads_only_get_forms():
    finder = _GetFormFields()

    finder.feed(
        '<form><input name="q"><select name="jahr"></select></form>'
        '<form method="post"><input name="csrfmiddlewaretoken"></form>'
        '<form method="GET"><textarea name="t"></textarea></form>'
    )

    assert finder.names == {"q", "jahr", "t"}
