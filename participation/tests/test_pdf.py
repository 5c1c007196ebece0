"""The PDFs of participation: the forum's programme PDF names the address of its round of topics (so people in the
room can bring theirs in), and „PDF anzeigen“ of a round and of a topic."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from documents.models import Measure, MeasureStatusChange
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, read_pdf
from forums.tests.factories import make_event, make_programme_item, make_workshop
from participation.models import Ballot, BallotPoints, Topic
from participation.periodic import participation_pdfs_after_phase_change
from participation.tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db


def test_the_programme_in_the_forum_pdf_prints_the_rounds_address(client, settings):
    settings.SITE_URL = "https://portal.example"
    event = make_event(title="10. Experten-Forum", slug="experten-forum-2025")
    make_programme_item(event, title="Begrüßung")
    make_round("proposing", event=event, slug="forum-2025")

    _reader, text = read_pdf(client.get(f"/foren/{event.slug}/dokumentation.pdf"))

    assert "https://portal.example/themen/forum-2025/" in "".join(text.split())  # the line may break in it


# ---------------------------------------------------------------------------
# „PDF anzeigen“ of a round and of a topic
# ---------------------------------------------------------------------------


def _ballots(round_, *spreads):
    for number, spread in enumerate(spreads):
        ballot = Ballot.objects.create(round=round_, voter_hash=f"{number:064d}")
        for topic, points in spread.items():
            BallotPoints.objects.create(ballot=ballot, topic=topic, points=points)


def _flat(text):
    return " ".join(text.split())


def _closed_round():
    event = make_event(title="9. Experten-Forum", slug="experten-forum-2024")
    round_ = make_round("closed", title="Themen für das 9. Experten-Forum", slug="forum-2024", event=event)
    first = make_topic(
        round_,
        title="Regenwasser im Quartier",
        description="Wie halten wir Regenwasser im Quartier?",
        public_name="Ina Muster",
        contact_email="ina@example.org",
        decision=Topic.Decision.PROGRAMME,
        decision_reason="Viele Kommunen fragen danach.",
        decided_at=timezone.now(),
    )
    second = make_topic(
        round_,
        title="Hitze in Schulhöfen",
        contact_email="olaf@example.org",
        decision=Topic.Decision.DEFERRED,
        decision_reason="Erst im nächsten Jahr.",
        decided_at=timezone.now(),
    )
    merged = make_topic(
        round_,
        title="Schulhöfe entsiegeln",
        moderation=Topic.Moderation.MERGED,
        merged_into=second,
        contact_email="uwe@example.org",
    )
    make_topic(round_, title="Nie freigegeben", moderation=Topic.Moderation.DECLINED, contact_email="x@example.org")
    _ballots(round_, {first: 3, merged: 2}, {first: 1, second: 3}, {second: 1})
    return round_, first, second


def test_round_pdf_shows_phases_topics_results_and_decisions_without_personal_data(client, settings, render_spy):
    settings.SITE_URL = "https://portal.example"
    round_, first, second = _closed_round()

    response = client.get(f"/themen/{round_.slug}/pdf/")
    reader, text = read_pdf(response)

    assert outline_titles(reader.outline) == [
        "Themen für das 9. Experten-Forum",
        "Inhalt",
        "Was passiert wann",
        "Ergebnis",
        "Themen (2)",
        "Hitze in Schulhöfen",
        "Regenwasser im Quartier",
        "Impressum",
    ]
    assert reader.metadata.title == "Themen für das 9. Experten-Forum"
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert render_spy == ["participation/print/round.html"]
    flat = _flat(text)
    for words in (
        "für 9. Experten-Forum",
        "Phase: abgeschlossen",
        "Vorschläge sammeln",
        "Gewichten",
        "Auswertung",
        # the ranking: the merged topic's 2 points count for its target, each voter once
        "1 Hitze in Schulhöfen mit „Schulhöfe entsiegeln“ 6 3 zurückgestellt",
        "2 Regenwasser im Quartier 4 2 ins Programm aufgenommen",
        "ins Programm aufgenommen – Viele Kommunen fragen danach.",
        "zurückgestellt – Erst im nächsten Jahr.",
        "Zusammengeführt mit „Schulhöfe entsiegeln“",
    ):
        assert words in flat, words
    assert "https://portal.example/themen/forum-2024/themen.csv" in "".join(text.split())
    assert "Nie freigegeben" not in text
    assert "example.org" not in text
    assert "Ina Muster" not in text  # the round's PDF names no proposer, as the round's page
    assertContains(client.get(round_.get_absolute_url()), f'href="/themen/{round_.slug}/pdf/"')


def test_round_pdf_shows_no_points_before_the_weighing_is_over(client):
    round_ = make_round("weighing", results_hidden_while_weighing=False)
    topic = make_topic(round_, title="Gründächer")
    _ballots(round_, {topic: 3})

    reader, text = read_pdf(client.get(f"/themen/{round_.slug}/pdf/"))

    assert "Ergebnis" not in outline_titles(reader.outline)
    assert "Gründächer" in text
    assert "Punkte auf die Themen" in _flat(text)  # how to take part, with the ballot's address


def test_round_pdf_of_a_draft_is_for_staff_only(client, admin_client):
    round_ = make_round("proposing", status=Status.DRAFT)

    assert client.get(f"/themen/{round_.slug}/pdf/").status_code == 404
    staff = admin_client.get(f"/themen/{round_.slug}/pdf/")
    _reader, text = read_pdf(staff)
    assert round_.title in text
    assert "no-store" in staff["Cache-Control"]  # never kept by a shared cache


def test_topic_pdf_shows_what_came_of_it(client, settings):
    settings.SITE_URL = "https://portal.example"
    round_, first, _second = _closed_round()
    event = round_.event
    workshop = make_workshop(event, title="Schwammstadt im Bestand")
    make_programme_item(event, title="Podium Regenwasser")
    first.workshops.add(workshop)
    first.programme_items.add(event.programme_items.get())
    measure = make_measure(make_field(make_plan()), title="Regenwasser-Kataster", number="1.2")
    first.measures.add(measure)

    response = client.get(f"/themen/{round_.slug}/{first.slug}/pdf/")
    reader, text = read_pdf(response)

    assert outline_titles(reader.outline) == [
        "Regenwasser im Quartier",
        "Beschreibung",
        "Was wurde daraus?",
        "Vorgeschlagen",
        "Freigegeben",
        "Gewichtet",
        "Entschieden",
        "Bearbeitet",
        "Geworden zur Maßnahme",
        "Impressum",
    ]
    flat = _flat(text)
    for words in (
        "Vorgeschlagen von Ina Muster",  # she agreed: the name is stored only with consent
        "Wie halten wir Regenwasser im Quartier?",
        "4 Punkte von 2 Unterstützenden, Rang 2",
        "ins Programm aufgenommen",
        "Viele Kommunen fragen danach.",
        "Podium Regenwasser – 9. Experten-Forum",
        "Workshop „Schwammstadt im Bestand“ – 9. Experten-Forum",
        "1.2 Regenwasser-Kataster – Stand:",
    ):
        assert words in flat, words
    assert "https://portal.example/foren/experten-forum-2024/dokumentation.pdf" in "".join(text.split())
    assert "example.org" not in text
    assert response["Content-Disposition"].startswith("inline")
    assertContains(client.get(first.get_absolute_url()), f'href="/themen/{round_.slug}/{first.slug}/pdf/"')


def test_topic_pdf_of_a_merged_topic_points_to_its_target_and_names_nobody(client):
    round_, _first, second = _closed_round()
    merged = second.merged_topics.get()

    _reader, text = read_pdf(client.get(f"/themen/{round_.slug}/{merged.slug}/pdf/"))

    flat = _flat(text)
    assert "Zusammengeführt in „Hitze in Schulhöfen“" in flat
    assert "6 Punkte von 3 Unterstützenden, Rang 1" in flat  # its points count for the topic it became
    assert "Vorgeschlagen von" not in flat
    assert "example.org" not in text


def test_topic_pdf_of_a_topic_the_public_cannot_see_is_404(client):
    round_ = make_round("proposing")
    waiting = make_topic(round_, moderation=Topic.Moderation.SUBMITTED)
    declined = make_topic(round_, moderation=Topic.Moderation.DECLINED)
    other = make_round("proposing")
    elsewhere = make_topic(other)

    assert client.get(f"/themen/{round_.slug}/{waiting.slug}/pdf/").status_code == 404
    assert client.get(f"/themen/{round_.slug}/{declined.slug}/pdf/").status_code == 404
    assert client.get(f"/themen/{round_.slug}/{elsewhere.slug}/pdf/").status_code == 404


def test_the_topic_pdf_is_stored_once_and_rendered_again_after_an_edit(client, render_spy):
    round_, first, _second = _closed_round()
    url = f"/themen/{round_.slug}/{first.slug}/pdf/"

    read_pdf(client.get(url))
    read_pdf(client.get(url))
    assert render_spy == ["participation/print/topic.html"]

    first.decision_reason = "Neue Begründung."
    first.save()
    _reader, text = read_pdf(client.get(url))

    assert render_spy == ["participation/print/topic.html"] * 2
    assert "Neue Begründung." in text


@pytest.fixture
def follow(settings, django_capture_on_commit_callbacks):
    """Commit what the block does, with the PDF prerenders on (the test task backend runs them)."""
    settings.PDF_PRERENDER = True
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_decision_prerenders_the_topic_and_round_pdfs(follow, render_spy):
    with follow():
        round_ = make_round("closed")
        topic = make_topic(round_)
    render_spy.clear()

    with follow():
        topic.decision = Topic.Decision.NETWORK
        topic.decision_reason = "Das Netzwerk Starkregen nimmt es auf."
        topic.decided_at = timezone.now()
        topic.save()

    assert sorted(render_spy) == ["participation/print/round.html", "participation/print/topic.html"]


def test_a_status_change_of_the_measure_prerenders_the_topics_that_became_it(follow, render_spy):
    with follow():
        round_ = make_round("closed")
        topic = make_topic(round_)
        measure = make_measure(make_field(make_plan()))
        topic.measures.add(measure)
    render_spy.clear()

    with follow():
        # as the admin does it: the measure's status and the history row of the change
        measure.implementation_status = Measure.ImplementationStatus.DONE
        measure.save()
        MeasureStatusChange.objects.create(
            measure=measure, new_status=Measure.ImplementationStatus.DONE, changed_on=timezone.localdate()
        )

    assert sorted(render_spy) == [
        "documents/print/measure.html",
        "documents/print/plan.html",
        "participation/print/topic.html",
    ]


def test_a_preview_link_of_a_draft_round_opens_its_pdf_without_login(redaktion_client):
    round_ = make_round("proposing", title="Themen für das 11. Experten-Forum", status=Status.DRAFT)
    make_topic(round_, title="Wasser in der Stadt")
    page = redaktion_client.post(f"/admin/participation/round/{round_.pk}/vorschau/", {"days": "7"}, follow=True)
    token_url = re.search(r'value="http://[^"]+(/vorschau/[^"]+/)"', page.text).group(1)
    reader = Client()  # without an account

    _reader, text = read_pdf(reader.get(f"{token_url}pdf/"))

    assert "Themen für das 11. Experten-Forum" in text
    assert "Wasser in der Stadt" in text
    assert reader.get(f"/themen/{round_.slug}/pdf/").status_code == 404


def test_when_the_weighing_ends_the_round_and_topic_pdfs_are_prerendered_once(settings, render_spy):
    settings.PDF_PRERENDER = True
    now = timezone.now()
    ended = make_round(
        "evaluating",
        proposals_open_at=now - timedelta(days=30),
        proposals_close_at=now - timedelta(days=20),
        weighing_open_at=now - timedelta(days=15),
        weighing_close_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(days=10),
    )
    topic = make_topic(ended, title="Gründächer")
    make_topic(ended, moderation=Topic.Moderation.SUBMITTED)  # not public: no PDF
    _ballots(ended, {topic: 3})
    make_topic(make_round("weighing"))  # no phase began lately
    render_spy.clear()

    first = participation_pdfs_after_phase_change()
    rendered = sorted(render_spy)
    second = participation_pdfs_after_phase_change()

    assert first == "1 Runden und 1 Themen zum Vorab-Erzeugen der PDFs eingereiht"
    assert rendered == ["participation/print/round.html", "participation/print/topic.html"]
    assert second == first
    assert sorted(render_spy) == rendered  # stored already: not rendered again
