import json

import pytest

from oparl.tests.walk import OPARL, VALIDATORS, api_base, walk
from participation.models import Round
from participation.selectors import round_results


@pytest.mark.django_db
def test_every_object_of_the_demo_api_validates_against_its_schema(client, demo):
    answers, by_type = walk(client)

    assert sorted(by_type) == [
        "AgendaItem",
        "Body",
        "File",
        "Location",
        "Measure",
        "Meeting",
        "Membership",
        "Organization",
        "Person",
        "System",
        "Topic",
    ]
    # Every object, embedded ones too, is served at its own id, as the same object plus back references.
    for kind, found in by_type.items():
        for object_id, obj in found.items():
            assert object_id in answers, (kind, object_id)
            own = answers[object_id]
            assert {key: own[key] for key in ("id", "type", "created", "modified")} == {
                key: obj[key] for key in ("id", "type", "created", "modified")
            }
    assert answers[api_base()]["body"] == api_base() + "body/"
    # The topics of the demo's closed round carry the points and supporters of the round's results page.
    closed = next(round_ for round_ in Round.objects.published() if round_.is_closed)
    results = {row.topic.pk: (row.points, row.supporter_count) for row in round_results(closed)}
    weighed = {
        int(object_id.rstrip("/").rsplit("/", 1)[-1]): (topic["points"], topic["supporters"])
        for object_id, topic in by_type["Topic"].items()
        if "points" in topic
    }
    assert weighed == results
    assert sum(points for points, _supporters in results.values()) > 0
    assert len(json.dumps(answers)) > 10_000


def test_the_validation_of_the_walk_refuses_what_the_schemas_forbid():
    agenda_item = {"id": api_base() + "agenda-item/programme/1/", "type": OPARL + "AgendaItem"}
    meeting = {
        "id": "/api/oparl/v1/meeting/1/",
        "type": OPARL + "Meeting",
        "start": "2024-10-09",
        "modified": "2024-10-09T09:30:00.123456+02:00",
    }

    assert [error.message for error in VALIDATORS[OPARL + "AgendaItem"].iter_errors(agenda_item)] == [
        "'order' is a required property"
    ]
    assert sorted(error.validator_value for error in VALIDATORS[OPARL + "Meeting"].iter_errors(meeting)) == [
        "date-time",
        "date-time",
        "url",
    ]
