import datetime
import io
import re
from datetime import UTC

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from emscher_portal import demo as legal_demo
from emscher_portal.core.models import Status
from emscher_portal.models import LegalPage, SignLanguageVideo
from emscher_portal.tests.core.videos import make_mp4, make_webm
from emscher_portal.tests.pdfs import outline_titles, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_texts():
    legal_demo.load()


@pytest.mark.parametrize(
    ("url", "heading", "marker"),
    [
        ("/impressum/", "Impressum", "Beispieltext der Redaktion:"),
        ("/datenschutz/", "Datenschutzerklärung", "<strong>Vorlage der Redaktion:</strong>"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit", "<strong>Vorlage der Redaktion:</strong>"),
        ("/leichte-sprache/", "Informationen in Leichter Sprache", None),
    ],
)
def test_legal_page_shows_editor_text_marked_as_template(client, demo_texts, url, heading, marker):
    response = client.get(url)

    assertContains(response, f"<h1>{heading}</h1>", html=True)
    if marker:
        assertContains(response, marker)
    assert list(response.cookies) == []


def test_legal_page_date_is_a_valid_html_datetime_to_the_second(client, demo_texts):
    page = LegalPage.objects.get(kind=LegalPage.Kind.PRIVACY)
    LegalPage.objects.filter(pk=page.pk).update(
        updated_at=datetime.datetime(2026, 12, 1, 18, 33, 39, 282646, tzinfo=UTC)
    )

    response = client.get("/datenschutz/")

    assertContains(response, '<time datetime="2026-12-01T19:33:39+01:00">1. Dezember 2026</time>', html=True)


def test_legal_page_without_text_says_it_is_being_written(client):
    response = client.get("/impressum/")

    assertContains(response, "<h1>Impressum</h1>", html=True)
    assertContains(response, "Dieser Text wird gerade von der Redaktion geschrieben.")


def test_legal_page_shows_what_the_redaktion_edited(client):
    LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title="Impressum", body="## Anbieter\n\nStadt Musterstadt", status=Status.PUBLISHED
    )

    response = client.get("/impressum/")

    assertInHTML("<h2>Anbieter</h2>", response.text)
    assertContains(response, "<p>Stadt Musterstadt</p>", html=True)


def test_privacy_page_states_the_contact_retention_period(client, settings):
    settings.CONTACT_RETENTION_DAYS = 90

    response = client.get("/datenschutz/")

    assertContains(response, "speichern wir 90 Tage lang. Danach werden sie automatisch gelöscht.")


def test_accessibility_statement_names_standard_status_feedback_and_enforcement(client, demo_texts):
    response = client.get("/barrierefreiheit/")

    for text in ("BITV NRW", "EN 301 549", "WCAG", "teilweise barrierefrei", "Ombudsstelle", "Durchsetzungsverfahren"):
        assertContains(response, text)
    assertContains(response, '<a class="button" href="/kontakt/?betreff=barriere">Barriere melden</a>', html=True)


def test_easy_language_text_has_one_sentence_per_line(client, demo_texts):
    response = client.get("/leichte-sprache/")

    assertContains(response, "Viele Städte liegen an dem Fluss Emscher.<br")
    assertContains(response, '<a href="/gebaerdensprache/">Informationen in Deutscher Gebärdensprache</a>', html=True)


def test_header_links_easy_language_and_sign_language_on_every_page(client):
    response = client.get("/")

    assertContains(response, 'href="/leichte-sprache/"')
    assertContains(response, 'href="/gebaerdensprache/"')
    assertContains(response, "Gebärdensprache</a>")


def test_sign_language_page_says_honestly_when_no_video_exists(client):
    SignLanguageVideo.objects.create(title="Noch nicht frei", video="gebaerdensprache/x.mp4", video_format="mp4")

    response = client.get("/gebaerdensprache/")

    assertContains(response, "Ein Video in Deutscher Gebärdensprache gibt es noch nicht.")
    assertNotContains(response, "<video")


def test_admin_upload_of_mp4_records_format_size_and_duration_and_page_plays_it(staff_client):
    content = make_mp4(seconds=95)
    upload = SimpleUploadedFile("egal.txt", content, content_type="text/plain")

    response = staff_client.post(
        "/admin/emscher_portal/signlanguagevideo/add/",
        {"title": "Das Portal in Gebärdensprache", "video": upload, "description": "", "is_published": "on"},
    )

    assert response.status_code == 302
    video = SignLanguageVideo.objects.get()
    assert (video.video_format, video.file_size, video.duration_seconds) == ("mp4", len(content), 95)
    assert re.fullmatch(r"gebaerdensprache/[0-9a-f]{32}\.mp4", video.video.name)
    page = staff_client.get("/gebaerdensprache/")
    assertContains(page, f'<source src="{video.video.url}" type="video/mp4">', html=True)
    assertContains(page, "Länge 1:35 Minuten")
    assertContains(page, "Video herunterladen")


def test_admin_upload_of_webm_is_accepted(staff_client):
    upload = SimpleUploadedFile("video.webm", make_webm(seconds=42), content_type="video/webm")

    staff_client.post("/admin/emscher_portal/signlanguagevideo/add/", {"title": "DGS", "video": upload})

    assert SignLanguageVideo.objects.get().video_format == "webm"


def test_admin_refuses_a_file_that_only_claims_to_be_a_video(staff_client):
    upload = SimpleUploadedFile("video.mp4", b"%PDF-1.7\n" + bytes(100), content_type="video/mp4")

    response = staff_client.post("/admin/emscher_portal/signlanguagevideo/add/", {"title": "DGS", "video": upload})

    assertContains(response, "Die Datei ist kein MP4- oder WebM-Video.")
    assert SignLanguageVideo.objects.count() == 0


def test_admin_refuses_a_video_over_the_size_limit(staff_client, settings):
    settings.SIGN_LANGUAGE_VIDEO_MAX_BYTES = 100
    upload = SimpleUploadedFile("video.mp4", make_mp4(), content_type="video/mp4")

    response = staff_client.post("/admin/emscher_portal/signlanguagevideo/add/", {"title": "DGS", "video": upload})

    assertContains(response, "Das Video ist zu groß.")
    assert SignLanguageVideo.objects.count() == 0


def test_demo_loader_is_idempotent(demo):
    call_command("load_demo_content", stdout=io.StringIO())

    assert LegalPage.objects.count() == 4


def test_legal_pageread_pdf():
    LegalPage.objects.create(
        kind="impressum", title="Impressum", body="## Anbieter\n\nEmschergenossenschaft.", status=Status.PUBLISHED
    )

    reader, text = read_pdf(Client().get(reverse("legal-pdf-impressum")))
    missing = Client().get(reverse("legal-pdf-datenschutz"))

    assert reader.metadata.title == "Impressum"
    assert outline_titles(reader.outline) == [
        "Impressum",
        "Angaben zum Anbieter nach § 5 Digitale-Dienste-Gesetz",
        "Anbieter",
        "Impressum",
    ]
    assert "Emschergenossenschaft." in text
    assert missing.status_code == 404
