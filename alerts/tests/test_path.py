"""E-mail alerts walked like a reader, through the real SMTP server in the test process: subscribe on a page →
confirm (the GET shows a button, the POST confirms) → something new is published → the digest job runs → the digest
arrives with it → the one-click POST from its List-Unsubscribe header ends the subscription → no more digests."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from alerts.models import Subscription
from alerts.periodic import alert_digests_send
from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.confirmation import email_hash
from emscher_portal.core.models import Confirmation, Status
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


class Inbox:
    """The mails the in-process SMTP server accepted, read one after the other."""

    def __init__(self, server):
        self.server = server
        self.read = 0

    def next(self):
        self.read += 1
        return self.server.wait_for(self.read)[self.read - 1]

    def count(self):
        return len(self.server.messages)


@pytest.fixture
def inbox(smtp_server, settings):
    settings.SITE_URL = "https://portal.example"
    return Inbox(smtp_server)


def _path(url):
    parts = urlsplit(url)
    return parts.path


def _links(message, prefix):
    return re.findall(rf"https://portal\.example(/{prefix}/[^\s]+/)", message.get_content())


def _subscribe_and_confirm(reader, inbox, data):
    response = reader.post("/benachrichtigungen/", {"website": "", "haeufigkeit": "daily", **data})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/benachrichtigungen/danke/"
    mail = inbox.next()
    assert mail["To"] == data["email"]
    [link] = _links(mail, "bestaetigen")
    shown = reader.get(link)
    assertContains(shown, "Benachrichtigung bestätigen")
    before = Subscription.objects.filter(email_hash=email_hash(data["email"])).count()
    confirmed = reader.post(link, {"action": "confirm"})
    assertContains(confirmed, "ist eingerichtet")
    assert Subscription.objects.filter(email_hash=email_hash(data["email"])).count() == before + 1
    return Subscription.objects.filter(email_hash=email_hash(data["email"])).order_by("-pk").first()


def _a_day_later():
    """The subscriptions' time has come (as if a day had passed)."""
    Subscription.objects.update(next_digest_at=timezone.now() - timedelta(minutes=1))


def test_subscribe_confirm_digest_and_one_click_unsubscribe(client, inbox):
    make_document(title="Dokumentation aus dem Archiv")
    page = client.get("/dokumente/")
    assertContains(page, '<input type="hidden" name="thema" value="dokumente">', html=True)
    assert "csrftoken" not in page.cookies

    subscription = _subscribe_and_confirm(Client(), inbox, {"thema": "dokumente", "email": "eva@example.org"})

    assert subscription.email == "eva@example.org"
    assert subscription.frequency == Subscription.Frequency.DAILY
    assert subscription.consent_text.startswith("Benachrichtigungen per E-Mail (täglich) zu „Neue Dokumente“")
    assert subscription.confirmed_at is not None
    assert Confirmation.objects.get().email == ""  # the request keeps no address once confirmed

    make_document(title="Schwammstadt im Bestand", status=Status.DRAFT)
    make_document(title="Hitzeaktionsplan Emscherregion")
    alert_digests_send()  # not due yet: nothing is sent
    assert inbox.count() == 1

    _a_day_later()
    alert_digests_send()
    digest = inbox.next()
    text = digest.get_content()

    assert digest["To"] == "eva@example.org"
    assert digest["Subject"] == "[Emscher-Portal] Neu: Neue Dokumente"
    assert "Hitzeaktionsplan Emscherregion" in text
    assert "Schwammstadt im Bestand" not in text  # a draft never
    assert "Dokumentation aus dem Archiv" not in text  # public before the subscription
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<(https://portal\.example/benachrichtigungen/abbestellen/[^>]+/)>", digest["List-Unsubscribe"]
    )
    assert unsubscribe, digest["List-Unsubscribe"]
    [manage] = _links(digest, "benachrichtigungen/verwalten")
    assertContains(client.get(manage), "Neue Dokumente")

    # A GET (a link scanner, a reader) only shows a button.
    shown = client.get(_path(unsubscribe.group(1)))
    assertContains(shown, "Abbestellen</button>")
    assert Subscription.objects.count() == 1

    # The mail provider's one-click POST: no cookie, no CSRF token.
    provider = Client(enforce_csrf_checks=True)
    ended = provider.post(
        _path(unsubscribe.group(1)), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assertContains(ended, "ist abbestellt")
    assert Subscription.objects.count() == 0
    make_document(title="Noch ein Dokument")
    _a_day_later()
    alert_digests_send()
    assert inbox.count() == 2
    assertContains(client.get(_path(unsubscribe.group(1))), "Schon abbestellt")


def test_no_digest_when_nothing_is_new(client, inbox):
    subscription = _subscribe_and_confirm(Client(), inbox, {"thema": "foren", "email": "ole@example.org"})
    make_document(title="Ein Dokument, kein Forum")
    _a_day_later()

    alert_digests_send()

    assert inbox.count() == 1
    subscription.refresh_from_db()
    assert subscription.next_digest_at > timezone.now() + timedelta(hours=23)
    assert subscription.last_sent_at is None


def test_network_and_action_field_digests(client, inbox):
    network = make_network(name="Netzwerk Regenwasser", slug="regenwasser")
    field = make_field(make_plan(), title="Wasser in der Stadt", slug="wasser-in-der-stadt")
    measure = make_measure(field, title="Mulden im Straßenraum", networks=[network])
    page = client.get("/netzwerke/regenwasser/")
    assertContains(page, '<input type="hidden" name="thema" value="netzwerk:regenwasser">', html=True)
    assertContains(client.get("/massnahmenplan/"), '<option value="handlungsfeld:wasser-in-der-stadt">', count=1)
    reader = Client()
    _subscribe_and_confirm(reader, inbox, {"thema": "netzwerk:regenwasser", "email": "ina@example.org"})
    _subscribe_and_confirm(reader, inbox, {"thema": "handlungsfeld:wasser-in-der-stadt", "email": "ina@example.org"})

    make_document(title="Merkblatt Regenwasser", networks=[network])
    make_document(title="Merkblatt eines anderen Netzwerks", networks=[make_network()])
    measure.implementation_status = measure.ImplementationStatus.IN_PROGRESS
    from documents.plan_services import measure_save  # noqa: PLC0415 -- only this test changes a status

    measure_save(measure=measure)
    _a_day_later()
    alert_digests_send()
    digests = {mail["Subject"]: mail.get_content() for mail in (inbox.next(), inbox.next())}

    network_digest = digests["[Emscher-Portal] Neu: Netzwerk „Netzwerk Regenwasser“"]
    assert "Merkblatt Regenwasser" in network_digest
    assert "Merkblatt eines anderen Netzwerks" not in network_digest
    field_digest = digests["[Emscher-Portal] Neu: Handlungsfeld " + str(field)]
    assert "Statusänderung" in field_digest
    assert "Mulden im Straßenraum" in field_digest
    assert "in Umsetzung" in field_digest


def test_manage_page_changes_and_ends_every_subscription(client, inbox):
    _subscribe_and_confirm(Client(), inbox, {"thema": "dokumente", "email": "pia@example.org"})
    _subscribe_and_confirm(Client(), inbox, {"thema": "foren", "email": "pia@example.org"})

    asked = client.post("/benachrichtigungen/verwalten/", {"email": "PIA@example.org", "website": ""})
    assertContains(asked, "Wenn es zu dieser Adresse Benachrichtigungen gibt")
    [manage] = _links(inbox.next(), "benachrichtigungen/verwalten")
    page = client.get(manage)
    assertContains(page, "Neue Dokumente")
    assertContains(page, "Neue Foren und Treffen")
    documents = Subscription.objects.get(topic="dokumente")

    client.post(manage, {"action": "frequency", "id": documents.pk, "haeufigkeit": "weekly"})
    documents.refresh_from_db()
    assert documents.frequency == Subscription.Frequency.WEEKLY

    ended = client.post(manage, {"action": "unsubscribe-all"})
    assertContains(ended, "Alle Benachrichtigungen dieser Adresse sind abbestellt")
    assert Subscription.objects.count() == 0

    # Someone else's address: the same answer, and no mail.
    client.post("/benachrichtigungen/verwalten/", {"email": "niemand@example.org", "website": ""})
    assert inbox.count() == 3


def test_saved_search_digest_holds_new_hits_only(client, inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_document(title="Starkregen im Quartier, Bestandsaufnahme")
    page = client.get("/suche/", {"q": "Starkregen"})
    assertContains(page, '<input type="hidden" name="q" value="Starkregen">', html=True)
    assertContains(page, '<input type="hidden" name="thema" value="suche">', html=True)
    subscription = _subscribe_and_confirm(
        Client(), inbox, {"thema": "suche", "q": "Starkregen", "email": "udo@example.org"}
    )
    assert subscription.label == "Suche nach „Starkregen“"

    with django_capture_on_commit_callbacks(execute=True):
        make_document(title="Starkregen-Gefahrenkarte der Emscherstädte")
        make_document(title="Hitze in der Stadt")
    _a_day_later()
    alert_digests_send()
    text = inbox.next().get_content()

    assert "Starkregen-Gefahrenkarte der Emscherstädte" in text
    assert "Bestandsaufnahme" not in text
    assert "Hitze in der Stadt" not in text
