"""Publish checks: shown in German before anything is published, in the admin's single save and bulk action;
errors block, warnings inform."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from documents.tests.library_factories import make_document
from emscher_portal.core.models import SiteOperator, Status
from emscher_portal.core.publish_checks import alt_text_findings, markdown_findings, publish_findings
from emscher_portal.models import LegalPage
from forums.models import Event, Photo
from forums.tests.factories import event_admin_data, make_event, make_photo

pytestmark = pytest.mark.django_db

EVENTS = "/admin/forums/event/"
SKIPPING = "## Programm\n\n#### Details\n\nMehr dazu [hier](https://example.org/programm)."


def _messages(findings):
    return [(finding.level, finding.message) for finding in findings]


@pytest.fixture
def draft_without_alt_text():
    event = make_event(title="Forum mit Fotolücke", slug="experten-forum-2017", status=Status.DRAFT)
    photo = make_photo(event)
    Photo.objects.filter(pk=photo.pk).update(alt_text="")
    return event


def test_a_photo_without_alt_text_blocks_publishing_the_event(redaktion_client, draft_without_alt_text):
    event = draft_without_alt_text

    response = redaktion_client.post(f"{EVENTS}{event.pk}/change/", event_admin_data(status=Status.PUBLISHED))

    assert response.status_code == 200
    assertContains(response, "Nicht veröffentlicht, bitte zuerst beheben:")
    assertContains(response, "Foto 1 hat keinen Alternativtext.")
    assert Event.objects.get(pk=event.pk).status == Status.DRAFT


def test_a_photo_without_alt_text_blocks_the_bulk_action_too(redaktion_client, draft_without_alt_text):
    ready = make_event(title="Fertiges Forum", status=Status.DRAFT)
    selected = {"action": "publish_selected", "_selected_action": [draft_without_alt_text.pk, ready.pk]}

    check = redaktion_client.post(EVENTS, selected | {"index": "0"})
    confirmed = redaktion_client.post(EVENTS, selected | {"post": "yes"}, follow=True)

    assertContains(check, "Foto 1 hat keinen Alternativtext.")
    assertContains(check, "wird nicht veröffentlicht")
    assertContains(check, 'value="1 Eintrag veröffentlichen"')
    assert Event.objects.get(pk=ready.pk).status == Status.PUBLISHED  # the other one went ahead
    assert Event.objects.get(pk=draft_without_alt_text.pk).status == Status.DRAFT
    assertContains(confirmed, "1 Eintrag wurde wegen Fehlern nicht veröffentlicht.")


def test_the_bulk_check_page_runs_before_anything_is_published(redaktion_client, draft_without_alt_text):
    redaktion_client.post(
        EVENTS, {"action": "publish_selected", "_selected_action": [draft_without_alt_text.pk], "index": "0"}
    )

    assert Event.objects.get(pk=draft_without_alt_text.pk).status == Status.DRAFT


def test_warnings_are_shown_first_and_do_not_block(redaktion_client):
    event = make_event(slug="experten-forum-2017", status=Status.DRAFT)
    data = event_admin_data(status=Status.PUBLISHED, body=SKIPPING)

    first = redaktion_client.post(f"{EVENTS}{event.pk}/change/", data)
    status_after_first = Event.objects.get(pk=event.pk).status
    second = redaktion_client.post(f"{EVENTS}{event.pk}/change/", data | {"publish_confirm": "on"})

    assert first.status_code == 200
    assertContains(first, "Hinweise vor dem Veröffentlichen:")
    assertContains(first, "Die Überschrift „Details“ überspringt eine Ebene (#### nach ##).")
    assertContains(first, "Der Linktext „hier“ sagt nicht, wohin der Link führt.")
    assertContains(first, 'name="publish_confirm"')
    assert status_after_first == Status.DRAFT
    assert second.status_code == 302
    assert Event.objects.get(pk=event.pk).status == Status.PUBLISHED


def test_warnings_in_the_bulk_action_inform_and_publish(redaktion_client):
    event = make_event(title="Forum mit Linktext", status=Status.DRAFT, body=SKIPPING)
    selected = {"action": "publish_selected", "_selected_action": [event.pk]}

    check = redaktion_client.post(EVENTS, selected | {"index": "0"})
    redaktion_client.post(EVENTS, selected | {"post": "yes"})

    assertContains(check, "Hinweis: Text: Der Linktext „hier“")
    assertNotContains(check, "wird nicht veröffentlicht")
    assert Event.objects.get(pk=event.pk).status == Status.PUBLISHED


def test_editing_a_published_event_asks_nothing_about_warnings(redaktion_client):
    event = make_event(slug="experten-forum-2017", body=SKIPPING)

    response = redaktion_client.post(f"{EVENTS}{event.pk}/change/", event_admin_data(body=SKIPPING + "\n\nNeu."))

    assert response.status_code == 302


def test_a_legal_page_with_gaps_cannot_be_published(redaktion_client):
    page = LegalPage.objects.create(kind="impressum", title="Impressum", body="Anschrift: [bitte ergänzen]")

    response = redaktion_client.post(
        f"/admin/emscher_portal/legalpage/{page.pk}/change/",
        {"kind": "impressum", "title": "Impressum", "summary": "", "body": page.body, "status": Status.PUBLISHED},
    )

    assertContains(response, "Der Text enthält noch 1× „[bitte ergänzen]“.")
    assert LegalPage.objects.get(pk=page.pk).status == Status.DRAFT


def test_the_impressum_cannot_be_published_while_an_operator_detail_is_missing(redaktion_client):
    operator = SiteOperator.objects.get(pk=SiteOperator.SINGLE_ROW)
    operator.publisher = "Zukunftsinitiative „Wasser in der Stadt von morgen“"
    operator.save()
    page = LegalPage.objects.create(kind="impressum", title="Impressum", body="Wer das Portal betreibt.")
    data = {"kind": "impressum", "title": "Impressum", "summary": "", "body": page.body, "status": Status.PUBLISHED}

    refused = redaktion_client.post(f"/admin/emscher_portal/legalpage/{page.pk}/change/", data)
    SiteOperator.objects.filter(pk=operator.pk).update(
        legal_entity="Emschergenossenschaft (Körperschaft des öffentlichen Rechts)",
        represented_by="den Vorstand",
        address="Kronprinzenstraße 24\n45128 Essen",
        email="redaktion@example.org",
        content_responsible="Erika Muster",
    )
    accepted = redaktion_client.post(f"/admin/emscher_portal/legalpage/{page.pk}/change/", data)

    assertContains(refused, "Im Impressum fehlt eine Pflichtangabe der Betreiberangaben: Rechtsträger.")
    assert accepted.status_code == 302
    assert LegalPage.objects.get(pk=page.pk).status == Status.PUBLISHED


def test_a_document_without_a_title_in_its_pdf_gets_a_warning():
    document = make_document(status=Status.DRAFT)

    assert _messages(publish_findings(document)) == [
        (
            "warning",
            "Die PDF-Datei hat keinen Titel in ihren Dokumenteigenschaften; Screenreader und Suchmaschinen zeigen "
            "dann nur den Dateinamen. Besser: den Titel im Programm setzen, das die PDF erzeugt.",
        )
    ]


def test_the_checks_know_markdown_and_alt_texts():
    assert _messages(markdown_findings("## A\n\n### B\n\n## C\n\n[Zum Programm](/p/)", label="Text")) == []
    assert _messages(markdown_findings("### Gleich zu tief", label="Text")) == [
        ("warning", "Text: Die Überschrift „Gleich zu tief“ überspringt eine Ebene (### nach dem Seitentitel).")
    ]
    assert _messages(markdown_findings("[Mehr …](/p/)", label="Text"))[0][0] == "warning"
    assert _messages(alt_text_findings("  ", label="Foto 2")) == [("error", "Foto 2 hat keinen Alternativtext.")]
    assert _messages(alt_text_findings("x" * 151, label="Foto 2")) == [
        ("warning", "Foto 2: Der Alternativtext ist sehr lang (151 Zeichen, empfohlen höchstens 150).")
    ]
