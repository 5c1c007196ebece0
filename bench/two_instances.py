#!/usr/bin/env python
"""Two app instances, one Postgres, one Redis: an edit saved through one is visible through the other at once.

    bench/two_instances.py [--ports 8106 8116] [--redis redis://127.0.0.1:6379/8]

Both instances run gunicorn with production settings and the shared Redis cache (the page cache stores whole pages
there). Both serve a network's page and the network list until the cache holds them; then the Redaktion edits the
network's purpose in the Django admin of instance A (a real login and a real change-form POST) and the very next
request to instance B must show the new text — and the other way round. Exit 1 if a stale page is served.
"""

import argparse
import html
import http.cookiejar
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gunicorn_portal as portal  # noqa: E402 -- found through the sys.path entry above

RESULTS = Path(__file__).resolve().parent / "two_instances.last.txt"


class FormFields(HTMLParser):
    """The (name, value) pairs a browser would submit for the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select, self._select_multiple, self._select_chosen, self._first_option = None, False, False, None
        self._textarea, self._text = None, []

    def handle_starttag(self, tag, attrs):  # noqa: C901 -- every form control in one small parser
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._select_multiple, self._select_chosen = a.get("name"), "multiple" in a, False
            self._first_option = None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            if not self._select_chosen and not self._select_multiple and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


class Editor:
    """A browser session of the Redaktion in one instance's admin."""

    def __init__(self, port):
        self.port = port
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _csrf(self, page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def open(self, path, data=None):
        url = f"http://127.0.0.1:{self.port}{path}"
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def login(self, username, password):
        _, _, page = self.open("/admin/login/")
        _, url, _ = self.open(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": self._csrf(page), "username": username, "password": password, "next": "/admin/"},
        )
        assert url.endswith("/admin/"), f"login on port {self.port} failed ({url})"

    def change(self, admin_path, field, new_value):
        _, _, page = self.open(admin_path)
        form_id = re.search(r'<form [^>]*id="([a-z_]+_form)"', page).group(1)
        parser = FormFields(form_id)
        parser.feed(page)
        fields = [(name, new_value if name == field else value) for name, value in parser.fields]
        assert any(name == field for name, _ in fields), f"{field} not in the admin form"
        status, url, answer = self.open(admin_path, fields + [("_save", "Sichern")])
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', answer, re.S)
        assert not errors, f"admin refused the change: {errors}"
        assert not url.endswith(admin_path), f"admin stayed on the form ({status})"


def page_text(port, path):
    status, body = portal.get(port, path)
    assert status == 200, f"{path} on port {port}: {status}"
    return html.unescape(body.decode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ports", type=int, nargs=2, default=[8106, 8116])
    parser.add_argument("--database", default="emscher_bench_two")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8")
    args = parser.parse_args()
    port_a, port_b = args.ports

    redis.Redis.from_url(args.redis).flushdb()
    portal.recreate_database(args.database)
    lines = []

    def say(text):
        lines.append(text)
        print(text, flush=True)

    failures = 0
    with tempfile.TemporaryDirectory(prefix="emscher-bench-two-") as work_dir:
        work_dir = Path(work_dir)
        environment = portal.portal_env(args.database, work_dir=work_dir, CACHE_URL=args.redis)
        portal.prepare(environment)
        password = secrets.token_urlsafe(16)
        portal.manage(
            {**environment, "DJANGO_SUPERUSER_PASSWORD": password},
            "createsuperuser",
            "--noinput",
            "--username",
            "bench-redaktion",
            "--email",
            "bench@example.org",
            stdout=subprocess.DEVNULL,
        )
        pk_and_slug = subprocess.run(
            [
                portal.PY,
                "manage.py",
                "shell",
                "-c",
                "from networks.models import Network; n = Network.objects.published().order_by('pk').first(); "
                "print(n.pk, n.slug)",
            ],
            cwd=portal.ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        pk, slug = pk_and_slug[-2], pk_and_slug[-1]
        servers = [
            portal.start(environment, port, log_path=work_dir / f"gunicorn-{port}.log") for port in (port_a, port_b)
        ]
        try:
            say(
                f"Zwei Instanzen (127.0.0.1:{port_a} und :{port_b}), eine Postgres-Datenbank, Redis {args.redis} "
                "als gemeinsamer Cache"
            )
            pages = [f"/netzwerke/{slug}/", "/netzwerke/"]
            editors = {port: Editor(port) for port in (port_a, port_b)}
            for editor in editors.values():
                editor.login("bench-redaktion", password)
            for round_number, (writer, reader) in enumerate(((port_a, port_b), (port_b, port_a)), start=1):
                for page in pages:  # fill the shared cache from both sides
                    for port in (port_a, port_b, port_a, port_b):
                        page_text(port, page)
                _, cache_state = portal.get(reader, pages[0])
                marker = f"Geändert über Instanz {writer} ({secrets.token_hex(4)})"
                started = time.monotonic()
                editors[writer].change(f"/admin/networks/network/{pk}/change/", "purpose", marker)
                saved = time.monotonic()
                seen = {page: marker in page_text(reader, page) for page in pages}
                visible_after = time.monotonic() - saved
                for page, ok in seen.items():
                    failures += not ok
                    say(
                        f"  Runde {round_number}: gespeichert über :{writer} ({saved - started:.2f} s), "
                        f"nächste Anfrage an :{reader} {page}: {'neuer Text sichtbar' if ok else 'VERALTET'}"
                    )
                say(f"  Runde {round_number}: beide Seiten {visible_after * 1000:.0f} ms nach dem Speichern geprüft")
            cached_keys = redis.Redis.from_url(args.redis).dbsize()
            say(f"  Einträge im gemeinsamen Redis-Cache: {cached_keys}")
        finally:
            for server in servers:
                portal.stop(server)
    portal.drop_database(args.database)
    say("Ergebnis: " + ("bestanden" if not failures else f"NICHT bestanden ({failures} veraltete Seiten)"))
    RESULTS.write_text("\n".join(lines) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
