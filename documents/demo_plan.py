"""Demo content of the Maßnahmenplan 2020+.

True: the plan's name, its adoption by the department heads at the 3rd Dezernententreffen (2018, Castrop-Rauxel),
its public presentation in March 2018, what it is for, and the goals up to 2040. Not known: the plan's internal
structure — every Handlungsfeld and Maßnahme below is invented, flagged `is_example` and says so in its text.
Runs after the networks and forums demo (it links networks, municipalities and events).
"""

import datetime

from documents.models import ActionField, Measure, Plan
from documents.plan_services import measure_save
from emscher_portal.core.models import Status
from emscher_portal.core.text import german_slugify
from forums.models import Event
from networks.models import Municipality, Network

EXAMPLE = (
    "*Beispieltext: Handlungsfelder und Maßnahmen sind für die Demo erfunden; "
    "die Gliederung des echten Plans ist hier nicht bekannt.*"
)

INTRODUCTION = """\
Der Maßnahmenplan 2020+ ist das gemeinsame Programm der Zukunftsinitiative „Wasser in der Stadt von morgen“.
Die Dezernentinnen und Dezernenten der Emscher-Kommunen haben ihn 2018 beim 3. Dezernententreffen in
Castrop-Rauxel beschlossen; im März 2018 wurde er der Öffentlichkeit vorgestellt.

Der Plan macht sichtbar, was die Initiative bis dahin erreicht hat, und stellt die Weichen für die Zukunft. Er ist
Leitfaden und Impulsgeber für Projekte, die auf den Klimawandel reagieren und seine Chancen nutzen – zum Beispiel
mit einer multifunktionalen blau-grünen Infrastruktur, die Stadträume gesünder und nachhaltiger macht.

Seit 2014 wird an ihm gearbeitet, und er wird fortgeschrieben. Er verknüpft die Stadt- und Freiraumentwicklung mit
der Wasserwirtschaft.
"""

GOALS = """\
Unter dem Leitbild „Klimaresiliente Region mit internationaler Strahlkraft“ hat sich die Region bis 2040
vorgenommen:

- 25 Prozent weniger Regenwasser, das in die Mischwasserkanäle abfließt,
- eine um 10 Prozentpunkte höhere Verdunstung,
- verrohrte Gewässer wieder zu öffnen,
- weniger Hitzeinseln in den Städten,
- dass die Kommunen mit eigenen Flächen und Gebäuden mit gutem Beispiel vorangehen.

Typische Maßnahmen dafür sind das Abkoppeln versiegelter Flächen vom Kanal, Dach- und Fassadenbegrünung,
Entsiegelung und Verdunstungsflächen, Versickerungsanlagen, Notwasserwege und Retentionsflächen sowie
multifunktionale Freiräume. Bis 2030 stehen dafür rund 250 Millionen Euro Fördermittel bereit.
"""

P, IP, D, DF = (
    Measure.ImplementationStatus.PLANNED,
    Measure.ImplementationStatus.IN_PROGRESS,
    Measure.ImplementationStatus.DONE,
    Measure.ImplementationStatus.DEFERRED,
)

# (number, title, description): all invented examples.
FIELDS = [
    (1, "Regenwasser abkoppeln und nutzen", "Regenwasser dort halten, wo es fällt, statt es in den Kanal zu leiten."),
    (2, "Blau-grüne Infrastruktur", "Grün und Wasser in Straßen, Plätzen und auf Gebäuden zusammen planen."),
    (3, "Hitzevorsorge und Überflutungsschutz", "Die Städte auf heiße Sommer und Starkregen vorbereiten."),
    (4, "Zusammenarbeit und Kompetenzen", "Wissen teilen, Verfahren abstimmen, gemeinsam lernen."),
]

# (field, number, title, goal, status history [(date, status)], time frame, networks, municipalities, event slug)
MEASURES = [
    (1, "1.1", "Versiegelte Flächen öffentlicher Gebäude abkoppeln",
     "Die Kommunen gehen mit eigenen Schulen, Rathäusern und Höfen voran.",
     [("2018-03-01", P), ("2019-06-15", IP)], "2018–2030", ["Leitbilder und Standards"],
     ["bochum", "gelsenkirchen", "herne"], "experten-forum-2017"),
    (1, "1.2", "Versickerungsanlagen in Neubaugebieten als Standard",
     "Jedes neue Baugebiet bewirtschaftet sein Regenwasser vor Ort.",
     [("2018-03-01", P), ("2020-02-01", IP), ("2023-11-01", D)], "2018–2023", ["Leitbilder und Standards"],
     ["dortmund", "essen"], "dezernententreffen-2018"),
    (1, "1.3", "Regenwassernutzung für Grünpflege",
     "Gesammeltes Regenwasser ersetzt Trinkwasser bei der Bewässerung.",
     [("2018-03-01", P)], "ab 2025", ["Wirtschaftlichkeit"], ["bottrop"], ""),
    (2, "2.1", "Dach- und Fassadenbegrünung fördern",
     "Mehr grüne Dächer und Fassaden, die Wasser speichern und verdunsten.",
     [("2018-03-01", P), ("2019-03-01", IP)], "2019–2030", ["Wirtschaftlichkeit", "Kompetenzentwicklung"],
     ["essen", "oberhausen", "duisburg"], "experten-forum-2019"),
    (2, "2.2", "Multifunktionale Freiräume planen",
     "Parks und Plätze, die bei Starkregen Wasser aufnehmen und sonst zum Aufenthalt einladen.",
     [("2018-03-01", P), ("2021-05-01", IP)], "2021–2028", ["Vernetzung und Zusammenarbeit"],
     ["gladbeck", "recklinghausen"], "experten-forum-2018"),
    (2, "2.3", "Verrohrte Bachläufe wieder öffnen",
     "Gewässer, die heute im Rohr fließen, werden wieder sichtbar und erlebbar.",
     [("2018-03-01", P), ("2020-09-01", DF)], "offen", ["Leitbilder und Standards"], ["witten"], ""),
    (3, "3.1", "Notwasserwege und Retentionsflächen ausweisen",
     "Bei Starkregen fließt das Wasser kontrolliert dorthin, wo es keinen Schaden anrichtet.",
     [("2018-03-01", P), ("2019-10-01", IP), ("2022-06-01", D)], "2019–2022",
     ["Leitbilder und Standards", "Vernetzung und Zusammenarbeit"], ["castrop-rauxel", "dinslaken"],
     "experten-forum-2019"),
    (3, "3.2", "Hitzeinseln kartieren und entschärfen",
     "Die heißesten Orte der Städte bekommen Schatten, Grün und Wasser.",
     [("2021-11-23", P), ("2022-09-01", IP)], "2022–2030", ["Kompetenzentwicklung"],
     ["herne", "oberhausen", "duisburg", "bochum"], "experten-forum-2021"),
    (4, "4.1", "Fortbildungsreihe Wassersensible Stadt",
     "Fachleute aus allen Ämtern lernen gemeinsam an gebauten Beispielen.",
     [("2018-03-01", P), ("2018-09-27", IP), ("2020-04-01", D)], "2018–2020", ["Kompetenzentwicklung"],
     [], "experten-forum-2018"),
    (4, "4.2", "Stadtkoordination in jeder Kommune",
     "In jeder Kommune sind mindestens zwei Stadtkoordinator:innen aus verschiedenen Ämtern Ansprechpartner.",
     [("2018-03-01", P), ("2019-02-15", D)], "2018–2019", ["Vernetzung und Zusammenarbeit"], [],
     "dezernententreffen-2019"),
]  # fmt: skip


def _event(slug):
    if not slug:
        return None
    return Event.objects.filter(slug=slug).first()


def load():
    plan, _created = Plan.objects.update_or_create(
        slug="massnahmenplan-2020",
        defaults={
            "title": "Maßnahmenplan 2020+",
            "adopted_at_event": _event("dezernententreffen-2018"),
            "adoption_note": "2018 beim 3. Dezernententreffen in Castrop-Rauxel",
            "presented_on": datetime.date(2018, 3, 1),
            "is_presented_month_only": True,
            "introduction": INTRODUCTION,
            "goals": GOALS,
            "status": Status.PUBLISHED,
        },
    )
    fields = {}
    for number, title, description in FIELDS:
        fields[number], _created = ActionField.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "title": title,
                "slug": german_slugify(title),
                "description": f"{description}\n\n{EXAMPLE}",
                "is_example": True,
            },
        )
    networks = {network.name: network for network in Network.objects.all()}
    cities = {city.slug: city for city in Municipality.objects.all()}
    for position, (field, number, title, goal, history, time_frame, network_names, city_slugs, event) in enumerate(
        MEASURES, start=1
    ):
        measure = Measure.objects.filter(action_field=fields[field], number=number).first() or Measure(
            action_field=fields[field], number=number, slug=german_slugify(f"{number} {title}")
        )
        measure.title = title
        measure.goal = goal
        measure.description = (
            f"Die Maßnahme „{title}“ ist ein Beispiel dafür, wie der Maßnahmenplan Projekte beschreibt: Ziel, "
            f"Zeitrahmen, verantwortliche Netzwerke und beteiligte Kommunen.\n\n{EXAMPLE}"
        )
        measure.time_frame = time_frame
        measure.position = position
        measure.is_example = True
        measure.status = Status.PUBLISHED
        measure.origin_event = _event(event)
        if measure.pk is None:
            # A new measure: replay its example history so the page shows how a status develops.
            for changed_on, status in history:
                measure.implementation_status = status
                measure_save(measure=measure, changed_on=datetime.date.fromisoformat(changed_on))
        else:
            measure_save(measure=measure)
        measure.networks.set([networks[name] for name in network_names if name in networks])
        measure.municipalities.set([cities[slug] for slug in city_slugs if slug in cities])
    return plan
