import datetime

import pytest
from django.core.exceptions import ValidationError

from documents.models import Measure, MeasureStatusChange
from documents.plan_services import measure_save, measure_set_status
from documents.tests.plan_factories import make_field, make_measure, make_plan

pytestmark = pytest.mark.django_db

S = Measure.ImplementationStatus


def _history(measure):
    return list(
        MeasureStatusChange.objects.filter(measure=measure)
        .order_by("id")
        .values_list("old_status", "new_status", "changed_on")
    )


def test_measure_save_records_the_initial_status(django_user_model):
    editor = django_user_model.objects.create_user(username="editor")
    field = make_field(make_plan(), number=1)

    measure = measure_save(
        measure=Measure(action_field=field, number="1.1", title="Abkoppeln", slug="abkoppeln"),
        user=editor,
        changed_on=datetime.date(2018, 3, 1),
    )

    assert _history(measure) == [("", S.PLANNED, datetime.date(2018, 3, 1))]
    assert measure.status_changes.get().changed_by == editor


def test_measure_save_records_a_change_only_when_the_status_changes():
    measure = make_measure(make_field(make_plan(), number=1))
    first = measure.status_changes.get()

    measure.title = "Neuer Titel"
    measure_save(measure=measure)
    measure_set_status(measure=measure, status=S.IN_PROGRESS, changed_on=datetime.date(2020, 1, 2), note="Los")
    measure_set_status(measure=measure, status=S.IN_PROGRESS)

    assert _history(measure) == [
        ("", S.PLANNED, first.changed_on),
        (S.PLANNED, S.IN_PROGRESS, datetime.date(2020, 1, 2)),
    ]
    assert measure.status_changes.latest("id").note == "Los"


def test_measure_save_refuses_an_invalid_measure_and_writes_nothing():
    field = make_field(make_plan(), number=1)
    make_measure(field, number="1.1")

    with pytest.raises(ValidationError):
        measure_save(measure=Measure(action_field=field, number="1.1", title="Doppelt", slug="doppelt"))

    assert Measure.objects.filter(slug="doppelt").exists() is False
    assert MeasureStatusChange.objects.count() == 1


def test_measure_save_refuses_an_unknown_status():
    measure = make_measure(make_field(make_plan(), number=1))

    with pytest.raises(ValidationError):
        measure_set_status(measure=measure, status="fertig")

    assert _history(measure)[-1][1] == S.PLANNED
