"""The one confirmation mechanism (core.confirmation), walked like a reader: the mail arrives at a real SMTP server,
its link is opened, the button pressed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from emscher_portal.core.confirmation import (
    Outcome,
    Purpose,
    confirmation_purge,
    confirmation_purpose,
    confirmation_request,
    email_hash,
)
from emscher_portal.core.models import Confirmation

pytestmark = pytest.mark.django_db

CONFIRMED = []
DISCARDED = []


@confirmation_purpose
class EchoConfirmation(Purpose):
    """A purpose for these tests only: it records what it was asked to do."""

    name = "tests.echo"
    subject = "Bitte bestätigen Sie Ihr Echo"
    button = "Echo bestätigen"

    def describe(self, confirmation):
        return f"Ihr Echo „{confirmation.payload['word']}“"

    def confirm(self, confirmation, *, email):
        CONFIRMED.append((confirmation.payload["word"], email))
        return Outcome(message="Das Echo ist angekommen.", url="/", link_text="Zur Startseite")

    def discard(self, confirmation):
        DISCARDED.append(confirmation.payload["word"])


@pytest.fixture(autouse=True)
def _forget():
    CONFIRMED.clear()
    DISCARDED.clear()


def _link(message):
    match = re.search(r"https?://[^/\s]+(/bestaetigen/[^\s]+/)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


def test_the_link_in_the_mail_opens_a_page_and_only_the_button_confirms(client, smtp_server):
    confirmation_request(purpose="tests.echo", email=" Person@Example.org ", payload={"word": "Hallo"})
    mail = smtp_server.wait_for(1)[0]
    link = _link(mail)

    page = client.get(link)
    client.head(link)

    assert mail["To"] == "person@example.org"
    assert mail["Subject"] == "[Emscher-Portal] Bitte bestätigen Sie Ihr Echo"
    assert "Ihr Echo „Hallo“" in mail.get_content()
    assertContains(page, '<button class="button" type="submit">Echo bestätigen</button>', html=True)
    assertContains(page, "Ihr Echo „Hallo“")
    assert CONFIRMED == []
    assert Confirmation.objects.get().confirmed_at is None

    done = client.post(link, {"action": "confirm"})

    assertContains(done, "Das Echo ist angekommen.")
    assert CONFIRMED == [("Hallo", "person@example.org")]
    stored = Confirmation.objects.get()
    assert stored.confirmed_at is not None
    assert stored.email == ""
    assert stored.email_hash == email_hash("person@example.org")
    assert "person" not in stored.email_hash


def test_a_link_used_twice_says_so_kindly_and_confirms_once(client, smtp_server):
    confirmation_request(purpose="tests.echo", email="a@example.org", payload={"word": "Eins"})
    link = _link(smtp_server.wait_for(1)[0])
    client.post(link, {"action": "confirm"})

    again = client.post(link, {"action": "confirm"})
    opened = client.get(link)

    assertContains(again, "Schon bestätigt")
    assertContains(opened, "Das haben Sie bereits bestätigt.")
    assertNotContains(opened, "Echo bestätigen")
    assert CONFIRMED == [("Eins", "a@example.org")]


def test_an_expired_link_offers_a_new_one_that_replaces_it(client, smtp_server):
    confirmation_request(purpose="tests.echo", email="b@example.org", payload={"word": "Spät"})
    old_link = _link(smtp_server.wait_for(1)[0])
    Confirmation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    expired = client.get(old_link)
    refused = client.post(old_link, {"action": "confirm"})

    assertContains(expired, "Der Link ist abgelaufen.")
    assertContains(expired, "Neuen Link senden")
    assertContains(refused, "Der Link ist abgelaufen.")
    assert CONFIRMED == []

    renewed = client.post(old_link, {"action": "renew"})
    new_link = _link(smtp_server.wait_for(2)[1])

    assertContains(renewed, "Neuer Link ist unterwegs")
    assert new_link != old_link
    assertContains(client.get(old_link), "einen neueren Link geschickt")
    assertContains(client.post(new_link, {"action": "confirm"}), "Das Echo ist angekommen.")
    assert CONFIRMED == [("Spät", "b@example.org")]


def test_an_altered_link_is_not_found(client, smtp_server):
    confirmation_request(purpose="tests.echo", email="c@example.org", payload={"word": "X"})
    link = _link(smtp_server.wait_for(1)[0])

    response = client.post(link[:-3] + "xy/", {"action": "confirm"})

    assert response.status_code == 404
    assert CONFIRMED == []


def test_a_deleted_request_says_it_is_gone(client, smtp_server):
    confirmation_request(purpose="tests.echo", email="d@example.org", payload={"word": "Weg"})
    link = _link(smtp_server.wait_for(1)[0])
    Confirmation.objects.all().delete()

    response = client.get(link)

    assert response.status_code == 410
    assertContains(response, "Diese Anfrage gibt es nicht mehr", status_code=410)


def test_the_purge_deletes_unconfirmed_requests_with_what_waited_for_them():
    now = timezone.now()
    confirmation_request(purpose="tests.echo", email="e@example.org", payload={"word": "alt"})
    confirmation_request(purpose="tests.echo", email="f@example.org", payload={"word": "frisch"})
    Confirmation.objects.filter(payload__word="alt").update(expires_at=now - timedelta(days=8))

    deleted = confirmation_purge(now=now)

    assert deleted == 1
    assert DISCARDED == ["alt"]
    assert list(Confirmation.objects.values_list("payload__word", flat=True)) == ["frisch"]


def test_an_address_has_only_a_few_unconfirmed_requests_and_a_new_one_replaces_the_oldest(settings):
    # Refusing the new one instead would let anyone block someone else's address for as long as links are valid.
    settings.CONFIRMATION_MAX_PENDING = 2
    for word in ("eins", "zwei"):
        confirmation_request(purpose="tests.echo", email="g@example.org", payload={"word": word})
    DISCARDED.clear()

    confirmation_request(purpose="tests.echo", email="G@example.org", payload={"word": "drei"})

    assert sorted(Confirmation.objects.values_list("payload__word", flat=True)) == ["drei", "zwei"]
    assert DISCARDED == ["eins"]
