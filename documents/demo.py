"""Demo content of the document library: at least one „Beispieldokument“ per demo event, made with WeasyPrint.

Nothing is downloaded: every PDF is rendered at load time from our own print template, plainly titled and marked
as an example. The first Experten-Forum gets a long one (many pages of German text) so that previews, page
counts and the search inside PDFs have real material. Idempotent: documents are found by slug and only created
when missing; an existing file is never rendered again.
"""

import functools
import zlib

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from documents.models import Document, DocumentKind
from documents.services import document_save
from emscher_portal.core.models import Status
from emscher_portal.core.pdf.render import pdf_render_bytes
from forums.models import Event
from networks.models import Network

LONG_DOCUMENT_EVENT = "experten-forum-2015"
LONG_DOCUMENT_CHAPTERS = 16

# Our own sentences on the initiative's themes, used as example text (and marked as such in every document).
SENTENCES = [
    "Die Emscher-Kommunen und die Emschergenossenschaft wollen ihre Städte gemeinsam auf den Klimawandel vorbereiten.",
    "Starkregen und lange Hitzeperioden treffen dicht bebaute Quartiere besonders stark.",
    "Blau-grüne Infrastruktur verbindet Wasserwirtschaft, Stadtplanung und Freiraumplanung.",
    "Wer Regenwasser von der Kanalisation abkoppelt, entlastet die Mischwasserkanäle und stärkt die Verdunstung.",
    "Gründächer und begrünte Fassaden kühlen die Umgebung und halten Niederschlag zurück.",
    "Entsiegelte Flächen lassen Wasser versickern und bieten Raum für Bäume und Stauden.",
    "Notwasserwege und Retentionsflächen leiten Starkregen schadlos durch die Stadt.",
    "Multifunktionale Freiräume dienen an trockenen Tagen als Platz oder Spielfläche und bei Regen als Speicher.",
    "In den Experten-Netzwerken tauschen Fachleute aus den Städten ihre Erfahrungen über Ämtergrenzen hinweg aus.",
    "Das Experten-Forum versteht sich als Werkstatt, nicht als übliche Konferenz.",
    "Die Themen des Forums bringen die kommunalen Fachleute selbst ein.",
    "Wasserwirtschaft, Tiefbau und Verkehrsplanung sitzen dabei mit Immobilienwirtschaft und Naturschutz zusammen.",
    "Gute Beispiele aus einer Stadt lassen sich oft mit wenig Aufwand auf eine Nachbarstadt übertragen.",
    "Kühlere Innenstädte sind auch eine Frage der Gesundheit, gerade für ältere Menschen und Kinder.",
    "Offen gelegte Bachläufe machen Wasser in der Stadt wieder sichtbar und erlebbar.",
    "Die Kommunen gehen mit eigenen Gebäuden und Flächen als Vorbild voran.",
    "Fördermittel helfen, Maßnahmen schneller umzusetzen, ersetzen aber nicht die gemeinsame Planung.",
    "Eine frühe Abstimmung zwischen den Fachämtern spart später Umplanungen und Kosten.",
    "Bürgerinnen und Bürger können mit Entsiegelung und Dachbegrünung auch auf privaten Grundstücken beitragen.",
    "Messbare Ziele machen sichtbar, was die Region gemeinsam erreicht hat.",
    "Straßenbäume spenden Schatten, brauchen aber genug Wurzelraum und Wasser.",
    "Schulhöfe und Sportanlagen eignen sich oft gut, um Regenwasser zurückzuhalten.",
    "Die Zusammenarbeit lebt davon, dass Ansprechpersonen in jeder Stadt bekannt und erreichbar sind.",
    "Dokumentationen und Ergebnisprotokolle halten fest, was in den Workshops verabredet wurde.",
]

CHAPTER_TITLES = [
    "Ausgangslage in der Region",
    "Regenwasser als Ressource",
    "Hitze in der Stadt",
    "Blau-grüne Infrastruktur",
    "Zusammenarbeit der Fachämter",
    "Beispiele aus den Städten",
    "Offene Fragen",
    "Nächste Schritte",
]


def _paragraphs(seed, count):
    """Deterministic paragraphs of four to six sentences from the pool (so reloading renders the same text)."""
    paragraphs = []
    for index in range(count):
        start = (seed * 7 + index * 5) % len(SENTENCES)
        length = 4 + (seed + index) % 3
        paragraphs.append(" ".join(SENTENCES[(start + offset) % len(SENTENCES)] for offset in range(length)))
    return paragraphs


def _chapters(number, paragraphs_each, seed):
    chapters = []
    for index in range(number):
        title = CHAPTER_TITLES[index % len(CHAPTER_TITLES)]
        if number > len(CHAPTER_TITLES):
            title = f"{index + 1}. {title}"
        chapters.append({"title": title, "paragraphs": _paragraphs(seed + index, paragraphs_each)})
    return chapters


@functools.lru_cache(maxsize=32)
def _render(*, title, kind, year, event_title, chapter_count, paragraphs_each, seed):
    """The example PDF's bytes. The same arguments give the same document, so a process renders each one once
    (a test session that loads the demo more than once renders nothing twice)."""
    chapters = _chapters(chapter_count, paragraphs_each, seed)
    return pdf_render_bytes(
        template="documents/print/example_document.html",
        context={
            "title": title,
            "kind_label": DocumentKind(kind).label,
            "year": year,
            "event_title": event_title,
            "chapters": chapters,
            "generated_on": timezone.localdate(),
        },
    )


def _ensure(*, slug, title, kind, year, event, chapters, description, networks=()):
    """Create the example document `slug` unless it exists; `chapters` = (count, paragraphs each)."""
    if Document.objects.filter(slug=slug).exists():
        return None
    chapter_count, paragraphs_each = chapters
    data = _render(
        title=title,
        kind=kind,
        year=year,
        event_title=event.title if event else "",
        chapter_count=chapter_count,
        paragraphs_each=paragraphs_each,
        # From the slug, not the primary key: the same text in every database.
        seed=zlib.crc32(slug.encode()) % 1000,
    )
    document = Document(
        slug=slug,
        title=title,
        kind=kind,
        year=year,
        event=event,
        description=description,
        status=Status.PUBLISHED,
    )
    return document_save(
        document=document, upload=ContentFile(data, name=f"{slug}.pdf"), networks=list(networks) or None
    )


def _networks_of(event):
    """The networks an event's documentation is plausibly about: the event's own and those of its workshops (the
    demo gives every forum workshop a network). The documentation records those workshops, so it belongs to them."""
    return Network.objects.filter(Q(events=event) | Q(workshops__event=event)).distinct().order_by("position")


def load():
    for event in Event.objects.select_related("host_city").prefetch_related("networks").order_by("start_date"):
        is_long = event.slug == LONG_DOCUMENT_EVENT
        is_forum = event.kind == Event.Kind.EXPERT_FORUM
        kind = DocumentKind.DOCUMENTATION if is_forum else DocumentKind.MINUTES
        label = "Dokumentation" if is_forum else "Ergebnisprotokoll"
        _ensure(
            slug=f"beispieldokument-{event.slug}",
            title=f"Beispieldokument: {label} – {event.title}",
            kind=kind,
            year=event.start_date.year,
            event=event,
            chapters=(LONG_DOCUMENT_CHAPTERS, 8) if is_long else (3, 3),
            description=(
                "Beispieldokument: ein beim Laden der Demo-Inhalte erzeugtes PDF. Es zeigt, wie Dokumente in der "
                "Bibliothek erscheinen, und ist kein Originaldokument der Zukunftsinitiative."
                + (
                    " Diese Langfassung hat viele Seiten, damit Vorschau, Seitenzahl und Suche im PDF etwas zu tun "
                    "haben."
                    if is_long
                    else ""
                )
            ),
            networks=_networks_of(event),
        )
        if is_forum and event.start_date.year >= 2023:
            _ensure(
                slug=f"beispieldokument-praesentation-{event.slug}",
                title=f"Beispieldokument: Präsentation – {event.title}",
                kind=DocumentKind.PRESENTATION,
                year=event.start_date.year,
                event=event,
                chapters=(2, 2),
                description="Beispieldokument: eine erzeugte Präsentation, kein Originaldokument.",
            )
