import pytest
from django.contrib.auth.models import Group
from pytest_django.asserts import assertContains

from documents.models import Measure, MeasureStatusChange
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from networks.tests.factories import make_municipality, make_network

pytestmark = pytest.mark.django_db

S = Measure.ImplementationStatus


def _measure_form(measure, **changes):
    data = {
        "action_field": measure.action_field_id,
        "number": measure.number,
        "title": measure.title,
        "slug": measure.slug,
        "status": measure.status,
        "position": measure.position,
        "implementation_status": measure.implementation_status,
        "time_frame": measure.time_frame,
        "description": measure.description,
        "goal": measure.goal,
        "status_changed_on": "",
        "status_note": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    return data | changes


def test_admin_status_change_is_recorded_in_the_history(staff_client):
    measure = make_measure(make_field(make_plan(), number=1))
    network = make_network()

    response = staff_client.post(
        f"/admin/documents/measure/{measure.pk}/change/",
        _measure_form(
            measure,
            implementation_status=S.DONE,
            status_changed_on="2022-06-01",
            status_note="Im Rat beschlossen",
            networks=[network.pk],
        ),
    )

    assert response.status_code == 302
    change = MeasureStatusChange.objects.filter(measure=measure).latest("id")
    assert (change.old_status, change.new_status, str(change.changed_on), change.note) == (
        S.PLANNED,
        S.DONE,
        "2022-06-01",
        "Im Rat beschlossen",
    )
    assert change.changed_by.username == "redaktion"
    assert list(Measure.objects.get(pk=measure.pk).networks.all()) == [network]


def test_admin_saving_without_status_change_adds_no_history(staff_client):
    measure = make_measure(make_field(make_plan(), number=1))

    staff_client.post(f"/admin/documents/measure/{measure.pk}/change/", _measure_form(measure, title="Neu"))

    assert MeasureStatusChange.objects.filter(measure=measure).count() == 1
    assert Measure.objects.get(pk=measure.pk).title == "Neu"


def test_admin_inline_measures_of_a_field_record_their_status(staff_client):
    field = make_field(make_plan(), number=2, title="Grün")
    measure = make_measure(field, number="2.1")
    city = make_municipality()
    prefix = "measures"
    data = {
        "plan": field.plan_id,
        "number": 2,
        "title": "Grün",
        "slug": field.slug,
        "description": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-id": measure.pk,
        f"{prefix}-0-action_field": field.pk,
        f"{prefix}-0-number": "2.1",
        f"{prefix}-0-position": "0",
        f"{prefix}-0-status": Status.PUBLISHED,
        f"{prefix}-0-title": measure.title,
        f"{prefix}-0-slug": measure.slug,
        f"{prefix}-0-implementation_status": S.IN_PROGRESS,
        f"{prefix}-0-time_frame": "",
        f"{prefix}-1-action_field": field.pk,
        f"{prefix}-1-number": "2.2",
        f"{prefix}-1-position": "1",
        f"{prefix}-1-status": Status.DRAFT,
        f"{prefix}-1-title": "Neue Maßnahme",
        f"{prefix}-1-slug": "neue-massnahme",
        f"{prefix}-1-implementation_status": S.PLANNED,
        f"{prefix}-1-time_frame": "2025",
        f"{prefix}-1-municipalities": [city.pk],
    }

    response = staff_client.post(f"/admin/documents/actionfield/{field.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert list(measure.status_changes.order_by("id").values_list("new_status", flat=True)) == [
        S.PLANNED,
        S.IN_PROGRESS,
    ]
    new = Measure.objects.get(slug="neue-massnahme")
    assert list(new.status_changes.values_list("new_status", flat=True)) == [S.PLANNED]
    assert list(new.municipalities.all()) == [city]


def test_admin_measure_list_search_and_filters_work(staff_client):
    field = make_field(make_plan(), number=1)
    make_measure(field, title="Gründächer fördern", implementation_status=S.DONE)
    make_measure(field, title="Bäche öffnen")

    response = staff_client.get("/admin/documents/measure/?q=Gründ&implementation_status__exact=done")

    assertContains(response, "Gründächer fördern")
    assert "Bäche öffnen" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/documents/plan/add/",
        "/admin/documents/actionfield/add/",
        "/admin/documents/measure/add/",
        "/admin/networks/network/add/",
        "/admin/networks/member/",
        "/admin/networks/network/",
    ],
)
def test_admin_pages_open(staff_client, url):
    make_network()

    assert staff_client.get(url).status_code == 200


def test_admin_autocomplete_finds_networks_and_municipalities(staff_client):
    make_network(name="Wirtschaftlichkeit")
    make_municipality(name="Gladbeck")

    networks = staff_client.get(
        "/admin/autocomplete/",
        {"term": "Wirt", "app_label": "documents", "model_name": "measure", "field_name": "networks"},
    )
    cities = staff_client.get(
        "/admin/autocomplete/",
        {"term": "Glad", "app_label": "documents", "model_name": "measure", "field_name": "municipalities"},
    )

    assert [item["text"] for item in networks.json()["results"]] == ["Wirtschaftlichkeit"]
    assert [item["text"] for item in cities.json()["results"]] == ["Gladbeck"]


def test_redaktion_group_may_edit_the_plan():
    codenames = set(Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True))

    assert {
        "change_plan",
        "add_actionfield",
        "change_measure",
        "delete_measure",
        "add_measurestatuschange",
        "view_measurestatuschange",
        "change_member",
        "change_network",
    } <= codenames
    # The status history only grows: never edited, never deleted.
    assert not {"change_measurestatuschange", "delete_measurestatuschange"} & codenames


def test_the_status_history_is_append_only_in_the_admin(redaktion_client):
    measure = make_measure(make_field(make_plan(), number=1))
    entry = measure.status_changes.get()

    page = redaktion_client.get(f"/admin/documents/measure/{measure.pk}/change/")
    tampered = _measure_form(
        measure,
        **{
            "status_changes-TOTAL_FORMS": "1",
            "status_changes-INITIAL_FORMS": "1",
            "status_changes-0-id": str(entry.pk),
            "status_changes-0-measure": str(measure.pk),
            "status_changes-0-changed_on": "2001-01-01",
            "status_changes-0-new_status": S.DONE,
            "status_changes-0-note": "heimlich geändert",
            "status_changes-0-DELETE": "on",
        },
    )
    response = redaktion_client.post(f"/admin/documents/measure/{measure.pk}/change/", tampered)

    assert response.status_code == 302
    assert 'name="status_changes-0-note"' not in page.text  # the existing entry is shown, not editable
    assert 'name="status_changes-0-DELETE"' not in page.text
    assert list(measure.status_changes.values_list("pk", "note", "new_status")) == [(entry.pk, entry.note, S.PLANNED)]


def test_a_correction_is_a_new_entry_with_its_reason(redaktion_client):
    measure = make_measure(make_field(make_plan(), number=1))
    correction = {
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-0-measure": str(measure.pk),
        "status_changes-0-changed_on": "2021-03-01",
        "status_changes-0-new_status": S.IN_PROGRESS,
    }

    without_reason = redaktion_client.post(
        f"/admin/documents/measure/{measure.pk}/change/",
        _measure_form(measure, **correction, **{"status_changes-0-note": ""}),
    )
    with_reason = redaktion_client.post(
        f"/admin/documents/measure/{measure.pk}/change/",
        _measure_form(measure, **correction, **{"status_changes-0-note": "Beginn war schon 2021, nicht 2022"}),
    )

    assert without_reason.status_code == 200
    assertContains(without_reason, "Dieses Feld ist zwingend erforderlich.")
    assert with_reason.status_code == 302
    first, added = measure.status_changes.order_by("id")
    assert (added.old_status, added.new_status, str(added.changed_on), added.note) == (
        S.PLANNED,
        S.IN_PROGRESS,
        "2021-03-01",
        "Beginn war schon 2021, nicht 2022",
    )
    assert added.changed_by == redaktion_client.user
    assert first.new_status == S.PLANNED
    assert Measure.objects.get(pk=measure.pk).implementation_status == S.IN_PROGRESS
