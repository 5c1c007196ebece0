"""Whatever arrives in the query string, /suche/ answers with a normal page or a 400 — never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emscher_portal.core.models import Status
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "\x00",
    "Regen\x00wasser",
    "x" * 10_000,
    '"',
    '"""',
    "'",
    "!",
    "&",
    "|",
    "!(a & b) | c:*",
    "a <-> b",
    "-",
    "- -",
    "or",
    "\"Regen wasser\" or -'x'",
    "\\",
    "%",
    "%%",
    "%s",
    "%(q)s",
    "{}",
    "der die das",
    "\ue000\ue001",
    "🙂",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "null",
]


@pytest.fixture
def some_content(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_network(name="Regenwasser", purpose="Versickerung und Verdunstung.", status=Status.PUBLISHED)


@pytest.mark.parametrize("q", NASTY)
def test_nasty_queries_give_a_normal_page(client, some_content, q):
    response = client.get("/suche/", {"q": q})

    assert response.status_code == 200
    assert b"<h1" in response.content


query_text = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=300), st.text(alphabet="\"'!&|:*()<->%\\ \x00ab", max_size=40)
)
page_value = st.one_of(
    st.sampled_from(["-1", "0", "abc", "99999", "1e3", "", "2", "1.5", "\x00", "9" * 40]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.text(max_size=20),
)
kind_value = st.one_of(
    st.sampled_from(["", "netzwerk", "dokument", "unbekannt", "NETZWERK", "\x00"]), st.text(max_size=20)
)
year_value = st.one_of(st.sampled_from(["", "2019", "-5", "abc", "99999999999999999999"]), st.text(max_size=10))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=query_text, page=page_value, art=kind_value, jahr=year_value)
def test_no_combination_of_parameters_breaks_the_page(client, some_content, q, page, art, jahr):
    response = client.get("/suche/", {"q": q, "page": page, "art": art, "jahr": jahr})

    # 400/404: a page number that is no number or lies past the end, answered with a page of hits (core.filtering)
    assert response.status_code in (200, 400, 404)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.dictionaries(st.sampled_from(["q", "page", "art", "jahr", "x"]), st.text(max_size=30), max_size=5))
def test_repeated_and_unknown_parameters_are_fine(client, some_content, extra):
    query = "&".join(f"{key}={value}" for key, value in extra.items()) + "&q=a&q=b&page=1&page=x"

    response = client.get(f"/suche/?{query}")

    assert response.status_code in (200, 400, 404)
