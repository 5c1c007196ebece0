"""Shared by bench/load.py, bench/fault.py and bench/two_instances.py: prepare a Postgres database with the demo
content and run the portal under gunicorn on 127.0.0.1 with production settings (plain HTTP, loopback only)."""

import contextlib
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def free_port():
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(name, server=POSTGRES):
    return f"{server}/{name}"


def recreate_database(name, server=POSTGRES):
    """A fresh, empty database of that name (each run starts from the current migrations and demo content)."""
    conninfo = database_url("postgres", server).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name, server=POSTGRES):
    conninfo = database_url("postgres", server).replace("postgres://", "postgresql://", 1)
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


def contact_post(port, *, subject, message="Eine Nachricht über das Kontaktformular.", timeout=15):
    """A reader sends the contact form as a browser does: /kontakt/ first (CSRF cookie and the form's hidden fields),
    then the POST. Returns (status, thanked): thanked when the redirect led to the thanks page."""
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    try:
        with opener.open(f"{base}/kontakt/", timeout=timeout) as response:
            form = response.read().decode()
        hidden = re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|started)" value="([^"]+)"', form)
        data = {
            **dict(hidden),
            "name": "Erika Beispiel",
            "email": "erika@example.org",
            "subject": subject,
            "message": message,
            "website": "",
        }
        request = urllib.request.Request(f"{base}/kontakt/", data=urllib.parse.urlencode(data).encode())
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return response.status, response.url.endswith("/kontakt/danke/")
    except urllib.error.HTTPError as error:
        return error.code, False
    except (urllib.error.URLError, OSError):
        return 0, False


class WorkerSupervisor:
    """`manage.py db_worker`, started again one second after it exits — what systemd's Restart=always with
    RestartSec=1 does (see the README's deployment section). Every worker writes to one log file; `lines` holds
    (monotonic time, line) of everything they wrote, for timing what the workers said."""

    def __init__(self, environment, *, log_path, restart_after=1.0):
        self.environment, self.log_path, self.restart_after = environment, Path(log_path), restart_after
        self.process = None
        self.started = []  # (monotonic time, pid) of every start
        self.lines = []
        self._stop = threading.Event()

    def start(self):
        self._launch()
        threading.Thread(target=self._watch, daemon=True).start()
        threading.Thread(target=self._follow, daemon=True).start()
        return self

    def _launch(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [PY, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started.append((time.monotonic(), self.process.pid))

    def _watch(self):
        while not self._stop.is_set():
            if self.process.poll() is not None and not self._stop.wait(self.restart_after):
                self._launch()
            time.sleep(0.02)

    def _follow(self):
        while not self.log_path.exists():
            time.sleep(0.02)
        with self.log_path.open(errors="replace") as log:
            while not self._stop.is_set():
                line = log.readline()
                if line:
                    self.lines.append((time.monotonic(), line.rstrip("\n")))
                else:
                    time.sleep(0.02)

    def first_line(self, text, *, after=0.0):
        """(time, line) of the first line containing `text` written after `after`, or None."""
        return next(((at, line) for at, line in self.lines if at >= after and text in line), None)

    def stop(self):
        self._stop.set()
        stop(self.process)


class PrivatePostgres:
    """A Postgres cluster of our own in a temporary folder (Debian's binaries, run as the postgres user when we are
    root), for restarting a real server without disturbing anyone else's."""

    def __init__(self, port=0):
        newest = max(Path("/usr/lib/postgresql").iterdir(), key=lambda path: [int(n) for n in path.name.split(".")])
        self.bin = newest / "bin"
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="emscher-private-postgres-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

    def _ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-o", options,
                  action, *extra)  # fmt: skip

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self._ctl("start")
        return self

    def restart(self):
        """What `pg_ctlcluster … restart` does: every connection is terminated, the server stops and starts."""
        self._ctl("restart", "-m", "fast")

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


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
        self.port = free_port()
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
