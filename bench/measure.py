"""Measure the running portal and write bench/RESULTS.md. Started by bench/run.sh (see there for the set-up).

Over HTTP against gunicorn on 127.0.0.1: throughput with wrk (-t2 -c32) and single-request latency (sequential
requests on one keep-alive connection; p50/p95/p99). In-process with Django's test client on the same database:
SQL queries per page, uncached and as a cache hit. In-process as well: the forum PDF's render time through the
pipeline against WeasyPrint alone on the same HTML. At the end: RSS of every gunicorn worker.
"""

import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emscher_portal.settings")

BASE = os.environ.get("BENCH_BASE_URL", "http://127.0.0.1:8107")
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", 1))
# Each wrk run of a page follows one of its reference (/healthz, or a static file of the PDF's size), in several
# short rounds, so a ratio compares two runs a second apart: on a shared machine the load changes less between
# them than over the whole run. The round with the median ratio is reported.
WRK_ROUNDS = int(os.environ.get("BENCH_WRK_ROUNDS", 3))
LATENCY_BUDGET = float(os.environ.get("BENCH_LATENCY_BUDGET", 4))
SLOW_MS = 100
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", 32))
# A cookie the page cache treats as "this reader has state": the way to ask for the uncached page over HTTP.
BYPASS_COOKIE = "csrftoken=" + "b" * 32
# What browsers send; the portal answers brotli.
COMPRESSED = "br, gzip"
# Not measured for throughput, but weighed: the feeds and the sitemap are compressed like the pages.
FEEDS = {"Atom-Feed Foren": "/feeds/foren/", "Atom-Feed Dokumente": "/feeds/dokumente/", "Sitemap": "/sitemap.xml"}


# ---------------------------------------------------------------------------
# HTTP measurements
# ---------------------------------------------------------------------------


def _connection():
    parts = urlsplit(BASE)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def fetch(path, headers=None):
    connection = _connection()
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def _percentiles(samples):
    samples = sorted(samples)

    def pct(p):
        return samples[min(len(samples) - 1, round(p / 100 * (len(samples) - 1)))]

    return {"p50": statistics.median(samples), "p95": pct(95), "p99": pct(99), "n": len(samples)}


def latency(path, count, headers=None, reference="/healthz", budget=LATENCY_BUDGET):
    """Milliseconds of sequential requests on one keep-alive connection, each followed by one to `reference` on a
    second connection, so that both see the same machine load; at most `count` pairs or `budget` seconds (at least
    five pairs). Two warm-up pairs are not counted."""
    connections = {path: _connection(), reference: _connection()}
    samples = {path: [], reference: []}
    deadline = time.monotonic() + budget
    for index in range(count + 2):
        for target, target_headers in ((path, headers), (reference, None)):
            connection = connections[target]
            started = time.perf_counter()
            connection.request("GET", target, headers={"Host": "127.0.0.1", **(target_headers or {})})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.will_close:
                connection.close()
                connections[target] = _connection()
            if index >= 2:
                samples[target].append(elapsed)
        if index >= 6 and time.monotonic() > deadline:
            break
    for connection in connections.values():
        connection.close()
    result = _percentiles(samples[path])
    result["reference_p50"] = statistics.median(samples[reference])
    return result


def throughput(path, headers=None, seconds=WRK_SECONDS):
    command = ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "non_2xx": int(errors.group(1)) if errors else 0}


def transfer_sizes(paths):
    """{name: {"identity": bytes, "gzip": bytes, "br": bytes}}: what one response of each page weighs on the wire
    without compression and with each encoding (the body as sent, headers not counted)."""
    sizes = {}
    for name, path in paths.items():
        sizes[name] = {}
        for encoding in ("identity", "gzip", "br"):
            status, headers, body = fetch(path, {"Accept-Encoding": encoding})
            sizes[name][encoding] = len(body) if status == 200 else None
            sizes[name][f"{encoding}_sent_as"] = headers.get("Content-Encoding", "identity")
    return sizes


# ---------------------------------------------------------------------------
# Worker memory
# ---------------------------------------------------------------------------


def _children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _has_weasyprint(pid):
    """WeasyPrint loads Pango through cffi: its shared library in a worker's memory map means it was imported."""
    try:
        return "libpango" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


class RssSampler(threading.Thread):
    """Samples the RSS of every gunicorn worker twice a second; keeps the peak."""

    def __init__(self, master_pid):
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.peak = 0.0
        self.running = True

    def run(self):
        while self.running:
            for pid in _children(self.master_pid):
                self.peak = max(self.peak, _rss_mib(pid) or 0)
            time.sleep(0.5)

    def now(self):
        return [value for pid in _children(self.master_pid) if (value := _rss_mib(pid)) is not None]


# ---------------------------------------------------------------------------
# In-process measurements (Django on the same database and cache)
# ---------------------------------------------------------------------------


def queries_per_page(paths):
    from django.db import connection  # noqa: PLC0415 -- Django is set up in main()
    from django.test import Client  # noqa: PLC0415 -- Django is set up in main()
    from django.test.utils import CaptureQueriesContext, override_settings  # noqa: PLC0415 -- Django is set up in main()

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for name, path in paths.items():
        with override_settings(PAGE_CACHE_ENABLED=False), CaptureQueriesContext(connection) as uncached:
            status = client.get(path).status_code
        client.get(path)  # store it
        with CaptureQueriesContext(connection) as hit:
            response = client.get(path)
        result[name] = {
            "uncached": len(uncached),
            "hit": len(hit),
            "status": status,
            "cache": response.headers.get("X-Page-Cache", "–"),
        }
    return result


def hit_cost_in_process(paths, rounds=200):
    """{name: (ms per hit with `Accept-Encoding: br, gzip`, ms per /healthz)}: Django's test client in this process
    on the same database and cache, the page and /healthz taking turns, so both see the same load. No sockets: this
    is what the portal itself spends on a compressed hit, apart from the transfer."""
    from django.test import Client  # noqa: PLC0415 -- Django is set up in main()

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for name, path in paths.items():
        client.get(path, headers={"accept-encoding": COMPRESSED})  # stored already; make sure
        spent = {"page": [], "healthz": []}
        for _ in range(rounds):
            for key, target, headers in (("page", path, {"accept-encoding": COMPRESSED}), ("healthz", "/healthz", {})):
                started = time.perf_counter()
                client.get(target, headers=headers)
                spent[key].append((time.perf_counter() - started) * 1000)
        result[name] = (statistics.median(spent["page"]), statistics.median(spent["healthz"]))
    return result


def pdf_render_times(slug, runs=1):
    """Seconds for one uncached forum PDF through the pipeline, and for WeasyPrint alone on the same HTML."""

    from django.conf import settings  # noqa: PLC0415 -- Django is set up in main()
    from django.core.files.storage import default_storage  # noqa: PLC0415 -- Django is set up in main()
    from django.template.loader import render_to_string  # noqa: PLC0415 -- Django is set up in main()

    from emscher_portal.core.pdf import fetch, render  # noqa: PLC0415 -- Django is set up in main()
    from forums.pdf import EventPdfView  # noqa: PLC0415 -- Django is set up in main()

    view = EventPdfView()
    view.request = None
    view.kwargs = {"slug": slug}
    import_started = time.perf_counter()
    from weasyprint import HTML  # noqa: PLC0415 -- timed on purpose

    import_seconds = time.perf_counter() - import_started
    site = settings.SITE_URL.rstrip("/") + "/"

    def weasyprint_alone():
        html = render_to_string(view.template_name, view.get_pdf_context(view.get_object()))
        started = time.perf_counter()
        document = HTML(string=html, base_url=site, url_fetcher=fetch.make_url_fetcher()).render()
        data = document.write_pdf(pdf_variant=render.PDF_VARIANT)
        return time.perf_counter() - started, len(document.pages), len(data)

    # Warm fonts and WeasyPrint's caches for both measurements with a one-line document in the same print style.
    HTML(
        string='<link rel="stylesheet" href="static/css/print.css"><p>Aufwärmen</p>',
        base_url=site,
        url_fetcher=fetch.make_url_fetcher(),
    ).write_pdf()
    pipeline, weasy = [], []
    for _ in range(runs):
        started = time.perf_counter()
        event = view.get_object()
        rendered = render.pdf_render(
            template=view.template_name,
            context=lambda event=event: view.get_pdf_context(event),
            cache_key=f"benchmark-{uuid.uuid4()}",
        )
        pipeline.append(time.perf_counter() - started)
        size = default_storage.size(rendered.name)
        default_storage.delete(rendered.name)
        seconds, pages, weasy_bytes = weasyprint_alone()
        weasy.append(seconds)
    return {
        "pipeline": statistics.median(pipeline),
        "weasyprint": statistics.median(weasy),
        "pages": pages,
        "bytes": size,
        "weasy_bytes": weasy_bytes,
        "import_seconds": import_seconds,
    }


def weasyprint_import_cost():
    """(seconds, MiB of resident memory) that `import weasyprint` adds to a fresh Python process."""
    code = (
        "import re, time\n"
        "def rss():\n"
        "    return int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024\n"
        "before = rss(); started = time.perf_counter()\n"
        "import weasyprint\n"
        "print(time.perf_counter() - started, rss() - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def pages_to_measure():
    """The public pages, picked from what the database holds (a page whose model is missing is left out)."""
    from django.urls import NoReverseMatch, reverse  # noqa: PLC0415 -- Django is set up in main()

    from bench.archive import COMMON_TERM, LARGE_EVENT_SLUG, RARE_TERM  # noqa: PLC0415 -- Django is set up in main()
    from documents.models import Document, Measure  # noqa: PLC0415 -- Django is set up in main()
    from forums.models import Event  # noqa: PLC0415 -- Django is set up in main()
    from networks.models import Network  # noqa: PLC0415 -- Django is set up in main()

    pages, missing = {}, []

    def add(name, factory):
        try:
            value = factory()
        except (LookupError, NoReverseMatch, AttributeError, IndexError, TypeError) as exc:
            missing.append(f"{name} ({type(exc).__name__})")
            return
        if value is None:
            missing.append(name)
        else:
            pages[name] = value

    add("Startseite", lambda: "/")
    add("Archiv /foren/", lambda: reverse("forums:event-list"))

    def filtered():
        event = Event.objects.published().filter(kind=Event.Kind.EXPERT_FORUM, host_city__isnull=False).first()
        kind = "experten-forum"
        return f"/foren/?jahr={event.start_date.year}&art={kind}&stadt={event.host_city.slug}"

    add("Archiv mit Filtern", filtered)
    add("Veranstaltung (groß)", lambda: Event.objects.get(slug=LARGE_EVENT_SLUG).get_absolute_url())
    add("Netzwerk", lambda: Network.objects.published().first().get_absolute_url())
    add("Maßnahmenplan", lambda: reverse("documents:plan-detail"))
    add(
        "Maßnahme",
        lambda: Measure.objects.published().first().get_absolute_url(),
    )
    add("Dokumentenliste", lambda: reverse("documents:document-list"))
    add(
        "Dokument",
        lambda: Document.objects.published().order_by("pk").last().get_absolute_url(),
    )
    add("Impressum", lambda: "/impressum/")
    search = {}
    try:
        search["Suche, häufiger Begriff"] = reverse("search") + f"?q={COMMON_TERM}"
        search["Suche, seltener Begriff"] = reverse("search") + f"?q={RARE_TERM}"
    except NoReverseMatch:
        try:
            base = reverse("emscher_portal:search")
        except NoReverseMatch:
            base = "/suche/"
        search["Suche, häufiger Begriff"] = f"{base}?q={COMMON_TERM}"
        search["Suche, seltener Begriff"] = f"{base}?q={RARE_TERM}"
    pdf = None
    try:
        pdf = reverse("forums:event-pdf", kwargs={"slug": LARGE_EVENT_SLUG})
    except NoReverseMatch:
        missing.append("Foren-PDF (keine Route)")
    return pages, search, pdf, missing


def static_path():
    manifest = Path(os.environ["STATIC_ROOT"]) / "staticfiles.json"
    paths = json.loads(manifest.read_text())["paths"]
    name = paths.get("css/portal.bundle.css", paths["css/portal.css"])  # the one stylesheet pages link
    return "/static/" + name


def machine():
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    postgres = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.db import connection; "
            "print(connection.cursor().connection.info.server_version)",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, Postgres {postgres}"


def main():  # noqa: C901, PLR0912, PLR0915 -- one report, top to bottom
    import django  # noqa: PLC0415 -- Django is set up in main()

    django.setup()
    from django.conf import settings  # noqa: PLC0415 -- Django is set up in main()

    started = time.monotonic()
    load = " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    master_pid = int(os.environ["BENCH_GUNICORN_PID"])
    sampler = RssSampler(master_pid)
    sampler.start()
    pages, search, pdf_path, missing = pages_to_measure()

    rows = []  # (name, path, rps, latency, note)

    def measure(name, path, *, count=200, headers=None, wrk=True, reference="/healthz"):
        status, response_headers, body = fetch(path, headers)
        fetch(path, headers)  # warm: the first request may fill the page cache
        note = f"{status}, {len(body) // 1024} KB"
        if response_headers.get("X-Page-Cache"):
            note += f", Cache: {fetch(path, headers)[1].get('X-Page-Cache')}"
        if status != 200:
            rows.append((name, path, None, None, note))
            return None
        lat = latency(path, count, headers, reference=reference)
        result = None
        if lat["p50"] > SLOW_MS:
            # Under wrk a page this slow leaves requests queued in the sync workers after the run ends, which
            # would starve the next run: measured for latency only.
            note += f", no wrk (p50 > {SLOW_MS} ms)"
            wrk = False
        if wrk:
            rounds = []
            for _ in range(WRK_ROUNDS):
                reference_rps = throughput(reference, seconds=WRK_SECONDS)["rps"]
                rounds.append((throughput(path, headers), reference_rps))
            # The round with the median ratio: its page and reference ran seconds apart under the same load.
            rounds.sort(key=lambda pair: pair[0]["rps"] / max(pair[1], 0.001))
            result, reference_rps = rounds[len(rounds) // 2]
            result["reference_rps"] = reference_rps
            result["reference"] = reference
        rows.append((name, path, result, lat, note))
        rps = f"{result['rps']:.0f} req/s ({100 * _share(result):.0f} %)" if result else "-"
        print(f"{name:40} {rps:>20}  p50 {lat['p50']:.2f} ms  {note}", flush=True)
        return result, lat

    measure("/healthz", "/healthz", count=300)
    measure("Statische Datei (CSS)", static_path(), count=300)
    static_pdf = None
    if (Path(os.environ["STATIC_ROOT"]) / "bench-gleich-gross.pdf").exists():
        static_pdf = measure(
            "Statische Datei, so groß wie das PDF", "/static/bench-gleich-gross.pdf", count=100, reference=static_path()
        )
    cached = {}
    for name, path in pages.items():
        cached[name] = measure(name, path)
    # What a browser asks for: the cached pages again, compressed (each encoding was stored once, at the miss).
    cached_compressed = {}
    for name, path in pages.items():
        cached_compressed[name] = measure(f"{name}, br", path, headers={"Accept-Encoding": COMPRESSED})
    search_results = {}
    for name, path in search.items():
        search_results[name] = measure(name, path, count=100)
    uncached_event = None
    if "Veranstaltung (groß)" in pages:
        uncached_event = measure(
            "Veranstaltung (groß), ungecacht",
            pages["Veranstaltung (groß)"],
            count=40,
            headers={"Cookie": BYPASS_COOKIE},
            wrk=False,
        )
    pdf_cached = None
    if pdf_path:
        status, _, _ = fetch(pdf_path)  # the first reader renders it
        reference = "/static/bench-gleich-gross.pdf" if static_pdf else static_path()
        pdf_cached = (
            measure("Foren-PDF (gerendert, aus Speicher)", pdf_path, count=100, reference=reference)
            if status == 200
            else None
        )
        if status != 200:
            missing.append(f"Foren-PDF (Status {status})")

    rss_after = sampler.now()
    weasy_workers = sum(1 for pid in _children(master_pid) if _has_weasyprint(pid))
    sampler.running = False
    # After the memory figures: rendering the sitemap of the whole generated archive (10,000 documents, 1.3 MB)
    # once took a worker's memory up by 25-30 MiB (measured by hand); the memory target is about the pages.
    print("Übertragungsgrößen …", flush=True)
    sizes = transfer_sizes({**pages, **FEEDS})

    print("Abfragen pro Seite …", flush=True)
    query_counts = queries_per_page({**pages, **search})
    print("Kosten eines komprimierten Treffers im Prozess …", flush=True)
    hit_costs = hit_cost_in_process(pages)
    pdf_times = None
    if pdf_path:
        print("PDF-Renderzeiten …", flush=True)
        try:
            pdf_times = pdf_render_times(urlsplit(pdf_path).path.split("/")[2])
        except Exception as exc:  # noqa: BLE001 -- report it, the rest of the table still counts
            missing.append(f"PDF-Renderzeit ({type(exc).__name__}: {exc})")
    weasy_import = weasyprint_import_cost()

    archive = json.loads((ROOT / "var" / "bench" / "archive.json").read_text())
    write_results(
        rows=rows,
        cached=cached,
        cached_compressed=cached_compressed,
        sizes=sizes,
        hit_costs=hit_costs,
        search_results=search_results,
        uncached_event=uncached_event,
        pdf_cached=pdf_cached,
        pdf_times=pdf_times,
        query_counts=query_counts,
        rss_after=rss_after,
        rss_peak=sampler.peak,
        weasy_workers=weasy_workers,
        weasy_import=weasy_import,
        archive=archive,
        missing=missing + archive.get("missing", []),
        seconds=time.monotonic() - started,
        load=load,
        cache_backend=settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        workers=len(_children(master_pid)),
    )


def _ms(value):
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def _verdict(ok):
    return "erfüllt" if ok else "**nicht erfüllt**"


def _share(result):
    return result["rps"] / max(result["reference_rps"], 0.001)


def write_results(**r):  # noqa: C901, PLR0912, PLR0915 -- a report template in code
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"measuring took {r['seconds']:.0f} s.",
        "",
        f"- Machine: {machine()}; load average at the start {r['load']}",
        f"- Server: gunicorn, {r['workers']} sync workers, DEBUG off, WhiteNoise with collectstatic; "
        f"cache `{r['cache_backend']}`; all on 127.0.0.1",
        f"- Throughput: `wrk -t2 -c{WRK_CONNECTIONS} -d{WRK_SECONDS}s`, {WRK_ROUNDS} rounds per page, each right "
        "after a run of its reference (/healthz; for the PDF a static file of the same size); the round with the "
        "median ratio is shown, so every ratio compares two runs a second apart",
        "- Latency: sequential requests on one keep-alive connection, each followed by one to the reference; "
        "p50/p95/p99 in ms",
        f"- Archive: {r['archive'].get('events')} events, {r['archive'].get('photos')} photos, "
        f"{r['archive'].get('documents', 0)} documents with {r['archive'].get('document_pages', 0)} pages of "
        f"generated German text; search index rebuilt in {r['archive'].get('search_index_seconds', '?')} s",
        "",
        "## Throughput and latency",
        "",
        "| page | req/s | % of reference | p50 ms | p95 ms | p99 ms | p50 × reference p50 | queries uncached | "
        "queries on a hit | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    queries = r["query_counts"]
    for name, path, result, lat, note in r["rows"]:
        q = queries.get(name, {})
        if lat is None:
            lines.append(f"| {name} (`{path}`) | – | – | – | – | – | – | {q.get('uncached', '–')} | – | {note} |")
            continue
        rps = f"{result['rps']:.0f}" if result else "–"
        share = f"{100 * _share(result):.0f} %" if result else "–"
        if result and result["reference"] != "/healthz":
            share += " of the static file"
        if result and result["non_2xx"]:
            note += f", {result['non_2xx']} non-2xx"
        lines.append(
            f"| {name} (`{path}`) | {rps} | {share} | {_ms(lat['p50'])} | {_ms(lat['p95'])} | {_ms(lat['p99'])} | "
            f"{lat['p50'] / lat['reference_p50']:.1f} | {q.get('uncached', '–')} | {q.get('hit', '–')} | {note} |"
        )

    lines += ["", "## Targets (ratios within this run)", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    cached = {name: res[0] for name, res in r["cached"].items() if res}
    if cached:
        worst_name = min(cached, key=lambda name: _share(cached[name]))
        shares = ", ".join(f"{100 * _share(result):.0f}" for result in cached.values())
        worst = _share(cached[worst_name])
        lines.append(
            f"| cached public pages ≥ 70 % of /healthz throughput | slowest: {worst_name} {100 * worst:.0f} % "
            f"(all: {shares} %) | {_verdict(worst >= 0.7)} |"
        )
    compressed = {name: res[0] for name, res in r["cached_compressed"].items() if res}
    if compressed:
        worst_name = min(compressed, key=lambda name: _share(compressed[name]))
        shares = ", ".join(f"{100 * _share(result):.0f}" for result in compressed.values())
        worst = _share(compressed[worst_name])
        lines.append(
            f"| cached public pages with `Accept-Encoding: {COMPRESSED}` ≥ 80 % of /healthz throughput | slowest: "
            f"{worst_name} {100 * worst:.0f} % (all: {shares} %) | {_verdict(worst >= 0.8)} |"
        )
    if r["uncached_event"]:
        lat = r["uncached_event"][1]
        ratio = lat["p50"] / lat["reference_p50"]
        lines.append(
            f"| uncached large event page p50 ≤ 60× /healthz p50 | {_ms(lat['p50'])} ms = {ratio:.0f}× "
            f"({_ms(lat['reference_p50'])} ms) | {_verdict(ratio <= 60)} |"
        )
    for name, limit in (("Suche, häufiger Begriff", 50), ("Suche, seltener Begriff", 10)):
        res = r["search_results"].get(name)
        if res:
            lines.append(f"| {name}: p95 ≤ {limit} ms | {_ms(res[1]['p95'])} ms | {_verdict(res[1]['p95'] <= limit)} |")
    if r["pdf_cached"]:
        result = r["pdf_cached"][0]
        against = "a static file of the same size" if result["reference"] != "/healthz" else "/healthz"
        lines.append(
            f"| cached PDF ≥ 70 % of a static file's throughput | {100 * _share(result):.0f} % of {against} "
            f"({result['rps']:.0f} vs {result['reference_rps']:.0f} req/s) | {_verdict(_share(result) >= 0.7)} |"
        )
    if r["pdf_times"]:
        t = r["pdf_times"]
        ratio = t["pipeline"] / t["weasyprint"]
        lines.append(
            f"| forum PDF render ≤ 1.2× WeasyPrint alone on the same HTML | {t['pipeline']:.2f} s vs "
            f"{t['weasyprint']:.2f} s = {ratio:.2f}× ({t['pages']} pages, {t['bytes'] // 1024} KB) "
            f"| {_verdict(ratio <= 1.2)} |"
        )
    peak = r["rss_peak"]
    after = r["rss_after"]
    if after:
        lines.append(
            f"| web worker RSS ≤ 100 MiB after the run | max {max(after):.0f} MiB after the run "
            f"(each: {', '.join(f'{v:.0f}' for v in after)}), peak {peak:.0f} MiB; workers with WeasyPrint loaded: "
            f"{r['weasy_workers']} | {_verdict(max(after) <= 100)} |"
        )
    lines += [
        "",
        "## Transfer size per page",
        "",
        "The body of one response as sent (headers not counted), without compression and with each encoding; "
        "pages, feeds and the sitemap come from the page cache, where each encoding was compressed once.",
        "",
        "| page | uncompressed KB | gzip KB | brotli KB | brotli saves |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, size in r["sizes"].items():
        if not all(size[encoding] for encoding in ("identity", "gzip", "br")):
            lines.append(f"| {name} | – | – | – | – |")
            continue
        saved = 1 - size["br"] / size["identity"]
        lines.append(
            f"| {name} | {size['identity'] / 1024:.1f} | {size['gzip'] / 1024:.1f} | {size['br'] / 1024:.1f} | "
            f"{100 * saved:.0f} % |"
        )
    lines += [
        "",
        "## A compressed hit in-process",
        "",
        "Django's test client in the benchmark process (same database and cache, no sockets), each page with "
        f"`Accept-Encoding: {COMPRESSED}` taking turns with /healthz; medians of 200 requests each. What the "
        "portal itself spends on a hit, without the transfer.",
        "",
        "| page | ms per hit | ms per /healthz | hit × /healthz |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, (page_ms, healthz_ms) in r["hit_costs"].items():
        lines.append(f"| {name} | {page_ms:.2f} | {healthz_ms:.2f} | {page_ms / healthz_ms:.2f} |")
    import_seconds, import_mib = r["weasy_import"]
    lines += [
        "",
        f"For scale: importing WeasyPrint alone takes {import_seconds:.2f} s and {import_mib:.0f} MiB; web workers "
        "never import it (test `test_web_worker_start_does_not_import_weasyprint`). The PDF figures above come "
        "from the benchmark process, not from a web worker.",
    ]
    if r["missing"]:
        lines += ["", "Not measured (missing in this run): " + "; ".join(r["missing"]) + "."]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "RESULTS.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
