"""Small builders for Maßnahmenplan test data."""

import itertools

from documents.models import ActionField, Measure, Plan
from documents.plan_services import measure_save
from emscher_portal.core.models import Status

_numbers = itertools.count(1)


def make_plan(**overrides):
    number = next(_numbers)
    defaults = {"title": "Maßnahmenplan 2020+", "slug": f"plan-{number}", "status": Status.PUBLISHED}
    return Plan.objects.create(**(defaults | overrides))


def make_field(plan, **overrides):
    number = overrides.pop("number", None) or next(_numbers)
    defaults = {"title": f"Handlungsfeld {number}", "slug": f"feld-{number}"}
    return ActionField.objects.create(plan=plan, number=number, **(defaults | overrides))


def make_measure(field, **overrides):
    number = next(_numbers)
    networks = overrides.pop("networks", None)
    municipalities = overrides.pop("municipalities", None)
    documents = overrides.pop("documents", None)
    defaults = {
        "number": f"{field.number}.{number}",
        "title": f"Maßnahme {number}",
        "slug": f"massnahme-{number}",
        "status": Status.PUBLISHED,
    }
    measure = measure_save(measure=Measure(action_field=field, **(defaults | overrides)))
    if networks:
        measure.networks.set(networks)
    if municipalities:
        measure.municipalities.set(municipalities)
    if documents:
        measure.documents.set(documents)
    return measure
