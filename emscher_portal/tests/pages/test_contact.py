import io
import re
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertInHTML

from emscher_portal.core.models import LimitCounter
from emscher_portal.forms import contact_form_started_token
from emscher_portal.models import ContactMessage
from emscher_portal.services import contact_message_create
from emscher_portal.tasks import contact_message_send_mail

pytestmark = pytest.mark.django_db


def _post_data(**overrides):
    data = {
        "name": "Erika Beispiel",
        "email": "erika@example.org",
        "organisation": "Stadt Bottrop, Tiefbauamt",
        "subject": "Mitwirken beim nächsten Forum",
        "message": "Ich würde gern in der Vorbereitungsgruppe mitarbeiten.",
        "wants_to_join": "on",
        "website": "",
        "started": contact_form_started_token(time.time() - 60),
    }
    return {**data, **overrides}


def test_contact_page_shows_labelled_form_and_sets_only_the_csrf_cookie(client):
    response = client.get("/kontakt/")

    assertContains(response, "<h1>Kontakt und Mitwirken</h1>", html=True)
    label = '<label class="form-field__label" for="id_wants_to_join">Ich möchte in der Arbeitsgruppe mitwirken</label>'
    assertContains(response, label, html=True)
    assertContains(response, "löschen sie nach 180 Tagen")
    assert list(response.cookies) == ["csrftoken"]


def test_contact_link_from_footer_presets_the_barrier_subject(client):
    response = client.get("/kontakt/?betreff=barriere")

    assertContains(response, 'value="Barriere melden"')
    assertContains(client.get("/"), '<a href="/kontakt/?betreff=barriere">Barriere melden</a>', html=True)


def test_contact_post_stores_message_and_mails_it_through_the_task_queue(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "redaktion@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kontakt/", _post_data())

    assert response.status_code == 302
    assert response["Location"] == "/kontakt/danke/"
    message = ContactMessage.objects.get()
    assert (message.name, message.email, message.wants_to_join) == ("Erika Beispiel", "erika@example.org", True)
    assert message.mailed_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["redaktion@example.org"]
    assert sent.reply_to == ["erika@example.org"]
    assert sent.subject == "[Emscher-Portal] Mitwirken beim nächsten Forum"
    assert "Mitwirken in der Arbeitsgruppe: ja" in sent.body


def test_contact_mail_reaches_a_real_smtp_server_once_even_if_its_task_runs_again(client, smtp_server, settings):
    settings.CONTACT_EMAIL = "redaktion@example.org"

    client.post("/kontakt/", _post_data())
    message = ContactMessage.objects.get()
    contact_message_send_mail.call(message.pk)  # a second run, as after a crash: the mail is already recorded

    delivered = smtp_server.wait_for(1)
    message.refresh_from_db()
    assert len(delivered) == 1
    assert delivered[0]["To"] == "redaktion@example.org"
    assert delivered[0]["Reply-To"] == "erika@example.org"
    assert delivered[0]["Subject"] == "[Emscher-Portal] Mitwirken beim nächsten Forum"
    assert "Mitwirken in der Arbeitsgruppe: ja" in delivered[0].get_content()
    assert message.mailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_contact_mail_accepted_while_the_database_goes_away_is_recorded_once_it_is_back(smtp_server, database_relay):
    message = ContactMessage.objects.create(name="Ada", email="ada@example.org", subject="Frage", message="Hallo")

    def database_goes_away(_mail):
        # Cut while the SMTP server accepts the mail; back half a second later.
        database_relay.cut()
        threading.Timer(0.5, database_relay.restore).start()

    smtp_server.on_accept = database_goes_away
    contact_message_send_mail.call(message.pk)
    contact_message_send_mail.call(message.pk)

    message.refresh_from_db()
    assert message.mailed_at is not None
    assert len(smtp_server.wait_for(1)) == 1
    assert len(smtp_server.messages) == 1


def test_contact_message_and_its_mail_task_are_stored_together_or_not_at_all(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fields = {
        "name": "Ada",
        "email": "ada@example.org",
        "organisation": "",
        "subject": "Frage",
        "message": "Hallo",
        "wants_to_join": False,
    }

    def request_that_fails_after_saving():
        with transaction.atomic():
            contact_message_create(**fields)
            raise RuntimeError("the request fails after the message was saved")

    with pytest.raises(RuntimeError):
        request_that_fails_after_saving()
    nothing = (ContactMessage.objects.count(), DBTaskResult.objects.count())
    message = contact_message_create(**fields)

    assert nothing == (0, 0)
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs["args"]) == (
        "emscher_portal.tasks.contact_message_send_mail",
        [message.pk],
    )


def test_contact_thanks_page_is_german_and_sets_no_cookie(client):
    response = client.get("/kontakt/danke/")

    assertContains(response, "<h1>Vielen Dank für Ihre Nachricht</h1>", html=True)
    assert list(response.cookies) == []


def test_contact_missing_fields_show_german_errors_tied_to_inputs(client):
    response = client.post("/kontakt/", _post_data(name="", email="kein-mail"))

    assert response.status_code == 200
    assertContains(response, "<title>Fehler: Kontakt und Mitwirken – Emscher-Portal</title>", html=True)
    assertInHTML(
        '<ul class="form-field__errors" id="id_name_fehler"><li>Dieses Feld ist zwingend erforderlich.</li></ul>',
        response.text,
    )
    assertContains(response, 'aria-describedby="id_email_fehler"')
    assertContains(response, 'aria-invalid="true"')
    assert ContactMessage.objects.count() == 0


def test_contact_filled_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post("/kontakt/", _post_data(website="http://spam.example"))

    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_contact_sent_faster_than_minimum_fill_time_is_refused(client, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 3

    response = client.post("/kontakt/", _post_data(started=contact_form_started_token(time.time() - 1)))

    assertContains(response, "Das ging sehr schnell.")
    assert ContactMessage.objects.count() == 0


def test_contact_with_forged_timestamp_is_refused(client):
    response = client.post("/kontakt/", _post_data(started=str(int(time.time()) - 600)))

    assertContains(response, "Das Formular konnte nicht geprüft werden.")
    assert ContactMessage.objects.count() == 0


@pytest.mark.parametrize("store", ["database", "cache"])
def test_contact_rate_limit_per_client_ip(client, settings, store):
    settings.CONTACT_RATE_LIMIT = 2
    settings.LIMITS_STORE = store

    statuses = [client.post("/kontakt/", _post_data(), REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    other_client = client.post("/kontakt/", _post_data(), REMOTE_ADDR="203.0.113.8")

    assert statuses == [302, 302, 429]
    assert other_client.status_code == 302
    assert ContactMessage.objects.count() == 3


@pytest.mark.parametrize("store", ["database", "cache"])
def test_contact_form_token_is_accepted_once(client, settings, store):
    settings.LIMITS_STORE = store
    data = _post_data()

    first = client.post("/kontakt/", data)
    again = client.post("/kontakt/", data)

    assert first.status_code == 302
    assert again.status_code == 200
    assertContains(again, "Diese Nachricht wurde bereits gesendet.")
    assert ContactMessage.objects.count() == 1
    fresh = re.search(r'name="started" value="([^"]+)"', again.text).group(1)
    assert fresh != data["started"]
    # The reader who really wants to send another message sends the form as shown again, after the fill time.
    settings.CONTACT_MIN_FILL_SECONDS = 0
    assert client.post("/kontakt/", {**data, "started": fresh}).status_code == 302
    assert ContactMessage.objects.count() == 2


def test_contact_rate_limit_keeps_no_ip_address_in_the_database(client, settings):
    settings.LIMITS_STORE = "database"

    client.post("/kontakt/", _post_data(), REMOTE_ADDR="203.0.113.7")

    keys = list(LimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 2  # the hour's count for the address and the used form token
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)


def test_contact_rate_limited_response_explains_in_german(client, settings):
    settings.CONTACT_RATE_LIMIT = 0

    response = client.post("/kontakt/", _post_data())

    assert response.status_code == 429
    assertContains(response, "kamen in der letzten Stunde schon mehrere Nachrichten", status_code=429)


def test_contact_messages_are_listed_for_the_redaktion(staff_client):
    ContactMessage.objects.create(
        name="Max Muster", email="max@example.org", subject="Frage zum Maßnahmenplan", message="Hallo"
    )

    response = staff_client.get("/admin/emscher_portal/contactmessage/")

    assertContains(response, "Frage zum Maßnahmenplan")
    assertContains(response, "max@example.org")


def test_purge_contact_messages_deletes_only_messages_past_retention(settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old = ContactMessage.objects.create(name="Alt", email="a@example.org", subject="Alt", message="x")
    recent = ContactMessage.objects.create(name="Neu", email="n@example.org", subject="Neu", message="x")
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    ContactMessage.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))

    out = io.StringIO()
    call_command("purge_contact_messages", stdout=out)

    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["Neu"]
    assert "1 Kontaktnachricht(en) gelöscht" in out.getvalue()


def test_every_reader_of_the_contact_page_gets_a_working_csrf_token():

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/kontakt/")

    response = second.get("/kontakt/")
    # As a browser does it: the token from the HTML this reader got, the cookie from this reader's response.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    post = second.post("/kontakt/", _post_data(csrfmiddlewaretoken=token))

    assert list(response.cookies) == ["csrftoken"]
    assert post.status_code == 302
