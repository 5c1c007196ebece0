import datetime
import hashlib
import json

import pytest
from django.utils import timezone

from documents.tests.library_factories import make_document, pdf_bytes
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from forums.tests.factories import make_event, make_programme_item, make_workshop
from networks.tests.factories import make_member, make_network
from oparl.tests.walk import api_base, get_json, walk

pytestmark = pytest.mark.django_db


def api(path=""):
    return api_base() + path


def _path(url):
    return url.removeprefix(api_base().split("/api/")[0])


def _get(client, url, **params):
    return client.get(_path(url), params)


def _ids(answer):
    return [obj["id"] for obj in answer["data"]]


def test_drafts_and_members_without_consent_never_appear_anywhere(client, django_capture_on_commit_callbacks):
    network = make_network(name="Netzwerk Kühlung")
    make_member(network, name="Erika Einverstanden")
    make_member(network, name="Norbert Nichtgenannt", has_consented=False)
    hidden_network = make_network(name="Geheimes Netzwerk", status=Status.DRAFT)
    make_member(hidden_network, name="Dora Draftnetz")
    event = make_event(title="Offenes Forum", networks=[network, hidden_network])
    make_programme_item(event, title="Offener Programmpunkt")
    draft_event = make_event(title="Entwurfsforum", status=Status.DRAFT)
    make_programme_item(draft_event, title="Geheimer Programmpunkt")
    make_workshop(draft_event, title="Geheimer Workshop")
    with django_capture_on_commit_callbacks(execute=True):  # the text extraction runs after the commit
        make_document(title="Offenes Dokument", event=event, data=pdf_bytes(["Offener Text"]))
        make_document(title="Entwurfsdokument", event=event, status=Status.DRAFT, data=pdf_bytes(["Geheimer Text"]))
    field = make_field(make_plan())
    make_measure(field, title="Offene Maßnahme", networks=[network, hidden_network])
    make_measure(field, title="Entwurfsmaßnahme", status=Status.DRAFT)

    answers, by_type = walk(client)

    everything = json.dumps(answers, ensure_ascii=False)
    for shown in (
        "Erika Einverstanden",
        "Offenes Forum",
        "Offener Programmpunkt",
        "Offenes Dokument",
        "Offene Maßnahme",
    ):
        assert shown in everything
    for hidden in (
        "Norbert Nichtgenannt",
        "Geheimes Netzwerk",
        "Dora Draftnetz",
        "Entwurfsforum",
        "Geheimer Programmpunkt",
        "Geheimer Workshop",
        "Entwurfsdokument",
        "Geheimer Text",
        "Entwurfsmaßnahme",
    ):
        assert hidden not in everything
    assert sorted(obj["name"] for obj in by_type["Person"].values()) == ["Erika Einverstanden"]
    assert [obj["name"] for obj in by_type["Meeting"].values()] == ["Offenes Forum"]
    assert sorted(obj["name"] for obj in by_type["Organization"].values()) == [
        "Dezernentenrunde der Emscher-Kommunen",
        "Netzwerk Kühlung",
        "Vorbereitungsgruppe des Experten-Forums",
    ]
    meeting = next(iter(by_type["Meeting"].values()))
    assert meeting["organization"] == [
        api("organization/vorbereitungsgruppe/"),
        api(f"organization/{network.pk}/"),
    ]
    assert [item["name"] for item in meeting["agendaItem"]] == ["Offener Programmpunkt"]
    assert [item["name"] for item in meeting["auxiliaryFile"]] == ["Offenes Dokument"]
    assert "Offener Text" in meeting["auxiliaryFile"][0]["text"]


def test_a_withdrawn_object_stays_as_a_tombstone_and_a_draft_is_unknown(client):
    event = make_event(title="Zurückgezogenes Forum")
    item = make_programme_item(event)
    document = make_document(title="Zurückgezogenes Dokument")
    never = make_document(title="Nie veröffentlicht", status=Status.DRAFT)
    before = timezone.localtime() - datetime.timedelta(minutes=1)

    event.status = Status.DRAFT
    event.save()
    document.status = Status.DRAFT
    document.save()

    answer = get_json(client, api(f"file/{document.pk}/"))
    assert answer == {
        "id": api(f"file/{document.pk}/"),
        "type": "https://schema.oparl.org/1.1/File",
        "created": answer["created"],
        "modified": answer["modified"],
        "deleted": True,
    }
    assert get_json(client, api(f"meeting/{event.pk}/"))["deleted"] is True
    assert get_json(client, api(f"agenda-item/programme/{item.pk}/"))["deleted"] is True
    # Without modified_since a list leaves the withdrawn out; with it, it shows the tombstone (chapter 2.5).
    assert _ids(get_json(client, api("body/emscher/file/"))) == []
    since = before.isoformat(timespec="seconds")
    listed = get_json(client, api("body/emscher/file/") + "?modified_since=" + since.replace("+", "%2B"))
    assert [(obj["id"], obj.get("deleted")) for obj in listed["data"]] == [(api(f"file/{document.pk}/"), True)]
    response = _get(client, api(f"file/{never.pk}/"))
    assert response.status_code == 404
    assert json.loads(response.content) == {
        "type": "https://schema.oparl.org/1.1/Error",
        "message": "Dieses Objekt gibt es nicht.",
        "debug": "",
    }


def test_a_member_who_withdraws_consent_becomes_a_tombstone_without_name(client):
    member = make_member(make_network(), name="Wilma Widerruf")

    member.has_consented = False
    member.save()

    answer = get_json(client, api(f"person/{member.pk}/"))
    assert answer["deleted"] is True
    assert "Wilma" not in json.dumps(answer)
    assert sorted(answer) == ["created", "deleted", "id", "modified", "type"]


def test_lists_are_paginated_and_the_links_keep_the_filters(client):
    events = [make_event(title=f"Forum {number}") for number in range(3)]
    since = (timezone.localtime() - datetime.timedelta(hours=1)).replace(microsecond=0)
    encoded = since.isoformat().replace("+", "%2B").replace(":", "%3A")

    first = get_json(client, api("body/emscher/meeting/") + f"?created_since={encoded}&limit=2")

    assert _ids(first) == [api(f"meeting/{event.pk}/") for event in events[:2]]
    assert first["pagination"] == {"totalElements": 3, "elementsPerPage": 2, "currentPage": 1, "totalPages": 2}
    assert first["links"]["next"] == api("body/emscher/meeting/") + f"?created_since={encoded}&limit=2&page=2"
    second = get_json(client, first["links"]["next"])
    assert _ids(second) == [api(f"meeting/{events[2].pk}/")]
    assert "next" not in second["links"]
    later = get_json(client, api("body/emscher/meeting/") + "?created_since=2999-01-01T00%3A00%3A00%2B01%3A00")
    assert later["data"] == []


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("created_since=gestern", 400, "„created_since“ muss ein Zeitpunkt mit Zeitzone sein"),
        ("modified_until=2024-01-01T00:00:00", 400, "„modified_until“ muss ein Zeitpunkt mit Zeitzone sein"),
        ("limit=null", 400, "„limit“ muss eine ganze Zahl ab 1 sein."),
        ("page=0", 400, "„page“ muss eine ganze Zahl ab 1 sein."),
        ("limit=%C2%B2", 400, "„limit“ muss eine ganze Zahl ab 1 sein."),
        ("page=" + "9" * 5000, 400, "„page“ muss eine ganze Zahl ab 1 sein."),
        ("modified_since=2024-02-30T00:00:00%2B01:00", 400, "„modified_since“ muss ein Zeitpunkt mit Zeitzone sein"),
        ("created_since=2024-01-01T25:00:00Z", 400, "„created_since“ muss ein Zeitpunkt mit Zeitzone sein"),
        ("page=7", 404, "Dieses Objekt gibt es nicht."),
    ],
)
def test_bad_list_parameters_answer_with_the_error_object(client, query, status, message):
    response = client.get(f"/api/oparl/v1/body/emscher/meeting/?{query}")

    assert response.status_code == status
    answer = json.loads(response.content)
    assert answer["type"] == "https://schema.oparl.org/1.1/Error"
    assert answer["message"].startswith(message)


def test_the_api_is_open_to_other_sites_read_only_and_served_from_the_page_cache(client):
    make_event()

    first = client.get("/api/oparl/v1/body/emscher/meeting/")
    second = client.get("/api/oparl/v1/body/emscher/meeting/")
    post = client.post("/api/oparl/v1/body/emscher/meeting/")

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Access-Control-Allow-Origin"] == "*"
    assert second.content == first.content
    assert post.status_code == 405


def test_a_file_names_its_checksums_and_both_urls_serve_it(client):
    data = pdf_bytes(["Prüfsummen"])
    document = make_document(title="Prüfbares Dokument", data=data)

    answer = get_json(client, api(f"file/{document.pk}/"))
    access = _get(client, answer["accessUrl"])
    download = client.get(_path(answer["downloadUrl"].split("?")[0]), {"anhang": "1"})

    body = b"".join(access.streaming_content)
    assert answer["sha1Checksum"] == hashlib.sha1(body, usedforsecurity=False).hexdigest()
    assert answer["emscher:sha256Checksum"] == hashlib.sha256(body).hexdigest()
    assert answer["size"] == len(body) == len(b"".join(download.streaming_content))
    assert answer["mimeType"] == "application/pdf"
    assert answer["fileLicense"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert access["Content-Disposition"].startswith("inline;")
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_measure_is_an_extension_object_with_its_schema_at_its_type(client):
    network = make_network()
    measure = make_measure(make_field(make_plan(), number=2), title="Dächer begrünen", networks=[network])

    answer = get_json(client, api(f"measure/{measure.pk}/"))
    schema = get_json(client, answer["type"])

    assert answer["type"] == api("extension/Measure")
    assert answer["name"] == "Dächer begrünen"
    assert answer["organization"] == [api(f"organization/{network.pk}/")]
    assert schema["$id"] == answer["type"]
    assert set(answer) <= set(schema["properties"])


# -- constant queries per list page ------------------------------------------------


def _meetings(count):
    network = make_network()
    for number in range(count):
        event = make_event(title=f"Treffen {number}", networks=[network])
        make_programme_item(event)
        make_workshop(event)
        make_document(title=f"Dokumentation {number}", event=event)


@pytest.mark.parametrize("count", [1, 200])
def test_the_meeting_list_costs_the_same_queries_for_1_and_200_meetings(client, django_assert_num_queries, count):
    _meetings(count)

    # Version row of the page cache, count, rows, then networks, programme, workshops, documents, their pages.
    with django_assert_num_queries(8):
        response = client.get("/api/oparl/v1/body/emscher/meeting/")

    assert len(json.loads(response.content)["data"]) == min(count, 100)


@pytest.mark.parametrize("count", [1, 200])
def test_the_person_list_costs_the_same_queries_for_1_and_200_persons(client, django_assert_num_queries, count):
    network = make_network()
    for number in range(count):
        make_member(network, name=f"Person {number}")

    with django_assert_num_queries(3):
        response = client.get("/api/oparl/v1/body/emscher/person/")

    assert len(json.loads(response.content)["data"]) == min(count, 100)


@pytest.mark.parametrize("count", [1, 200])
def test_the_file_list_costs_the_same_queries_for_1_and_200_files(client, django_assert_num_queries, count):
    event = make_event()
    for number in range(count):
        make_document(title=f"Dokument {number}", event=event)

    with django_assert_num_queries(4):
        response = client.get("/api/oparl/v1/body/emscher/file/", {"limit": "500"})

    assert len(json.loads(response.content)["data"]) == count


@pytest.mark.parametrize("count", [1, 200])
def test_the_organization_list_costs_the_same_queries_for_1_and_200_networks(client, django_assert_num_queries, count):
    for _number in range(count):
        make_member(make_network())

    with django_assert_num_queries(4):
        response = client.get("/api/oparl/v1/body/emscher/organization/", {"limit": "500"})

    assert len(json.loads(response.content)["data"]) == count + 2


def test_an_object_deleted_after_it_was_public_stays_as_a_tombstone(client):
    document = make_document(title="Gelöschtes Dokument")
    member = make_member(make_network(), name="Gelöschte Person")
    never = make_document(title="Nie öffentlich und gelöscht", status=Status.DRAFT)
    before = (timezone.localtime() - datetime.timedelta(minutes=1)).isoformat(timespec="seconds")
    document_pk, member_pk, never_pk = document.pk, member.pk, never.pk

    document.delete()
    member.delete()
    never.delete()

    answer = get_json(client, api(f"file/{document_pk}/"))
    assert sorted(answer) == ["created", "deleted", "id", "modified", "type"]
    assert (answer["id"], answer["deleted"]) == (api(f"file/{document_pk}/"), True)
    assert get_json(client, api(f"person/{member_pk}/"))["deleted"] is True
    assert _get(client, api(f"file/{never_pk}/")).status_code == 404
    assert _ids(get_json(client, api("body/emscher/file/"))) == []
    since = "?modified_since=" + before.replace("+", "%2B")
    assert [(obj["id"], obj["deleted"]) for obj in get_json(client, api("body/emscher/file/") + since)["data"]] == [
        (api(f"file/{document_pk}/"), True)
    ]
    persons = get_json(client, api("body/emscher/person/") + since)["data"]
    assert [(obj["id"], obj["deleted"]) for obj in persons] == [(api(f"person/{member_pk}/"), True)]


def test_a_list_with_modified_since_pages_over_live_objects_and_tombstones(client):
    kept = [make_document(title=f"Bleibt {number}") for number in range(2)]
    gone = [make_document(title=f"Geht {number}") for number in range(2)]
    gone_pks = [document.pk for document in gone]
    for document in gone:
        document.delete()
    since = (timezone.localtime() - datetime.timedelta(hours=1)).isoformat(timespec="seconds").replace("+", "%2B")

    first = get_json(client, api("body/emscher/file/") + f"?limit=3&modified_since={since}")
    second = get_json(client, first["links"]["next"])

    assert first["pagination"]["totalElements"] == 4
    assert _ids(first) + _ids(second) == [api(f"file/{pk}/") for pk in [d.pk for d in kept] + gone_pks]
    assert [obj.get("deleted", False) for obj in first["data"] + second["data"]] == [False, False, True, True]


@pytest.mark.parametrize("count", [1, 200])
def test_the_measure_list_costs_the_same_queries_for_1_and_200_measures(client, django_assert_num_queries, count):
    network = make_network()
    field = make_field(make_plan())
    document = make_document()
    for _number in range(count):
        make_measure(field, networks=[network], documents=[document])

    with django_assert_num_queries(5):
        response = client.get("/api/oparl/v1/body/emscher/measure/", {"limit": "500"})

    assert len(json.loads(response.content)["data"]) == count
