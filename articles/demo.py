"""Demo content of the articles app: three example articles („Beispiel“), each with at least three sections, a
box and a figure.

Every statement of fact is one of the known facts about the initiative (the forums, the Dezernententreffen, the
Maßnahmenplan, the citizens' dialogue of the Ruhr conference process); the pictures are generated example pictures,
the author is „Redaktion“ and each text says that it is example text. Idempotent: looked up by slug.
"""

import datetime

from articles.models import Article, ArticleImage, Rubric
from articles.services import article_image_create
from documents.models import Document, Measure
from emscher_portal.core.models import Status
from forums.demo import PHOTO_COLOURS
from forums.demo import _demo_image as demo_image
from forums.models import Event
from networks.models import Network

RUBRICS = [
    ("aktuelles", "Aktuelles", "Neuigkeiten aus der Zukunftsinitiative."),
    ("wissenswertes", "Wissenswertes", "Hintergründe: wie die Initiative arbeitet und was sie sich vornimmt."),
    ("aus-den-netzwerken", "Aus den Netzwerken", "Berichte aus den Experten-Netzwerken."),
]

EXAMPLE_NOTE = (
    "*Beispielartikel der Redaktion: Er zeigt, wie Artikel im Portal aussehen, und ist aus den bekannten Fakten "
    "zur Initiative zusammengestellt.*"
)

DIALOGUE = (
    """Wer legt fest, worüber beim Experten-Forum gesprochen wird? Nicht ein Programmausschuss allein: Die
Themen kommen aus dem, was die kommunalen Fachleute über die Experten-Netzwerke einbringen, und aus dem, was die
Teilnehmenden am Tag selbst mitbringen. Ein Vorbild für dieses Vorgehen ist ein Bürgerdialog in der Metropole Ruhr.

## Ein Dialog mit 20 Themenforen

Ein regionaler Konferenzprozess für die Metropolregion Ruhr hat eine Plattform für einen Bürgerdialog betrieben.
Sie war in 20 Themenforen gegliedert, unter anderem zu Verkehr, Bildung, Sicherheit, Gesundheit, Umwelt,
Stadt- und Landschaftsplanung, Energiewende und Tourismus.

::: abbildung 2
:::

## Abstimmen, was zuerst kommt

Die Bürgerinnen und Bürger konnten abstimmen, welche Schwerpunkte sich die Fachleute zuerst ansehen sollen –
zum Beispiel Mobilität, Nahversorgung, Gesundheitsinfrastruktur oder Bildung. Außerdem konnten sie eigene
Vorschläge ergänzen.

### Die Beteiligten gewichten selbst

Der Kern der Idee: Nicht nur die Veranstalter bestimmen die Tagesordnung. Die Beteiligten bringen Themen ein und
gewichten sie.

## Dasselbe Prinzip beim Experten-Forum

Nach derselben Idee findet das Experten-Forum seine Tagesordnung. Es ist keine übliche Konferenz, sondern ein
interaktiver Austausch über Fach- und Hierarchiegrenzen hinweg; die Initiative beschreibt das Forum eher als
Werkstatt denn als Konferenz.

::: wissenswertes Was ist das Experten-Forum?
Einmal im Jahr treffen sich die Fachleute der Emscher-Kommunen und der Emschergenossenschaft. Das erste Forum
fand im Dezember 2015 in Bochum statt, das neunte am 9. und 10. Oktober 2024 in Bottrop – zehn Jahre nach dem
Start der Initiative.
:::

## Mitmachen in der Vorbereitungsgruppe

Jedes Forum bereitet eine Arbeitsgruppe über Fach- und Organisationsgrenzen hinweg vor. Sie steht allen offen, die
mitmachen möchten – der Weg dorthin führt über die [Kontaktseite](/kontakt/). Die Planung beginnt etwa neun
Monate vor dem Forum.

"""
    + EXAMPLE_NOTE
)

TEN_YEARS = (
    """Am 15. Mai 2014 unterzeichneten die Partner in Bottrop die Absichtserklärung der Zukunftsinitiative
„Wasser in der Stadt von morgen“. Zehn Jahre später kamen die Fachleute wieder in Bottrop zusammen: zum 9.
Experten-Forum.

## Der Anfang 2014 in Bottrop

Sechzehn Kommunen haben die Initiative gegründet: Bochum, Bottrop, Castrop-Rauxel, Dinslaken, Dortmund, Duisburg,
Essen, Gelsenkirchen, Gladbeck, Herne, Herten, Holzwickede, Mülheim an der Ruhr, Oberhausen, Recklinghausen und
Witten. Dorsten kam später als siebzehnte dazu. Partner sind die Emschergenossenschaft und das
Umweltministerium des Landes Nordrhein-Westfalen.

::: wissenswertes Klima.Werk
Seit 2021 ist die Zukunftsinitiative unter dem Namen „Klima.Werk“ bekannt.
:::

## Neun Foren in zehn Jahren

- 2015: das erste Experten-Forum in Bochum
- 2017: Essen, im Jahr der Grünen Hauptstadt Europas
- 2019: Oberhausen, mit rund 300 Teilnehmenden
- 2021: ausgerichtet von Herne, überwiegend online in einem virtuellen Ausstellungsraum
- 2022: Castrop-Rauxel, das erste Forum in Präsenz nach der Pandemie
- 2023: Duisburg, im Landschaftspark Duisburg-Nord, mit über 300 Fachleuten

::: abbildung 2
:::

## Das 9. Experten-Forum in Bottrop

Am 9. und 10. Oktober 2024 stand das Forum in Bottrop im Zeichen der zehn Jahre der Initiative.

::: zitat Motto des 9. Experten-Forums, Bottrop 2024
Handeln im Wandel: Ein einzelnes Blatt spendet keinen Schatten
:::

"""
    + EXAMPLE_NOTE
)

GOALS = (
    """Unter der Leitlinie „Klimaresiliente Region mit internationaler Strahlkraft“ hat sich die Region Ziele
bis 2040 gesetzt. Der Maßnahmenplan 2020+ ist Leitfaden und Ideengeber für Projekte, die auf den Klimawandel
antworten.

## Die Leitlinie

Die Leitlinie wurde beim Dezernententreffen im Februar 2019 in Dortmund als regionale Klimaanpassungsstrategie an
die Ruhr-Konferenz übergeben. Beim 5. Experten-Forum im Oktober 2019 in Oberhausen war sie das Thema.

## Die Ziele bis 2040

- 25 Prozent weniger Regenwasser, das in die Mischwasserkanäle abfließt
- die Verdunstung um 10 Prozentpunkte höher
- verrohrte Gewässer wieder geöffnet
- weniger Hitzeinseln
- Kommunen, die mit gutem Beispiel vorangehen

::: wissenswertes Abkoppeln
Abkoppeln heißt: Versiegelte Flächen werden vom Kanal getrennt. So fließt weniger Regenwasser in die
Mischwasserkanäle – eines der Ziele bis 2040.
:::

## Typische Maßnahmen

### Auf Dächern und Fassaden

Gründächer und begrünte Fassaden.

### In Straßen und Freiräumen

Entsiegelung und Verdunstungsflächen, Versickerungsanlagen, Notwasserwege und Retentionsflächen sowie
multifunktionale Freiräume.

::: abbildung 2
:::

## Förderung

Bis 2030 stehen rund 250 Millionen Euro Fördermittel bereit.

"""
    + EXAMPLE_NOTE
)

ARTICLES = [
    {
        "slug": "buergerdialog-als-vorbild",
        "title": "Wer die Themen setzt: ein Bürgerdialog als Vorbild für das Experten-Forum",
        "kicker": "Teilnehmende bringen Themen ein und gewichten sie – in der Metropole Ruhr wie beim Forum",
        "teaser": (
            "Ein Bürgerdialog der Metropolregion Ruhr ließ die Beteiligten über die Schwerpunkte abstimmen. Nach "
            "derselben Idee findet das Experten-Forum seine Tagesordnung."
        ),
        "rubric": "wissenswertes",
        "date": datetime.date(2025, 3, 12),
        "body": DIALOGUE,
        "events": ["experten-forum-2024"],
        "networks": ["vernetzung-und-zusammenarbeit"],
        "measures": [],
        "pictures": [("Bürgerdialog", "Themen einbringen"), ("Themenforen", "Abstimmen und gewichten")],
    },
    {
        "slug": "zehn-jahre-zukunftsinitiative",
        "title": "Zehn Jahre Zukunftsinitiative: von der Absichtserklärung zum 9. Experten-Forum",
        "kicker": "Von Bottrop 2014 nach Bottrop 2024",
        "teaser": (
            "2014 unterzeichneten die Partner in Bottrop die Absichtserklärung, 2024 trafen sich die Fachleute dort "
            "zum 9. Experten-Forum. Ein Rückblick auf zehn Jahre."
        ),
        "rubric": "aktuelles",
        "date": datetime.date(2024, 10, 21),
        "body": TEN_YEARS,
        "events": ["experten-forum-2024", "experten-forum-2015"],
        "networks": [],
        "measures": [],
        "pictures": [("Zehn Jahre", "Bottrop 2014–2024"), ("Neun Foren", "2015 bis 2024")],
        "printed_in": ("beispieldokument-experten-forum-2024", 3),
    },
    {
        "slug": "ziele-bis-2040",
        "title": "Ziele bis 2040: weniger Regenwasser im Kanal, mehr Verdunstung",
        "kicker": "Was die Leitlinie „Klimaresiliente Region mit internationaler Strahlkraft“ vorsieht",
        "teaser": (
            "25 Prozent weniger Regenwasser in den Mischwasserkanälen, 10 Prozentpunkte mehr Verdunstung: die Ziele "
            "der Region bis 2040 und die Maßnahmen, mit denen sie erreicht werden sollen."
        ),
        "rubric": "wissenswertes",
        "date": datetime.date(2025, 6, 4),
        "body": GOALS,
        "events": ["experten-forum-2019"],
        "networks": ["leitbilder-und-standards"],
        "measures": ["1.1", "2.1", "2.3"],
        "pictures": [("Ziele bis 2040", "Regenwasser und Verdunstung"), ("Maßnahmen", "Gründach und Versickerung")],
    },
]


def _load_pictures(article, pictures):
    existing = set(ArticleImage.objects.filter(article=article).values_list("position", flat=True))
    for position, (subject, line) in enumerate(pictures, start=1):
        if position in existing:
            continue
        label = f"{subject} · {line}"
        article_image_create(
            article=article,
            image_bytes=demo_image(label, PHOTO_COLOURS[(position + len(article.slug)) % len(PHOTO_COLOURS)]),
            filename=f"{article.slug}-{position}.jpg",
            alt_text=f"Beispielbild: farbige Fläche mit der Aufschrift „{label}“",
            caption=f"{subject}: {line} (Beispielbild)",
            credit="Beispielbild, erzeugt",
            position=position,
            is_cover=position == 1,
        )


def load():
    rubrics = {}
    for position, (slug, name, description) in enumerate(RUBRICS, start=1):
        rubrics[slug], _created = Rubric.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    for data in ARTICLES:
        data = dict(data)
        printed = data.pop("printed_in", None)
        events, networks, measures = data.pop("events"), data.pop("networks"), data.pop("measures")
        pictures = data.pop("pictures")
        issue = Document.objects.filter(slug=printed[0]).first() if printed else None
        article, _created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **data,
                "rubric": rubrics[data["rubric"]],
                "author_text": "Redaktion",
                "is_example": True,
                "status": Status.PUBLISHED,
                "printed_in": issue,
                "printed_page": printed[1] if issue else None,
            },
        )
        article.events.set(Event.objects.filter(slug__in=events))
        article.networks.set(Network.objects.filter(slug__in=networks))
        article.measures.set(
            Measure.objects.filter(number__in=measures, action_field__plan__slug="massnahmenplan-2020")
        )
        _load_pictures(article, pictures)
