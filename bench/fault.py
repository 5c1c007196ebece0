#!/usr/bin/env python
"""Faults under load, for the whole stack: gunicorn and the task worker. The database goes away and comes back, the
task worker is killed in the middle of a task, a gunicorn worker is killed in the middle of a request.

    bench/fault.py                      database outage through a loopback relay (disturbs nobody else)
    bench/fault.py --short              the same, shorter (CI)
    bench/fault.py --postgres-restart   a real restart (pg_ctl restart -m fast) of a Postgres cluster of its own,
                                        started in a temporary folder (--private-postgres-port); the shared server
                                        is never touched

16 client threads request /readyz, /, /foren/ and /netzwerke/ (new connection per request, 20 s timeout) the whole
time, and one more sends the contact form every 0.25 s, which queues a mail task each time; mail goes to an SMTP
server inside this script. The worker runs as systemd would run it: started again one second after it exits.
Timeline: normal → database outage (6 s) → database back → kill -9 of the task worker while it renders a PDF →
kill -9 of one gunicorn worker while it renders a PDF → normal → the queue drains.

Reports: status codes per phase, the slowest request (no hanging worker), the time from "database back" until every
request succeeds again, the task worker during the outage (still running? reconnected when?), the killed worker's
task (completed afterwards? how many attempts?), the time until gunicorn replaced its killed worker, and the tasks
enqueued against the tasks completed and the mails delivered. Exit 1 when a request hung, a failure during the
outage was anything but a clean 503, the portal did not recover, the task worker exited during the outage, or a
task or a mail was lost.
"""

import argparse
import collections
import http.client
import os
import re
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
import gunicorn_portal as portal  # noqa: E402 -- found through the sys.path entry above

from emscher_portal.tests.smtp import SmtpServer  # noqa: E402 -- a real SMTP server, the one the tests use

RESULTS = Path(__file__).resolve().parent / "fault.last.txt"
RESTART_RESULTS = Path(__file__).resolve().parent / "fault.restart.last.txt"
PATHS = ["/readyz", "/", "/foren/", "/netzwerke/"]
CLIENT_TIMEOUT = 20
# The worker as the bench runs it: heartbeats every second, a silent worker counts as lost after 5 s (production: 10
# and 60), so the kill's recovery shows within seconds.
WORKER_SETTINGS = {"TASK_WORKER_HEARTBEAT_SECONDS": 1, "TASK_WORKER_LOST_SECONDS": 5, "DJANGO_LOG_LEVEL": "INFO"}
ENQUEUE_PRERENDER = """
from django.db.models import Count
from emscher_portal.core.pdf.tasks import pdf_prerender
from forums.models import Event
event = Event.objects.published().exclude(slug={exclude!r}).annotate(n=Count("photos")).order_by("-n", "pk").first()
print(pdf_prerender.enqueue(model="forums.Event", pk=event.pk).id, event.slug)
"""


def request(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


def load(port, stop, log, paused):
    index = 0
    while not stop.is_set():
        if paused.is_set():
            time.sleep(0.05)
            continue
        path = PATHS[index % len(PATHS)]
        index += 1
        started = time.monotonic()
        status = request(port, path)
        log.append((started, time.monotonic(), path, status))


def write_to_the_redaktion(port, stop, sent):
    """One reader after another sends the contact form; each stored message queues a mail task."""
    number = 0
    while not stop.is_set():
        number += 1
        started = time.monotonic()
        status, thanked = portal.contact_post(port, subject=f"Nachricht {number}")
        sent.append((started, status, thanked))
        time.sleep(0.25)


def cpu_ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def slow_request_path(port):
    """A request that takes a while: an event's documentation PDF, which this fresh portal renders on demand."""

    status, body = portal.get(port, "/foren/")
    events = re.findall(r'href="(/foren/[a-z0-9-]+/)"', body.decode("utf-8", "replace")) if status == 200 else []
    return events[-1] + "dokumentation.pdf" if events else "/suche/?q=Wasser"


def query(database_url, sql, *params):
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1), connect_timeout=5) as conn:
        return conn.execute(sql, params).fetchall()


def wait_for(condition, timeout):
    """Seconds until condition() held, or None after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def kill_task_worker_mid_task(environment, database_url, supervisor, exclude_slug):
    """Queue a PDF render, kill -9 the worker once it runs it, and follow the task until it is done."""
    enqueued = portal.manage(environment, "shell", "-c", ENQUEUE_PRERENDER.format(exclude=exclude_slug),
                             capture_output=True, text=True)  # fmt: skip
    task_id, slug = enqueued.stdout.split()[-2:]

    def status():
        return query(database_url, "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", task_id)[0][0]

    wait_for(lambda: status() == "RUNNING", 60)
    time.sleep(0.3)  # well inside the render (WeasyPrint alone takes a second to import)
    killed = supervisor.process.pid
    status_at_kill = status()
    kill_mark = time.monotonic()
    os.kill(killed, signal.SIGKILL)
    restarted = wait_for(lambda: supervisor.process.pid != killed, 30)
    completed = wait_for(lambda: status() in ("SUCCESSFUL", "FAILED"), 120)
    row = query(
        database_url, "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s", task_id
    )[0]
    requeued = supervisor.first_line(f"Task {task_id}", after=kill_mark)
    return {
        "slug": slug,
        "status_at_kill": status_at_kill,
        "restarted": restarted,
        "requeued": requeued[0] - kill_mark if requeued else None,
        "completed": None if completed is None else time.monotonic() - kill_mark,
        "status": row[0],
        "attempts": len(row[1]),
    }


def queue_counts(database_url):
    rows = query(database_url, "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
    return collections.Counter(dict(rows))


def main():  # noqa: C901, PLR0912, PLR0915 -- one fault scenario, step by step, as the report reads
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--database", default="emscher_bench_fault")
    parser.add_argument("--postgres-restart", action="store_true", help="restart a private Postgres cluster")
    parser.add_argument("--private-postgres-port", type=int, default=0, help="its port (default: a free one)")
    parser.add_argument("--outage", type=float, default=6.0, help="seconds the relay stays cut")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--short", action="store_true", help="shorter phases and fewer clients (CI)")
    args = parser.parse_args()
    if args.short:
        args.outage, args.threads = min(args.outage, 3.0), min(args.threads, 6)
    settle = 3 if args.short else 8

    private = portal.PrivatePostgres(args.private_postgres_port).start() if args.postgres_restart else None
    server_url = private.url if private else portal.POSTGRES
    database_url = portal.database_url(args.database, server_url)
    portal.recreate_database(args.database, server_url)
    relay = None if private else portal.TcpProxy(int(server_url.rsplit(":", 1)[1])).start()
    smtp = SmtpServer().start()
    lines = []

    def say(text):
        lines.append(text)
        print(text, flush=True)

    try:
        with tempfile.TemporaryDirectory(prefix="emscher-bench-fault-") as work_dir:
            work_dir = Path(work_dir)
            environment = portal.portal_env(
                database_url,
                work_dir=work_dir,
                EMAIL_URL=smtp.url,
                CONTACT_EMAIL="redaktion@example.org",
                CONTACT_MIN_FILL_SECONDS=0,
                CONTACT_RATE_LIMIT=1_000_000,
                PDF_PRERENDER="false",
            )
            portal.prepare(environment)
            direct = dict(environment)
            if relay is not None:
                environment["DATABASE_URL"] = portal.database_url(
                    args.database, f"postgres://postgres@127.0.0.1:{relay.port}"
                )
            server = portal.start(environment, args.port, log_path=work_dir / "gunicorn.log")
            supervisor = portal.WorkerSupervisor(
                {**environment, **{k: str(v) for k, v in WORKER_SETTINGS.items()}}, log_path=work_dir / "worker.log"
            ).start()
            # The demo loader queued document extractions and photo renditions: done first, so that the worker's
            # figures below are about the faults, not about a backlog.
            backlog = wait_for(lambda: not (queue_counts(database_url).keys() & {"READY", "RUNNING"}), 300)
            stop, paused, log, sent = threading.Event(), threading.Event(), [], []
            threads = [threading.Thread(target=load, args=(args.port, stop, log, paused)) for _ in range(args.threads)]
            threads.append(threading.Thread(target=write_to_the_redaktion, args=(args.port, stop, sent)))
            marks = {}
            try:
                for thread in threads:
                    thread.start()
                time.sleep(settle / 2 + 1)

                # 1. The database goes away …
                worker_before = supervisor.process.pid
                marks["outage"] = time.monotonic()
                if relay is not None:
                    relay.cut()
                    time.sleep(args.outage)
                    marks["back"] = time.monotonic()
                    relay.restore()
                else:
                    private.restart()
                    marks["back"] = time.monotonic()
                time.sleep(settle)
                worker_starts_in_outage = len(supervisor.started) - 1
                worker_after = supervisor.process.pid

                # 2. … then a gunicorn worker dies mid-request: a slow request (a PDF rendered on demand) is started
                # with the other clients paused, the worker burning CPU on it is the one handling it, and that one
                # is killed.
                paused.set()
                time.sleep(2)
                workers_before = portal.worker_pids(server.pid)
                slow_path = slow_request_path(args.port)
                slow = {}
                slow_thread = threading.Thread(target=lambda: slow.update(status=request(args.port, slow_path)))
                cpu_before = {pid: cpu_ticks(pid) for pid in workers_before}
                slow_thread.start()
                time.sleep(0.4)
                victim = max(workers_before, key=lambda pid: cpu_ticks(pid) - cpu_before[pid])
                marks["kill"] = time.monotonic()
                os.kill(victim, signal.SIGKILL)
                slow_thread.join(CLIENT_TIMEOUT + 5)
                replaced = None
                while time.monotonic() - marks["kill"] < 30:
                    now = portal.worker_pids(server.pid)
                    if victim not in now and len(now) == len(workers_before):
                        replaced = time.monotonic() - marks["kill"]
                        break
                    time.sleep(0.05)
                retry_status = request(args.port, slow_path)
                paused.clear()

                # 3. … and the task worker dies in the middle of a task (another event's PDF).
                killed_task = kill_task_worker_mid_task(direct, database_url, supervisor, slow_path.split("/")[2])
                time.sleep(settle / 2)
            finally:
                stop.set()
                for thread in threads:
                    thread.join(CLIENT_TIMEOUT + 5)
            # The queue drains: every mail sent by now.
            drained = wait_for(
                lambda: not (queue_counts(database_url).keys() & {"READY", "RUNNING"}), 60 if args.short else 120
            )
            supervisor.stop()
            portal.stop(server)
            counts = queue_counts(database_url)
            stored, recorded = query(
                database_url, "SELECT count(*), count(mailed_at) FROM emscher_portal_contactmessage"
            )[0]
            failed_tasks = query(
                database_url,
                "SELECT task_path, exception_class_path, right(traceback, 400) FROM django_tasks_database_dbtaskresult"
                " WHERE status = 'FAILED'",
            )
            kept_log = Path(tempfile.gettempdir()) / f"{args.database}-worker.log"
            kept_log.write_text((work_dir / "worker.log").read_text(errors="replace"))
            delivered = [message["Subject"] for message in smtp.messages]
            unavailable = supervisor.first_line("Database unavailable", after=marks["outage"])
            reconnected = supervisor.first_line("reconnected after", after=marks["outage"])
        portal.drop_database(args.database, server_url)
    finally:
        smtp.stop()
        if relay is not None:
            relay.cut()
        if private is not None:
            private.stop()

    def summary(entries):
        statuses = collections.Counter(str(status) for *_, status in entries)
        return ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())) or "keine"

    # Phases by the time a request was answered; requests in flight when the worker was killed are their own group.
    in_flight_at_kill = [e for e in log if e[0] <= marks["kill"] <= e[1]]
    rest = [e for e in log if e not in in_flight_at_kill]
    before = [e for e in rest if e[1] < marks["outage"]]
    outage = [e for e in rest if marks["outage"] <= e[1] < marks["back"]]
    after_back = [e for e in rest if marks["back"] <= e[1] < marks["kill"]]
    after_kill = [e for e in rest if e[1] >= marks["kill"]]
    failures_after_back = [e for e in after_back if e[3] != 200]
    recovery = (max(e[1] for e in failures_after_back) - marks["back"]) if failures_after_back else 0.0
    slowest = max(e[1] - e[0] for e in log)
    unclean = [e for e in outage + after_back if e[3] not in (200, 503)]
    kill_failures = [e for e in after_kill if e[3] != 200]
    thanked = sum(1 for *_, ok in sent if ok)
    enqueued = sum(counts.values())
    completed = counts.get("SUCCESSFUL", 0)
    lost = enqueued - completed - counts.get("FAILED", 0)
    duplicates = len(delivered) - len(set(delivered))

    mode = "Neustart eines eigenen Postgres-Clusters" if private else f"Relais zu Postgres {args.outage:.0f} s getrennt"
    say(f"Fehlertest: {args.threads} Client-Threads, {len(log)} Anfragen; Ausfall: {mode}")
    say(f"  Tasks der Demo-Inhalte vorab erledigt in {backlog or 0:.1f} s")
    say(f"  vor dem Ausfall:            {summary(before)}")
    say(f"  während des Ausfalls:       {summary(outage)}")
    say(f"  nach Rückkehr der DB:       {summary(after_back)}")
    say(f"  Erholung nach Rückkehr:     {recovery:.2f} s bis jede Anfrage wieder 200 liefert")
    say(f"  nicht-saubere Fehler (weder 200 noch 503): {len(unclean)}")
    say(f"  langsamste Anfrage:         {slowest:.2f} s (Client-Timeout {CLIENT_TIMEOUT} s, gunicorn-Timeout 30 s)")
    worker_kept = worker_before == worker_after and worker_starts_in_outage == 0
    say(
        "  Task-Worker im Ausfall:     "
        + (
            "lief weiter (dieselbe PID, kein Neustart)"
            if worker_kept
            else f"NEU GESTARTET ({worker_starts_in_outage}×)"
        )
        + (
            f", Ausfall bemerkt nach {unavailable[0] - marks['outage']:.2f} s"
            if unavailable
            else ", Ausfall nicht bemerkt"
        )
        + (
            f", wieder verbunden {reconnected[0] - marks['back']:.2f} s nach Rückkehr der DB"
            if reconnected
            else ", NICHT wieder verbunden"
        )
    )
    say(
        f"  gunicorn-Worker kill -9 (PID {victim}): ersetzt nach {replaced:.2f} s"
        if replaced is not None
        else "  gunicorn-Worker NICHT ersetzt"
    )
    say(f"  Anfrage des getöteten Workers ({slow_path}): {slow.get('status')} – Wiederholung: {retry_status}")
    say(f"  sonst beim Kill unterwegs:  {summary(in_flight_at_kill)}")
    say(f"  nach dem Kill:              {summary(after_kill)}")
    say(
        f"  Task-Worker kill -9 mitten im Task (PDF von {killed_task['slug']}, Status beim Kill "
        f"{killed_task['status_at_kill']}): neuer Worker nach {killed_task['restarted'] or 0:.2f} s, Task wieder "
        f"eingereiht nach {killed_task['requeued'] or 0:.2f} s, danach {killed_task['status']} "
        f"{killed_task['completed'] or 0:.2f} s nach dem Kill ({killed_task['attempts']} Versuche)"
    )
    say(
        f"  Tasks: eingereiht {enqueued}, erledigt {completed}, fehlgeschlagen {counts.get('FAILED', 0)}, "
        f"verloren {lost} (Warteschlange leer nach {drained or 0:.1f} s)"
    )
    for task_path, exception, traceback_tail in failed_tasks:
        say(f"  fehlgeschlagen: {task_path}: {exception}\n    …{traceback_tail.strip()[-300:]}")
    say(
        f"  Kontaktformular: {len(sent)} gesendet, {thanked} mit Dankeseite, {stored} gespeichert, "
        f"{recorded} als versandt vermerkt, {len(delivered)} Mails zugestellt ({duplicates} doppelt)"
    )
    ok = (
        all(entry[3] == 200 for entry in before)
        and not unclean
        and recovery < 10
        and slowest < CLIENT_TIMEOUT
        and replaced is not None
        and not kill_failures
        and slow.get("status") != 200
        and retry_status == 200
        and worker_kept
        and reconnected is not None
        and killed_task["status_at_kill"] == "RUNNING"
        and killed_task["status"] == "SUCCESSFUL"
        and drained is not None
        and enqueued == completed
        and stored == recorded == len(set(delivered))
    )
    say("Ergebnis: " + ("bestanden" if ok else f"NICHT bestanden (Log der Task-Worker: {kept_log})"))
    if not args.short:
        (RESTART_RESULTS if args.postgres_restart else RESULTS).write_text("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
