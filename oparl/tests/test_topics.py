"""Topics of a round of topics in the OParl API (the extension type `Topic`)."""

import datetime
import hashlib
import json

import pytest
from django.utils import timezone

from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.confirmation import email_hash
from emscher_portal.core.models import Status
from forums.tests.factories import make_event, make_programme_item, make_workshop
from networks.tests.factories import make_network
from oparl.tests.walk import api_base, get_json, walk
from participation.models import Ballot, BallotPoints, Round, Topic
from participation.tests.factories import make_round, make_topic, round_move_to

pytestmark = pytest.mark.django_db

ADDRESS = "paula.vorschlag@example.org"


def api(path=""):
    return api_base() + path


def _since(minutes=1):
    stamp = (timezone.localtime() - datetime.timedelta(minutes=minutes)).isoformat(timespec="seconds")
    return "?modified_since=" + stamp.replace("+", "%2B")


def _ids(answer):
    return [obj["id"] for obj in answer["data"]]


def _vote(round_, voter, points):
    ballot = Ballot.objects.create(round=round_, voter_hash=email_hash(voter))
    BallotPoints.objects.bulk_create([BallotPoints(ballot=ballot, topic=topic, points=n) for topic, n in points])


def test_only_approved_topics_of_published_rounds_appear_and_nothing_personal(client):
    round_ = make_round("proposing", title="Themen für das Forum 2026")
    shown = make_topic(round_, title="Freigegebenes Thema", public_name="Paula Vorschlag", contact_email=ADDRESS)
    anonymous = make_topic(round_, title="Thema ohne Namen", contact_email="anonym@example.org")
    for moderation, title in [
        (Topic.Moderation.UNCONFIRMED, "Unbestätigtes Thema"),
        (Topic.Moderation.SUBMITTED, "Ungeprüftes Thema"),
        (Topic.Moderation.DECLINED, "Abgelehntes Thema"),
    ]:
        make_topic(round_, title=title, moderation=moderation, public_name="Verena Versteckt", contact_email=ADDRESS)
    draft_round = make_round("proposing", title="Entwurfsrunde", status=Status.DRAFT)
    hidden = make_topic(draft_round, title="Thema einer Entwurfsrunde")

    answers, by_type = walk(client)

    assert answers[api("body/emscher/")]["emscher:topic"] == api("body/emscher/topic/")
    assert sorted(obj["name"] for obj in by_type["Topic"].values()) == ["Freigegebenes Thema", "Thema ohne Namen"]
    everything = json.dumps(answers, ensure_ascii=False)
    for absent in (
        "Unbestätigtes Thema",
        "Ungeprüftes Thema",
        "Abgelehntes Thema",
        "Verena Versteckt",
        "Entwurfsrunde",
        "Thema einer Entwurfsrunde",
    ):
        assert absent not in everything
    # Never an address, nor a hash of it (the ballots' key or a plain digest).
    for address in (ADDRESS, "anonym@example.org"):
        for secret in (address, email_hash(address), hashlib.sha256(address.encode()).hexdigest()):
            assert secret not in everything
    answer = answers[api(f"topic/{shown.pk}/")]
    assert answer["proposerName"] == "Paula Vorschlag"
    assert answer["round"] == {"name": "Themen für das Forum 2026", "web": answer["round"]["web"]}
    assert answer["round"]["web"].endswith(round_.get_absolute_url())
    assert answer["web"].endswith(shown.get_absolute_url())
    assert "proposerName" not in answers[api(f"topic/{anonymous.pk}/")]
    assert client.get(f"/api/oparl/v1/topic/{hidden.pk}/").status_code == 404


def test_a_withdrawn_topic_is_a_tombstone_and_a_never_public_one_unknown(client):
    round_ = make_round("proposing")
    withdrawn = make_topic(round_, title="Zurückgezogenes Thema", public_name="Wilma Widerruf")
    deleted = make_topic(round_, title="Gelöschtes Thema")
    never = make_topic(round_, title="Nie freigegeben", moderation=Topic.Moderation.SUBMITTED)
    deleted_pk = deleted.pk
    since = _since()

    withdrawn.moderation = Topic.Moderation.DECLINED
    withdrawn.save()
    deleted.delete()

    answer = get_json(client, api(f"topic/{withdrawn.pk}/"))
    assert answer == {
        "id": api(f"topic/{withdrawn.pk}/"),
        "type": api("extension/Topic"),
        "created": answer["created"],
        "modified": answer["modified"],
        "deleted": True,
    }
    assert get_json(client, api(f"topic/{deleted_pk}/"))["deleted"] is True
    assert client.get(f"/api/oparl/v1/topic/{never.pk}/").status_code == 404
    # Without modified_since the list leaves them out; with it, they are tombstones.
    assert _ids(get_json(client, api("body/emscher/topic/"))) == []
    listed = get_json(client, api("body/emscher/topic/") + since)["data"]
    assert [(obj["id"], obj.get("deleted")) for obj in listed] == [
        (api(f"topic/{withdrawn.pk}/"), True),
        (api(f"topic/{deleted_pk}/"), True),
    ]
    assert "Wilma Widerruf" not in json.dumps(listed, ensure_ascii=False)
    # A round taken back from publication withdraws its topics too.
    other = make_topic(make_round("proposing"))
    other.round.status = Status.DRAFT
    other.round.save()
    assert get_json(client, api(f"topic/{other.pk}/"))["deleted"] is True
    # An approved topic of a round never published was never public, deleted or not.
    draft_round = make_round("proposing", status=Status.DRAFT)
    unseen, gone = make_topic(draft_round), make_topic(draft_round)
    gone_pk = gone.pk
    gone.delete()
    assert client.get(f"/api/oparl/v1/topic/{unseen.pk}/").status_code == 404
    assert client.get(f"/api/oparl/v1/topic/{gone_pk}/").status_code == 404
    assert api(f"topic/{gone_pk}/") not in _ids(get_json(client, api("body/emscher/topic/") + since))


def test_a_topic_links_what_came_of_it_and_shows_points_only_after_the_weighing(client):
    event = make_event(title="Experten-Forum 2026")
    item = make_programme_item(event, title="Vortrag zum Thema")
    workshop = make_workshop(event, title="Workshop zum Thema")
    draft_workshop = make_workshop(make_event(status=Status.DRAFT), title="Geheimer Workshop")
    measure = make_measure(make_field(make_plan()), title="Maßnahme aus dem Thema")
    draft_measure = make_measure(make_field(make_plan()), status=Status.DRAFT)
    network = make_network()
    round_ = make_round("weighing")
    topic = make_topic(
        round_,
        title="Schwammstadt",
        network=network,
        decision=Topic.Decision.PROGRAMME,
        decision_reason="Passt ins Programm.",
        decided_at=timezone.now(),
    )
    topic.programme_items.set([item])
    topic.workshops.set([workshop, draft_workshop])
    topic.measures.set([measure, draft_measure])
    merged = make_topic(
        round_,
        title="Doppelter Vorschlag",
        moderation=Topic.Moderation.MERGED,
        merged_into=topic,
        moderation_reason="Fragt dasselbe.",
    )
    other = make_topic(round_, title="Anderes Thema", split_from=topic)
    _vote(round_, "a@example.org", [(topic, 3), (merged, 2)])
    _vote(round_, "b@example.org", [(merged, 1), (other, 2)])

    answer = get_json(client, api(f"topic/{topic.pk}/"))
    assert answer["agendaItem"] == [
        api(f"agenda-item/programme/{item.pk}/"),
        api(f"agenda-item/workshop/{workshop.pk}/"),
    ]
    assert answer["meeting"] == [api(f"meeting/{event.pk}/")]
    assert answer["measure"] == [api(f"measure/{measure.pk}/")]
    assert answer["organization"] == [api(f"organization/{network.pk}/")]
    assert (answer["decision"], answer["decisionLabel"], answer["decisionReason"]) == (
        "programme",
        "ins Programm aufgenommen",
        "Passt ins Programm.",
    )
    assert (answer["phase"], answer["phaseLabel"]) == ("weighing", "Gewichten")
    assert "points" not in answer
    assert "supporters" not in answer
    merged_answer = get_json(client, api(f"topic/{merged.pk}/"))
    assert (merged_answer["mergedInto"], merged_answer["mergeReason"]) == (api(f"topic/{topic.pk}/"), "Fragt dasselbe.")

    before = answer["modified"]
    round_move_to(round_, "evaluating")
    Topic.objects.filter(pk=topic.pk).update(updated_at=timezone.now() - datetime.timedelta(days=20))
    Round.objects.filter(pk=round_.pk).update(updated_at=timezone.now() - datetime.timedelta(days=20))

    answer = get_json(client, api(f"topic/{topic.pk}/"))
    # Its own points and those of the topic merged into it; each ballot counted once.
    assert (answer["points"], answer["supporters"]) == (6, 2)
    # `modified` follows the phase: it is the moment the weighing ended (the newest phase start that has passed).
    assert answer["modified"] == timezone.localtime(round_.weighing_close_at).replace(microsecond=0).isoformat()
    assert answer["modified"] != before
    listed = {obj["name"]: obj for obj in get_json(client, api("body/emscher/topic/"))["data"]}
    assert (listed["Anderes Thema"]["points"], listed["Anderes Thema"]["supporters"]) == (2, 1)
    assert "points" not in listed["Doppelter Vorschlag"]
    assert listed["Anderes Thema"]["splitFrom"] == api(f"topic/{topic.pk}/")


def test_the_topic_schema_is_served_at_its_type(client):
    topic = make_topic(make_round("proposing"))

    answer = get_json(client, api(f"topic/{topic.pk}/"))
    schema = get_json(client, answer["type"])

    assert answer["type"] == api("extension/Topic")
    assert schema["$id"] == answer["type"]
    assert set(answer) <= set(schema["properties"])


@pytest.mark.parametrize("count", [1, 200])
def test_the_topic_list_costs_the_same_queries_for_1_and_200_topics(client, django_assert_num_queries, count):
    event = make_event()
    item, workshop = make_programme_item(event), make_workshop(event)
    measure = make_measure(make_field(make_plan()))
    document = make_document()
    network = make_network()
    round_ = make_round("closed")
    topics = []
    for number in range(count):
        topic = make_topic(round_, title=f"Thema {number}", network=network, decision=Topic.Decision.PROGRAMME)
        topic.programme_items.set([item])
        topic.workshops.set([workshop])
        topic.measures.set([measure])
        topic.documents.set([document])
        topics.append(topic)
    _vote(round_, "a@example.org", [(topic, 1) for topic in topics[:10]])

    # Version row of the page cache, count, rows (with points), then programme items, workshops, measures, documents.
    with django_assert_num_queries(7) as captured:
        response = client.get("/api/oparl/v1/body/emscher/topic/", {"limit": "500"})

    # The proposer's address is not even read (a network's public contact address is another column).
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert '."contact_email"' not in sql.replace('"networks_network"."contact_email"', "")

    data = json.loads(response.content)["data"]
    assert len(data) == count
    assert all(obj["measure"] == [api(f"measure/{measure.pk}/")] for obj in data)
    assert sum(obj["points"] for obj in data) == min(count, 10)
