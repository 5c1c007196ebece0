"""The working group's admin: declining and splitting with mails to the proposers, the allow-list of voters, and
the round's and the topic's forms for an organiser (not a superuser)."""

import re

import pytest
from pytest_django.asserts import assertContains

from emscher_portal.core.confirmation import email_hash
from participation.models import Ballot, ModerationLogEntry, Round, Topic
from participation.tasks import topic_send_news
from participation.tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db


def _link(message):
    return re.search(r"https?://[^/\s]+(/bestaetigen/[^\s]+/)", message.get_content()).group(1)


def test_declining_tells_the_proposer_the_reason_and_deletes_the_address(redaktion_client, smtp_server):
    round_ = make_round("proposing")
    topic = make_topic(round_, moderation=Topic.Moderation.SUBMITTED, contact_email="p@example.org")

    asked = redaktion_client.post(
        "/admin/participation/topic/", {"action": "decline_selected", "_selected_action": [topic.pk]}
    )
    done = redaktion_client.post(
        "/admin/participation/topic/",
        {"action": "decline_selected", "_selected_action": [topic.pk], "apply": "yes",
         "reason": "Das Thema betrifft keine Emscher-Kommune."},
    )  # fmt: skip
    mail = smtp_server.wait_for(1)[0]

    assertContains(asked, "Begründung")
    assert done.status_code == 302
    assert mail["To"] == "p@example.org"
    assert "Das Thema betrifft keine Emscher-Kommune." in mail.get_content()
    topic.refresh_from_db()
    assert (topic.moderation, topic.contact_email) == (Topic.Moderation.DECLINED, "")
    assert ModerationLogEntry.objects.count() == 0  # never public, so not in the public log
    assert redaktion_client.get(topic.get_absolute_url()).status_code == 404


def test_the_approval_mail_is_sent_once_even_if_its_task_runs_again(redaktion_client, smtp_server):
    round_ = make_round("proposing")
    topic = make_topic(round_, moderation=Topic.Moderation.SUBMITTED, contact_email="p@example.org")

    redaktion_client.post("/admin/participation/topic/", {"action": "approve_selected", "_selected_action": [topic.pk]})
    topic_send_news.call(topic.pk, "approved", False)  # a second run, as after a crash: the mail is recorded

    delivered = smtp_server.wait_for(1)
    topic.refresh_from_db()
    assert len(delivered) == 1
    assert delivered[0]["Subject"] == "[Emscher-Portal] Ihr Thema ist freigegeben"
    assert topic.moderation == Topic.Moderation.APPROVED
    assert topic.approval_mailed_at is not None
    assert topic.contact_email == "p@example.org"  # kept for the decision, which is the last news
    assert len(smtp_server.messages) == 1


def test_splitting_makes_public_topics_that_keep_their_origin(redaktion_client, client):
    round_ = make_round("proposing")
    topic = make_topic(round_, title="Hitze und Wasser")

    response = redaktion_client.post(
        "/admin/participation/topic/",
        {"action": "split_selected", "_selected_action": [topic.pk], "apply": "yes",
         "titles": "Hitze in Schulen\nWasser in Parks\n", "reason": "Zwei verschiedene Fragen."},
    )  # fmt: skip

    assert response.status_code == 302
    parts = list(Topic.objects.filter(split_from=topic).order_by("title"))
    assert [part.title for part in parts] == ["Hitze in Schulen", "Wasser in Parks"]
    assertContains(client.get(parts[0].get_absolute_url()), "Hervorgegangen aus")
    assertContains(client.get(topic.get_absolute_url()), "Aufgeteilt in")
    assert ModerationLogEntry.objects.get().action == ModerationLogEntry.Action.SPLIT


def test_only_invited_addresses_weigh_and_the_list_keeps_no_address(redaktion_client, client, smtp_server):
    round_ = make_round("weighing")
    topic = make_topic(round_)
    data = {
        field: getattr(round_, field).strftime("%Y-%m-%d %H:%M:%S")
        for field in ("proposals_open_at", "proposals_close_at", "weighing_open_at", "weighing_close_at", "closes_at")
    }
    data = {f"{name}_0": value.split(" ")[0] for name, value in data.items()} | {
        f"{name}_1": value.split(" ")[1] for name, value in data.items()
    }
    response = redaktion_client.post(
        f"/admin/participation/round/{round_.pk}/change/",
        {"title": round_.title, "slug": round_.slug, "status": round_.status, "introduction": "",
         "points_budget": 10, "max_points_per_topic": 3, "results_hidden_while_weighing": "on",
         "allowlist_addresses": "Mitglied@Example.org\nzweites@example.org", **data},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    round_.refresh_from_db()
    assert sorted(round_.voter_allowlist) == sorted(
        [email_hash("mitglied@example.org"), email_hash("zweites@example.org")]
    )
    assert "example.org" not in str(Round.objects.filter(pk=round_.pk).values().get())

    outcomes = []
    for number, address in enumerate(["gast@example.org", "mitglied@example.org"], start=1):
        seed = client.get(f"/themen/{round_.slug}/gewichten/").context["form"]["seed"].value()
        client.post(f"/themen/{round_.slug}/gewichten/", {"email": address, "seed": seed, f"thema-{topic.pk}": 2})
        outcomes.append(client.post(_link(smtp_server.wait_for(number)[-1]), {"action": "confirm"}))

    assertContains(outcomes[0], "nur die eingeladenen Adressen")
    assertContains(outcomes[1], "Ihre Gewichtung ist gespeichert.")
    assert list(Ballot.objects.values_list("voter_hash", flat=True)) == [email_hash("mitglied@example.org")]


def test_a_merge_between_sending_and_confirming_a_ballot_loses_no_vote(redaktion_client, client, smtp_server):
    round_ = make_round("weighing")
    target = make_topic(round_, title="Ziel")
    merged = make_topic(round_, title="Wird zusammengeführt")
    seed = client.get(f"/themen/{round_.slug}/gewichten/").context["form"]["seed"].value()
    client.post(
        f"/themen/{round_.slug}/gewichten/",
        {"email": "w@example.org", "seed": seed, f"thema-{target.pk}": 2, f"thema-{merged.pk}": 3},
    )
    redaktion_client.post(
        "/admin/participation/topic/",
        {"action": "merge_selected", "_selected_action": [merged.pk], "apply": "yes", "into": target.pk,
         "reason": "Dasselbe Anliegen."},
    )  # fmt: skip

    confirmed = client.post(_link(smtp_server.wait_for(1)[0]), {"action": "confirm"})

    assertContains(confirmed, "Ihre Gewichtung ist gespeichert.")
    assert list(Ballot.objects.get().points.values_list("topic__title", "points")) == [("Ziel", 3)]


def test_a_topic_cannot_take_the_slug_of_a_page_of_its_round(redaktion_client):
    round_ = make_round("proposing")
    topic = make_topic(round_, title="Berichte als PDF")

    response = redaktion_client.post(
        f"/admin/participation/topic/{topic.pk}/change/",
        {"round": round_.pk, "title": topic.title, "slug": "pdf", "description": topic.description},
    )

    assert response.status_code == 200
    assertContains(response, "Diesen Kurznamen hat schon eine Seite der Themenrunde.")
    topic.refresh_from_db()
    assert topic.slug != "pdf"
