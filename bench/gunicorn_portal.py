"""Shared by bench/load.py, bench/fault.py and bench/two_instances.py: prepare a Postgres database with the demo
content and run the portal under gunicorn on 127.0.0.1 with production settings (plain HTTP, loopback only)."""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def database_url(name, server=POSTGRES):
    return f"{server}/{name}"


def recreate_database(name):
    """A fresh, empty database of that name (each run starts from the current migrations and demo content)."""
    conninfo = database_url("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name):
    conninfo = database_url("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def portal_env(database, *, work_dir, **extra):
    """Production settings (DEBUG off) over plain HTTP on loopback, one scratch folder for static and media."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))}
    environment.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_SERVE_MEDIA="true",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database if "://" in database else database_url(database),
        STATIC_ROOT=str(work_dir / "static"),
        MEDIA_ROOT=str(work_dir / "media"),
        PRIVATE_MEDIA_ROOT=str(work_dir / "private"),
        GUNICORN_LOG_LEVEL="warning",
    )
    environment.update({key: str(value) for key, value in extra.items()})
    return environment


def manage(environment, *args, **kwargs):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=environment, check=True, **kwargs)


def prepare(environment):
    """Migrate, collect static files (the demo loader renders PDFs, which need them), load the demo content once."""
    Path(environment["MEDIA_ROOT"]).mkdir(parents=True, exist_ok=True)
    manage(environment, "migrate", "--no-input", "-v", "0")
    manage(environment, "collectstatic", "--no-input", "-v", "0")
    manage(environment, "load_demo_content", "--if-empty", stdout=subprocess.DEVNULL)


def start(environment, port, *, log_path=None, extra_args=()):
    """gunicorn with the repository's gunicorn.conf.py; returns once /healthz answers."""
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 -- lives as long as the server
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "emscher_portal.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            *extra_args,
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn on port {port} stopped at start (see {log_path})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"gunicorn on port {port} did not answer /healthz within 60 s")


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []


def get(port, path, timeout=15):
    """(status, body bytes) of GET http://127.0.0.1:<port><path>; status 0 with the error on a failed connection."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, OSError) as error:
        return 0, repr(error).encode()


def ensure_wrk():
    if shutil.which("wrk"):
        return "wrk"
    print("wrk fehlt – installiere das Debian-Paket wrk …", flush=True)
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    subprocess.run([*apt, "install", "-y", "-qq", "wrk"], check=False, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        subprocess.run([*apt, "update", "-qq"], check=False)
        subprocess.run([*apt, "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return "wrk"


class TcpProxy:
    """A loopback TCP relay (e.g. in front of Postgres) that can be cut and restored: a database outage that
    disturbs nobody else using the same server. cut() drops every open connection and refuses new ones."""

    def __init__(self, upstream_port, upstream_host="127.0.0.1"):

        self._socket, self._threading = socket, threading
        self.upstream = (upstream_host, upstream_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener = None
        self._open = set()
        self._lock = threading.Lock()

    def start(self):
        listener = self._socket.socket()
        listener.setsockopt(self._socket.SOL_SOCKET, self._socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        self._threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = self._socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, server))
            for source, target in ((client, server), (server, client)):
                self._threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(self._socket.SHUT_RDWR)
                sock.close()
                with self._lock:
                    self._open.discard(sock)

    def cut(self):
        if self._listener is not None:
            # shutdown() first: close() alone leaves a thread blocked in accept() still accepting (Linux).
            with contextlib.suppress(OSError):
                self._listener.shutdown(self._socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._open = list(self._open), set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(self._socket.SHUT_RDWR)
            sock.close()

    restore = start
