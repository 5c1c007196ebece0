"""Site search on Postgres: what a reader finds at /suche/, and what never appears there."""

import datetime
import itertools
import re

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from articles.tests.factories import make_article
from documents.tests.library_factories import make_document, pdf_bytes
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import SearchEntry, SearchTerm, SiteOperator, Status
from emscher_portal.core.search.registry import kinds
from emscher_portal.models import LegalPage
from forums.tests.factories import make_event, make_programme_item, make_workshop
from networks.models import Network
from networks.tests.factories import make_member, make_network
from participation.models import Topic
from participation.tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the index updates that are queued for after the commit (the test transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def titles(response):
    return [hit.title for hit in response.context["hits"]]


def test_search_page_without_query_shows_the_form_only(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # the operator (footer)
        response = client.get("/suche/")

    assert response.status_code == 200
    assertInHTML('<h1 class="search-page__title">Suche</h1>', response.text)
    assertContains(response, '<label class="search-form__label" for="search-q">Suchbegriff</label>', html=True)
    assertNotContains(response, "Treffer")


def test_stemming_finds_other_word_forms(client, indexed):
    with indexed():
        make_network(name="Blau-grüne Infrastruktur", purpose="Wie Regenwasser in der Stadt bleibt.")
        make_network(name="Leitbilder", purpose="Standards für jede Versickerungsanlage im Quartier.")

    assert titles(client.get("/suche/", {"q": "Regenwassers"})) == ["Blau-grüne Infrastruktur"]
    assert titles(client.get("/suche/", {"q": "Versickerungsanlagen"})) == ["Leitbilder"]


def test_title_hit_ranks_above_body_hit(client, indexed):
    with indexed():
        make_network(name="Wirtschaftlichkeit", purpose="Kosten und Nutzen.", body="Auch die Starkregenvorsorge zählt.")
        make_network(name="Starkregenvorsorge", purpose="Vorsorge in den Städten.")
        make_network(name="Kompetenzentwicklung", purpose="Schulungen zur Starkregenvorsorge für Kommunen.")

    response = client.get("/suche/", {"q": "Starkregenvorsorge"})

    assert titles(response) == ["Starkregenvorsorge", "Kompetenzentwicklung", "Wirtschaftlichkeit"]
    assertContains(response, "3 Treffer für „Starkregenvorsorge“")


def test_hit_shows_kind_date_link_and_highlighted_snippet(client, indexed):
    with indexed():
        event = make_event(
            title="5. Experten-Forum",
            start_date=datetime.date(2019, 10, 30),
            body="Rund 300 Fachleute sprachen über **Hitzevorsorge** in Oberhausen.",
        )

    response = client.get("/suche/", {"q": "Hitzevorsorge"})

    assertContains(response, f'<a href="{event.get_absolute_url()}">5. Experten-Forum</a>', html=True)
    assertContains(response, '<span class="search-hit__date">30. Oktober 2019</span>', html=True)
    assertContains(response, '<span class="search-hit__kind">Veranstaltungen</span>', html=True)
    assertContains(response, "über <mark>Hitzevorsorge</mark> in Oberhausen")


def test_snippet_and_title_escape_content_html(client, indexed):
    with indexed():
        make_network(
            name="<b>Netz</b> Regenwasser",
            purpose='Regenwasser & Abwasser: Abfluss < 5 l/s und "Drossel"',
            body='<script>alert("x")</script> <img src=x onerror=alert(1)> Regenwasser',
        )

    response = client.get("/suche/", {"q": "Regenwasser"})

    assertNotContains(response, "<script>alert")
    assertNotContains(response, "<img src=x")
    assertNotContains(response, "<b>Netz</b>")
    assertContains(response, "&lt;b&gt;Netz&lt;/b&gt; <mark>Regenwasser</mark>")
    assertContains(response, "<mark>Regenwasser</mark> &amp; Abwasser: Abfluss &lt; 5 l/s und &quot;Drossel")


def test_pdf_text_hit_names_the_page_and_links_to_it(client, indexed):
    with indexed():
        document = make_document(
            title="Dokumentation 5. Experten-Forum",
            data=pdf_bytes(
                pages=("Einleitung und Programm", "Workshops am Vormittag", "Mulden-Rigolen-Systeme im Bestand")
            ),
        )
    download = f"/dokumente/{document.slug}/download/"

    response = client.get("/suche/", {"q": "Rigolen"})

    assert titles(response) == ["Dokumentation 5. Experten-Forum"]
    assertContains(response, '<span class="search-hit__page">Seite 3:</span>', html=True)
    assertContains(
        response,
        f'<a class="search-hit__page-link" href="{download}#page=3" aria-label="Seite 3 im PDF öffnen">3</a>',
        html=True,
    )
    assertContains(response, "Mulden-<mark>Rigolen</mark>-Systeme")
    assert SearchEntry.objects.filter(object_id=document.pk, kind="dokument").count() == 4


def test_drafts_are_never_found(client, indexed):
    with indexed():
        make_network(name="Entwurf Regenrückhaltung", status=Status.DRAFT)
        draft_event = make_event(title="Geplantes Forum Regenrückhaltung", status=Status.DRAFT)
        make_programme_item(draft_event, title="Regenrückhaltung im Programm")
        make_workshop(draft_event, title="Workshop Regenrückhaltung")
        make_document(title="Regenrückhaltung als Entwurf", status=Status.DRAFT)
        plan = make_plan(status=Status.DRAFT)
        make_measure(make_field(plan), title="Regenrückhaltung ausbauen")
        make_network(name="Öffentlich", purpose="Etwas anderes.")

    response = client.get("/suche/", {"q": "Regenrückhaltung"})

    assert titles(response) == []
    assertContains(response, "0 Treffer für „Regenrückhaltung“")
    assert SearchEntry.objects.count() == 1


def test_unpublishing_and_deleting_remove_hits_at_once(client, indexed):
    with indexed():
        network = make_network(name="Klimaanpassung im Quartier")
        event = make_event(title="Dezernententreffen Klimaanpassung")
        make_programme_item(event, title="Impuls Klimaanpassung")
    assert len(titles(client.get("/suche/", {"q": "Klimaanpassung"}))) == 3

    with indexed():
        network.status = Status.DRAFT
        network.save()
        event.status = Status.DRAFT
        event.save()

    assert titles(client.get("/suche/", {"q": "Klimaanpassung"})) == []

    with indexed():
        network.status = Status.PUBLISHED
        network.save()
    assert titles(client.get("/suche/", {"q": "Klimaanpassung"})) == ["Klimaanpassung im Quartier"]

    with indexed():
        network.delete()
    assert titles(client.get("/suche/", {"q": "Klimaanpassung"})) == []
    assert SearchEntry.objects.count() == 0


def test_members_are_found_only_with_consent(client, indexed):
    with indexed():
        network = make_network(name="Vernetzung und Zusammenarbeit")
        make_member(network, name="Erika Mustermann", has_consented=True, role="Sprecherin")
        withdrawn = make_member(network, name="Max Mustermann", has_consented=True)
        make_member(network, name="Otto Mustermann", has_consented=False)
        withdrawn.has_consented = False
        withdrawn.save()

    response = client.get("/suche/", {"q": "Mustermann"})

    assert titles(response) == ["Erika Mustermann"]
    assertNotContains(response, "Max Mustermann")
    assertNotContains(response, "Otto Mustermann")
    assertContains(response, f'href="{network.get_absolute_url()}#network-members-title"')


def test_members_of_an_unpublished_network_are_not_found(client, indexed):
    with indexed():
        network = make_network(name="Gesundes Wohnen")
        make_member(network, name="Erika Beispiel", has_consented=True)
        network.status = Status.DRAFT
        network.save()

    assert titles(client.get("/suche/", {"q": "Beispiel"})) == []


def test_measures_programme_items_and_workshops_are_found(client, indexed):
    with indexed():
        event = make_event(title="9. Experten-Forum", start_date=datetime.date(2024, 10, 9))
        make_programme_item(event, title="Exkursion zum Schwammstadt-Quartier")
        make_workshop(event, title="Kühlung", results="Mehr Schwammstadt wagen.")
        make_measure(make_field(make_plan()), title="Schwammstadt-Prinzip verankern")

    response = client.get("/suche/", {"q": "Schwammstadt"})

    assert sorted(hit.kind for hit in response.context["hits"]) == ["massnahme", "programmpunkt", "workshop"]
    assertContains(response, f'href="{event.get_absolute_url()}#programm"')


def test_filters_by_kind_and_year_with_counts(client, indexed):
    with indexed():
        make_event(title="Forum Gründach", start_date=datetime.date(2017, 10, 12))
        make_event(title="Treffen Gründach", start_date=datetime.date(2018, 2, 1))
        make_network(name="Gründach-Netzwerk")

    everything = client.get("/suche/", {"q": "Gründach"})
    events_2017 = client.get("/suche/", {"q": "Gründach", "art": "veranstaltung", "jahr": "2017"})

    assert len(titles(everything)) == 3
    assertContains(
        everything,
        '<a class="search-filters__link" href="?q=Gr%C3%BCndach&amp;art=veranstaltung">'
        'Veranstaltungen <span class="search-filters__count">2</span></a>',
        html=True,
    )
    assertContains(
        everything,
        '<a class="search-filters__link" href="?q=Gr%C3%BCndach&amp;jahr=2017">'
        '2017 <span class="search-filters__count">1</span></a>',
        html=True,
    )
    assert titles(events_2017) == ["Forum Gründach"]
    assertContains(events_2017, "1 Treffer für „Gründach“")


def test_pagination_walks_through_results(client, indexed):
    with indexed():
        for number in range(23):
            make_network(name=f"Netz {number:02d}", purpose="Thema Wasserwirtschaft.")

    first = client.get("/suche/", {"q": "Wasserwirtschaft"})
    second = client.get("/suche/", {"q": "Wasserwirtschaft", "page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))
    assertContains(first, "23 Treffer")
    assertContains(
        first, '<a class="pagination__link" href="?q=Wasserwirtschaft&amp;page=2" rel="next">Weiter</a>', html=True
    )


@pytest.mark.parametrize(
    ("page", "status", "message"),
    [
        ("-1", 400, "Seite -1 gibt es nicht. Hier ist die erste Seite."),
        ("abc", 400, "„abc“ ist keine Seitenzahl. Hier ist die erste Seite."),
        ("0", 400, "Seite 0 gibt es nicht. Hier ist die erste Seite."),
        ("99999", 404, "Seite 99999 gibt es nicht – diese Liste hat nur 1 Seite. Hier ist die letzte Seite."),
        ("1e9", 400, "„1e9“ ist keine Seitenzahl. Hier ist die erste Seite."),
        ("", 200, None),
    ],
)
def test_bad_page_values_give_a_page_of_hits_with_a_message(client, indexed, page, status, message):
    with indexed():
        make_network(name="Netz", purpose="Wasserwirtschaft.")

    response = client.get("/suche/", {"q": "Wasserwirtschaft", "page": page})

    # As on every paginated list (core.filtering.list_page): the hits, with the reason above them.
    assert response.status_code == status
    assert titles(response) == ["Netz"]
    if message:
        assertContains(
            response,
            f'<div class="notice notice--error" role="alert"><p>{message}</p></div>',
            html=True,
            status_code=status,
        )
    else:
        assertNotContains(response, "notice--error")


def test_query_count_is_constant(client, indexed, django_assert_num_queries):
    with indexed():
        make_network(name="Eins", purpose="Grundwasser.")
    with django_assert_num_queries(3):
        client.get("/suche/", {"q": "Grundwasser"})

    with indexed():
        make_network(name="Zwei", purpose="Grundwasser.")
        make_document(title="Grundwasser-Bericht", data=pdf_bytes(pages=("Grundwasser", "Grundwasser")))
        make_event(title="Forum Grundwasser")
    with django_assert_num_queries(3):
        response = client.get("/suche/", {"q": "Grundwasser", "art": "netzwerk"})
    assert len(titles(response)) == 2


def test_nothing_found_suggests_a_spelling_and_links_to_the_archive(client, indexed, django_assert_num_queries):
    with indexed():
        make_network(name="Regenwasser im Quartier", purpose="Blau-grüne Infrastruktur.")

    with django_assert_num_queries(4):  # facets, suggestion, its check (no hits query for an empty result), operator
        response = client.get("/suche/", {"q": "Regnwasser"})

    assertContains(response, "0 Treffer für „Regnwasser“")
    assertInHTML(
        '<p class="search-empty__suggestion">Meinten Sie <a href="?q=Regenwasser">„Regenwasser“</a>?</p>', response.text
    )
    assertContains(response, '<a href="/foren/">Archiv der Foren und Treffen</a>', html=True)
    assert titles(client.get("/suche/", {"q": "Regenwasser"})) == ["Regenwasser im Quartier"]


def test_suggestion_comes_from_words_of_the_text_too(client, indexed):
    with indexed():
        make_network(name="Leitbilder", purpose="Wir planen Versickerungsmulden an jeder Schule.")

    response = client.get("/suche/", {"q": "Versickerungsmulen Schule"})

    assertInHTML(
        '<p class="search-empty__suggestion">Meinten Sie '
        '<a href="?q=Versickerungsmulden+Schule">„Versickerungsmulden Schule“</a>?</p>',
        response.text,
    )


def test_suggestion_never_offers_withdrawn_words_or_member_names(client, indexed):
    with indexed():
        network = make_network(name="Netz", purpose="Zisternenbewirtschaftung im Quartier.")
        make_member(network, name="Erika Wasserstraßenmeier", has_consented=True)
        withdrawn = make_network(name="Zurückgezogen", purpose="Regenwasserspeicherung.")
        withdrawn.status = Status.DRAFT
        withdrawn.save()

    offered = client.get("/suche/", {"q": "Zisternenbewirtschaftng"})
    withdrawn_word = client.get("/suche/", {"q": "Regenwasserspeicherng"})

    assertContains(offered, "Meinten Sie")
    assertNotContains(withdrawn_word, "Meinten Sie")
    assert not SearchTerm.objects.filter(word__icontains="Wasserstraßenmeier").exists()


def test_no_suggestion_when_nothing_is_similar(client, indexed):
    with indexed():
        make_network(name="Regenwasser im Quartier")

    response = client.get("/suche/", {"q": "Xylophon"})

    assertNotContains(response, "Meinten Sie")
    assertContains(response, "Nichts gefunden")


def test_rebuild_command_indexes_what_signals_did_not_see(client):
    Network.objects.bulk_create(
        [
            Network(
                name="Leitbilder und Standards", slug="leitbilder", purpose="Regenwasser.", status=Status.PUBLISHED
            ),
            Network(name="Entwurf", slug="entwurf", purpose="Regenwasser.", status=Status.DRAFT),
        ]
    )
    assert titles(client.get("/suche/", {"q": "Regenwasser"})) == []

    call_command("rebuild_search_index", stdout=__import__("io").StringIO())

    assert titles(client.get("/suche/", {"q": "Regenwasser"})) == ["Leitbilder und Standards"]


def test_opensearch_description_is_linked_and_served(client):
    home = client.get("/")
    description = client.get("/opensearch.xml")

    assertContains(
        home,
        '<link rel="search" type="application/opensearchdescription+xml" title="Emscher-Portal"'
        ' href="/opensearch.xml">',
        html=True,
    )
    assert description["Content-Type"] == "application/opensearchdescription+xml; charset=utf-8"
    assert (
        '<Url type="text/html" method="get" template="http://127.0.0.1:8000/suche/?q={searchTerms}"/>'
        in description.text
    )


def test_header_search_box_posts_to_the_search_page(client):
    response = client.get("/")

    assertContains(response, '<form class="site-search" action="/suche/" method="get" role="search">')


def test_signals_leave_the_same_index_as_a_rebuild(indexed):
    with indexed():
        network = make_network(name="Wirtschaftlichkeit", purpose="Kosten und Nutzen.")
        make_member(network, name="Erika Beispiel")
        make_member(network, name="Otto Ohne", has_consented=False)
        event = make_event(title="7. Experten-Forum", start_date=datetime.date(2022, 9, 1))
        make_programme_item(event, title="Begrüßung")
        make_workshop(event, title="Gesundes Wohnen", results="Mehr Schatten.")
        make_measure(make_field(make_plan()), title="Dachbegrünung fördern")
        make_document(title="Dokumentation 2022", data=pdf_bytes(pages=("Eins", "Zwei")))
        make_topic(make_round("closed", title="Themen für 2022"), title="Schattige Schulhöfe")
        make_event(title="Entwurf", status=Status.DRAFT)
        make_article(title="Zehn Jahre Zukunftsinitiative", events=[event])
        LegalPage.objects.create(
            kind=LegalPage.Kind.EASY_LANGUAGE, title="Leichte Sprache", body="Text.", status=Status.PUBLISHED
        )
        SiteOperator.objects.update_or_create(pk=SiteOperator.SINGLE_ROW, defaults={"publisher": "Initiative"})
        event.title = "7. Experten-Forum in Castrop-Rauxel"
        event.save()
    by_signals = sorted(SearchEntry.objects.values_list("kind", "page", "title", "url", "date_text"))

    call_command("rebuild_search_index", stdout=__import__("io").StringIO())

    assert sorted(SearchEntry.objects.values_list("kind", "page", "title", "url", "date_text")) == by_signals
    assert sorted({kind for kind, *_ in by_signals}) == sorted(kinds())
    assert ("veranstaltung", 0, "7. Experten-Forum in Castrop-Rauxel") in {row[:3] for row in by_signals}


def test_body_only_hits_follow_title_hits_newest_first(client, indexed):
    with indexed():
        make_event(title="Forum 2016", start_date=datetime.date(2016, 6, 1), body="Thema Verdunstungskühlung.")
        make_event(title="Forum 2021", start_date=datetime.date(2021, 11, 22), body="Thema Verdunstungskühlung.")
        make_event(title="Verdunstungskühlung", start_date=datetime.date(2015, 12, 11))

    assert titles(client.get("/suche/", {"q": "Verdunstungskühlung"})) == [
        "Verdunstungskühlung",
        "Forum 2021",
        "Forum 2016",
    ]


def test_search_page_markup_keeps_the_rules(client, indexed):
    with indexed():
        for number in range(25):
            make_network(name=f"Netz {number}", purpose="Thema Regenwasser.")
    html = client.get("/suche/", {"q": "Regenwasser"}).text

    assert html.count("<h1") == 1
    assert ' style="' not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []
    for input_id in re.findall(r'<input[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    assertContains(
        client.get("/suche/", {"q": "Regenwasser", "page": "2"}),
        '<a class="pagination__link pagination__link--current" href="?q=Regenwasser&amp;page=2" aria-current="page">'
        '<span class="visually-hidden">Seite </span>2</a>',
        html=True,
    )


def test_search_answers_only_reads(client):
    assert client.post("/suche/", {"q": "Regenwasser"}).status_code == 405
    assert client.head("/suche/", {"q": "Regenwasser"}).status_code == 200


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Foren", "Das Forum der Städte"),
        ("Forum", "Zwei Foren im Jahr"),
        ("Massnahme", "Eine Maßnahme für das Quartier"),
        ("Maßnahmen", "Jede Massnahme zählt"),
        ("Strasse", "An der Straße versickern"),
        ("Gruendach", "Ein Gründach für jede Schule"),
        ("Gründächer", "Ein Gruendach für jede Schule"),
        ("Ueberflutung", "Schutz vor Überflutung"),
        ("Oeffnung", "Die Öffnung des Bachs"),
        ("Workshops", "Ein Workshop zur Hitze"),
        ("Themen", "Ein Thema für alle"),
        ("aktuell", "Der aktuelle Stand"),
        ("Quelle", "Die Quelle des Bachs"),
    ],
)
def test_german_word_forms_find_each_other(client, indexed, query, text):
    with indexed():
        make_network(name="Gesuchtes Netz", purpose=text)
        make_network(name="Anderes Netz", purpose="Nichts davon.")

    assert titles(client.get("/suche/", {"q": query})) == ["Gesuchtes Netz"]


def test_transcribed_query_highlights_the_umlaut_word(client, indexed):
    with indexed():
        make_network(name="Netz", purpose="Schutz vor Überflutung im Quartier.")

    assertContains(client.get("/suche/", {"q": "Ueberflutung"}), "Schutz vor <mark>Überflutung</mark> im Quartier")


def test_programme_item_ranks_below_its_event_and_repeated_items_are_one_hit(client, indexed):
    with indexed():
        first = make_event(title="Forum Bochum", start_date=datetime.date(2015, 12, 11), teaser="Zur Schwammstadt.")
        second = make_event(title="Forum Essen", start_date=datetime.date(2017, 10, 12))
        make_programme_item(first, title="Schwammstadt im Bestand")
        make_programme_item(second, title="Schwammstadt  im Bestand")
        make_programme_item(second, title="Pause", description="Gespräche über die Schwammstadt.")

    response = client.get("/suche/", {"q": "Schwammstadt"})
    found = response.context["hits"]

    assert [(hit.kind, hit.title) for hit in found] == [
        ("veranstaltung", "Forum Bochum"),
        ("programmpunkt", "Schwammstadt im Bestand"),
        ("programmpunkt", "Pause"),
    ]
    assert found[1].places == [
        ("Forum Essen", f"{second.get_absolute_url()}#programm", "12. Oktober 2017"),
        ("Forum Bochum", f"{first.get_absolute_url()}#programm", "11. Dezember 2015"),
    ]
    assertContains(response, "3 Treffer für „Schwammstadt“")
    assertContains(
        client.get("/suche/", {"q": "Schwammstadt", "art": "programmpunkt"}),
        '<a class="search-filters__link" href="?q=Schwammstadt&amp;art=programmpunkt" aria-current="true">'
        'Programmpunkte <span class="search-filters__count">2</span></a>',
        html=True,
    )


def test_pdf_page_links_start_with_the_page_of_the_snippet(client, indexed):
    with indexed():
        document = make_document(
            title="Dokumentation",
            data=pdf_bytes(pages=("Rigole am Rand", "Ohne Treffer", "Rigole, Rigole und noch eine Rigole")),
        )
    download = f"/dokumente/{document.slug}/download/"

    response = client.get("/suche/", {"q": "Rigole"})
    hit = response.context["hits"][0]

    assert hit.page == 3
    assert hit.pages == [(3, f"{download}#page=3"), (1, f"{download}#page=1")]
    assertContains(response, '<span class="search-hit__page">Seite 3:</span>', html=True)


def test_a_topic_is_found_once_approved_and_a_waiting_proposal_never(client, indexed):
    with indexed():
        round_ = make_round("proposing", title="Themen für das nächste Forum")
        make_topic(round_, title="Zisternenförderung für Schulen")
        waiting = make_topic(round_, title="Zisternenpflicht im Neubau", moderation=Topic.Moderation.SUBMITTED)

    assert titles(client.get("/suche/", {"q": "Zisternenförderung"})) == ["Zisternenförderung für Schulen"]
    assert titles(client.get("/suche/", {"q": "Zisternenpflicht"})) == []

    with indexed():
        waiting.moderation = Topic.Moderation.APPROVED
        waiting.save()

    assert titles(client.get("/suche/", {"q": "Zisternenpflicht"})) == ["Zisternenpflicht im Neubau"]
