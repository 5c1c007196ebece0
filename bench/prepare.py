"""Prepare the benchmark database: (re)create it, migrate, load the demo content and the large generated archive.

Run by bench/run.sh with the benchmark's environment (DATABASE_URL names the benchmark database, never yours).
With BENCH_REUSE_DB=1 an already prepared database is kept, which saves a minute when iterating.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emscher_portal.settings")


def recreate_database(url):

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("emscher_bench"):
        raise SystemExit(f"Refusing to drop {name!r}: the benchmark database must be called emscher_bench…")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prerender_pdfs():
    """Render the large event's PDF ahead, as the task worker does after a publish: web workers only read it."""
    from bench.archive import LARGE_EVENT_SLUG  # noqa: PLC0415 -- Django is set up by now
    from forums.models import Event  # noqa: PLC0415 -- see above
    from forums.pdf import EventPdfView  # noqa: PLC0415 -- see above

    try:
        event = Event.objects.get(slug=LARGE_EVENT_SLUG)
        started = time.monotonic()
        rendered = EventPdfView.prerender(pk=event.pk)
        print(f"Foren-PDF vorab gerendert in {time.monotonic() - started:.1f} s.")
        # run.sh copies it into the static files: a static file of the same size to compare the PDF with.
        (ROOT / "var" / "bench" / "forum_pdf.txt").write_text(rendered.name)
    except Exception as exc:  # noqa: BLE001 -- the PDF belongs to another part; the benchmark reports it missing
        print(f"Foren-PDF nicht vorab gerendert: {type(exc).__name__}: {exc}")


def main():
    started = time.monotonic()
    url = os.environ["DATABASE_URL"]
    reuse = os.environ.get("BENCH_REUSE_DB") == "1"
    summary_path = ROOT / "var" / "bench" / "archive.json"
    if not (reuse and summary_path.exists()):
        recreate_database(url)

    import django  # noqa: PLC0415 -- after the database exists and DJANGO_SETTINGS_MODULE is set

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415 -- after the database exists and DJANGO_SETTINGS_MODULE is set

    call_command("migrate", interactive=False, verbosity=0)
    if reuse and summary_path.exists():
        print("Benchmark-Datenbank wiederverwendet.")
        prerender_pdfs()
        return
    call_command("load_demo_content")
    from bench.archive import generate  # noqa: PLC0415 -- after the database exists and DJANGO_SETTINGS_MODULE is set

    report = generate(
        events=int(os.environ.get("BENCH_EVENTS", 60)),
        photos=int(os.environ.get("BENCH_PHOTOS", 500)),
        documents=int(os.environ.get("BENCH_DOCUMENTS", 10_000)),
    )
    index_started = time.monotonic()
    try:
        call_command("rebuild_search_index", verbosity=0)
        report["search_index_seconds"] = round(time.monotonic() - index_started, 1)
    except Exception as exc:  # noqa: BLE001 -- the search index belongs to another part; report, don't stop
        report["missing"].append(f"Suchindex ({type(exc).__name__}: {exc})")
    report["prepare_seconds"] = round(time.monotonic() - started, 1)
    prerender_pdfs()
    summary_path.parent.mkdir(parents=True, exist_ok=True)
    summary_path.write_text(json.dumps(report, indent=2))
    print(f"Archiv erzeugt in {report['prepare_seconds']} s: {report}")


if __name__ == "__main__":
    main()
