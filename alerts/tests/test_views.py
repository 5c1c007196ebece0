"""Bad input, limits and traps of the alerts' pages: German errors or 400, never a 500."""

import time

import pytest
from pytest_django.asserts import assertContains

from alerts.links import manage_token
from alerts.services import subscription_confirm
from emscher_portal.core.confirmation import email_hash
from emscher_portal.core.models import Confirmation

pytestmark = pytest.mark.django_db


def _post(client, **data):
    return client.post("/benachrichtigungen/", {"thema": "dokumente", "haeufigkeit": "weekly", "website": "", **data})


def test_subscribe_page_offers_the_topics(client):
    page = client.get("/benachrichtigungen/?thema=foren")

    assertContains(page, '<option value="foren" selected>Neue Foren und Treffen</option>', html=True)
    assertContains(page, "Ihre E-Mail-Adresse")


def test_subscribe_to_an_unknown_topic_is_a_german_error(client):
    response = _post(client, thema="netzwerk:gibt-es-nicht", email="eva@example.org")

    assertContains(response, "Dieses Thema gibt es nicht (mehr)", status_code=400)
    assert Confirmation.objects.count() == 0


def test_subscribe_with_a_bad_address_is_a_german_error(client):
    response = _post(client, email="keine-adresse")

    assertContains(response, "gültige E-Mail-Adresse", status_code=400)


def test_subscribe_with_a_bad_frequency_or_nothing_is_a_400(client):
    assert _post(client, email="eva@example.org", haeufigkeit="stündlich").status_code == 400
    assert client.post("/benachrichtigungen/", {}).status_code == 400


def test_saved_search_needs_a_query(client):
    response = _post(client, thema="suche", email="eva@example.org")

    assertContains(response, "Dieses Thema gibt es nicht (mehr)", status_code=400)


def test_honeypot_pretends_success_and_stores_nothing(client, mailoutbox):
    response = _post(client, email="bot@example.org", website="http://spam.example")

    assert response.status_code == 302
    assert Confirmation.objects.count() == 0
    assert mailoutbox == []


def test_limit_per_address_holds(client, settings):
    settings.CONFIRMATION_MAX_PENDING = 2
    settings.CONFIRMATION_ADDRESS_LIMIT = 3

    responses = [
        _post(client, email="opfer@example.org", thema=thema) for thema in ("dokumente", "foren", "dokumente", "foren")
    ]

    # At most two wait (a third replaces the oldest: nobody can block the address); mails stay capped per hour.
    assert [response.status_code for response in responses] == [302, 302, 302, 429]
    assert Confirmation.objects.filter(confirmed_at__isnull=True).count() == 2
    assertContains(
        responses[3], "An diese Adresse haben wir in der letzten Stunde schon mehrere E-Mails", status_code=429
    )


def test_limit_per_ip_holds(client, settings):
    settings.CONFIRMATION_IP_LIMIT = 2

    responses = [_post(client, email=f"person{number}@example.org") for number in range(3)]

    assert [response.status_code for response in responses] == [302, 302, 429]
    assertContains(responses[2], "Von Ihrem Anschluss kamen in der letzten Stunde", status_code=429)
    assert Confirmation.objects.count() == 2


def test_altered_links_are_404(client):
    assert client.get("/benachrichtigungen/abbestellen/verfaelscht/").status_code == 404
    assert client.post("/benachrichtigungen/abbestellen/verfaelscht/").status_code == 404
    assert client.get("/benachrichtigungen/verwalten/verfaelscht/").status_code == 404
    assert client.post("/benachrichtigungen/verwalten/verfaelscht/").status_code == 404


def test_an_expired_management_link_offers_a_new_one(client, settings):
    token = manage_token("x" * 64)
    fresh = client.get(f"/benachrichtigungen/verwalten/{token}/")
    settings.ALERTS_MANAGE_LINK_DAYS = 0
    time.sleep(1.1)  # signatures count whole seconds

    expired = client.get(f"/benachrichtigungen/verwalten/{token}/")

    assertContains(fresh, "An diese Adresse schicken wir keine Benachrichtigungen (mehr).")
    assertContains(expired, "Dieser Link ist abgelaufen.", status_code=410)


def test_manage_page_rejects_unknown_actions_with_400(client):
    token = manage_token("x" * 64)

    response = client.post(f"/benachrichtigungen/verwalten/{token}/", {"action": "frequency", "id": "abc"})
    superscript = client.post(f"/benachrichtigungen/verwalten/{token}/", {"action": "unsubscribe", "id": "²"})

    assertContains(response, "Diese Benachrichtigung gibt es nicht (mehr).", status_code=400)
    assertContains(superscript, "Diese Benachrichtigung gibt es nicht (mehr).", status_code=400)


def test_manage_link_request_is_limited(client, settings):
    settings.CONFIRMATION_ADDRESS_LIMIT = 1

    first = client.post("/benachrichtigungen/verwalten/", {"email": "eva@example.org", "website": ""})
    second = client.post("/benachrichtigungen/verwalten/", {"email": "eva@example.org", "website": ""})

    assert first.status_code == 200
    assertContains(second, "viele Anfragen", status_code=429)


@pytest.mark.parametrize("count", [1, 3])
def test_manage_page_query_count_is_constant(client, django_assert_num_queries, count):
    hashed = email_hash("eva@example.org")
    for number in range(count):
        subscription_confirm(
            payload={"topic": "foren", "topic_key": f"foren-{number}", "label": f"Thema {number}"},
            email="eva@example.org",
        )
    url = f"/benachrichtigungen/verwalten/{manage_token(hashed)}/"

    # content version, the subscriptions, operator (footer)
    with django_assert_num_queries(3):
        response = client.get(url)

    assert [row.label for row in response.context["subscriptions"]] == [f"Thema {n}" for n in range(count)]
