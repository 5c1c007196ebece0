"""The Atom feed of a round: newly approved topics and decisions, nothing unpublished, no personal data."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from emscher_portal.core.models import Status
from participation.models import Topic
from participation.tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary") or "") for entry in feed.iter(f"{ATOM}entry")
    ]


def test_the_round_feed_has_new_topics_and_decisions_newest_first(client):
    now = timezone.now()
    round_ = make_round("evaluating", slug="forum-2025")
    make_topic(
        round_,
        title="Gründächer",
        description="Mehr Grün auf Dächern.",
        public_name="Ina Muster",
        contact_email="ina@example.org",
        moderated_at=now - timedelta(days=9),
    )
    decided = make_topic(
        round_,
        title="Hitze in Schulhöfen",
        moderated_at=now - timedelta(days=8),
        decision=Topic.Decision.PROGRAMME,
        decision_reason="Viele Kommunen fragen danach.",
        decided_at=now - timedelta(days=1),
    )
    make_topic(round_, title="Zusammengeführt", moderation=Topic.Moderation.MERGED, merged_into=decided)
    make_topic(round_, title="Wartet noch", moderation=Topic.Moderation.SUBMITTED, moderated_at=None)
    make_topic(round_, title="Abgelehnt", moderation=Topic.Moderation.DECLINED, moderated_at=now)
    make_topic(make_round("evaluating"), title="Andere Runde")

    response = client.get("/feeds/themen/forum-2025/")

    assert _entries(response) == [
        ("Entschieden: Hitze in Schulhöfen – ins Programm aufgenommen", "Viele Kommunen fragen danach."),
        ("Neues Thema: Hitze in Schulhöfen", "Beschreibung des Themas."),
        ("Neues Thema: Gründächer", "Mehr Grün auf Dächern."),
    ]
    body = response.content.decode()
    assert "Ina Muster" not in body
    assert "example.org" not in body
    assert f"http://testserver{decided.get_absolute_url()}" in body


def test_the_feed_of_a_draft_or_unknown_round_is_404(client):
    draft = make_round("proposing", status=Status.DRAFT)
    make_topic(draft)

    assert client.get(f"/feeds/themen/{draft.slug}/").status_code == 404
    assert client.get("/feeds/themen/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_round_feed_costs_the_same_queries_whatever_it_holds(client, django_assert_num_queries, count):
    round_ = make_round("closed")
    for number in range(count):
        make_topic(
            round_,
            title=f"Thema {number}",
            decision=Topic.Decision.DEFERRED,
            decision_reason="Später.",
            decided_at=timezone.now(),
        )

    # content version (page cache), round, approved topics, decided topics
    with django_assert_num_queries(4):
        response = client.get(f"/feeds/themen/{round_.slug}/")

    assert len(_entries(response)) == 2 * count


def test_the_round_page_offers_its_feed_in_head_and_body(client):
    round_ = make_round("proposing", slug="forum-2026")

    response = client.get(round_.get_absolute_url())

    assertContains(
        response,
        '<link rel="alternate" type="application/atom+xml" '
        f'title="Neue Themen und Entscheidungen: {round_.title} (Atom-Feed)" href="/feeds/themen/forum-2026/">',
        html=True,
    )
    assertContains(
        response,
        '<a href="/feeds/themen/forum-2026/" type="application/atom+xml">'
        "Neue Themen und Entscheidungen abonnieren (Atom-Feed)</a>",
        html=True,
    )
