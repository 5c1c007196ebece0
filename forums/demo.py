"""Demo content of the forums app: every Experten-Forum 2015–2024 and Dezernententreffen 2016–2020.

Dates, places and mottos are the known facts (../shared/FACTS.md) at the precision known; what is not known stays
empty. Programmes, workshop results and photos are example content and say so („Beispiel“). Photos are drawn with
Pillow, nothing is downloaded. Idempotent: objects are looked up by slug/position and only created or updated.
"""

import datetime
import io
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from emscher_portal.core.models import Status
from forums.models import Event, Photo, ProgrammeItem, Workshop
from forums.services import photo_create
from networks.models import Municipality, Network

FORUM = Event.Kind.EXPERT_FORUM
MEETING = Event.Kind.DEPARTMENT_HEADS
DAY, MONTH, YEAR = Event.DatePrecision.DAY, Event.DatePrecision.MONTH, Event.DatePrecision.YEAR

EXAMPLE_NOTE = (
    "*Hinweis: Programm, Workshops und Fotos auf dieser Seite sind Beispielinhalte. Sie zeigen, wie die "
    "Dokumentation aussieht, und beschreiben nicht den tatsächlichen Ablauf.*"
)

FORUM_INTRO = (
    "Das Experten-Forum ist keine übliche Konferenz, sondern eine Werkstatt: ein interaktiver Austausch über "
    "Fach- und Hierarchiegrenzen hinweg. Seine Themen bringen die kommunalen Fachleute über die "
    "Experten-Netzwerke ein – und die Teilnehmenden am Tag selbst."
)

EVENTS = [
    {
        "slug": "experten-forum-2015",
        "kind": FORUM,
        "edition": 1,
        "title": "1. Experten-Forum in Bochum",
        "motto": "Wissen und Erfahrungen vernetzen – integral handeln",
        "start_date": datetime.date(2015, 12, 11),
        "date_precision": DAY,
        "city": "bochum",
        "teaser": "Das erste Experten-Forum der Zukunftsinitiative fand im Dezember 2015 in Bochum statt.",
        "body": "Mit dem ersten Experten-Forum begann im Dezember 2015 in Bochum die jährliche Reihe. "
        "Der genaue Veranstaltungsort ist nicht bestätigt.\n\n"
        "Die Dokumentation des ersten Forums nennt unter anderem die Arbeitsgruppen „Bürger-Kommunikation“, "
        "„Klimaanpassung – Landschaftsplan – Bauleitplanung“, „Gesundes Wohnen und Arbeiten im Quartier“ und "
        "„Kühlung von Innenstädten“.",
        "workshops": [
            "Bürger-Kommunikation",
            "Klimaanpassung – Landschaftsplan – Bauleitplanung",
            "Gesundes Wohnen und Arbeiten im Quartier",
            "Kühlung von Innenstädten",
        ],
    },
    {
        "slug": "experten-forum-2016",
        "kind": FORUM,
        "edition": 2,
        "title": "2. Experten-Forum in Dortmund",
        "start_date": datetime.date(2016, 1, 1),
        "date_precision": YEAR,
        "city": "dortmund",
        "teaser": "Das zweite Experten-Forum fand 2016 in Dortmund statt; der genaue Tag ist nicht bestätigt.",
        "body": "Das zweite Experten-Forum fand 2016 in Dortmund statt. Tag, Veranstaltungsort und Motto sind "
        "nicht bekannt.",
    },
    {
        "slug": "experten-forum-2017",
        "kind": FORUM,
        "edition": 3,
        "title": "3. Experten-Forum in Essen",
        "start_date": datetime.date(2017, 10, 12),
        "date_precision": DAY,
        "city": "essen",
        "venue": "SANAA-Gebäude auf dem Gelände der Zeche Zollverein",
        "teaser": "Das dritte Experten-Forum war Teil von Essens Jahr als Grüne Hauptstadt Europas 2017.",
        "body": "Das dritte Experten-Forum fand am 12. Oktober 2017 in Essen statt, im SANAA-Gebäude auf dem "
        "Welterbe Zollverein. Es war mit dem Jahr verbunden, in dem Essen Grüne Hauptstadt Europas war.",
        "workshops": [
            "Blau-grüne Infrastruktur im Bestand (Beispiel)",
            "Starkregen und Überflutungsvorsorge (Beispiel)",
        ],
    },
    {
        "slug": "experten-forum-2018",
        "kind": FORUM,
        "edition": 4,
        "title": "4. Experten-Forum in Gelsenkirchen",
        "start_date": datetime.date(2018, 9, 27),
        "date_precision": DAY,
        "city": "gelsenkirchen",
        "teaser": "Das vierte Experten-Forum fand am 27. September 2018 in Gelsenkirchen statt.",
        "body": "Das vierte Experten-Forum fand am 27. September 2018 in Gelsenkirchen statt. "
        "Veranstaltungsort und Motto sind nicht bekannt.",
        "workshops": ["Abkopplung versiegelter Flächen (Beispiel)", "Gründächer und Fassadengrün (Beispiel)"],
    },
    {
        "slug": "experten-forum-2019",
        "kind": FORUM,
        "edition": 5,
        "title": "5. Experten-Forum in Oberhausen",
        "motto": "Klimaresiliente Region mit internationaler Strahlkraft",
        "start_date": datetime.date(2019, 10, 30),
        "date_precision": DAY,
        "city": "oberhausen",
        "venue": "Luise-Albertz-Halle",
        "teaser": "Rund 300 Teilnehmende diskutierten in Oberhausen die neue Leitlinie „Klimaresiliente Region "
        "mit internationaler Strahlkraft“.",
        "body": "Das fünfte Experten-Forum fand am 30. Oktober 2019 in der Luise-Albertz-Halle in Oberhausen "
        "statt, mit rund 300 Teilnehmenden. Am 28. Oktober ging ihm eine öffentliche Auftaktveranstaltung "
        "voraus.\n\nIm Mittelpunkt stand die neue Leitlinie „Klimaresiliente Region mit internationaler "
        "Strahlkraft“.",
        "workshops": ["Hitzeinseln erkennen und entschärfen (Beispiel)", "Offene Wasserläufe in der Stadt (Beispiel)"],
    },
    {
        "slug": "experten-forum-2021",
        "kind": FORUM,
        "edition": 6,
        "title": "6. Experten-Forum, ausgerichtet von Herne",
        "motto": "Heiße Region – coole Strategien – blau-grüne Zukunftsstädte: Gemeinsam übernehmen wir Verantwortung",
        "start_date": datetime.date(2021, 11, 22),
        "end_date": datetime.date(2021, 11, 23),
        "date_precision": DAY,
        "city": "herne",
        "venue": "Überwiegend online, in einem virtuellen Ausstellungsraum",
        "teaser": "Das sechste Experten-Forum fand 2021 überwiegend online statt, ausgerichtet von der Stadt Herne.",
        "body": "Im Jahr 2020 fand kein Experten-Forum statt. Das sechste Forum folgte am 22. und "
        "23. November 2021, ausgerichtet von Herne und überwiegend online in einem virtuellen Ausstellungsraum.",
        "workshops": ["Hitzeaktionspläne in den Kommunen (Beispiel)"],
    },
    {
        "slug": "experten-forum-2022",
        "kind": FORUM,
        "edition": 7,
        "title": "7. Experten-Forum in Castrop-Rauxel",
        "motto": "Gemeinsam für unsere Region – Klima.Werk: Stark machen für Klimaresilienz",
        "start_date": datetime.date(2022, 1, 1),
        "date_precision": YEAR,
        "city": "castrop-rauxel",
        "teaser": "Das erste Experten-Forum in Präsenz nach der Pandemie.",
        "body": "Das siebte Experten-Forum fand 2022 in Castrop-Rauxel statt – das erste Forum in Präsenz nach "
        "der Pandemie. Der genaue Tag ist nicht bestätigt.",
    },
    {
        "slug": "experten-forum-2023",
        "kind": FORUM,
        "edition": 8,
        "title": "8. Experten-Forum in Duisburg",
        "motto": "Vitamin Blau-Grün: Rezepte für lebenswerte Städte – gemeinsam für eine klimaresiliente Region",
        "start_date": datetime.date(2023, 1, 1),
        "date_precision": YEAR,
        "city": "duisburg",
        "venue": "Landschaftspark Duisburg-Nord",
        "teaser": "Über 300 Fachleute, zwei Tage, und zum ersten Mal Gesundheit als eigenes Thema.",
        "body": "Das achte Experten-Forum fand 2023 an zwei Tagen im Landschaftspark Duisburg-Nord statt; die "
        "genauen Tage sind nicht bestätigt. Über 300 Fachleute nahmen teil, und Gesundheit kam als Thema hinzu.",
    },
    {
        "slug": "experten-forum-2024",
        "kind": FORUM,
        "edition": 9,
        "title": "9. Experten-Forum in Bottrop",
        "motto": "Handeln im Wandel: Ein einzelnes Blatt spendet keinen Schatten",
        "start_date": datetime.date(2024, 10, 9),
        "end_date": datetime.date(2024, 10, 10),
        "date_precision": DAY,
        "city": "bottrop",
        "teaser": "Zehn Jahre Zukunftsinitiative: das neunte Experten-Forum in Bottrop.",
        "body": "Das neunte Experten-Forum fand am 9. und 10. Oktober 2024 in Bottrop statt – zehn Jahre, "
        "nachdem die Absichtserklärung der Initiative am 15. Mai 2014 in Bottrop unterzeichnet wurde.",
        "workshops": ["Multifunktionale Freiräume (Beispiel)", "Notwasserwege und Retentionsflächen (Beispiel)"],
    },
    {
        "slug": "dezernententreffen-2016",
        "kind": MEETING,
        "edition": 1,
        "title": "1. Dezernententreffen in Herten",
        "start_date": datetime.date(2016, 6, 1),
        "date_precision": MONTH,
        "city": "herten",
        "teaser": "Das erste Treffen der Bau-, Planungs- und Umweltdezernentinnen und -dezernenten der Emscher-Region.",
        "body": "Im Juni 2016 trafen sich in Herten zum ersten Mal die Leiterinnen und Leiter der Bau-, "
        "Planungs- und Umweltdezernate der Emscher-Region.",
    },
    {
        "slug": "dezernententreffen-2017",
        "kind": MEETING,
        "edition": 2,
        "title": "2. Dezernententreffen in Gladbeck",
        "start_date": datetime.date(2017, 2, 1),
        "date_precision": MONTH,
        "city": "gladbeck",
        "teaser": "Das zweite Treffen der Bau-, Planungs- und Umweltdezernentinnen und -dezernenten.",
        "body": "Das zweite Dezernententreffen fand im Februar 2017 in Gladbeck statt. Der genaue Tag, der "
        "Veranstaltungsort und die Themen sind nicht dokumentiert.",
    },
    {
        "slug": "dezernententreffen-2018",
        "kind": MEETING,
        "edition": 3,
        "title": "3. Dezernententreffen in Castrop-Rauxel",
        "start_date": datetime.date(2018, 1, 1),
        "date_precision": YEAR,
        "city": "castrop-rauxel",
        "teaser": "Hier beschlossen die Dezernentinnen und Dezernenten den Maßnahmenplan 2020+.",
        "body": "Anfang 2018 trafen sich die Dezernentinnen und Dezernenten in Castrop-Rauxel und beschlossen den "
        "Maßnahmenplan 2020+, der im März 2018 der Öffentlichkeit vorgestellt wurde.",
    },
    {
        "slug": "dezernententreffen-2019",
        "kind": MEETING,
        "edition": 4,
        "title": "4. Dezernententreffen in Dortmund",
        "motto": "Wir gestalten die Zukunft der Region",
        "start_date": datetime.date(2019, 2, 1),
        "date_precision": MONTH,
        "city": "dortmund",
        "teaser": "Fortschreibung des Maßnahmenplans und eine regionale Klimaanpassungsstrategie für die "
        "Ruhr-Konferenz.",
        "body": "Mitte Februar 2019 ging es in Dortmund um die Fortschreibung des Maßnahmenplans und um eine "
        "regionale Strategie zur Klimaanpassung, die als „Klimaresiliente Region mit internationaler "
        "Strahlkraft“ an die Ruhr-Konferenz übergeben wurde.",
    },
    {
        "slug": "dezernententreffen-2020",
        "kind": MEETING,
        "edition": 5,
        "title": "5. Dezernententreffen in Bottrop",
        "start_date": datetime.date(2020, 1, 1),
        "date_precision": YEAR,
        "city": "bottrop",
        "venue": "Lohnhalle der ehemaligen Zeche Arenberg Fortsetzung",
        "teaser": "Eine klimarobuste Region und das Ziel von 100.000 neuen Bäumen.",
        "body": "Etwa im Februar oder März 2020 trafen sich die Dezernentinnen und Dezernenten in der Lohnhalle "
        "der ehemaligen Zeche Arenberg Fortsetzung in Bottrop. Themen waren eine klimarobuste Region, "
        "Dezernentinnen und Dezernenten als Paten für Themen und das Ziel von 100.000 neuen Bäumen in der Region.",
    },
]

# Example programme of a one-day forum (times and titles are illustrative, not the real schedule).
PROGRAMME = [
    ("09:30", "10:00", ProgrammeItem.Kind.WELCOME, "Ankommen und Begrüßung durch die Gastgeberstadt", ""),
    ("10:00", "10:45", ProgrammeItem.Kind.KEYNOTE, "Impuls: Wasser in der Stadt von morgen", "Fachvortrag"),
    ("10:45", "11:15", ProgrammeItem.Kind.BREAK, "Kaffeepause und Ausstellung der Städte", ""),
    ("11:15", "13:00", ProgrammeItem.Kind.WORKSHOP, "Workshops in kleinen Gruppen", "Moderation der Netzwerke"),
    ("13:00", "14:00", ProgrammeItem.Kind.BREAK, "Mittagspause", ""),
    ("14:00", "15:30", ProgrammeItem.Kind.EXCURSION, "Exkursion zu Projekten vor Ort", "Gastgeberstadt"),
    ("15:30", "16:00", ProgrammeItem.Kind.PANEL, "Ergebnisse im Plenum und Ausblick", ""),
]

# The second day of a two-day forum (illustrative as well). Only forums whose two days are known get it, the 6th
# (22–23 November 2021) and the 9th (9–10 October 2024); the 8th's days are not known, so it has no programme.
SECOND_DAY = [
    ("09:30", "10:00", ProgrammeItem.Kind.WELCOME, "Rückblick auf den ersten Tag", ""),
    ("10:00", "12:00", ProgrammeItem.Kind.WORKSHOP, "Workshops: Ergebnisse vertiefen", "Moderation der Netzwerke"),
    ("12:00", "12:45", ProgrammeItem.Kind.PANEL, "Abschluss im Plenum", ""),
]

FONT_CANDIDATES = [
    settings.BASE_DIR / "static" / "fonts" / "liberation" / "LiberationSans-Bold.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]
PHOTO_COLOURS = [((11, 90, 140), (47, 107, 53)), ((8, 63, 99), (120, 170, 200)), ((47, 107, 53), (200, 210, 120))]


def _time(value):
    return datetime.time.fromisoformat(value)


def _font(size):
    """A font with German umlauts: the self-hosted one of the site if present, else Pillow's built-in font."""
    for path in FONT_CANDIDATES:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _demo_image(text, colours, size=(1280, 800)):
    """A gradient with a caption, as JPEG bytes."""
    width, height = size
    top, bottom = colours
    mask = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)
    draw = ImageDraw.Draw(image)
    font, small = _font(56), _font(36)
    # Centred, so that a cropped thumbnail still shows the text.
    draw.text((width // 2, height // 2 - 40), text, fill=(255, 255, 255), font=font, anchor="mm")
    draw.text((width // 2, height // 2 + 50), "Beispielbild", fill=(255, 255, 255), font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _load_programme(event):
    """The example programme: one day, or two days at a forum whose two days are known."""
    days = [(None, PROGRAMME)]
    if event.is_multi_day:
        days = [(event.start_date, PROGRAMME), (event.end_date, SECOND_DAY)]
    position = 0
    for day, programme in days:
        for start, end, kind, title, speakers in programme:
            position += 1
            ProgrammeItem.objects.update_or_create(
                event=event,
                position=position,
                defaults={
                    "day": day,
                    "start_time": _time(start),
                    "end_time": _time(end),
                    "kind": kind,
                    "title": title,
                    "speakers": speakers,
                    "description": "Beispielprogramm – der tatsächliche Ablauf ist nicht dokumentiert."
                    if position == 1
                    else "",
                },
            )


def _load_workshops(event, titles, networks):
    for position, title in enumerate(titles, start=1):
        workshop, _created = Workshop.objects.update_or_create(
            event=event,
            position=position,
            defaults={
                "title": title,
                "description": "Beispieltext: In kleiner Runde tauschten Fachleute aus mehreren Städten und "
                "Fachgebieten ihre Erfahrungen zu diesem Thema aus.",
                "results": "Beispieltext für Ergebnisse:\n\n"
                "- Erfahrungen der Städte sammeln und vergleichen\n"
                "- offene Fragen an die Experten-Netzwerke weitergeben\n"
                "- ein Folgetreffen im kleinen Kreis vereinbaren",
            },
        )
        if networks:
            workshop.networks.set([networks[(position - 1) % len(networks)]])


def _load_photos(event, city_name):
    existing = set(Photo.objects.filter(event=event).values_list("position", flat=True))
    subjects = ["Plenum", "Ausstellung der Städte"]
    for position, subject in enumerate(subjects, start=1):
        if position in existing:
            continue
        label = f"{event.edition_label} · {subject}"
        photo_create(
            event=event,
            image_bytes=_demo_image(label, PHOTO_COLOURS[position - 1]),
            filename=f"{event.slug}-{position}.jpg",
            alt_text=f"Beispielbild: farbige Fläche mit der Aufschrift „{label}“",
            caption=f"{subject} beim {event.edition_label} in {city_name} (Beispielbild)",
            credit="Beispielbild, erzeugt",
            position=position,
            is_cover=position == 1,
        )


def load():
    cities = {city.slug: city for city in Municipality.objects.all()}
    networks = list(Network.objects.published().order_by("position"))
    for data in EVENTS:
        data = dict(data)
        workshops = data.pop("workshops", [])
        city = cities[data.pop("city")]
        body = data.pop("body")
        has_examples = data["kind"] == FORUM
        if data["kind"] == FORUM:
            body = f"{FORUM_INTRO}\n\n{body}\n\n{EXAMPLE_NOTE}"
        defaults = {
            "motto": "",
            "venue": "",
            "address": "",
            "end_date": None,
            **data,
            "host_city": city,
            "body": body,
            "status": Status.PUBLISHED,
        }
        event, _created = Event.objects.update_or_create(slug=data["slug"], defaults=defaults)
        if has_examples:
            if event.date_precision == DAY:
                _load_programme(event)
            _load_workshops(event, workshops, networks)
            _load_photos(event, city.name)
