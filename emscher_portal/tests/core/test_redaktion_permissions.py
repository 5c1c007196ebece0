"""The Redaktion group from one rule: every content model in the admin, nothing of users, groups, the login log or
the task queue — tried as an organiser (staff in the group, not a superuser)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from alerts.models import Subscription
from alerts.services import subscription_confirm, topic_resolve
from emscher_portal.core.permissions import REDAKTION_GROUP, redaktion_models, redaktion_sync
from emscher_portal.models import ContactMessage

pytestmark = pytest.mark.django_db


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _content_models():
    """The registered content models (inline-only ones have no admin pages of their own)."""
    return [model for model in redaktion_models() if model in admin.site._registry]


def _other_models():
    return [model for model in admin.site._registry if model not in redaktion_models()]


def _confirmed_subscription():
    topic = topic_resolve("dokumente")
    return subscription_confirm(
        payload={**topic, "topic": str(topic["topic"]), "label": str(topic["label"]), "frequency": "weekly"},
        email="leserin@example.org",
    )[0]


@pytest.fixture
def everything(demo):
    ContactMessage.objects.create(name="Leserin", email="l@example.org", subject="Frage", message="Hallo")
    _confirmed_subscription()


def test_an_organiser_opens_the_list_and_the_forms_of_every_registered_content_model(everything, redaktion_client):
    opened = []
    for model in _content_models():
        actions = redaktion_models()[model]
        # The operator's details are one row: its list leads straight to it.
        listing = redaktion_client.get(_admin_url(model, "changelist"), follow=True)
        assert listing.status_code == 200, model
        opened.append(model._meta.label)
        if "add" in actions:
            assert redaktion_client.get(_admin_url(model, "add")).status_code == 200, model
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            change = redaktion_client.get(_admin_url(model, "change", first.pk))
            assert change.status_code == 200, model
        else:
            assert "add" in actions, f"{model} has no object and cannot be added: nothing was opened"

    assert set(opened) >= {
        "documents.Document",
        "emscher_portal.LegalPage",
        "emscher_portal.SignLanguageVideo",
        "emscher_portal.ContactMessage",
        "alerts.Subscription",
        "forums.Event",
        "documents.Measure",
    }


def test_an_organiser_gets_403_on_users_groups_the_login_log_and_the_task_queue(redaktion_client):
    others = _other_models()

    assert {model._meta.app_label for model in others} >= {"auth", "axes", "django_tasks_database"}
    assert {model._meta.label for model in others} >= {"emscher_portal.TaskWorker", "emscher_portal.PeriodicJob"}
    for model in others:
        assert redaktion_client.get(_admin_url(model, "changelist")).status_code == 403, model
        if model._meta.model_name in ("user", "group"):
            assert redaktion_client.get(_admin_url(model, "add")).status_code == 403, model


def test_the_admin_index_offers_the_organiser_only_content(redaktion_client):
    response = redaktion_client.get("/admin/")

    assertContains(response, "Dokumente")
    assertContains(response, "Rechtliche Seiten und Textseiten")
    assertContains(response, "Kontaktnachrichten")
    assert "/admin/auth/user/" not in response.text
    assert "/admin/django_tasks_database/" not in response.text


def test_contact_messages_are_view_only_for_the_organiser(redaktion_client):
    message = ContactMessage.objects.create(name="Leserin", email="l@example.org", subject="Frage", message="Hallo")

    page = redaktion_client.get(_admin_url(ContactMessage, "change", message.pk))
    post = redaktion_client.post(_admin_url(ContactMessage, "change", message.pk), {"subject": "geändert"})
    delete = redaktion_client.post(_admin_url(ContactMessage, "delete", message.pk), {"post": "yes"})

    assertContains(page, "Hallo")
    assert 'name="subject"' not in page.text
    assert post.status_code == 403
    assert delete.status_code == 403
    assert ContactMessage.objects.get(pk=message.pk).subject == "Frage"


def test_the_consent_records_of_alerts_are_read_only_and_never_show_the_unsubscribe_key(redaktion_client):
    subscription = _confirmed_subscription()

    page = redaktion_client.get(_admin_url(Subscription, "change", subscription.pk))
    post = redaktion_client.post(_admin_url(Subscription, "change", subscription.pk), {"frequency": "daily"})

    assertContains(page, "leserin@example.org")
    assertContains(page, subscription.consent_text)
    assert subscription.key not in page.text
    assert post.status_code == 403
    assert Subscription.objects.get(pk=subscription.pk).frequency == "weekly"


def test_the_document_autocomplete_on_a_measure_answers_the_organiser(demo, redaktion_client):
    response = redaktion_client.get(
        "/admin/autocomplete/",
        {"term": "Dokumentation", "app_label": "documents", "model_name": "measure", "field_name": "documents"},
    )

    assert response.status_code == 200
    assert response.json()["results"]


def test_the_group_holds_exactly_what_the_rule_gives_after_migrate():
    group = Group.objects.get(name=REDAKTION_GROUP)
    group.permissions.clear()

    call_command("migrate", verbosity=0)

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("documents", "add_document") in codenames
    assert ("documents", "change_documentversion") in codenames
    assert ("emscher_portal", "change_legalpage") in codenames
    assert ("emscher_portal", "add_signlanguagevideo") in codenames
    assert ("emscher_portal", "view_contactmessage") in codenames
    assert ("emscher_portal", "change_contactmessage") not in codenames
    assert ("documents", "add_measurestatuschange") in codenames
    assert ("documents", "delete_measurestatuschange") not in codenames
    assert not {label for label, _codename in codenames} & {"auth", "axes", "django_tasks_database", "contenttypes"}


def test_narrowing_an_admin_narrows_the_group(monkeypatch):
    legal_admin = next(
        model_admin for model, model_admin in admin.site._registry.items() if model._meta.model_name == "legalpage"
    )
    monkeypatch.setattr(legal_admin, "redaktion_permissions", ("view",), raising=False)

    group = redaktion_sync()

    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "view_legalpage" in codenames
    assert "change_legalpage" not in codenames
