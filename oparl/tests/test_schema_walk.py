import json

import pytest

from oparl.tests.walk import api_base, walk

pytestmark = pytest.mark.django_db


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
    assert len(json.dumps(answers)) > 10_000
