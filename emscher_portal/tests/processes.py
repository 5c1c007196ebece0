"""Real processes and real faults for the tests: the loopback relay to Postgres that a test cuts to make an outage
(bench/gunicorn_portal.py's TcpProxy), and portal processes (the task worker, bin/serve-local) started on the test
database."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connections

ROOT = Path(settings.BASE_DIR)
_spec = importlib.util.spec_from_file_location("gunicorn_portal", ROOT / "bench" / "gunicorn_portal.py")
gunicorn_portal = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gunicorn_portal)
TcpProxy = gunicorn_portal.TcpProxy


def relay_to_test_database():
    """A started relay to the test database's Postgres server."""
    database = connections["default"].settings_dict
    return TcpProxy(int(database.get("PORT") or 5432), database.get("HOST") or "127.0.0.1").start()


def database_url_for_tests(*, port=None):
    """DATABASE_URL of the test database (through `port` on 127.0.0.1, e.g. a relay's, if given)."""
    database = connections["default"].settings_dict
    user = quote(database.get("USER") or "postgres")
    password = f":{quote(database['PASSWORD'])}" if database.get("PASSWORD") else ""
    host = "127.0.0.1" if port else database.get("HOST") or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{port or database.get('PORT') or 5432}/{database['NAME']}"


def portal_environment(*, database_url, **overrides):
    """The environment for a portal process on the test database: debug settings (no secret key or collectstatic
    needed), the test's media folders, and a worker with short heartbeats so faults show within a second or two."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "TASK_"))}
    environment.update(
        DJANGO_DEBUG="true",
        DJANGO_LOG_LEVEL="INFO",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        PDF_PRERENDER="false",
        TASK_WORKER_HEARTBEAT_SECONDS="0.2",
        TASK_WORKER_LOST_SECONDS="1.5",
        PYTHONUNBUFFERED="1",
    )
    environment.update({key: str(value) for key, value in overrides.items()})
    return environment


class PortalProcess:
    """A process started by a test, its output (stdout and stderr) in a file."""

    def __init__(self, command, *, environment, log_path):
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.popen = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.pid = self.popen.pid

    def output(self):
        return self.log_path.read_text(errors="replace")

    def alive(self):
        return self.popen.poll() is None

    def kill(self):
        """kill -9, as the out-of-memory killer or a crash does it."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)

    def interrupt(self):
        """Ctrl-C in a terminal: SIGINT to the whole process group."""
        os.killpg(self.pid, signal.SIGINT)

    def stop(self):
        if self.alive():
            os.killpg(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.popen.wait(5)


def start_worker(*, environment, log_path, worker_id):
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05"]
    return PortalProcess([*command, "--worker-id", worker_id], environment=environment, log_path=log_path)


def wait_until(condition, *, timeout, what):
    """Poll `condition()` until it is true; fail the test saying `what` did not happen within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.05)
