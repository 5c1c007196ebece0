"""`make run` keeps the portal up through faults: bin/serve-local (what bin/run-local ends in) with a real gunicorn
and task worker on the test database, reached through a loopback relay that the test cuts as a Postgres restart
would; mail goes to a real SMTP server in the test process.

A restart, without touching the shared Postgres server: the relay drops every open connection and refuses new
ones, then accepts again — what web and worker see while `pg_ctlcluster … restart` runs. bench/fault.py
--postgres-restart does it with a real cluster of its own.
"""

import os
import re
import signal
import sys
import time

import pytest

from emscher_portal.core.models import TaskWorker
from emscher_portal.models import ContactMessage
from emscher_portal.tests.processes import (
    PortalProcess,
    database_url_for_tests,
    gunicorn_portal,
    portal_environment,
    relay_to_test_database,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _worker_pids(output):
    return [int(pid) for pid in re.findall(r"Task-Worker läuft \(PID (\d+)\)", output)]


def _home(port):
    return gunicorn_portal.get(port, "/", timeout=10)[0]


def test_make_run_rides_out_a_database_restart_restarts_its_worker_and_stops_on_ctrl_c(smtp_server, tmp_path):
    relay = relay_to_test_database()
    port = gunicorn_portal.free_port()
    environment = portal_environment(
        database_url=database_url_for_tests(port=relay.port),
        PORT=port,
        PY=sys.executable,
        GUNICORN_WORKERS=2,
        EMAIL_URL=smtp_server.url,
        CONTACT_EMAIL="redaktion@example.org",
        CONTACT_MIN_FILL_SECONDS=0,
    )
    portal = PortalProcess(["bin/serve-local"], environment=environment, log_path=tmp_path / "serve-local.log")
    try:
        wait_until(lambda: _home(port) == 200, timeout=60, what="the portal answers")
        wait_until(lambda: TaskWorker.objects.exists(), timeout=30, what="the task worker registers")
        first_worker = _worker_pids(portal.output())[0]

        # The database restarts: every connection dropped, new ones refused for a while.
        relay.cut()
        wait_until(lambda: "Database unavailable" in portal.output(), timeout=10, what="the worker notices")
        relay.restore()
        back = time.monotonic()
        wait_until(lambda: _home(port) == 200, timeout=10, what="the home page is back")
        home_back_after = time.monotonic() - back

        # A reader writes to the Redaktion after the restart; the mail arrives.
        sent = gunicorn_portal.contact_post(port, subject="Nach dem Neustart", message="Kommt diese Nachricht an?")
        mail = smtp_server.wait_for(1, timeout=20)[0]
        wait_until(
            lambda: ContactMessage.objects.filter(mailed_at__isnull=False).exists(), timeout=10, what="mail recorded"
        )

        # The worker dies; the web server stays, the worker comes back.
        os.kill(first_worker, signal.SIGKILL)
        wait_until(lambda: len(_worker_pids(portal.output())) == 2, timeout=15, what="a new worker is started")
        home_while_worker_restarted = _home(port)

        portal.interrupt()
        portal.popen.wait(20)
    finally:
        portal.stop()
        relay.cut()

    output = portal.output()
    assert sent == (200, True)  # the thanks page, after the redirect
    assert home_back_after < 5
    assert output.count("Database unavailable") == 1
    assert "the task worker reconnected after" in output
    assert mail["Subject"] == "[Emscher-Portal] Nach dem Neustart"
    assert "Kommt diese Nachricht an?" in mail.get_content()
    assert "Der Task-Worker ist beendet (Exit-Code 137) – Neustart in 1 s; der Webserver läuft weiter." in output
    assert home_while_worker_restarted == 200
    assert portal.popen.returncode == 0
    assert _home(port) == 0  # nothing listens any more
