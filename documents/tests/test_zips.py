import hashlib
import io
import zipfile

import pytest
from pytest_django.asserts import assertContains

from documents.services import document_save
from documents.tests.library_factories import make_document, pdf_bytes, pdf_upload
from emscher_portal.core.models import Status
from forums.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content)


def _manifest(archive):
    lines = archive.read("MANIFEST.txt").decode().splitlines()
    return lines[:2], [line.split("\t") for line in lines[2:]]


def test_the_zip_holds_every_published_document_and_the_manifest_checksums_match_the_downloads(client):
    event = make_event(title="9. Experten-Forum", slug="experten-forum-2024")
    first = make_document(title="Dokumentation", slug="dokumentation-2024", event=event, data=pdf_bytes(["A"]))
    second = make_document(title="Präsentation", slug="praesentation-2024", event=event, data=pdf_bytes(["B", "C"]))
    make_document(title="Entwurf", slug="entwurf-2024", event=event, status=Status.DRAFT)
    withdrawn = make_document(title="Zurückgezogen", slug="zurueckgezogen-2024", event=event)
    withdrawn.status = Status.DRAFT
    withdrawn.save()

    response = client.get("/foren/experten-forum-2024/dokumente.zip")

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    assert sorted(archive.namelist()) == ["MANIFEST.txt", "dokumentation-2024.pdf", "praesentation-2024.pdf"]
    head, rows = _manifest(archive)
    assert head == ["Alle Dokumente: 9. Experten-Forum", "Name\tGröße (Bytes)\tSHA-256\tTitel"]
    assert sorted(row[0] for row in rows) == ["dokumentation-2024.pdf", "praesentation-2024.pdf"]
    for name, size, sha256, title in rows:
        document = {"dokumentation-2024.pdf": first, "praesentation-2024.pdf": second}[name]
        downloaded = _body(client.get(document.get_download_url()))
        assert archive.read(name) == downloaded
        assert (int(size), sha256, title) == (
            len(downloaded),
            hashlib.sha256(downloaded).hexdigest(),
            document.title,
        )


def test_the_zip_is_stored_once_per_content_version(client, settings):
    event = make_event(slug="forum-zip")
    document = make_document(event=event, data=pdf_bytes(["Erste Fassung"]))
    folder = settings.PRIVATE_MEDIA_ROOT / "zip"

    first = client.get("/foren/forum-zip/dokumente.zip")
    again = client.get("/foren/forum-zip/dokumente.zip")
    document_save(document=document, upload=pdf_upload(pdf_bytes(["Zweite Fassung"])))
    changed = client.get("/foren/forum-zip/dokumente.zip")

    assert _body(first) == _body(again)
    assert first["ETag"] == again["ETag"] != changed["ETag"]
    assert len([path for path in folder.rglob("*.zip")]) == 2
    archive = zipfile.ZipFile(io.BytesIO(_body(changed)))
    assert archive.read(f"{document.slug}.pdf") == _body(client.get(document.get_download_url()))


def test_no_zip_for_a_draft_event_or_an_event_without_published_documents(client):
    draft = make_event(slug="entwurf", status=Status.DRAFT)
    make_document(event=draft)
    empty = make_event(slug="ohne-dokumente")
    make_document(event=empty, status=Status.DRAFT)

    assert client.get("/foren/entwurf/dokumente.zip").status_code == 404
    assert client.get("/foren/ohne-dokumente/dokumente.zip").status_code == 404
    assert client.get("/foren/gibt-es-nicht/dokumente.zip").status_code == 404


def test_the_event_page_links_the_zip(client):
    event = make_event(slug="forum-mit-zip")
    make_document(event=event)

    response = client.get(event.get_absolute_url())

    assertContains(
        response,
        '<a href="/foren/forum-mit-zip/dokumente.zip" type="application/zip">Alle Dokumente als ZIP</a>',
        html=True,
    )
