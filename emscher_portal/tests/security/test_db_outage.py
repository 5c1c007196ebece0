"""A database outage: requests fail cleanly and fast (503 with Retry-After, /readyz 503), and the portal
recovers by itself as soon as the database is back — no restart, no manual step.

The outage is real but private: the portal's connection runs through a loopback relay to Postgres that the test
cuts and restores, so other users of the same Postgres server are not disturbed.
"""

import time

import pytest
from django.core.cache import cache
from django.db import InterfaceError

from emscher_portal.security import server_error

pytestmark = pytest.mark.django_db(transaction=True)


def test_outage_gives_503_fast_and_recovery_needs_no_manual_step(client, database_relay):
    client.raise_request_exception = False
    assert client.get("/readyz").status_code == 200
    assert client.get("/netzwerke/").status_code == 200

    database_relay.cut()
    cache.clear()
    started = time.monotonic()
    ready = client.get("/readyz")
    page = client.get("/netzwerke/")
    outage_seconds = time.monotonic() - started

    assert ready.status_code == 503
    assert "database: OperationalError" in ready.text
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "<h1>Vorübergehend nicht erreichbar</h1>" in page.text
    assert outage_seconds < 10  # refused connections fail at once; connect_timeout bounds the rest

    database_relay.restore()
    started = time.monotonic()
    ready = client.get("/readyz")
    page = client.get("/netzwerke/")

    assert ready.status_code == 200
    assert page.status_code == 200
    assert time.monotonic() - started < 5


def test_any_other_error_keeps_the_500_page(rf):
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "<h1>Technischer Fehler</h1>" in response.content.decode()


def test_a_lost_connection_in_the_middle_of_a_request_is_an_outage(rf):
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError:
        response = server_error(rf.get("/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
