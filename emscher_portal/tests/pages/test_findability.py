import datetime
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.tests.library_factories import make_document
from emscher_portal import demo
from forums.tests.factories import make_event

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt_excludes_admin_and_names_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_sitemap_lists_published_pages_of_every_app_with_lastmod(client):
    demo.load()
    event = make_event(title="Experten-Forum Bochum", slug="experten-forum-bochum")
    make_event(title="Entwurf", slug="entwurf-forum", status="draft")
    document = make_document(title="Dokumentation 2015", year=2015)

    root = ET.fromstring(client.get("/sitemap.xml").content)

    entries = {
        url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"): url.find(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }
    for path in (
        "/",
        "/foren/",
        event.get_absolute_url(),
        "/dokumente/",
        document.get_absolute_url(),
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/leichte-sprache/",
        "/kontakt/",
    ):
        assert path in entries, path
    assert "/foren/entwurf-forum/" not in entries
    for path in ("/", "/foren/", event.get_absolute_url(), "/dokumente/", document.get_absolute_url(), "/impressum/"):
        assert entries[path] is not None, path
        assert entries[path].text.startswith("20"), path


def test_event_feed_is_valid_atom_with_published_events_only(client):
    make_event(title="Experten-Forum Essen", slug="experten-forum-essen", motto="Grüne Hauptstadt")
    make_event(title="Geheimer Entwurf", slug="geheimer-entwurf", status="draft")

    response = client.get("/feeds/foren/")

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Emscher-Portal: Experten-Foren und Dezernententreffen"
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Experten-Forum Essen"]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/foren/experten-forum-essen/"
    assert "Grüne Hauptstadt" in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}updated").text.startswith("20")
    assert list(response.cookies) == []


def test_document_feed_is_valid_atom(client):
    make_document(title="Positionspapier Klimaanpassung", year=2021)
    make_document(title="Unveröffentlicht", status="draft")

    root = ET.fromstring(client.get("/feeds/dokumente/").content)

    assert [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")] == [
        "Positionspapier Klimaanpassung"
    ]


def test_head_has_canonical_opengraph_and_feed_links(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    demo.load()

    response = client.get("/impressum/?utm=x")

    assertInHTML('<link rel="canonical" href="https://portal.example.org/impressum/">', response.text)
    assertInHTML('<meta property="og:title" content="Impressum">', response.text)
    assertContains(response, '<meta property="og:description" content="Wer das Emscher-Portal betreibt')
    assertContains(
        response, '<meta property="og:image" content="https://portal.example.org/static/img/og-default.png">'
    )
    assertInHTML(
        '<link rel="alternate" type="application/atom+xml" title="Neue Foren und Treffen (Atom-Feed)"'
        ' href="/feeds/foren/">',
        response.text,
    )


def test_404_page_is_german_in_site_layout(client):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assertContains(response, "<h1>Seite nicht gefunden</h1>", html=True, status_code=404)
    assertContains(response, 'class="site-footer"', status_code=404)


def test_500_page_is_german_and_renders_without_request_context():
    html = render_to_string("500.html")

    assert "<h1>Technischer Fehler</h1>" in html
    assert "<title>Technischer Fehler – Emscher-Portal</title>" in html
    assert 'rel="canonical"' not in html
    assert 'lang="de"' in html


def test_accessibility_statement_lists_old_pdfs_from_the_library(client):
    forum_2018 = make_event(title="4. Experten-Forum", slug="forum-2018", start_date=datetime.date(2018, 9, 27))
    early_2018 = make_event(
        kind="dezernententreffen", title="3. Dezernententreffen", slug="dt-2018", start_date=datetime.date(2018, 3, 1)
    )
    make_document(title="Dokumentation 1. Experten-Forum", year=2015)
    make_document(title="Maßnahmenplan 2020+ (Fassung 2018)", year=2018, event=early_2018)
    make_document(title="Dokumentation 4. Experten-Forum", year=2018, event=forum_2018)
    make_document(title="Entwurf 2016", year=2016, status="draft")
    make_document(title="Dokumentation 2019", year=2019)

    response = client.get("/barrierefreiheit/")

    assertInHTML(
        '<ul class="text-page__list">'
        '<li><a href="/dokumente/dokumentation-1-experten-forum/">Dokumentation 1. Experten-Forum</a> (2015)</li>'
        '<li><a href="/dokumente/massnahmenplan-2020-fassung-2018/">Maßnahmenplan 2020+ (Fassung 2018)</a> (2018)</li>'
        "</ul>",
        response.text,
    )
    assertNotContains(response, "Dokumentation 4. Experten-Forum")
    assertNotContains(response, "Entwurf 2016")


def test_accessibility_statement_says_when_no_old_pdfs_exist(client):
    response = client.get("/barrierefreiheit/")

    assertContains(response, "Zurzeit enthält die Dokumentenbibliothek keine solchen Dateien.")


@pytest.mark.parametrize(
    "url",
    ["/", "/foren/", "/netzwerke/", "/massnahmenplan/", "/dokumente/", "/suche/?q=Wasser", "/impressum/",
     "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/gebaerdensprache/", "/kontakt/danke/",
     "/gibt-es-nicht/", "/feeds/foren/", "/feeds/dokumente/", "/sitemap.xml", "/robots.txt"],
)  # fmt: skip
def test_reader_of_a_page_without_form_gets_no_cookie(client, url):
    response = client.get(url)

    assert response.status_code in (200, 404)
    assert list(response.cookies) == []


def test_only_a_page_with_a_post_form_sets_the_csrf_cookie(client):
    response = client.get("/kontakt/")

    assert list(response.cookies) == ["csrftoken"]


def test_opengraph_title_names_the_page_on_detail_pages(client):
    from networks.tests.factories import make_network  # noqa: PLC0415 -- test-only factory

    make_network(name="Kühlung von Innenstädten", slug="kuehlung")
    make_document(title="Positionspapier Hitze", slug="positionspapier-hitze")

    for url, title in (
        ("/netzwerke/kuehlung/", "Kühlung von Innenstädten"),
        ("/dokumente/positionspapier-hitze/", "Positionspapier Hitze"),
    ):
        assertInHTML(f'<meta property="og:title" content="{title}">', client.get(url).text)
