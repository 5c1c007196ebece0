#!/usr/bin/env python
"""Bounded load on the portal: gunicorn on 127.0.0.1 with production settings, Postgres, the demo content, and wrk.

    bench/load.py            64 connections, 30 s per page (the full run; figures go to bench/load.last.txt)
    bench/load.py --short    8 connections, 3 s per page (CI, after `make test`)

Pages: home, forum archive, one event, search, the event's documentation PDF (rendered once before the run, so
the run measures the cached file) and /healthz as the floor. A page the tree does not have yet is listed as
missing, not measured. Exit status 1 if any request failed (socket error, timeout or a status other than 2xx/3xx).
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gunicorn_portal as portal  # noqa: E402 -- found through the sys.path entry above

RESULTS = Path(__file__).resolve().parent / "load.last.txt"


def discover_pages(port):
    pages = [("Startseite", "/"), ("Forenarchiv", "/foren/")]
    status, body = portal.get(port, "/foren/")
    events = re.findall(r'href="(/foren/[a-z0-9-]+/)"', body.decode("utf-8", "replace")) if status == 200 else []
    if events:
        pages.append(("Veranstaltung", events[0]))
    pages.append(("Suche", "/suche/?q=Wasser"))
    if events:
        pages.append(("Dokumentation (PDF, gecacht)", events[0] + "dokumentation.pdf"))
    pages.append(("Netzwerke", "/netzwerke/"))
    pages.append(("/healthz (Untergrenze)", "/healthz"))
    present, missing = [], []
    for name, path in pages:
        # Twice: the first request may render (a PDF) or fill the page cache.
        status, _ = portal.get(port, path, timeout=120)
        status, _ = portal.get(port, path, timeout=120)
        (present if status == 200 else missing).append((name, path, status))
    return present, missing


def _milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(port, path, *, connections, seconds, threads=2):
    output = subprocess.run(
        [
            portal.ensure_wrk(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # No distribution when not one request completed: reported as "-".
        "p50": _milliseconds(latency["50"]) if "50" in latency else float("nan"),
        "p99": _milliseconds(latency["99"]) if "99" in latency else float("nan"),
        "output": output,
        "errors": (sum(map(int, sockets.groups())) if sockets else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="a few seconds, for CI")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--database", default="emscher_bench_load")
    parser.add_argument("--connections", type=int)
    parser.add_argument("--seconds", type=int)
    args = parser.parse_args()
    connections = args.connections or (8 if args.short else 64)
    seconds = args.seconds or (3 if args.short else 30)

    portal.ensure_wrk()
    portal.recreate_database(args.database)
    with tempfile.TemporaryDirectory(prefix="emscher-bench-load-") as work_dir:
        work_dir = Path(work_dir)
        environment = portal.portal_env(args.database, work_dir=work_dir)
        portal.prepare(environment)
        server = portal.start(environment, args.port, log_path=work_dir / "gunicorn.log")
        try:
            workers = len(portal.worker_pids(server.pid))
            pages, missing = discover_pages(args.port)
            lines = [
                f"Last: {connections} Verbindungen, {seconds} s je Seite, gunicorn mit {workers} sync-Workern "
                f"auf 127.0.0.1, Postgres, Demo-Inhalte",
                f"{'Seite':34} {'Pfad':44} {'Anfr.':>7} {'Anfr./s':>8} {'p50 ms':>7} {'p99 ms':>7} {'Fehler':>6}",
            ]
            print(lines[0], flush=True)
            total_errors = 0
            for name, path, _ in pages:
                result = run_wrk(args.port, path, connections=connections, seconds=seconds)
                total_errors += result["errors"]
                lines.append(
                    f"{name:34} {path[:44]:44} {result['requests']:>7} {result['rps']:>8.0f} "
                    f"{result['p50']:>7.1f} {result['p99']:>7.1f} {result['errors']:>6}"
                )
                print(lines[-1], flush=True)
            lines += [f"nicht vorhanden (HTTP {status}): {name} {path}" for name, path, status in missing]
            lines.append(f"Fehler insgesamt: {total_errors}")
            gunicorn_errors = [
                line
                for line in (work_dir / "gunicorn.log").read_text(errors="replace").splitlines()
                if "Traceback" in line or "WORKER TIMEOUT" in line or "Internal Server Error" in line
            ]
            lines.append(f"Fehlermeldungen im gunicorn-Log: {len(gunicorn_errors)}")
        finally:
            portal.stop(server)
    report = "\n".join(lines)
    print("\n".join(lines[-len(missing) - 2 :]))
    portal.drop_database(args.database)
    if not args.short:
        RESULTS.write_text(report + "\n")
        print(f"→ {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 1 if total_errors or gunicorn_errors else 0


if __name__ == "__main__":
    sys.exit(main())
