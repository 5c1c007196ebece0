"""History with values and restore (django-simple-history through core.admin.ContentAdmin), as an organiser uses
it: who changed what when, old → new per field, „Diese Version wiederherstellen“ after a confirmation."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from pytest_django.asserts import assertContains, assertInHTML

from documents.models import Measure
from documents.plan_services import measure_set_status
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.admin import ContentAdmin
from emscher_portal.core.models import Status
from emscher_portal.models import LegalPage

pytestmark = pytest.mark.django_db

URL = "/admin/emscher_portal/legalpage/"


def _page(**overrides):
    defaults = {"kind": LegalPage.Kind.IMPRINT, "title": "Impressum", "body": "Herausgeberin: die Stadt."}
    return LegalPage.objects.create(**(defaults | overrides))


def _form(page, **changes):
    data = {"kind": page.kind, "title": page.title, "summary": page.summary, "body": page.body, "status": page.status}
    return data | changes


def test_every_registered_content_model_keeps_a_history_with_restore():
    without = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_config.name in settings.LOCAL_APPS
        and getattr(model_admin, "redaktion_permissions", None) not in [("view",), ()]
        and not (isinstance(model_admin, ContentAdmin) and hasattr(model, "history"))
    ]

    # Former slugs are the machinery's redirects, written by the slug service; nothing to restore there. (The task
    # workers and periodic jobs are superusers' machinery, read-only, no content.)
    assert without == ["emscher_portal.OldSlug"]


def test_the_history_shows_who_changed_which_field_from_what_to_what(redaktion_client):
    page = _page()

    redaktion_client.post(
        f"{URL}{page.pk}/change/", _form(page, title="Impressum (neu)", body="Herausgeber: der Verband.")
    )
    response = redaktion_client.get(f"{URL}{page.pk}/history/")

    assert response.status_code == 200
    assertContains(response, "organisatorin")
    assertInHTML(
        "<li><strong>Überschrift:</strong> <del>Impressum</del> → <ins>Impressum (neu)</ins></li>", response.text
    )
    assertContains(response, "<del>Herausgeberin: die Stadt.</del>", html=True)
    assertContains(response, "Diese Version wiederherstellen")
    assert 'style="' not in response.text


def test_restoring_a_version_asks_first_and_then_brings_the_old_values_back(redaktion_client):
    page = _page()
    redaktion_client.post(f"{URL}{page.pk}/change/", _form(page, title="Impressum (neu)"))
    first = page.history.earliest()

    confirm = redaktion_client.get(f"{URL}{page.pk}/history/{first.history_id}/")
    untouched = LegalPage.objects.get(pk=page.pk).title
    restored = redaktion_client.post(f"{URL}{page.pk}/history/{first.history_id}/", _form(page, title="Impressum"))

    assertContains(confirm, "Wiederherstellen ändert diese Felder")
    assertInHTML(
        "<li><strong>Überschrift:</strong> <del>Impressum (neu)</del> → <ins>Impressum</ins></li>", confirm.text
    )
    assertContains(confirm, 'value="Ja, diese Version wiederherstellen"')
    assert untouched == "Impressum (neu)"
    assert restored.status_code == 302
    assert LegalPage.objects.get(pk=page.pk).title == "Impressum"
    latest = page.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        redaktion_client.user,
        "Ältere Version wiederhergestellt",
    )


def test_bulk_actions_are_recorded_with_who_and_why(redaktion_client):
    pages = [_page(kind=kind, title=str(kind.label)) for kind in (LegalPage.Kind.PRIVACY, LegalPage.Kind.EASY_LANGUAGE)]

    response = redaktion_client.post(
        URL, {"action": "publish_selected", "_selected_action": [page.pk for page in pages], "index": "0"}
    )

    assert response.status_code == 302
    for page in pages:
        latest = page.history.latest()
        assert (latest.status, latest.history_user, latest.history_change_reason) == (
            Status.PUBLISHED,
            redaktion_client.user,
            "Sammelaktion: veröffentlicht",
        )


def test_a_service_save_is_recorded_too():
    measure = make_measure(make_field(make_plan(), number=1))

    measure_set_status(measure=measure, status=Measure.ImplementationStatus.DONE)

    latest, before = measure.history.all()[:2]
    delta = latest.diff_against(before)
    assert [(change.field, change.old, change.new) for change in delta.changes] == [
        ("implementation_status", "planned", "done")
    ]


def test_someone_who_may_only_look_cannot_restore(client, django_user_model):
    page = _page(title="Impressum (neu)")
    first = page.history.earliest()
    viewer = django_user_model.objects.create_user(username="leserin", password="lang-genug-123456", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_legalpage"))
    client.force_login(viewer)

    look = client.get(f"{URL}{page.pk}/history/{first.history_id}/")
    restore = client.post(f"{URL}{page.pk}/history/{first.history_id}/", _form(page, title="Anders"))

    assert look.status_code == 200
    assert "Ja, diese Version wiederherstellen" not in look.text
    assert restore.status_code == 403
    assert LegalPage.objects.get(pk=page.pk).title == "Impressum (neu)"
