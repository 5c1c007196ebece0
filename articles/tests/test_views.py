"""The article pages as readers see them: list with rubric filter, one article, drafts and schedules, related
articles on other pages, home, feed, sitemap and search."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.tests.factories import make_article, make_picture, make_rubric
from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import SearchEntry, Status
from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event
from networks.tests.factories import make_member, make_network

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _json_ld(response):
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start : html.index("</script>", start)])


# -- list --------------------------------------------------------------------------------------------------------


def test_list_shows_published_articles_newest_first(client):
    rubric = make_rubric(name="Wissenswertes", slug="wissenswertes")
    older = make_article(title="Älterer Artikel", date=datetime.date(2024, 1, 5), rubric=rubric)
    newer = make_article(title="Neuerer Artikel", date=datetime.date(2025, 2, 1), rubric=rubric)
    make_article(title="Geheimer Entwurf", status=Status.DRAFT, rubric=rubric)

    response = client.get("/aktuelles/")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]
    assertContains(response, "Neuerer Artikel")
    assertNotContains(response, "Geheimer Entwurf")
    assertContains(response, '<time datetime="2025-02-01">1. Februar 2025</time>', html=True)


def test_rubric_filter_shows_only_that_rubric(client):
    news = make_rubric(name="Aktuelles", slug="aktuelles")
    knowledge = make_rubric(name="Wissenswertes", slug="wissenswertes")
    make_article(title="Eine Nachricht", rubric=news)
    make_article(title="Ein Hintergrund", rubric=knowledge)

    response = client.get("/aktuelles/", {"rubrik": "wissenswertes"})

    assert response.status_code == 200
    assert [article.title for article in response.context["articles"]] == ["Ein Hintergrund"]
    assertContains(response, '<option value="wissenswertes" selected>Wissenswertes</option>', html=True)
    assertContains(response, "Rubrik: Wissenswertes")


def test_unknown_rubric_answers_400_with_the_german_message_and_all_articles(client):
    make_article(title="Eine Nachricht", rubric=make_rubric(slug="aktuelles"))

    response = client.get("/aktuelles/", {"rubrik": "gibt-es-nicht"})

    assert response.status_code == 400
    assertContains(response, "Die Rubrik „gibt-es-nicht“ gibt es nicht oder sie hat keine Artikel.", status_code=400)
    assertContains(response, "Eine Nachricht", status_code=400)


def test_list_is_paginated(client):
    rubric = make_rubric()
    for number in range(12):
        make_article(title=f"Artikel Nummer {number}", rubric=rubric)

    first = client.get("/aktuelles/")
    second = client.get("/aktuelles/", {"page": 2})

    assert len(first.context["articles"]) == 10
    assert len(second.context["articles"]) == 2
    assertContains(first, "12 Artikel · Seite 1 von 2")


def _fill(count):
    rubrics = [make_rubric(), make_rubric()]
    member = make_member(make_network())
    for number in range(count):
        article = make_article(rubric=rubrics[number % 2], author_member=member if number % 3 == 0 else None)
        if number % 2 == 0:
            make_picture(article, size=(64, 48), is_cover=True)


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    _fill(count)

    # content version, rubrics in use (filter), count, page of articles, their pictures, the operator (footer)
    with django_assert_num_queries(6):
        response = client.get("/aktuelles/")

    assert response.status_code == 200
    assert len(response.context["articles"]) == min(count, 10)


# -- one article -------------------------------------------------------------------------------------------------


def test_article_page_shows_title_author_date_rubric_and_pdf_link(client):
    article = make_article(
        title="Wer die Themen setzt",
        kicker="Ein Bürgerdialog als Vorbild",
        rubric=make_rubric(name="Wissenswertes", slug="wissenswertes"),
        date=datetime.date(2025, 3, 12),
        author_text="Redaktion Emscher-Portal",
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, '<h1 class="article__title" id="artikel-titel">Wer die Themen setzt</h1>', html=True)
    assertContains(response, '<p class="article__kicker">Ein Bürgerdialog als Vorbild</p>', html=True)
    assertContains(response, "<span>Autor: Redaktion Emscher-Portal</span>", html=True)
    assertContains(response, '<time datetime="2025-03-12">12. März 2025</time>', html=True)
    assertContains(response, '<a href="/aktuelles/?rubrik=wissenswertes">Wissenswertes</a>', html=True)
    assertContains(
        response,
        f'<a class="button button--secondary" href="{article.get_absolute_url()}pdf/" type="application/pdf">'
        "PDF anzeigen</a>",
        html=True,
    )
    assertContains(response, "Zitieren als:")


def test_author_member_is_named_only_with_consent(client):
    network = make_network()
    named = make_article(author_member=make_member(network, name="Ina Muster", has_consented=True))
    unnamed = make_article(
        author_member=make_member(network, name="Olaf Ohnezustimmung", has_consented=False), author_text=""
    )

    assertContains(client.get(named.get_absolute_url()), "Autor: Ina Muster")
    response = client.get(unnamed.get_absolute_url())
    assertNotContains(response, "Olaf Ohnezustimmung")
    assertContains(response, "Autor: Redaktion")


def test_json_ld_article_and_opengraph(client, settings):
    settings.SITE_URL = "https://portal.example"
    issue = make_document(title="Magazin 2024", slug="magazin-2024")
    article = make_article(
        title="Zehn Jahre",
        rubric=make_rubric(name="Aktuelles"),
        date=datetime.date(2024, 10, 21),
        printed_in=issue,
        printed_page=7,
        author_member=make_member(make_network(), name="Ina Muster"),
    )
    make_picture(article, is_cover=True, alt_text="Das Plenum")

    response = client.get(article.get_absolute_url())

    data = _json_ld(response)
    assert data["@type"] == "Article"
    assert data["headline"] == "Zehn Jahre"
    assert data["author"] == {"@type": "Person", "name": "Ina Muster"}
    assert data["datePublished"] == "2024-10-21"
    assert data["articleSection"] == "Aktuelles"
    assert data["isPartOf"] == {
        "@type": "PublicationIssue",
        "name": "Magazin 2024",
        "url": "https://portal.example/dokumente/magazin-2024/download/#page=7",
    }
    assert data["image"][0].startswith("https://portal.example/media/articles/renditions/")
    assertContains(response, '<meta property="og:type" content="article">', html=True)
    assertContains(response, '<meta property="og:title" content="Zehn Jahre">', html=True)
    assertContains(response, '<meta property="og:image:alt" content="Das Plenum">', html=True)
    assertContains(response, '<meta property="article:section" content="Aktuelles">', html=True)


def test_printed_issue_link_opens_the_document_at_the_articles_page(client):
    issue = make_document(title="Magazin 2024", slug="magazin-2024")
    article = make_article(printed_in=issue, printed_page=7)

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<a class="button button--secondary" href="/dokumente/magazin-2024/download/#page=7" type="application/pdf">'
        "Im Heft „Magazin 2024“ lesen (PDF, ab Seite 7)</a>",
        html=True,
    )


def test_printed_issue_still_a_draft_is_not_linked(client):
    issue = make_document(title="Heft im Entwurf", slug="heft-im-entwurf", status=Status.DRAFT)
    article = make_article(printed_in=issue, printed_page=7)

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Heft im Entwurf")
    assert "isPartOf" not in _json_ld(response)


def test_related_content_only_published(client):
    article = make_article(
        events=[make_event(title="9. Experten-Forum"), make_event(title="Forum im Entwurf", status=Status.DRAFT)],
        networks=[make_network(name="Leitbilder und Standards")],
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, "9. Experten-Forum")
    assertContains(response, "Leitbilder und Standards")
    assertNotContains(response, "Forum im Entwurf")


def test_detail_query_count(client, django_assert_num_queries):
    issue = make_document()
    article = make_article(
        events=[make_event()], networks=[make_network()], documents=[issue], printed_in=issue, printed_page=2
    )
    make_picture(article, is_cover=True)
    make_picture(article)

    # version, article (+ rubric, author, issue), pictures, events, networks, measures, documents, operator
    with django_assert_num_queries(8):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200


# -- drafts and schedules ----------------------------------------------------------------------------------------


def test_draft_is_404_for_the_public_and_shown_to_staff_with_the_banner(staff_client):
    article = make_article(title="Noch nicht fertig", status=Status.DRAFT)

    public = Client().get(article.get_absolute_url())
    public_pdf = Client().get(f"{article.get_absolute_url()}pdf/")
    staff = staff_client.get(article.get_absolute_url())

    assert public.status_code == 404
    assert public_pdf.status_code == 404
    assertContains(staff, "Noch nicht fertig")
    assertContains(staff, "Diese Seite ist noch nicht veröffentlicht")


@pytest.mark.django_db(transaction=True)
def test_scheduled_article_is_invisible_until_its_time(client):
    article = make_article(title="Artikel mit Zeitplanprobe", slug="zeitplan", status=Status.DRAFT)
    article.publish_at = timezone.now() + datetime.timedelta(minutes=5)
    article.save()

    early = client.get("/aktuelles/zeitplan/")
    early_list = client.get("/aktuelles/")
    early_feed = client.get("/feeds/aktuelles/")
    article.publish_at = timezone.now() - datetime.timedelta(seconds=30)
    article.save()
    on_time = client.get("/aktuelles/zeitplan/")

    assert early.status_code == 404
    assertNotContains(early_list, "Zeitplanprobe")
    assertNotContains(early_feed, "Zeitplanprobe")
    assertContains(on_time, "Artikel mit Zeitplanprobe")
    assertContains(client.get("/aktuelles/"), "Artikel mit Zeitplanprobe")
    assertContains(client.get("/feeds/aktuelles/"), "Artikel mit Zeitplanprobe")
    assertContains(client.get("/suche/", {"q": "Zeitplanprobe"}), "/aktuelles/zeitplan/")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_former_slug_redirects(client):
    article = make_article(slug="alter-name")
    from emscher_portal.core.slugs import slug_change_record  # noqa: PLC0415 -- only this test renames

    article.slug = "neuer-name"
    article.save()
    slug_change_record(instance=article, old_slug="alter-name")

    response = client.get("/aktuelles/alter-name/")

    assert response.status_code == 301
    assert response["Location"] == "/aktuelles/neuer-name/"


# -- elsewhere ---------------------------------------------------------------------------------------------------


def test_event_network_and_measure_pages_list_their_published_articles(client):
    event = make_event()
    network = make_network()
    measure = make_measure(make_field(make_plan()))
    make_article(title="Bericht vom Forum", events=[event], networks=[network], measures=[measure])
    make_article(title="Entwurf zum Forum", events=[event], networks=[network], measures=[measure], status="draft")

    for url in (event.get_absolute_url(), network.get_absolute_url(), measure.get_absolute_url()):
        response = client.get(url)
        assertContains(response, '<h2 id="artikel-dazu">Artikel dazu</h2>', html=True)
        assertContains(response, "Bericht vom Forum")
        assertNotContains(response, "Entwurf zum Forum")


def test_home_shows_the_newest_three_articles(client):
    rubric = make_rubric()
    for number in range(4):
        make_article(title=f"Startseitenartikel {number}", date=datetime.date(2025, 1, 1 + number), rubric=rubric)

    response = client.get("/")

    assert [article.title for article in response.context["newest_articles"]] == [
        "Startseitenartikel 3",
        "Startseitenartikel 2",
        "Startseitenartikel 1",
    ]
    assertContains(response, "Startseitenartikel 3")
    assertNotContains(response, "Startseitenartikel 0")


def test_feed_parses_and_lists_published_articles(client):
    make_article(title="Im Feed", rubric=make_rubric(name="Aktuelles"), author_text="Redaktion")
    make_article(title="Nicht im Feed", status=Status.DRAFT)

    response = client.get("/feeds/aktuelles/")

    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Im Feed"]
    assert entries[0].find(f"{ATOM}category").get("term") == "Aktuelles"
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Redaktion"


def test_sitemap_lists_the_list_and_published_articles(client):
    published = make_article()
    draft = make_article(status=Status.DRAFT)

    root = ET.fromstring(client.get("/sitemap.xml").content)

    locations = [url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for url in root]
    assert any(location.endswith("/aktuelles/") for location in locations)
    assert any(location.endswith(published.get_absolute_url()) for location in locations)
    assert not any(location.endswith(draft.get_absolute_url()) for location in locations)


def test_search_finds_the_body_and_box_text_as_kind_artikel(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            title="Ein Hintergrund",
            rubric=make_rubric(name="Wissenswertes"),
            body=(
                "## Eins\n\nText.\n\n::: wissenswertes Kasten\nRegenwasserbewirtschaftung im Kasten.\n:::\n\n"
                "::: abbildung 1\n:::\n"
            ),
        )
        make_article(title="Ein Entwurf", body="Regenwasserbewirtschaftung", status=Status.DRAFT)

    response = client.get("/suche/", {"q": "Regenwasserbewirtschaftung"})
    markers = client.get("/suche/", {"q": "abbildung"})

    assert [hit.title for hit in response.context["hits"]] == ["Ein Hintergrund"]
    assert response.context["hits"][0].kind == "artikel"
    assertContains(response, "Artikel")
    assert Article.objects.count() == 2
    assertNotContains(markers, "Ein Hintergrund")


def test_renaming_a_rubric_or_an_authors_consent_reaches_the_articles_search_entry(
    client, django_capture_on_commit_callbacks
):
    rubric = make_rubric(name="Aktuelles")
    member = make_member(make_network(), name="Ina Muster", has_consented=True)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Ein Bericht", rubric=rubric, author_member=member)

    with django_capture_on_commit_callbacks(execute=True):
        rubric.name = "Aus den Netzwerken"
        rubric.save()
        member.has_consented = False
        member.save()

    entry = SearchEntry.objects.get(url=article.get_absolute_url())
    assert "Aus den Netzwerken" in entry.summary
    assert "Ina Muster" not in entry.summary


def test_a_preview_link_shows_a_draft_article_and_its_pdf_to_someone_without_an_account(redaktion_client):
    article = make_article(title="Vorschau eines Artikels", slug="vorschau-artikel", status=Status.DRAFT)
    page = redaktion_client.post(f"/admin/articles/article/{article.pk}/vorschau/", {"days": "3"}, follow=True)
    url = re.search(r'value="http://[^"]+(/vorschau/[^"]+/)"', page.text)[1]

    reader = Client()
    preview = reader.get(url)
    _pdf, pdf_text = read_pdf(reader.get(f"{url}pdf/"))

    assertContains(preview, "Vorschau eines Artikels")
    assertContains(preview, "Vorschau eines Entwurfs")
    assert "ENTWURF – NICHT VERÖFFENTLICHT" in pdf_text  # on every page, in capitals
    assert reader.get("/aktuelles/vorschau-artikel/").status_code == 404
