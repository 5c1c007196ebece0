#!/usr/bin/env python
"""Faults under load: the database goes away and comes back; a gunicorn worker is killed mid-request.

    bench/fault.py                      database outage through a loopback relay (disturbs nobody else)
    bench/fault.py --postgres-restart   restarts the real Postgres cluster (pg_ctlcluster … restart): every
                                        other user of that server is cut off too — never in CI
    bench/fault.py --seconds 30         length of the whole run

16 client threads request /readyz, /, /foren/ and /netzwerke/ (new connection per request, 20 s timeout) the whole
time. Timeline: normal → database outage (6 s) → database back → kill -9 of one gunicorn worker → normal.
Reports: status codes per phase, the slowest request (no hanging worker), the time from "database back" until
every request succeeds again, and the time until gunicorn has replaced the killed worker. Exit 1 when a request
hung, a failure was anything but a clean 503 during the outage, or the portal did not recover.
"""

import argparse
import collections
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gunicorn_portal as portal  # noqa: E402 -- found through the sys.path entry above

RESULTS = Path(__file__).resolve().parent / "fault.last.txt"
PATHS = ["/readyz", "/", "/foren/", "/netzwerke/"]
CLIENT_TIMEOUT = 20


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


def cpu_ticks(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def slow_request_path(port):
    """A request that takes a while: an event's documentation PDF, which this fresh portal renders on demand."""

    status, body = portal.get(port, "/foren/")
    events = re.findall(r'href="(/foren/[a-z0-9-]+/)"', body.decode("utf-8", "replace")) if status == 200 else []
    return events[-1] + "dokumentation.pdf" if events else "/suche/?q=Wasser"


def postgres_cluster():
    version = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])[-1]
    return version, "main"


def main():  # noqa: C901, PLR0915 -- one fault scenario, step by step, as the report reads
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--database", default="emscher_bench_fault")
    parser.add_argument("--postgres-restart", action="store_true", help="restart the real Postgres cluster")
    parser.add_argument("--outage", type=float, default=6.0, help="seconds the relay stays cut")
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()

    portal.recreate_database(args.database)
    relay = None if args.postgres_restart else portal.TcpProxy(5432).start()
    lines = []

    def say(text):
        lines.append(text)
        print(text, flush=True)

    with tempfile.TemporaryDirectory(prefix="emscher-bench-fault-") as work_dir:
        work_dir = Path(work_dir)
        environment = portal.portal_env(args.database, work_dir=work_dir)
        portal.prepare(environment)
        if relay is not None:
            environment["DATABASE_URL"] = portal.database_url(
                args.database, f"postgres://postgres@127.0.0.1:{relay.port}"
            )
        server = portal.start(environment, args.port, log_path=work_dir / "gunicorn.log")
        stop, paused, log = threading.Event(), threading.Event(), []
        threads = [threading.Thread(target=load, args=(args.port, stop, log, paused)) for _ in range(args.threads)]
        marks = {}
        try:
            for thread in threads:
                thread.start()
            time.sleep(5)

            # 1. The database goes away …
            marks["outage"] = time.monotonic()
            if relay is not None:
                relay.cut()
                time.sleep(args.outage)
                marks["back"] = time.monotonic()
                relay.restore()
            else:
                version, cluster = postgres_cluster()
                subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"], check=True)
                marks["back"] = time.monotonic()
            time.sleep(8)

            # 2. … then a worker dies mid-request: a slow request (a PDF rendered on demand) is started with the
            # other clients paused, the worker burning CPU on it is the one handling it, and that one is killed.
            paused.set()
            time.sleep(2)
            workers_before = portal.worker_pids(server.pid)
            slow_path = slow_request_path(args.port)
            slow = {}
            slow_thread = threading.Thread(target=lambda: slow.update(status=request(args.port, slow_path)))
            cpu_before = {pid: cpu_ticks(pid) for pid in workers_before}
            slow_thread.start()
            time.sleep(0.4)
            busy = max(workers_before, key=lambda pid: cpu_ticks(pid) - cpu_before[pid])
            victim = busy
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
            time.sleep(6)
        finally:
            stop.set()
            for thread in threads:
                thread.join(CLIENT_TIMEOUT + 5)
            portal.stop(server)
            if relay is not None:
                relay.cut()
        portal.drop_database(args.database)

    def summary(entries):
        counts = collections.Counter(str(status) for *_, status in entries)
        return ", ".join(f"{status}: {count}" for status, count in sorted(counts.items())) or "keine"

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

    mode = (
        "Neustart des Postgres-Clusters"
        if args.postgres_restart
        else f"Relais zu Postgres {args.outage:.0f} s getrennt"
    )
    say(f"Fehlertest: {args.threads} Client-Threads, {len(log)} Anfragen; Ausfall: {mode}")
    say(f"  vor dem Ausfall:            {summary(before)}")
    say(f"  während des Ausfalls:       {summary(outage)}")
    say(f"  nach Rückkehr der DB:       {summary(after_back)}")
    say(f"  Erholung nach Rückkehr:     {recovery:.2f} s bis jede Anfrage wieder 200 liefert")
    say(f"  nicht-saubere Fehler (weder 200 noch 503): {len(unclean)}")
    say(f"  langsamste Anfrage:         {slowest:.2f} s (Client-Timeout {CLIENT_TIMEOUT} s, gunicorn-Timeout 30 s)")
    say(
        f"  Worker kill -9 (PID {victim}): ersetzt nach {replaced:.2f} s"
        if replaced is not None
        else "  Worker NICHT ersetzt"
    )
    say(f"  Anfrage des getöteten Workers ({slow_path}): {slow.get('status')} – Wiederholung: {retry_status}")
    say(f"  sonst beim Kill unterwegs:  {summary(in_flight_at_kill)}")
    say(f"  nach dem Kill:              {summary(after_kill)}")
    ok = (
        all(entry[3] == 200 for entry in before)
        and not unclean
        and recovery < 10
        and slowest < CLIENT_TIMEOUT
        and replaced is not None
        and not kill_failures
        and slow.get("status") != 200
        and retry_status == 200
    )
    say("Ergebnis: " + ("bestanden" if ok else "NICHT bestanden"))
    if not args.postgres_restart:
        RESULTS.write_text("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
