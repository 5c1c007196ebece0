import hashlib

import pytest
from django.core.exceptions import ValidationError

from documents.extraction import text_dehyphenate
from documents.models import Document, DocumentPage, DocumentVersion
from documents.services import document_save
from documents.tests.library_factories import encrypted_pdf_bytes, make_document, pdf_bytes, pdf_upload
from emscher_portal.core.uploads.pdf import pdf_check_upload, pdf_filename_normalise

pytestmark = pytest.mark.django_db


def _stored_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _refusal(upload):
    with pytest.raises(ValidationError) as info:
        pdf_check_upload(upload)
    return info.value


def test_pdf_check_upload_accepts_real_pdf_and_reports_its_facts():
    data = pdf_bytes(["eins", "zwei", "drei"])

    facts = pdf_check_upload(pdf_upload(data, "Dokumentation Forum 2015 (Bochum).PDF"))

    assert facts.page_count == 3
    assert facts.size == len(data)
    assert facts.sha256 == hashlib.sha256(data).hexdigest()
    assert facts.filename == "dokumentation-forum-2015-bochum.pdf"


def test_pdf_check_upload_refuses_html_renamed_to_pdf():
    error = _refusal(pdf_upload(b"<!DOCTYPE html><html><body>Hallo</body></html>", "bericht.pdf"))

    assert error.code == "not_pdf"
    assert "kein PDF" in error.messages[0]


def test_pdf_check_upload_refuses_truncated_pdf():
    data = pdf_bytes(["eins", "zwei"])

    error = _refusal(pdf_upload(data[: len(data) // 2]))

    assert error.code == "damaged"
    assert error.messages == ["Die PDF-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden."]


def test_pdf_check_upload_refuses_pdf_with_broken_structure():
    data = pdf_bytes().replace(b"/Type /Pages", b"/Type /Xxxxx").replace(b"1 0 obj", b"1 0 jbo")

    error = _refusal(pdf_upload(data))

    assert error.code == "damaged"


def test_pdf_check_upload_refuses_encrypted_pdf():
    error = _refusal(pdf_upload(encrypted_pdf_bytes()))

    assert error.code == "encrypted"
    assert "verschlüsselt" in error.messages[0]


def test_pdf_check_upload_refuses_oversized_file(settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    data = pdf_bytes(padding=1024 * 1024)

    error = _refusal(pdf_upload(data))

    assert error.code == "too_large"
    assert error.messages == ["Die Datei ist zu groß (1,0 MB). Erlaubt sind höchstens 1 MB."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system.ini.pdf", "system-ini.pdf"),
        ("/tmp/../x/Übersicht Maßnahmen.pdf", "uebersicht-massnahmen.pdf"),
        ("..", "dokument.pdf"),
        ("bericht.exe", "bericht-exe.pdf"),
    ],
)
def test_pdf_filename_normalise_keeps_no_path(name, expected):
    assert pdf_filename_normalise(name) == expected


def test_document_save_with_path_in_file_name_stores_inside_private_root(settings):
    document = make_document(filename="../../../../etc/cron.d/evil.pdf", title="Pfadtest")

    path = settings.PRIVATE_MEDIA_ROOT.joinpath(document.file.name).resolve()
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT.resolve())
    assert path.name == "evil.pdf"
    assert document.filename == "evil.pdf"
    assert _stored_files(settings) == ["evil.pdf"]
    assert not (settings.MEDIA_ROOT / "documents").exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))


def test_document_save_refused_upload_leaves_no_file_and_no_row(settings):
    with pytest.raises(ValidationError):
        document_save(document=Document(title="Kaputt", year=2020), upload=pdf_upload(b"%PDF-1.4 nur Anfang"))

    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


def test_document_save_failing_after_storing_removes_the_file(settings):
    invalid = Document(title="x" * 300, year=2020)  # too long a title: full_clean fails after the file was stored

    with pytest.raises(ValidationError):
        document_save(document=invalid, upload=pdf_upload())

    assert Document.objects.count() == 0
    assert _stored_files(settings) == []


def test_document_save_new_file_keeps_earlier_version(django_capture_on_commit_callbacks):
    document = make_document(data=pdf_bytes(["alt"]), title="Positionspapier Hitze")
    first_name, first_sha = document.file.name, document.sha256

    with django_capture_on_commit_callbacks(execute=True):
        document_save(document=document, upload=pdf_upload(pdf_bytes(["neu", "zwei"]), "fassung-2.pdf"))

    document.refresh_from_db()
    versions = list(DocumentVersion.objects.filter(document=document).order_by("number"))
    assert [(v.number, v.page_count, v.filename) for v in versions] == [
        (1, 1, "dokumentation.pdf"),
        (2, 2, "fassung-2.pdf"),
    ]
    assert versions[0].file.name == first_name
    assert versions[0].sha256 == first_sha
    assert document.file.name == versions[1].file.name
    assert document.slug == "positionspapier-hitze"
    assert versions[0].file.storage.exists(first_name)


def test_document_extract_stores_page_texts_preview_and_count(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(data=pdf_bytes(["Hitzeinseln im Quartier", "Regenwasser vom Kanal abkoppeln"]))

    document.refresh_from_db()
    assert list(DocumentPage.objects.filter(document=document).values_list("number", "text")) == [
        (1, "Hitzeinseln im Quartier"),
        (2, "Regenwasser vom Kanal abkoppeln"),
    ]
    assert document.page_count == 2
    assert document.extracted_at is not None
    assert document.preview.name.endswith(".png")
    assert document.preview_width == 600
    assert document.preview_height == 850


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Entsiegel\u2010\nte Flächen", "Entsiegelte Flächen"),
        ("Of\u2010 \nfen gelegte Bäche", "Offen gelegte Bäche"),
        ("die Verduns-\ntung", "die Verdunstung"),
        ("Blau-\nGrün bleibt", "Blau-Grün bleibt"),
        ("Castrop-\nRauxel", "Castrop-Rauxel"),
        ("2020-\n2030", "2020-\n2030"),
        ("Zeile -\nneue Zeile", "Zeile -\nneue Zeile"),
        ("ohne Trennung\nzweite Zeile", "ohne Trennung\nzweite Zeile"),
    ],
)
def test_dehyphenate_joins_words_broken_at_a_line_end_and_keeps_real_hyphens(text, expected):
    assert text_dehyphenate(text) == expected


def test_document_extract_joins_hyphenated_line_ends(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(data=pdf_bytes(["Entsiegel-\nte Flächen und Blau-\nGrün im Quartier"]))

    assert DocumentPage.objects.get(document=document).text == "Entsiegelte Flächen und Blau-Grün im Quartier"
