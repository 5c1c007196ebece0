import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from documents.models import Document, DocumentPage
from documents.tests.library_factories import encrypted_pdf_bytes, make_document, pdf_bytes

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:documents_document_add")


def _form(upload=None, **overrides):
    data = {
        "title": "Dokumentation 9. Experten-Forum",
        "slug": "",
        "kind": "dokumentation",
        "year": "2024",
        "language": "de",
        "issuer": "Zukunftsinitiative „Wasser in der Stadt von morgen“",
        "licence": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        "description": "",
        "event": "",
        "status": "draft",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    if upload is not None:
        data["upload"] = upload
    return data | overrides


def _files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><body>keine PDF</body></html>", "Die Datei ist kein PDF"),
        (pdf_bytes(["eins", "zwei"])[:300], "Die PDF-Datei ist beschädigt oder unvollständig"),
        (encrypted_pdf_bytes(), "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt"),
    ],
    ids=["html-renamed", "truncated", "encrypted"],
)
def test_admin_refuses_bad_upload_with_german_message_and_keeps_nothing(staff_client, settings, content, message):
    response = staff_client.post(ADD_URL, _form(SimpleUploadedFile("bericht.pdf", content)))

    assertContains(response, message)
    assert Document.objects.count() == 0
    assert _files(settings) == []


def test_admin_refuses_oversized_upload(staff_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1

    response = staff_client.post(ADD_URL, _form(SimpleUploadedFile("gross.pdf", pdf_bytes(padding=1_100_000))))

    assertContains(response, "Die Datei ist zu groß (1,0 MB). Erlaubt sind höchstens 1 MB.")
    assert Document.objects.count() == 0
    assert _files(settings) == []


def test_admin_requires_a_file_for_a_new_document(staff_client):
    response = staff_client.post(ADD_URL, _form())

    assertContains(response, "Bitte laden Sie eine PDF-Datei hoch.")
    assert Document.objects.count() == 0


def test_admin_upload_creates_document_version_and_extracts(staff_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("../../Dokumentation Forum 2024.pdf", pdf_bytes(["Handeln im Wandel", "Bottrop"]))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(ADD_URL, _form(upload))

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.slug == "dokumentation-9-experten-forum"
    assert document.filename == "dokumentation-forum-2024.pdf"
    assert document.page_count == 2
    assert list(document.versions.values_list("number", flat=True)) == [1]
    assert list(DocumentPage.objects.values_list("text", flat=True)) == ["Handeln im Wandel", "Bottrop"]


def test_admin_replacing_file_keeps_url_and_old_version(staff_client):
    document = make_document(title="Positionspapier", data=pdf_bytes(["alt"]))
    change_url = reverse("admin:documents_document_change", args=[document.pk])
    data = _form(
        SimpleUploadedFile("neu.pdf", pdf_bytes(["neu"])),
        title="Positionspapier",
        slug=document.slug,
        year="2019",
        status="published",
        **{"versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "1"},
    )
    data["versions-0-id"] = str(document.versions.get().pk)
    data["versions-0-document"] = str(document.pk)

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.slug == "positionspapier"
    assert list(document.versions.order_by("number").values_list("filename", flat=True)) == [
        "dokumentation.pdf",
        "neu.pdf",
    ]
    assert document.filename == "neu.pdf"


def test_admin_edit_without_new_file_keeps_current_file(staff_client):
    document = make_document(title="Protokoll", data=pdf_bytes(["bleibt"]))
    change_url = reverse("admin:documents_document_change", args=[document.pk])
    data = _form(
        title="Protokoll (korrigiert)",
        slug=document.slug,
        year="2019",
        status="published",
        **{"versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "1"},
    )
    data["versions-0-id"] = str(document.versions.get().pk)
    data["versions-0-document"] = str(document.pk)

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Protokoll (korrigiert)"
    assert document.versions.count() == 1
    assert document.file.name == document.versions.get().file.name
