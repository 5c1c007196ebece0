"""Demo content of the networks app: the Emscher municipalities, the disciplines and the four expert networks.

Municipalities and disciplines are facts; the networks' purpose texts are our own words, marked as example text.
"""

from emscher_portal.models import Status
from emscher_portal.text import german_slugify
from networks.models import Discipline, Municipality, Network

EXAMPLE_NOTE = "(Beispieltext – ein veröffentlichter Zwecktext des Netzwerks liegt nicht vor.)"

# The 16 founding municipalities of the initiative, and Dorsten, which joined later as the 17th.
MUNICIPALITIES = [
    "Bochum",
    "Bottrop",
    "Castrop-Rauxel",
    "Dinslaken",
    "Dortmund",
    "Duisburg",
    "Essen",
    "Gelsenkirchen",
    "Gladbeck",
    "Herne",
    "Herten",
    "Holzwickede",
    "Mülheim an der Ruhr",
    "Oberhausen",
    "Recklinghausen",
    "Witten",
    "Dorsten",
]

DISCIPLINES = [
    "Wasserwirtschaft",
    "Tiefbau",
    "Verkehrsplanung",
    "Stadtplanung",
    "Freiraumplanung",
    "Immobilienwirtschaft",
    "Naturschutz",
    "Klimaanpassung",
]

NETWORKS = [
    (
        "Leitbilder und Standards",
        "Das Netzwerk erarbeitet gemeinsame Leitbilder und fachliche Standards für die wassersensible "
        "Stadtentwicklung in den Emscher-Kommunen.",
    ),
    (
        "Wirtschaftlichkeit",
        "Das Netzwerk fragt, was blau-grüne Infrastruktur kostet und was sie den Städten einbringt, und "
        "sammelt Ansätze für eine wirtschaftliche Umsetzung.",
    ),
    (
        "Vernetzung und Zusammenarbeit",
        "Das Netzwerk verbindet Fachleute über Ämter-, Fach- und Stadtgrenzen hinweg und stärkt die "
        "Zusammenarbeit zwischen den Kommunen und der Emschergenossenschaft.",
    ),
    (
        "Kompetenzentwicklung",
        "Das Netzwerk bündelt Erfahrungen und Weiterbildungsangebote, damit Wissen zur Klimaanpassung in "
        "allen beteiligten Verwaltungen wächst.",
    ),
]


def load():
    for name in MUNICIPALITIES:
        Municipality.objects.update_or_create(slug=german_slugify(name), defaults={"name": name})
    for name in DISCIPLINES:
        Discipline.objects.update_or_create(slug=german_slugify(name), defaults={"name": name})
    for position, (name, purpose) in enumerate(NETWORKS, start=1):
        Network.objects.update_or_create(
            slug=german_slugify(name),
            defaults={
                "name": name,
                "purpose": f"{purpose} {EXAMPLE_NOTE}",
                "position": position,
                "status": Status.PUBLISHED,
            },
        )
