"""The pages of the rounds of topics as readers see them: lists, phases, results, open data, abuse defences."""

import csv
import io
import json
import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from emscher_portal.core.confirmation import confirmation_purge
from emscher_portal.core.models import Confirmation, Status
from emscher_portal.core.pagecache.version import schedule_due
from participation.models import Ballot, BallotPoints, Topic
from participation.tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db


def _ballots(round_, *spreads):
    for number, spread in enumerate(spreads):
        ballot = Ballot.objects.create(round=round_, voter_hash=f"{number:064d}")
        for topic, points in spread.items():
            BallotPoints.objects.create(ballot=ballot, topic=topic, points=points)


@pytest.mark.parametrize("count", [1, 200])
def test_round_page_query_count_is_constant(client, django_assert_num_queries, count):
    round_ = make_round("closed")
    topics = [make_topic(round_, title=f"Thema {number:03d}", slug=f"thema-{number}") for number in range(count)]
    make_topic(round_, moderation=Topic.Moderation.MERGED, merged_into=topics[0])
    _ballots(round_, {topics[0]: 3}, {topics[-1]: 2})

    # content version (page cache), round, topics, ballot points, operator (footer)
    with django_assert_num_queries(5):
        response = client.get(round_.get_absolute_url())

    assert len(response.context["topics"]) == count
    assert len(response.context["results"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_topic_page_query_count_is_constant(client, django_assert_num_queries, count):
    round_ = make_round("closed")
    topics = [make_topic(round_, title=f"Thema {number:03d}", slug=f"thema-{number}") for number in range(count)]
    _ballots(round_, {topics[0]: 3})

    # version, round, topic, merged, split, workshops, programme items, documents, measures, results (topics,
    # points), operator
    with django_assert_num_queries(12):
        response = client.get(topics[0].get_absolute_url())

    assertContains(response, "3 Punkte von 1 Unterstützenden, Rang 1")


def test_the_list_shows_open_rounds_first_and_drafts_to_nobody(client):
    closed = make_round("closed", title="Alte Runde")
    open_ = make_round("proposing", title="Offene Runde")
    make_round("proposing", title="Geheime Runde", status=Status.DRAFT)

    response = client.get("/themen/")

    assert [round_.title for round_ in response.context["rounds"]] == [open_.title, closed.title]
    assertNotContains(response, "Geheime Runde")


def test_the_home_page_announces_an_open_round_and_not_a_closed_one(client):
    make_round("proposing", title="Themen für das 11. Forum")
    make_round("closed", title="Themen für das 8. Forum")

    response = client.get("/")

    assertContains(response, "Mitmachen: Themen für das nächste Forum")
    assertContains(response, ">Themen für das 11. Forum</h2>")
    assertContains(response, "Jetzt Themen vorschlagen")
    assertNotContains(response, "Themen für das 8. Forum")


@pytest.mark.django_db(transaction=True)
def test_a_cached_round_page_changes_when_the_next_phase_begins(client):
    round_ = make_round("proposing")
    round_.proposals_close_at = round_.weighing_open_at = timezone.now() + timedelta(seconds=1)
    round_.save()
    before = client.get(round_.get_absolute_url())  # now in the page cache
    assert schedule_due() == round_.proposals_close_at

    time.sleep(max(0.0, (round_.proposals_close_at - timezone.now()).total_seconds()) + 0.1)  # the minute has come
    after = client.get(round_.get_absolute_url())

    assertContains(before, "Thema vorschlagen")
    assertContains(after, "Themen gewichten")
    assertNotContains(after, "Thema vorschlagen")


def test_a_bot_filling_the_trap_sees_the_thanks_and_nothing_is_stored(client, smtp_server):
    round_ = make_round("proposing")

    response = client.post(
        f"/themen/{round_.slug}/vorschlagen/",
        {"title": "Billige Uhren", "description": "Kaufen", "email": "bot@example.org", "website": "http://x"},
        follow=True,
    )

    assertContains(response, "Bitte bestätigen Sie Ihre Adresse")
    assert Topic.objects.count() == 0
    assert Confirmation.objects.count() == 0
    assert smtp_server.messages == []


def test_an_address_keeps_only_a_few_unconfirmed_proposals_the_oldest_goes(client, settings, smtp_server):
    settings.CONFIRMATION_MAX_PENDING = 2
    round_ = make_round("proposing")
    data = {"description": "Text", "email": "viel@example.org", "website": ""}
    for title in ("Erstes", "Zweites", "Drittes"):
        assert client.post(f"/themen/{round_.slug}/vorschlagen/", data | {"title": title}).status_code == 302

    assert sorted(Topic.objects.values_list("title", flat=True)) == ["Drittes", "Zweites"]
    assert len(smtp_server.wait_for(3)) == 3


def test_an_unconfirmed_proposal_is_deleted_with_its_request(client, smtp_server):
    round_ = make_round("proposing")
    client.post(
        f"/themen/{round_.slug}/vorschlagen/",
        {"title": "Vergessen", "description": "Text", "email": "weg@example.org", "website": ""},
    )
    Confirmation.objects.update(expires_at=timezone.now() - timedelta(days=30))

    confirmation_purge()

    assert Topic.objects.count() == 0
    assert Confirmation.objects.count() == 0


def test_a_name_is_public_only_with_consent(client, smtp_server):
    round_ = make_round("proposing")

    response = client.post(
        f"/themen/{round_.slug}/vorschlagen/",
        {"title": "Thema", "description": "Text", "email": "n@example.org", "public_name": "Nora", "website": ""},
    )

    assertContains(response, "Bitte stimmen Sie zu, dass Ihr Name öffentlich steht")
    assert Topic.objects.count() == 0


def test_proposing_outside_the_phase_is_refused_kindly(client):
    round_ = make_round("weighing")

    response = client.get(f"/themen/{round_.slug}/vorschlagen/")

    assertContains(response, "In dieser Themenrunde werden gerade keine Vorschläge gesammelt.", status_code=409)


def test_the_ballot_form_shows_the_topics_in_an_order_of_its_own_per_voter(client):
    round_ = make_round("weighing")
    for number in range(12):
        make_topic(round_, title=f"Thema {number:02d}", slug=f"thema-{number}")

    orders = {
        tuple(re.findall(r'name="thema-(\d+)"', client.get(f"/themen/{round_.slug}/gewichten/").text)) for _ in range(5)
    }

    assert len(orders) > 1
    assert all(len(order) == 12 for order in orders)


def test_a_closed_round_is_open_data_without_personal_data(client):
    round_ = make_round("closed")
    first = make_topic(round_, title="Erstes", public_name="Ina Muster", contact_email="ina@example.org")
    second = make_topic(
        round_,
        title="Zweites",
        decision=Topic.Decision.NOT_TAKEN,
        decision_reason="Passt nicht.",
        decided_at=timezone.now(),
    )
    _ballots(round_, {first: 1, second: 3}, {second: 2})

    as_json = client.get(f"/themen/{round_.slug}/themen.json")
    as_csv = client.get(f"/themen/{round_.slug}/themen.csv")

    data = json.loads(as_json.content)
    assert [(row["titel"], row["punkte"], row["unterstuetzende"], row["entscheidung"]) for row in data["themen"]] == [
        ("Zweites", 5, 2, "nicht aufgenommen"),
        ("Erstes", 1, 1, ""),
    ]
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[1][:5] == ["1", "Zweites", f"http://testserver{second.get_absolute_url()}", "5", "2"]
    for response in (as_json, as_csv):
        assert "Ina Muster" not in response.content.decode()
        assert "example.org" not in response.content.decode()


def test_the_csv_keeps_a_title_that_looks_like_a_formula_as_text(client):
    round_ = make_round("closed")
    make_topic(round_, title='=HYPERLINK("http://example.net","Klick")')

    as_csv = client.get(f"/themen/{round_.slug}/themen.csv")
    as_json = client.get(f"/themen/{round_.slug}/themen.json")

    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://example.net","Klick")'
    assert json.loads(as_json.content)["themen"][0]["titel"] == '=HYPERLINK("http://example.net","Klick")'


def test_an_open_round_has_no_open_data_yet(client):
    round_ = make_round("weighing")

    assert client.get(f"/themen/{round_.slug}/themen.json").status_code == 404


def test_pages_are_german_labelled_and_without_inline_style_or_script(client):
    round_ = make_round("weighing")
    topic = make_topic(round_)
    pages = [
        "/themen/",
        "/themen/was-wurde-daraus/",
        round_.get_absolute_url(),
        topic.get_absolute_url(),
        f"/themen/{round_.slug}/gewichten/",
        f"/themen/{round_.slug}/protokoll/",
        f"/themen/{make_round('proposing').slug}/vorschlagen/",
    ]
    for url in pages:
        html = client.get(url).text

        assert 'lang="de"' in html, url
        assert "style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        for input_id in re.findall(r'<(?:input(?![^>]*type="hidden")|select|textarea)[^>]*\bid="([^"]+)"', html):
            assert f'for="{input_id}"' in html, (url, input_id)


def test_the_privacy_page_says_what_is_kept_for_how_long(client, settings):
    settings.CONFIRMATION_VALID_HOURS = 36
    settings.CONFIRMATION_KEEP_DAYS = 9

    response = client.get("/datenschutz/")

    assertContains(response, "Themen vorschlagen und gewichten")
    assertContains(response, "Er gilt 36 Stunden und nur einmal.")
    assertContains(response, "9 Tage nach Ablauf des Links automatisch")
    assertContains(response, "(HMAC)")


def test_the_easy_language_page_explains_how_topics_are_chosen(client):
    response = client.get("/leichte-sprache/")

    assertContains(response, "Wie die Themen für das Forum ausgewählt werden")
    assertContains(response, 'href="/themen/"')


@pytest.mark.parametrize("count", [1, 30])
def test_the_ledger_shows_every_decided_topic_in_constant_queries(client, django_assert_num_queries, count):
    for number in range(count):
        round_ = make_round("closed", title=f"Runde {number}")
        make_topic(round_, title=f"Entschieden {number}", decision=Topic.Decision.DEFERRED, decided_at=timezone.now())
        make_topic(round_, title=f"Offen {number}")

    # content version, topics, their workshops, their measures, operator (footer)
    with django_assert_num_queries(5):
        response = client.get("/themen/was-wurde-daraus/")

    assert len(response.context["topics"]) == count
    assertContains(response, "Entschieden 0")
    assertContains(response, "zurückgestellt")
    assertNotContains(response, "Offen 0")


def test_the_sitemap_lists_published_rounds_and_public_topics_only(client):
    round_ = make_round("proposing")
    topic = make_topic(round_, title="Öffentlich")
    waiting = make_topic(round_, title="Wartet", moderation=Topic.Moderation.SUBMITTED)
    draft = make_round("proposing", status=Status.DRAFT)
    hidden = make_topic(draft, title="In einer Entwurfsrunde")

    sitemap = client.get("/sitemap.xml").text

    for url in ("/themen/", round_.get_absolute_url(), topic.get_absolute_url()):
        assert f"http://testserver{url}</loc>" in sitemap, url
    for url in (waiting.get_absolute_url(), draft.get_absolute_url(), hidden.get_absolute_url()):
        assert url not in sitemap, url
