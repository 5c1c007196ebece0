import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.models import DocumentKind
from documents.services import document_save
from documents.tests.library_factories import make_document, pdf_bytes, pdf_upload
from emscher_portal.core.models import Status
from emscher_portal.core.slugs import slug_change_record
from forums.tests.factories import make_event
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db

LIST_URL = reverse("documents:document-list")


def _download(client, document, **headers):
    response = client.get(document.get_download_url(), headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_document_list_shows_newest_first_with_format_line():
    make_document(title="Dokumentation 1. Experten-Forum", year=2015, data=pdf_bytes(["a"] * 24))
    make_document(title="Positionspapier Hitze", year=2023, kind=DocumentKind.POSITION_PAPER)

    response = Client().get(LIST_URL)

    body = response.content.decode()
    assert body.index("Positionspapier Hitze") < body.index("Dokumentation 1. Experten-Forum")
    assertContains(response, "PDF, 24 Seiten,")
    assertInHTML('<p class="document-count" role="status">2 Dokumente</p>', body)


def test_document_list_filters_by_kind_year_event_and_network(client):
    event = make_event(title="3. Experten-Forum Essen", slug="forum-essen")
    network = make_network(name="Wirtschaftlichkeit", slug="wirtschaftlichkeit")
    make_document(title="Doku Essen", year=2017, event=event)
    make_document(title="Papier Netzwerk", year=2020, kind=DocumentKind.POSITION_PAPER, networks=[network])
    make_document(title="Anderes", year=2020)

    by_kind = client.get(LIST_URL, {"art": "positionspapier"})
    by_year = client.get(LIST_URL, {"jahr": "2017"})
    by_event = client.get(LIST_URL, {"veranstaltung": "forum-essen"})
    by_network = client.get(LIST_URL, {"netzwerk": "wirtschaftlichkeit"})

    assert [d.title for d in by_kind.context["documents"]] == ["Papier Netzwerk"]
    assert [d.title for d in by_year.context["documents"]] == ["Doku Essen"]
    assert [d.title for d in by_event.context["documents"]] == ["Doku Essen"]
    assert [d.title for d in by_network.context["documents"]] == ["Papier Netzwerk"]


def test_document_list_unknown_filter_is_400_with_german_message(client):
    make_document()

    response = client.get(LIST_URL, {"jahr": "1850"})

    assert response.status_code == 400
    assertContains(response, "Für das Jahr „1850“ gibt es keine Dokumente.", status_code=400)


def test_document_list_bad_value_is_named_at_its_field_and_the_other_filters_apply(client):
    make_document(title="Papier", year=2020, kind=DocumentKind.POSITION_PAPER)
    make_document(title="Doku", year=2020)

    response = client.get(LIST_URL, {"jahr": "1850", "art": "positionspapier"})

    assert response.status_code == 400
    assertContains(response, 'id="id_jahr" aria-invalid="true" aria-describedby="id_jahr-error"', status_code=400)
    assertContains(response, '<p class="field-error" id="id_jahr-error">Für das Jahr „1850“', status_code=400)
    assert [d.title for d in response.context["documents"]] == ["Papier"]


def test_document_list_hides_drafts_from_public_and_shows_them_to_staff(staff_client):
    make_document(title="Öffentliches Dokument")
    make_document(title="Geheimer Entwurf", status=Status.DRAFT)

    public = Client().get(LIST_URL)
    staff = staff_client.get(LIST_URL)

    assertNotContains(public, "Geheimer Entwurf")
    assertContains(public, "Öffentliches Dokument")
    assertContains(staff, "Geheimer Entwurf")


@pytest.mark.parametrize("count", [1, 3])
def test_document_list_query_count_is_constant(client, django_assert_num_queries, count):
    event = make_event()
    for _ in range(count):
        make_document(event=event)

    with django_assert_num_queries(7):
        response = client.get(LIST_URL)

    assert len(response.context["documents"]) == count


def test_document_detail_shows_facts_checksum_citation_and_preview(client, django_capture_on_commit_callbacks):
    event = make_event(title="1. Experten-Forum", slug="forum-2015")
    data = pdf_bytes(["eins", "zwei"])
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(title="Dokumentation 1. Experten-Forum", year=2015, event=event, data=data)

    response = client.get(document.get_absolute_url())

    assertContains(response, '<h1 class="document__title">Dokumentation 1. Experten-Forum</h1>', html=True)
    assertContains(response, hashlib.sha256(data).hexdigest())
    assertContains(response, "Zitieren als")
    citation = response.content.decode().split('class="document__citation">')[1].split("</p>")[0]
    # The title already names the event, so the citation does not repeat it; it names the version and its SHA-256.
    assert citation.startswith(
        "Zukunftsinitiative „Wasser in der Stadt von morgen“: Dokumentation 1. Experten-Forum. 2015. Version 1, "
        f'SHA-256: <code class="document__checksum">{hashlib.sha256(data).hexdigest()}</code>. Online: http://'
    )
    assert "/dokumente/dokumentation-1-experten-forum/ (abgerufen am " in citation
    assertContains(response, 'alt="Erste Seite von „Dokumentation 1. Experten-Forum“"')
    assertContains(response, "PDF, 2 Seiten,")


def test_citation_names_the_event_once_and_the_current_version_with_its_checksum(client):
    event = make_event(title="3. Experten-Forum in Essen", slug="forum-essen")
    document = make_document(title="Positionspapier Hitze", year=2017, event=event, data=pdf_bytes(["alt"]))
    newer = pdf_bytes(["neu", "zwei"])
    document_save(document=document, upload=pdf_upload(newer))

    response = client.get(document.get_absolute_url())

    citation = response.content.decode().split('class="document__citation">')[1].split("</p>")[0]
    assert citation.startswith(
        "Zukunftsinitiative „Wasser in der Stadt von morgen“: Positionspapier Hitze. 3. Experten-Forum in Essen, 2017. "
        f'Version 2, SHA-256: <code class="document__checksum">{hashlib.sha256(newer).hexdigest()}</code>. Online: '
    )
    assert citation.count("3. Experten-Forum in Essen") == 1


def test_demo_document_citation_does_not_repeat_the_event(client, demo):
    response = client.get("/dokumente/beispieldokument-experten-forum-2024/")

    citation = response.content.decode().split('class="document__citation">')[1].split("</p>")[0]
    assert citation.count("9. Experten-Forum in Bottrop") == 1
    assert "Version 1, SHA-256: " in citation


def test_document_detail_has_a_breadcrumb_to_the_library(client):
    document = make_document(title="Papier")

    response = client.get(document.get_absolute_url())

    assertContains(
        response,
        '<nav class="breadcrumbs" aria-label="Brotkrumen"><ol><li><a href="/dokumente/">Dokumente</a></li></ol></nav>',
        html=True,
    )


def test_document_list_hides_the_network_filter_while_no_document_has_a_network(client):
    make_document(title="Ohne Netzwerk")

    without = client.get(LIST_URL)
    make_document(title="Mit Netzwerk", networks=[make_network(name="Wirtschaftlichkeit", slug="wirtschaftlichkeit")])
    with_network = client.get(LIST_URL)

    assertNotContains(without, 'name="netzwerk"')
    assertNotContains(without, '<label for="id_netzwerk">')
    assertContains(with_network, '<option value="wirtschaftlichkeit">Wirtschaftlichkeit</option>', html=True)


def test_document_list_names_an_unknown_network_even_while_the_filter_has_no_options(client):
    make_document(title="Ohne Netzwerk")

    response = client.get(LIST_URL, {"netzwerk": "weg"})

    assert response.status_code == 400
    assertContains(response, '<p class="field-error" id="id_netzwerk-error">Zum Netzwerk „weg“', status_code=400)


def test_demo_library_links_documents_to_networks_and_offers_the_filter(client, demo):
    response = client.get(LIST_URL)

    options = response.content.decode().split('name="netzwerk"')[1].split("</select>")[0]
    assert options.count("<option") > 1
    linked = client.get(LIST_URL, {"netzwerk": "leitbilder-und-standards"})
    assert linked.status_code == 200
    assert all(d.title.startswith("Beispieldokument: Dokumentation") for d in linked.context["documents"])
    assert len(linked.context["documents"]) >= 1


def test_document_list_page_past_the_end_shows_the_last_page_with_a_german_message(client):
    for number in range(21):
        make_document(title=f"Dokument {number:02d}", year=2000 + number)

    response = client.get(LIST_URL, {"page": "9", "jahr": ""})

    assert response.status_code == 404
    assertContains(
        response,
        '<div class="notice notice--error" role="alert"><p>Seite 9 gibt es nicht – diese Liste hat nur 2 Seiten. '
        "Hier ist die letzte Seite.</p></div>",
        html=True,
        status_code=404,
    )
    assert [d.title for d in response.context["documents"]] == ["Dokument 00"]


def test_document_detail_of_draft_is_404_for_public_and_shown_to_staff_with_banner(staff_client):
    document = make_document(title="Entwurf Papier", status=Status.DRAFT)
    public_client = Client()

    public = public_client.get(document.get_absolute_url())
    public_download = public_client.get(document.get_download_url())
    public_version = public_client.get(reverse("documents:document-version-download", args=[document.slug, 1]))
    staff = staff_client.get(document.get_absolute_url())

    assert public.status_code == 404
    assert public_download.status_code == 404
    assert public_version.status_code == 404
    assertContains(staff, "Diese Seite ist noch nicht veröffentlicht")


def test_document_detail_lists_earlier_versions_with_working_downloads(client):
    first = pdf_bytes(["erste Fassung"])
    document = make_document(title="Plan", data=first)
    document_save(document=document, upload=pdf_upload(pdf_bytes(["zweite Fassung"]), "plan-v2.pdf"))

    page = client.get(document.get_absolute_url())
    old = client.get(reverse("documents:document-version-download", args=[document.slug, 1]))

    assertContains(page, "Frühere Versionen")
    assertContains(page, hashlib.sha256(first).hexdigest())
    assert b"".join(old.streaming_content) == first
    assert old["Content-Disposition"] == 'inline; filename="Plan (Version 1).pdf"'
    assert document.get_absolute_url() == "/dokumente/plan/"


def test_document_download_headers(client, settings):
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_S_MAXAGE = 120
    data = pdf_bytes(["Inhalt"])
    document = make_document(title="Maßnahmen für Grünflächen", data=data)

    response, body = _download(client, document)

    assert response.status_code == 200
    assert body == data
    assert body.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''Ma%C3%9Fnahmen%20f%C3%BCr%20Gr%C3%BCnfl%C3%A4chen.pdf"
    )
    assert response["ETag"] == f'"{hashlib.sha256(data).hexdigest()}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    # As short as a cached page's: a withdrawn document must not stay in shared caches for an hour.
    assert {part.strip() for part in response["Cache-Control"].split(",")} == {"public", "max-age=60", "s-maxage=120"}


def test_document_download_with_matching_etag_is_304(client):
    document = make_document()

    first, _ = _download(client, document)
    second, body = _download(client, document, if_none_match=first["ETag"])
    other, _ = _download(client, document, if_none_match='"etwas-anderes"')

    assert second.status_code == 304
    assert body == b""
    assert second["ETag"] == first["ETag"]
    assert other.status_code == 200


def test_document_download_of_draft_for_staff_is_private(staff_client):
    document = make_document(status=Status.DRAFT)

    response, body = _download(staff_client, document)

    assert body.startswith(b"%PDF")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_document_files_are_not_reachable_under_media(client, settings):
    settings.SERVE_MEDIA = True
    document = make_document(status=Status.DRAFT)

    assert not (settings.MEDIA_ROOT / document.file.name).exists()
    assert (settings.PRIVATE_MEDIA_ROOT / document.file.name).is_file()
    with pytest.raises(ValueError, match="not accessible via a URL"):
        document.file.url  # noqa: B018 -- the property raises


def test_downloads_under_a_former_slug_redirect_to_the_current_one(client):
    document = make_document(slug="neuer-name")
    slug_change_record(instance=document, old_slug="alter-name")

    current = client.get("/dokumente/alter-name/download/")
    version = client.get("/dokumente/alter-name/versionen/1/download/?x=1")

    assert (current.status_code, current["Location"]) == (301, "/dokumente/neuer-name/download/")
    assert (version.status_code, version["Location"]) == (301, "/dokumente/neuer-name/versionen/1/download/?x=1")
    assert client.get("/dokumente/nie-vergeben/download/").status_code == 404


def test_download_of_a_file_missing_from_storage_is_404_and_logged(client, caplog):
    document = make_document()
    document.file.storage.delete(document.file.name)

    response, _ = _download(client, document)
    version = client.get(reverse("documents:document-version-download", args=[document.slug, 1]))

    assert response.status_code == 404
    assert version.status_code == 404
    assert document.file.name in caplog.text
