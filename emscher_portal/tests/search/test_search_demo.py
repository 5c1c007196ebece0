"""Site search over the demo content: what a reader finds for the words people type, in which order."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from forums.models import Event

pytestmark = pytest.mark.django_db


def hits(client, q, **params):
    return client.get("/suche/", {"q": q, **params}).context["hits"]


def test_same_programme_item_at_several_events_is_one_hit_listing_them(client, demo):
    response = client.get("/suche/", {"q": "Wasser"})
    found = response.context["hits"]

    keynotes = [hit for hit in found if hit.title == "Impuls: Wasser in der Stadt von morgen"]
    assert len(keynotes) == 1
    events = Event.objects.published().filter(programme_items__title="Impuls: Wasser in der Stadt von morgen")
    expected = [event.title for event in events.order_by("-start_date")]
    assert len(expected) > 1
    assert [title for title, _url, _date in keynotes[0].places] == expected
    newest = events.order_by("-start_date").first()
    assertContains(response, f'Im Programm von: <a href="{newest.get_absolute_url()}#programm">{newest.title}</a>')


def test_city_finds_the_event_above_its_programme_items_and_workshops(client, demo):
    found = hits(client, "Gelsenkirchen")

    kinds = [hit.kind for hit in found]
    assert found[0].title == "4. Experten-Forum in Gelsenkirchen"
    assert "programmpunkt" in kinds
    assert "workshop" in kinds
    assert all(
        kinds.index("veranstaltung") < position for position, kind in enumerate(kinds) if kind != "veranstaltung"
    )


def test_year_with_a_city_finds_that_forum_first(client, demo):
    found = hits(client, "Gelsenkirchen 2018")

    assert found[0].title == "4. Experten-Forum in Gelsenkirchen"
    assert found[0].date_text == "27. September 2018"


def test_documents_of_equal_relevance_come_newest_first(client, demo):
    years = [int(hit.date_text) for hit in hits(client, "Beispieldokument", art="dokument")]

    assert len(years) > 3
    assert years == sorted(years, reverse=True)


def test_foren_finds_the_forums(client, demo):
    foren = [hit.title for hit in hits(client, "Foren", art="veranstaltung")]
    forum = [hit.title for hit in hits(client, "Forum", art="veranstaltung")]

    assert "4. Experten-Forum in Gelsenkirchen" in foren
    assert foren == forum


@pytest.mark.parametrize(
    ("q", "title", "url"),
    [
        ("Impressum", "Impressum", "/impressum/"),
        ("Barrierefreiheit", "Erklärung zur Barrierefreiheit", "/barrierefreiheit/"),
        ("Leichte Sprache", "Informationen in Leichter Sprache", "/leichte-sprache/"),
    ],
)
def test_text_pages_are_found_first(client, demo, q, title, url):
    found = hits(client, q)

    assert (found[0].title, found[0].url, found[0].kind) == (title, url, "seite")


def test_home_page_text_is_found(client, demo):
    found = hits(client, "Hierarchiegrenzen", art="seite")

    assert [(hit.title, hit.url) for hit in found] == [("Startseite: Wasser in der Stadt von morgen", "/")]


def test_pdf_snippets_read_without_line_end_hyphens(client, demo):
    response = client.get("/suche/", {"q": "Verdunstung"})

    assert any(hit.kind == "dokument" for hit in response.context["hits"])
    assertContains(response, "<mark>Verdunstung</mark>")
    assertNotContains(response, "Verduns\u2010")
    assertNotContains(response, "\u2010 ")


def test_query_count_is_the_same_on_the_demo(client, demo, django_assert_num_queries):
    with django_assert_num_queries(3):  # facets, hits, the operator (footer)
        response = client.get("/suche/", {"q": "Wasser"})

    assert len(response.context["hits"]) == 20
