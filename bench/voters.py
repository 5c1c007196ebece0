#!/usr/bin/env python
"""64 concurrent voters weigh the topics of a round for 30 s, each through the whole mail path, against gunicorn on
Postgres with the task worker sending the confirmation mails to an SMTP server inside this script.

    bench/voters.py              64 voters, 30 s (figures go to bench/voters.last.txt)
    bench/voters.py --short      8 voters, 5 s

Each voter, as a browser would: opens the ballot page (CSRF cookie, its own random order), sends points for a new
address — or, every third time, new points for an address it used before (a changed ballot) — waits for the mail,
opens the link (a GET, which confirms nothing), presses the button (POST) and checks the answer. When the time is
up every voter finishes its current ballot. Then the database is compared with what the voters confirmed: one
ballot per confirmed address, each holding the points of the last confirmation for that address — nothing lost,
nothing counted twice. Exit 1 on any error or difference.
"""

import argparse
import collections
import hashlib
import hmac
import http.cookiejar
import queue
import random
import re
import secrets
import statistics
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
import gunicorn_portal as portal  # noqa: E402 -- found through the sys.path entry above

from emscher_portal.tests.smtp import SmtpServer  # noqa: E402 -- a real SMTP server, the one the tests use

RESULTS = Path(__file__).resolve().parent / "voters.last.txt"
DATABASE = "emscher_bench_voters"
ROUND_SLUG = "benchmark-gewichten"
MAIL_TIMEOUT = 120
KEEP_LOGS = False  # True keeps the folder with the gunicorn and worker logs
MAKE_ROUND = f"""
from datetime import timedelta
from django.utils import timezone
from emscher_portal.core.models import Status
from participation.models import Round, Topic
now = timezone.now()
round_, _ = Round.objects.update_or_create(slug={ROUND_SLUG!r}, defaults=dict(
    title="Benchmark: Themen gewichten", status=Status.PUBLISHED,
    proposals_open_at=now - timedelta(days=20), proposals_close_at=now - timedelta(days=10),
    weighing_open_at=now - timedelta(days=5), weighing_close_at=now + timedelta(days=5),
    closes_at=now + timedelta(days=10)))
for number in range(12):
    Topic.objects.update_or_create(round=round_, slug=f"thema-{{number}}", defaults=dict(
        title=f"Benchmark-Thema {{number}}", description="Generierter Beispieltext.",
        moderation=Topic.Moderation.APPROVED))
"""


class Mailbox(SmtpServer):
    """The SMTP server, with each arriving confirmation link handed to the voter waiting for that address."""

    def __init__(self):
        super().__init__()
        self.waiting = collections.defaultdict(queue.Queue)
        self.on_accept = self._deliver

    def _deliver(self, message):
        link = re.search(r"https?://[^/\s]+(/bestaetigen/[^\s]+/)", message.get_content())
        self.waiting[message["To"].strip().lower()].put(link.group(1) if link else None)


def email_hash(secret_key, address):
    """What core.confirmation.email_hash stores (Django's salted_hmac with SHA-256), computed here to compare."""
    key = hashlib.sha256(("emscher_portal.core.confirmation.email" + secret_key).encode()).digest()
    return hmac.new(key, address.strip().lower().encode(), hashlib.sha256).hexdigest()


class Voter(threading.Thread):
    def __init__(self, number, *, port, mailbox, until, results):
        super().__init__(daemon=True)
        self.number, self.port, self.mailbox, self.until, self.results = number, port, mailbox, until, results
        self.random = random.Random(number)
        self.addresses = []
        self.base = f"http://127.0.0.1:{port}"

    def _open(self, opener, url, data=None):
        request = urllib.request.Request(self.base + url, data=urllib.parse.urlencode(data).encode() if data else None)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def ballot(self):
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        started = time.monotonic()
        status, page = self._open(opener, f"/themen/{ROUND_SLUG}/gewichten/")
        if status != 200:
            return "Stimmzettel-Seite", status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        seed = re.search(r'name="seed" value="(\d+)"', page).group(1)
        fields = re.findall(r'name="(thema-\d+)"', page)
        if self.addresses and self.random.random() < 1 / 3:
            address = self.random.choice(self.addresses)  # a changed ballot
        else:
            address = f"waehler-{self.number}-{len(self.addresses)}@bench.example"
            self.addresses.append(address)
        budget, points = 10, {}
        for field in self.random.sample(fields, k=len(fields)):
            value = min(budget, self.random.randint(0, 3))
            if value:
                points[field] = value
                budget -= value
        if not points:
            points[fields[0]] = 1
        data = {"csrfmiddlewaretoken": token, "seed": seed, "email": address, "website": "", **points}
        status, _ = self._open(opener, f"/themen/{ROUND_SLUG}/gewichten/", data)
        if status != 200:  # urllib follows the redirect to the thanks page
            return "Absenden", status
        sent = time.monotonic()
        try:
            link = self.mailbox.waiting[address].get(timeout=MAIL_TIMEOUT)
        except queue.Empty:
            return "E-Mail", 0
        mailed = time.monotonic()
        status, page = self._open(opener, link)
        if status != 200 or "Gewichtung bestätigen" not in page:
            return "Link öffnen", status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, page = self._open(opener, link, {"csrfmiddlewaretoken": token, "action": "confirm"})
        if status != 200 or ("ist gespeichert" not in page and "ersetzt die frühere" not in page):
            return "Bestätigen", status
        self.results.append(
            {
                "address": address,
                "points": sorted(points.values()),
                "confirmed_at": time.monotonic(),
                "page_and_post": sent - started,
                "to_mail": mailed - sent,
                "total": time.monotonic() - started,
            }
        )
        return None

    def run(self):
        while time.monotonic() < self.until:
            try:
                failure = self.ballot()
            except Exception as error:  # noqa: BLE001 -- every failure is counted and reported
                failure = ("Ausnahme", repr(error))
            if failure:
                self.results.append({"error": failure})


def _wait_for_workers(conninfo, count):
    """Until the workers are up (they wrote a heartbeat) and have done what the demo load queued (document
    extraction), so the run measures the mails, not that backlog."""
    deadline = time.monotonic() + 120
    with psycopg.connect(conninfo, autocommit=True) as conn:
        while (
            conn.execute("SELECT count(*) FROM emscher_portal_taskworker").fetchone()[0] < count
            or conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
        ):
            if time.monotonic() > deadline:
                raise SystemExit("the task workers did not start or did not empty the queue within 120 s")
            time.sleep(0.2)


def _stored(conninfo):
    """{voter hash: sorted points} of the benchmark round's ballots, and (queue wait, run time) of each mail task."""
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(
            """SELECT b.voter_hash, array_agg(p.points ORDER BY p.points) FROM participation_ballot b
               JOIN participation_round r ON r.id = b.round_id
               LEFT JOIN participation_ballotpoints p ON p.ballot_id = b.id
               WHERE r.slug = %s GROUP BY b.voter_hash""",
            [ROUND_SLUG],
        ).fetchall()
        mail_tasks = conn.execute(
            """SELECT extract(epoch FROM started_at - enqueued_at), extract(epoch FROM finished_at - started_at)
               FROM django_tasks_database_dbtaskresult
               WHERE task_path LIKE %s AND finished_at IS NOT NULL""",
            ["%confirmation_send_mail"],
        ).fetchall()
    return {voter_hash: sorted(points) for voter_hash, points in rows}, mail_tasks


def _timings(confirmed, mail_tasks):
    if not confirmed:
        return []
    totals = sorted(result["total"] for result in confirmed)
    lines = [
        "Zeit vom Öffnen des Stimmzettels bis zur Bestätigung (mit E-Mail über den Task-Worker): "
        f"Median {statistics.median(totals):.2f} s, p95 {totals[int(0.95 * (len(totals) - 1))]:.2f} s",
        "davon Stimmzettel öffnen und absenden: Median "
        f"{statistics.median(result['page_and_post'] for result in confirmed):.2f} s, Warten auf die E-Mail: "
        f"Median {statistics.median(result['to_mail'] for result in confirmed):.2f} s",
    ]
    if mail_tasks:
        lines.append(
            f"Mail-Tasks: {len(mail_tasks)}, Wartezeit in der Warteschlange Median "
            f"{statistics.median(float(row[0]) for row in mail_tasks):.2f} s, Laufzeit Median "
            f"{statistics.median(float(row[1]) for row in mail_tasks):.2f} s"
        )
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true")
    args = parser.parse_args()
    voters, seconds = (8, 5) if args.short else (64, 30)
    work_dir = Path(tempfile.mkdtemp(prefix="emscher-bench-voters-"))
    mailbox = Mailbox().start()
    port = portal.free_port()
    secret = secrets.token_urlsafe(50)
    portal.recreate_database(DATABASE)
    environment = portal.portal_env(
        DATABASE,
        work_dir=work_dir,
        DJANGO_SECRET_KEY=secret,
        SITE_URL=f"http://127.0.0.1:{port}",
        EMAIL_URL=mailbox.url,
        PAGE_CACHE_ENABLED="false",
        PDF_PRERENDER="false",  # the demo load would queue dozens of PDF renders ahead of the first mail
        CONFIRMATION_IP_LIMIT=1_000_000,
        CONFIRMATION_ADDRESS_LIMIT=1_000_000,
        CONFIRMATION_MAX_PENDING=1_000,
    )
    portal.prepare(environment)
    portal.manage(environment, "shell", "-c", MAKE_ROUND)
    server = portal.start(environment, port, log_path=work_dir / "gunicorn.log")
    workers = [
        portal.WorkerSupervisor(environment, log_path=work_dir / f"worker-{number}.log").start() for number in (1, 2)
    ]
    results = []
    conninfo = portal.database_url(DATABASE).replace("postgres://", "postgresql://", 1)
    _wait_for_workers(conninfo, len(workers))
    try:
        until = time.monotonic() + seconds
        threads = [Voter(number, port=port, mailbox=mailbox, until=until, results=results) for number in range(voters)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + MAIL_TIMEOUT + 60)
        elapsed = time.monotonic() - started
    finally:
        for worker in workers:
            worker.stop()
        portal.stop(server)
        mailbox.stop()

    errors = [result["error"] for result in results if "error" in result]
    confirmed = [result for result in results if "error" not in result]
    expected = {}
    for result in sorted(confirmed, key=lambda result: result["confirmed_at"]):
        expected[email_hash(secret, result["address"])] = result["points"]
    stored, mail_tasks = _stored(conninfo)
    lost = sorted(set(expected) - set(stored))
    unknown = sorted(set(stored) - set(expected))
    differing = sorted(key for key in set(expected) & set(stored) if expected[key] != stored[key])
    changed = len(confirmed) - len(expected)
    lines = [
        f"Gewichten unter Last: {voters} Wählende, {seconds} s, gunicorn (Produktionseinstellungen) auf Postgres, "
        "2 Task-Worker, SMTP im Skript",
        f"Dauer bis alle fertig: {elapsed:.1f} s",
        f"bestätigte Stimmzettel: {len(confirmed)} ({changed} davon Änderungen eines früheren), "
        f"{len(confirmed) / elapsed:.1f} je Sekunde",
        f"Fehler: {len(errors)}" + (f" {collections.Counter(map(str, errors)).most_common(5)}" if errors else ""),
        f"gespeicherte Stimmzettel: {len(stored)}, erwartet (eine je bestätigter Adresse): {len(expected)}",
        f"verloren: {len(lost)}, unbekannt/doppelt: {len(unknown)}, mit anderen Punkten: {len(differing)}",
        *_timings(confirmed, mail_tasks),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.short:
        RESULTS.write_text(report)
    ok = bool(not errors and not lost and not unknown and not differing and confirmed) and not KEEP_LOGS
    portal.drop_database(DATABASE)
    if ok:
        subprocess.run(["rm", "-rf", str(work_dir)], check=False)
    else:
        print(f"Logs: {work_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
