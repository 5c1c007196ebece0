"""Search latency on a large archive: p50/p95 of /suche/ for a common and a rare term (issue 6 and 9).

    .venv/bin/python bench/search_bench.py [--documents 10000] [--runs 300] [--reuse]

Fills a throwaway Postgres database (SEARCH_BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/emscher_search_bench — dropped and created again) with published documents of
generated German text, 1–6 pages each (page texts as the PDF extraction stores them), builds the index with the real
`rebuild()`, then times the real code path: `search()` with Paginator and facets (the query layer) and the whole
view through Django's test client (query layer + template). Prints a Markdown table; writes no files.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/emscher_search_bench"

COMMON_TERM = "Regenwasser"
RARE_TERM = "Ölabscheider"
RARE_DOCUMENTS = 6

CITIES = [
    "Bochum", "Bottrop", "Castrop-Rauxel", "Dinslaken", "Dortmund", "Duisburg", "Essen", "Gelsenkirchen", "Gladbeck",
    "Herne", "Herten", "Holzwickede", "Mülheim an der Ruhr", "Oberhausen", "Recklinghausen", "Witten", "Dorsten",
]  # fmt: skip
TOPICS = [
    "die Starkregenvorsorge", "den Hitzeschutz im Quartier", "die Abkopplung versiegelter Flächen",
    "Gründächer und Fassadenbegrünung", "die blau-grüne Infrastruktur", "die Schwammstadt",
    "die Versickerung im Straßenraum", "den Überflutungsnachweis", "die Klimaanpassung in der Bauleitplanung",
    "die Kühlung von Innenstädten", "die Wirtschaftlichkeit von Mulden und Rigolen", "den Naturschutz am Gewässer",
    "die Beteiligung der Bürgerschaft", "die Renaturierung der Nebenläufe", "Notwasserwege in Wohngebieten",
]  # fmt: skip
SUBJECTS = [
    "Die Stadtentwässerung", "Das Tiefbauamt", "Die Emschergenossenschaft", "Das Planungsamt", "Die Arbeitsgruppe",
    "Das Umweltamt", "Die Grünflächenverwaltung", "Das Netzwerk", "Die Wohnungsgesellschaft", "Der Fachbereich",
]  # fmt: skip
VERBS = [
    "prüft", "plant", "untersucht", "bewertet", "fördert", "begleitet", "dokumentiert", "beschreibt", "vergleicht",
    "erprobt",
]  # fmt: skip
OBJECTS = [
    "Versickerungsanlagen in Neubaugebieten", "Retentionsdächer auf Schulen", "Baumrigolen entlang der Hauptstraße",
    "die Nutzung von Regenwasser für die Grünpflege", "offene Wasserflächen im Park", "Zisternen an Kitas",
    "durchlässige Beläge auf Parkplätzen", "Rückhalteräume in Grünanlagen", "Entsiegelung von Schulhöfen",
    "Kennzahlen für den Wasserhaushalt", "Förderprogramme des Landes", "Gefährdungskarten für Starkregen",
]  # fmt: skip
CLAUSES = [
    "damit weniger Regenwasser in die Mischwasserkanäle fließt",
    "weil die Sommer heißer und trockener werden",
    "um Schäden bei Starkregen zu vermeiden",
    "was die Aufenthaltsqualität im Quartier verbessert",
    "nachdem die Bürgerinnen und Bürger beteiligt wurden",
    "obwohl die Flächen in der Innenstadt knapp sind",
    "sodass die Verdunstung steigt und die Stadt kühler bleibt",
    "wie es der Maßnahmenplan 2020+ vorsieht",
]  # fmt: skip


def sentence(rng):
    pattern = rng.randrange(5)
    if pattern == 0:
        subject, city, verb = rng.choice(SUBJECTS), rng.choice(CITIES), rng.choice(VERBS)
        return f"{subject} in {city} {verb} {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."
    if pattern == 1:
        return f"Im Workshop ging es um {rng.choice(TOPICS)} und um {rng.choice(OBJECTS)}."
    if pattern == 2:
        return f"Fachleute aus {rng.choice(CITIES)} berichteten über {rng.choice(TOPICS)}, {rng.choice(CLAUSES)}."
    if pattern == 3:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} gemeinsam mit {rng.choice(CITIES)} {rng.choice(OBJECTS)}."
    return f"Für {rng.choice(TOPICS)} sind {rng.choice(OBJECTS)} ein wichtiger Baustein, {rng.choice(CLAUSES)}."


def page_text(rng, chars):
    parts, length = [], 0
    while length < chars:
        parts.append(sentence(rng))
        length += len(parts[-1]) + 1
    return " ".join(parts)


def prepare_database(url):

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def fill(documents, log):
    from django.core.management import call_command  # noqa: PLC0415 -- Django is set up in main()
    from django.db import transaction  # noqa: PLC0415 -- Django is set up in main()

    from documents.models import Document, DocumentPage  # noqa: PLC0415 -- Django is set up in main()
    from emscher_portal.core.models import Status  # noqa: PLC0415 -- Django is set up in main()

    call_command("migrate", verbosity=0)
    rng = random.Random(20151211)
    rare = set(rng.sample(range(documents), RARE_DOCUMENTS))
    started = time.monotonic()
    with transaction.atomic():
        docs = [
            Document(
                title=f"{rng.choice(['Dokumentation', 'Protokoll', 'Leitfaden', 'Ergebnisbericht'])} {number}: "
                f"{rng.choice(TOPICS).split(' ', 1)[1].capitalize()} in {rng.choice(CITIES)}",
                slug=f"bench-dokument-{number}",
                year=rng.randint(2015, 2025),
                status=Status.PUBLISHED,
                description=f"Generierter Beispieltext. {sentence(rng)}",
                file="bench/bench.pdf",
                filename="bench.pdf",
            )
            for number in range(documents)
        ]
        Document.objects.bulk_create(docs, batch_size=1000)
        pages = []
        for index, doc in enumerate(docs):
            count = rng.randint(1, 6)
            for number in range(1, count + 1):
                text = page_text(rng, rng.randint(1200, 2600))
                if index in rare and number == count:
                    text += f" Vor der Einleitung ist ein {RARE_TERM} nachzurüsten."
                pages.append(DocumentPage(document=doc, number=number, text=text))
        DocumentPage.objects.bulk_create(pages, batch_size=2000)
    log(f"{documents} Dokumente, {len(pages)} Seiten angelegt in {time.monotonic() - started:.1f} s")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def backend_cpu_seconds(pid):
    """CPU time (user + system) the Postgres backend process has used so far (Linux /proc, same machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn, runs, backend_pid):
    """Wall-clock p50/p95 in ms, and the mean CPU time per run (this process + the Postgres backend) in ms.

    The CPU figure does not grow when other processes compete for the cores, so it is what a request costs on an
    idle machine; the wall-clock figures are what it took here and now.
    """
    for _ in range(10):
        fn()
    samples = []
    cpu_before, backend_before = time.process_time(), backend_cpu_seconds(backend_pid)
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    cpu = time.process_time() - cpu_before
    backend_after = backend_cpu_seconds(backend_pid)
    if backend_before is not None and backend_after is not None:
        cpu += backend_after - backend_before
    return statistics.median(samples), percentile(samples, 95), cpu / runs * 1000


def main():  # noqa: PLR0915 -- one benchmark, top to bottom, as the report reads
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database of the last run")
    args = parser.parse_args()

    url = os.environ.get("SEARCH_BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emscher_portal.settings")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    if not args.reuse:
        prepare_database(url)

    import django  # noqa: PLC0415 -- Django is set up in main()

    django.setup()
    from django.core.paginator import Paginator  # noqa: PLC0415 -- Django is set up in main()
    from django.db import connection  # noqa: PLC0415 -- Django is set up in main()
    from django.test import Client  # noqa: PLC0415 -- Django is set up in main()
    from django.test.utils import setup_test_environment  # noqa: PLC0415 -- Django is set up in main()

    from emscher_portal.core.models import SearchEntry  # noqa: PLC0415 -- Django is set up in main()
    from emscher_portal.core.search.indexing import rebuild  # noqa: PLC0415 -- Django is set up in main()
    from emscher_portal.core.search.query import search  # noqa: PLC0415 -- Django is set up in main()

    if not args.reuse:
        fill(args.documents, print)
        started = time.monotonic()
        rebuild()
        print(f"Index aufgebaut in {time.monotonic() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE emscher_portal_searchentry")
            cursor.execute("VACUUM ANALYZE emscher_portal_searchterm")

    setup_test_environment()
    client = Client()

    def layer(q):
        results = search(q)
        page = Paginator(results, 20).get_page(1)
        list(page.object_list)
        results.kind_counts(), results.year_counts()
        if results.total == 0:
            results.suggestion()
        return results.total

    queries = [
        ("häufiger Begriff", COMMON_TERM),
        ("seltener Begriff", RARE_TERM),
        ("zwei Begriffe", "Regenwasser Schule"),
        ("Tippfehler (Meinten Sie)", "Regenwaser"),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend_pid,) = cursor.fetchone()
    print()
    print(
        f"Postgres {connection.pg_version}, {os.cpu_count()} Kerne; {SearchEntry.objects.filter(page=0).count()} "
        f"Objekte, {SearchEntry.objects.exclude(page=0).count()} PDF-Seiten im Index; {args.runs} Läufe je Zeile."
    )
    print()
    load = os.getloadavg()[0]
    print(f"Systemlast (1 min) zu Beginn: {load:.1f}. CPU = mittlere CPU-Zeit je Suche (Python + Postgres-Prozess).")
    print()
    print("| Suche | Treffer | Abfrage-Schicht p50 | p95 | CPU | ganze Seite /suche/ p50 | p95 | CPU |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, q in queries:
        total = layer(q)
        layer_p50, layer_p95, layer_cpu = timed(lambda q=q: layer(q), args.runs, backend_pid)
        view_p50, view_p95, view_cpu = timed(lambda q=q: client.get("/suche/", {"q": q}), args.runs, backend_pid)
        print(
            f"| {label} („{q}“) | {total} | {layer_p50:.1f} ms | {layer_p95:.1f} ms | {layer_cpu:.1f} ms "
            f"| {view_p50:.1f} ms | {view_p95:.1f} ms | {view_cpu:.1f} ms |"
        )
    print(f"\nSystemlast (1 min) am Ende: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
