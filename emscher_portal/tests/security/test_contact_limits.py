"""The contact form's defences hold across processes: two real gunicorn processes (one worker each, each with its
own local-memory cache, as on a deployment without Redis) on the one test database. A limit counted in a process's
memory would let each process take its own five messages an hour; a form token remembered in memory could be sent
again to the other process."""

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from emscher_portal.models import ContactMessage
from emscher_portal.tests.processes import (
    PortalProcess,
    database_url_for_tests,
    gunicorn_portal,
    portal_environment,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


class FormReader:
    """A browser: loads /kontakt/ from one process (cookie and hidden fields) and can send it to any process."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def load(self, port):
        with self.opener.open(f"http://127.0.0.1:{port}/kontakt/", timeout=20) as response:
            form = response.read().decode()
        hidden = re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|started)" value="([^"]+)"', form)
        return {
            **dict(hidden),
            "name": "Erika Beispiel",
            "email": "erika@example.org",
            "subject": "Frage",
            "message": "Eine Nachricht über das Kontaktformular.",
            "website": "",
        }

    def send(self, port, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/kontakt/", data=body)
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.url.endswith("/kontakt/danke/"), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, False, error.read().decode()


@pytest.fixture
def two_processes(tmp_path):
    environment = portal_environment(
        database_url=database_url_for_tests(), GUNICORN_WORKERS=1, CONTACT_MIN_FILL_SECONDS=0, CONTACT_RATE_LIMIT=5
    )
    ports = [gunicorn_portal.free_port(), gunicorn_portal.free_port()]
    servers = []
    try:
        for number, port in enumerate(ports):
            command = [sys.executable, "-m", "gunicorn", "emscher_portal.wsgi", "-c", "gunicorn.conf.py"]
            servers.append(
                PortalProcess(
                    [*command, "--bind", f"127.0.0.1:{port}"],
                    environment=environment,
                    log_path=tmp_path / f"gunicorn-{number}.log",
                )
            )
        for port in ports:
            wait_until(lambda port=port: gunicorn_portal.get(port, "/healthz")[0] == 200, timeout=60, what="gunicorn")
        yield ports
    finally:
        for server in servers:
            server.stop()


def test_contact_rate_limit_holds_across_two_processes(two_processes):
    reader = FormReader()

    # Eight messages from one address, taking turns between the two processes.
    results = []
    for attempt in range(8):
        port = two_processes[attempt % 2]
        status, thanked, _page = reader.send(port, reader.load(port))
        results.append((status, thanked))

    assert results == [(200, True)] * 5 + [(429, False)] * 3
    assert ContactMessage.objects.count() == 5


def test_contact_form_token_is_accepted_once_across_two_processes(two_processes):
    first, second = two_processes
    reader = FormReader()
    data = reader.load(first)

    sent = reader.send(first, data)
    replayed = [reader.send(port, data) for port in (second, first, second)]

    assert sent[:2] == (200, True)
    assert [(status, thanked) for status, thanked, _page in replayed] == [(200, False)] * 3
    assert all("Diese Nachricht wurde bereits gesendet." in page for _status, _thanked, page in replayed)
    assert ContactMessage.objects.count() == 1
