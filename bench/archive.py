"""A large generated archive for the benchmark: ≥ 50 events, 500 photos, 10,000 documents of German text.

Rows are written with bulk_create (no 10,000 PDF renders, no 500 Pillow runs): 40 photos of the one large event go
through `photo_create` (real files, real WebP renditions); the other photos share a few real image files. Every
document shares one small real PDF file, but has its own title, description and 1–3 pages of extracted text, so
search works on 10,000 distinct texts. All text is generated example text and says so.

Import only after django.setup(); `generate()` is called by bench/prepare.py.
"""

import datetime
import hashlib
import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from documents.models import Document, DocumentPage, DocumentVersion
from emscher_portal.core.models import Status
from emscher_portal.core.pagecache.version import bump_content_version
from forums.models import Event, Photo, ProgrammeItem, Workshop
from forums.services import photo_create
from networks.models import Municipality, Network

LARGE_EVENT_SLUG = "benchmark-grosses-experten-forum"
RARE_TERM = "Zisternenkataster"
COMMON_TERM = "Regenwasser"
NOTE = "Generierter Beispieltext für den Benchmark."

TOPICS = [
    "Starkregenvorsorge",
    "Hitzeschutz in Quartieren",
    "Abkopplung von Regenwasser",
    "Gründächer und Fassadenbegrünung",
    "Blau-grüne Infrastruktur",
    "Schwammstadt",
    "Versickerung im Straßenraum",
    "Überflutungsnachweis",
    "Klimaanpassung in der Bauleitplanung",
    "Wasserwirtschaft und Stadtplanung",
    "Gesundes Wohnen im Quartier",
    "Kühlung von Innenstädten",
    "Wirtschaftlichkeit der Regenwasserbewirtschaftung",
    "Naturschutz am Gewässer",
    "Beteiligung der Bürgerschaft",
]
KINDS_OF_TEXT = ["Dokumentation", "Protokoll", "Ergebnisbericht", "Positionspapier", "Leitfaden", "Arbeitshilfe"]
SENTENCES = [
    "Die Fachleute aus {city} berichteten über ihre Erfahrungen mit {topic}.",
    "Regenwasser soll dort versickern, verdunsten oder genutzt werden, wo es fällt.",
    "Im Workshop wurde diskutiert, wie sich {topic} in laufende Planungsverfahren einbinden lässt.",
    "Die Emschergenossenschaft stellte Kennzahlen aus {year} vor.",
    "Mehrere Kommunen haben Flächen für die Abkopplung vom Mischwassersystem benannt.",
    "Für {topic} fehlen vielerorts noch einheitliche Standards und belastbare Kostenansätze.",
    "Grüne und blaue Infrastruktur kühlt die Quartiere in heißen Sommern spürbar.",
    "Die Teilnehmenden vereinbarten, die Ergebnisse im Experten-Netzwerk weiter zu bearbeiten.",
    "Ein Praxisbeispiel aus {city} zeigte, wie Straßenbäume und Mulden zusammen wirken.",
    "Die Verwaltung prüft, wie Starkregengefahrenkarten in die Bauleitplanung eingehen.",
    "Im Jahr {year} wurden rund {number} Quadratmeter Dachfläche begrünt.",
    "Wasserwirtschaft, Tiefbau und Freiraumplanung müssen früh gemeinsam planen.",
    "Die Maßnahme trägt zur klimaresilienten Region mit internationaler Strahlkraft bei.",
    "Offene Fragen betreffen die Unterhaltung der Anlagen und die Verteilung der Kosten.",
    "Die Arbeitsgruppe empfiehlt, Regenwasser als Ressource und nicht als Abwasser zu behandeln.",
    "Mit {number} Teilnehmenden war die Veranstaltung gut besucht.",
    "Ein Rundgang durch {city} führte zu umgestalteten Schulhöfen und Plätzen.",
    "Die Kosten-Nutzen-Betrachtung zeigt, dass sich {topic} langfristig rechnet.",
    "Die Ergebnisse fließen in den Maßnahmenplan 2020+ ein.",
    "Naturschutz und Gewässerentwicklung profitieren von naturnaher Regenwasserbewirtschaftung.",
]
CITIES = [
    "Bochum",
    "Dortmund",
    "Essen",
    "Gelsenkirchen",
    "Oberhausen",
    "Herne",
    "Castrop-Rauxel",
    "Duisburg",
    "Bottrop",
    "Recklinghausen",
    "Gladbeck",
    "Herten",
]


def _text(rng, sentences, year):
    return " ".join(
        rng.choice(SENTENCES).format(
            city=rng.choice(CITIES), topic=rng.choice(TOPICS), year=year, number=rng.randrange(20, 900)
        )
        for _ in range(sentences)
    )


def _image(width, height, seed):
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (rng.randrange(40, 200), rng.randrange(80, 200), rng.randrange(90, 220)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 20, width // 5)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _pdf_bytes():
    from pypdf import PdfWriter  # noqa: PLC0415 -- only the generator needs it

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def generate(*, events=60, photos=500, documents=10_000, log=print):  # noqa: C901, PLR0915 -- one linear recipe
    """Write the archive. Returns a dict of what exists, for RESULTS.md (missing models are said so)."""

    rng = random.Random(2015)
    report = {"missing": []}
    cities = list(Municipality.objects.all()) or [Municipality.objects.create(name="Bottrop", slug="bottrop")]
    networks = list(Network.objects.filter(status=Status.PUBLISHED))

    with transaction.atomic():
        # --- events -----------------------------------------------------------------------------------------
        existing = Event.objects.count()
        new_events = []
        for number in range(max(0, events - existing)):
            year = 2015 + number % 10
            kind = Event.Kind.EXPERT_FORUM if number % 3 else Event.Kind.DEPARTMENT_HEADS
            label = "Experten-Forum" if kind == Event.Kind.EXPERT_FORUM else "Dezernententreffen"
            topic = TOPICS[number % len(TOPICS)]
            new_events.append(
                Event(
                    kind=kind,
                    title=f"{label} {year}: {topic} (Archiv {number + 1})",
                    slug=f"benchmark-{label.lower()}-{year}-{number + 1}",
                    motto=topic,
                    start_date=datetime.date(year, 1 + number % 12, 1 + number % 27),
                    host_city=cities[number % len(cities)],
                    venue="Rathaus",
                    teaser=f"{NOTE} {_text(rng, 2, year)}",
                    body=f"{NOTE}\n\n{_text(rng, 8, year)}\n\n{_text(rng, 6, year)}",
                    status=Status.PUBLISHED,
                )
            )
        Event.objects.bulk_create(new_events)
        large = _large_event(cities, networks, rng)
        archive = list(Event.objects.exclude(pk=large.pk).order_by("pk"))
        for event in archive[: len(networks) and 40]:
            event.networks.add(*rng.sample(networks, min(2, len(networks))))
        report["events"] = Event.objects.count()
        log(f"Veranstaltungen: {report['events']}")

        # --- photos -----------------------------------------------------------------------------------------

        made = Photo.objects.filter(event=large).count()
        for position in range(made, 40):
            photo_create(
                event=large,
                image_bytes=_image(1200, 800, position),
                filename=f"benchmark-{position}.jpg",
                alt_text=f"Teilnehmende im Workshop {position + 1} (generiertes Beispielbild)",
                caption=f"Workshop {position + 1}",
                credit="Benchmark",
                position=position,
                is_cover=position == 0,
            )
        templates = list(Photo.objects.filter(event=large).order_by("position")[:10])
        missing_photos = max(0, photos - Photo.objects.count())
        rows = []
        for index in range(missing_photos):
            template = templates[index % len(templates)]
            rows.append(
                Photo(
                    event=archive[index % len(archive)],
                    image=template.image.name,
                    width=template.width,
                    height=template.height,
                    alt_text=f"Blick in den Saal, Bild {index + 1} (generiertes Beispielbild)",
                    caption=f"Impression {index + 1}",
                    position=index // len(archive),
                    renditions=template.renditions,
                    renditions_source=template.renditions_source,
                )
            )
        Photo.objects.bulk_create(rows, batch_size=500)
        report["photos"] = Photo.objects.count()
        log(f"Fotos: {report['photos']}")

        # --- documents -------------------------------------------------------------------------------------
        _documents(large, archive, networks, documents, rng, report, log)

    bump_content_version()  # bulk_create sends no signals
    return report


def _large_event(cities, networks, rng):
    large, created = Event.objects.get_or_create(
        slug=LARGE_EVENT_SLUG,
        defaults={
            "kind": Event.Kind.EXPERT_FORUM,
            "title": "Großes Experten-Forum (Benchmark)",
            "motto": "Handeln im Wandel – generiertes Beispiel",
            "start_date": datetime.date(2024, 10, 9),
            "end_date": datetime.date(2024, 10, 10),
            "host_city": cities[0],
            "venue": "Stadthalle",
            "teaser": f"{NOTE} Die größte Veranstaltung des Archivs: 30 Programmpunkte, 40 Fotos, 10 Dokumente.",
            "body": f"{NOTE}\n\n{_text(rng, 12, 2024)}\n\n{_text(rng, 12, 2024)}",
            "status": Status.PUBLISHED,
        },
    )
    if created:
        large.networks.set(networks[:4])
        ProgrammeItem.objects.bulk_create(
            ProgrammeItem(
                event=large,
                start_time=datetime.time(8 + index // 4, (index % 4) * 15),
                title=f"{TOPICS[index % len(TOPICS)]} – Beitrag {index + 1}",
                description=_text(rng, 2, 2024),
                speakers=f"Fachleute aus {CITIES[index % len(CITIES)]}",
            )
            for index in range(30)
        )
        for index in range(6):
            workshop = Workshop.objects.create(
                event=large,
                title=f"Workshop {index + 1}: {TOPICS[index]}",
                description=_text(rng, 3, 2024),
                moderation="Emschergenossenschaft",
                results=f"- {_text(rng, 1, 2024)}\n- {_text(rng, 1, 2024)}",
            )
            workshop.networks.set(networks[index % max(1, len(networks)) : index % max(1, len(networks)) + 1])
    return large


def _documents(large, archive, networks, total, rng, report, log):

    missing = max(0, total - Document.objects.count())
    if missing:
        content = _pdf_bytes()
        storage = storages["documents"]
        name = storage.save("benchmark/beispiel.pdf", ContentFile(content))
        sha = hashlib.sha256(content).hexdigest()
        now = timezone.now()
        start = Document.objects.count()
        rows = []
        for index in range(start, start + missing):
            year = 2015 + index % 10
            topic = TOPICS[index % len(TOPICS)]
            kind = KINDS_OF_TEXT[index % len(KINDS_OF_TEXT)]
            rows.append(
                Document(
                    title=f"{kind} {topic} {year} – Nr. {index + 1}",
                    slug=f"benchmark-dokument-{index + 1}",
                    year=year,
                    description=f"{NOTE} {_text(rng, 2, year)}",
                    event=large if index < 10 else (archive[index % len(archive)] if index % 4 == 0 else None),
                    file=name,
                    filename="beispiel.pdf",
                    file_size=len(content),
                    sha256=sha,
                    page_count=1 + index % 3,
                    extracted_at=now,
                    status=Status.PUBLISHED,
                )
            )
        created = Document.objects.bulk_create(rows, batch_size=1000)
        pages = []
        for index, document in enumerate(created):
            for number in range(1, document.page_count + 1):
                text = _text(rng, 14, document.year)
                if index == 4321 and number == 1:
                    text += f" Das {RARE_TERM} der Stadt erfasst alle privaten Regenwasserspeicher."
                pages.append(DocumentPage(document=document, number=number, text=text))
        DocumentPage.objects.bulk_create(pages, batch_size=2000)
        DocumentVersion.objects.bulk_create(
            (
                DocumentVersion(
                    document=document,
                    number=1,
                    file=name,
                    filename="beispiel.pdf",
                    file_size=len(content),
                    sha256=sha,
                    page_count=document.page_count,
                )
                for document in created
            ),
            batch_size=1000,
        )
        if networks:
            through = Document.networks.through
            through.objects.bulk_create(
                (
                    through(document_id=document.pk, network_id=networks[index % len(networks)].pk)
                    for index, document in enumerate(created)
                    if index % 3 == 0
                ),
                batch_size=2000,
            )
    report["documents"] = Document.objects.count()
    report["document_pages"] = DocumentPage.objects.count()
    log(f"Dokumente: {report['documents']} mit {report['document_pages']} Textseiten")
