import datetime

import pytest
from pytest_django.asserts import assertContains, assertInHTML

from documents import demo_plan
from documents.models import ActionField, Measure, MeasureStatusChange, Plan
from networks import demo as networks_demo
from networks.models import Member, Network

pytestmark = pytest.mark.django_db


def test_demo_plan_states_the_true_facts(demo, client):
    plan = Plan.objects.get()

    assert plan.adopted_at_event.slug == "dezernententreffen-2018"
    assert plan.presented_on == datetime.date(2018, 3, 1)
    assert plan.is_presented_month_only is True
    response = client.get("/massnahmenplan/")
    assertContains(response, "März 2018")
    assertInHTML(
        f'<a href="{plan.adopted_at_event.get_absolute_url()}">2018 beim 3. Dezernententreffen in Castrop-Rauxel</a>',
        response.text,
    )
    assertContains(response, "„Klimaresiliente Region mit internationaler Strahlkraft“")
    assertContains(response, "25 Prozent weniger Regenwasser")


def test_demo_fields_measures_and_people_are_marked_as_examples(demo, client):
    assert set(ActionField.objects.values_list("is_example", flat=True)) == {True}
    assert set(Measure.objects.values_list("is_example", flat=True)) == {True}
    assert all("Beispieltext" in text for text in Measure.objects.values_list("description", flat=True))
    assert set(Member.objects.values_list("is_example", flat=True)) == {True}
    assert set(Network.objects.values_list("is_contact_example", flat=True)) == {True}
    assert Member.objects.filter(has_consented=False).exists()

    response = client.get(Measure.objects.first().get_absolute_url())
    assertInHTML('<span class="example-badge">Beispiel</span>', response.text)


def test_demo_plan_loads_twice_without_changing_anything(demo):
    counts = (Measure.objects.count(), MeasureStatusChange.objects.count(), Member.objects.count())

    networks_demo.load()
    demo_plan.load()

    assert (Measure.objects.count(), MeasureStatusChange.objects.count(), Member.objects.count()) == counts
    assert Measure.objects.count() == 10
