"""The change map: every model is declared, and a committed change reaches every page, search entry and PDF that
shows it — the cases the three former maps disagreed on."""

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core import changes
from emscher_portal.core.models import ContentVersion, SearchEntry, Status
from emscher_portal.models import LegalPage
from forums.tests.factories import make_event, make_programme_item, make_workshop
from networks.tests.factories import make_member, make_municipality, make_network

pytestmark = pytest.mark.django_db


def _project_models():
    """The models of the portal's own apps (and of its shared machinery), not Django's or a library's."""
    return [model for model in apps.get_models() if model._meta.app_config.name in django_settings.LOCAL_APPS]


@pytest.fixture
def follow(settings, django_capture_on_commit_callbacks):
    """Commit what the block does, as a request would, with the PDF prerenders on (the task backend runs them).
    The test's own set-up goes through it too, so that the change under test is followed on its own."""
    settings.PDF_PRERENDER = True
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _summary(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return SearchEntry.objects.get(content_type=content_type, object_id=obj.pk, page=0).summary


def test_every_model_of_the_portal_is_declared_in_the_change_map():
    models = _project_models()

    apps = {"emscher_portal", "forums", "networks", "documents", "articles", "participation", "alerts"}
    assert {model._meta.app_label for model in models} == apps
    assert changes.undeclared(models) == []


def test_a_model_nobody_declared_is_reported(monkeypatch):
    monkeypatch.delitem(changes._affects, LegalPage)

    assert changes.undeclared(_project_models()) == [LegalPage]


def test_municipality_rename_reindexes_and_prerenders_the_events_it_hosted(follow, render_spy):
    with follow():
        city = make_municipality(name="Gelsenkirchen", slug="gelsenkirchen")
        hosted = make_event(title="4. Experten-Forum", host_city=city)
        make_event(title="Anderswo")
    render_spy.clear()

    with follow():
        city.name = "Gelsenkirchen (Ruhr)"
        city.save()

    assert "Gelsenkirchen (Ruhr)" in _summary(hosted)
    assert render_spy == ["forums/print/event.html"]


def test_action_field_rename_prerenders_every_measure_of_that_field_and_the_plan(follow, render_spy):
    with follow():
        plan = make_plan()
        field = make_field(plan, title="Regenwasser")
        first, second = make_measure(field), make_measure(field)
        make_measure(make_field(plan, title="Grün"))
    render_spy.clear()

    with follow():
        field.title = "Regenwasser und Verdunstung"
        field.save()

    assert sorted(render_spy) == [
        "documents/print/measure.html",
        "documents/print/measure.html",
        "documents/print/plan.html",
    ]
    assert "Regenwasser und Verdunstung" in _summary(first)
    assert "Regenwasser und Verdunstung" in _summary(second)


def test_measure_change_prerenders_the_event_it_arose_at(follow, render_spy):
    with follow():
        event = make_event(title="3. Dezernententreffen")
        measure = make_measure(make_field(make_plan()), origin_event=event)
        make_event(title="Unbeteiligt")
    render_spy.clear()

    with follow():
        measure.title = "Gründächer auf allen Schulen"
        measure.save()

    # The event's page lists the measures that arose at it; its PDF is keyed on everything its selector loads.
    assert sorted(render_spy) == [
        "documents/print/measure.html",
        "documents/print/plan.html",
        "forums/print/event.html",
    ]


def test_publishing_an_event_prerenders_its_networks_pdfs(follow, render_spy):
    with follow():
        networks = [make_network(), make_network()]
        event = make_event(status=Status.DRAFT, networks=networks)
        make_member(networks[0])
        make_network(name="Unbeteiligt")
    render_spy.clear()

    with follow():
        event.status = Status.PUBLISHED
        event.save()

    assert sorted(render_spy) == [
        "forums/print/event.html",
        "networks/print/network.html",
        "networks/print/network.html",
    ]


def test_withdrawing_an_event_removes_its_programme_items_from_the_search(follow):
    event = make_event()
    with follow():
        item = make_programme_item(event, title="Impuls: Schwammstadt")
        workshop = make_workshop(event, title="Hitze im Quartier")
    assert SearchEntry.objects.filter(object_id__in=[item.pk, workshop.pk], page=0).count() == 2

    with follow():
        event.status = Status.DRAFT
        event.save()

    assert not SearchEntry.objects.filter(title__in=["Impuls: Schwammstadt", "Hitze im Quartier"]).exists()


def test_many_changes_in_one_transaction_are_followed_once(follow, django_capture_on_commit_callbacks):
    event = make_event()
    before = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for number in range(5):
            make_programme_item(event, title=f"Punkt {number}")

    assert len(callbacks) == 5  # one per change, so a rolled-back savepoint takes its own along
    assert ContentVersion.objects.get(pk=1).value == before + 1  # but the version moves once


def test_a_rolled_back_change_is_not_followed(follow):
    event = make_event(title="Bleibt")

    with follow():
        try:
            with transaction.atomic():
                event.title = "Nie gespeichert"
                event.save()
                raise RuntimeError("rollback")
        except RuntimeError:
            pass

    assert not SearchEntry.objects.filter(title="Nie gespeichert").exists()
