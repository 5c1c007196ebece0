"""Demo content of the networks app: the Emscher municipalities, the disciplines and the four expert networks.

Municipalities and disciplines are facts; the networks' purpose texts are our own words, marked as example text.
"""

from emscher_portal.core.models import Status
from emscher_portal.core.text import german_slugify
from networks.models import Discipline, Member, Municipality, Network

EXAMPLE_NOTE = "(Beispieltext – ein veröffentlichter Zwecktext des Netzwerks liegt nicht vor.)"
BODY_NOTE = "*Beispieltext: Die Beschreibung ist für die Demo formuliert, nicht vom Netzwerk veröffentlicht.*"

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

# Per network (by name): example body text, disciplines, an example contact person and example members.
# Everyone named here is invented and marked as an example; only consenting members are ever shown publicly,
# and one member per network has not consented, so the demo shows the difference between size and names.
NETWORK_DETAILS = {
    "Leitbilder und Standards": {
        "body": (
            "Wie sieht eine wassersensible Stadt aus, und woran erkennt man gute Planung? Das Netzwerk "
            "sammelt Leitbilder aus den Kommunen, vergleicht Planungshilfen und schlägt gemeinsame Standards "
            "vor – etwa für Notwasserwege, Gründächer oder die Abkopplung versiegelter Flächen."
        ),
        "disciplines": ["Wasserwirtschaft", "Stadtplanung", "Freiraumplanung"],
        "contact": ("Erika Mustermann", "Sprecherin des Netzwerks", "Stadt Gelsenkirchen, Stadtplanung", True),
        "members": [
            ("Max Beispiel", "Stadt Bochum, Tiefbauamt", "bochum", "Tiefbau", "Mitglied", True),
            ("Lena Probst", "Emschergenossenschaft", "", "Wasserwirtschaft", "Mitglied", True),
            ("Jonas Muster", "Stadt Herne, Fachbereich Umwelt", "herne", "Naturschutz", "Mitglied", False),
        ],
    },
    "Wirtschaftlichkeit": {
        "body": (
            "Blau-grüne Infrastruktur kostet Geld und spart Geld: weniger Schäden bei Starkregen, kühlere "
            "Quartiere, geringere Abwassergebühren. Das Netzwerk trägt Kostenvergleiche und "
            "Finanzierungswege zusammen und bereitet sie für Entscheidungen in Rat und Verwaltung auf."
        ),
        "disciplines": ["Immobilienwirtschaft", "Wasserwirtschaft", "Tiefbau"],
        "contact": ("Paul Platzhalter", "Koordinator", "Stadt Dortmund, Tiefbauamt", False),
        "members": [
            (
                "Sabine Schablone",
                "Stadt Essen, Immobilienwirtschaft",
                "essen",
                "Immobilienwirtschaft",
                "Mitglied",
                True,
            ),
            ("Tom Vorlage", "Emschergenossenschaft", "", "Wasserwirtschaft", "Mitglied", False),
        ],
    },
    "Vernetzung und Zusammenarbeit": {
        "body": (
            "Das Netzwerk bringt Ämter zusammen, die sonst selten miteinander planen: Wasserwirtschaft und "
            "Verkehrsplanung, Grünflächenamt und Bauordnung. Es organisiert den Austausch zwischen den "
            "Stadtkoordinatorinnen und Stadtkoordinatoren der Kommunen."
        ),
        "disciplines": ["Stadtplanung", "Verkehrsplanung", "Klimaanpassung"],
        "contact": ("Clara Exempel", "Sprecherin des Netzwerks", "Stadt Bottrop, Umweltamt", True),
        "members": [
            ("Ali Muster", "Stadt Oberhausen, Verkehrsplanung", "oberhausen", "Verkehrsplanung", "Mitglied", True),
            (
                "Greta Beispiel",
                "Stadt Dinslaken, Stadtplanung",
                "dinslaken",
                "Stadtplanung",
                "Stellvertretende Sprecherin",
                True,
            ),
            ("Ben Vorlage", "Stadt Witten, Tiefbau", "witten", "Tiefbau", "Mitglied", False),
        ],
    },
    "Kompetenzentwicklung": {
        "body": (
            "Klimaanpassung ist für viele Verwaltungen eine neue Aufgabe. Das Netzwerk sammelt "
            "Weiterbildungsangebote, organisiert Exkursionen zu gebauten Beispielen und hilft, Erfahrungen "
            "aus einer Stadt in die anderen zu tragen."
        ),
        "disciplines": ["Klimaanpassung", "Naturschutz", "Freiraumplanung"],
        "contact": ("Nina Platzhalter", "Koordinatorin", "Emschergenossenschaft", False),
        "members": [
            ("Ole Schablone", "Stadt Gladbeck, Umweltamt", "gladbeck", "Klimaanpassung", "Mitglied", True),
            (
                "Mia Exempel",
                "Stadt Recklinghausen, Grünflächen",
                "recklinghausen",
                "Freiraumplanung",
                "Mitglied",
                False,
            ),
        ],
    },
}


def _load_details(network):
    details = NETWORK_DETAILS.get(network.name)
    if not details:
        return
    name, role, organisation, is_email_public = details["contact"]
    network.body = f"{details['body']}\n\n{BODY_NOTE}"
    network.contact_name = name
    network.contact_role = role
    network.contact_organisation = organisation
    network.contact_email = f"{network.slug}@example.org"
    network.is_contact_email_public = is_email_public
    network.is_contact_example = True
    network.save()
    network.disciplines.set(Discipline.objects.filter(slug__in=[german_slugify(d) for d in details["disciplines"]]))
    cities = {city.slug: city for city in Municipality.objects.all()}
    disciplines = {discipline.name: discipline for discipline in Discipline.objects.all()}
    for position, (member_name, member_org, city, discipline, member_role, consent) in enumerate(
        details["members"], start=1
    ):
        Member.objects.update_or_create(
            network=network,
            name=member_name,
            defaults={
                "organisation": member_org,
                "municipality": cities.get(city),
                "discipline": disciplines.get(discipline),
                "role": member_role,
                "has_consented": consent,
                "is_example": True,
                "position": position,
            },
        )


def load():
    for name in MUNICIPALITIES:
        Municipality.objects.update_or_create(slug=german_slugify(name), defaults={"name": name})
    for name in DISCIPLINES:
        Discipline.objects.update_or_create(slug=german_slugify(name), defaults={"name": name})
    for position, (name, purpose) in enumerate(NETWORKS, start=1):
        network, _created = Network.objects.update_or_create(
            slug=german_slugify(name),
            defaults={
                "name": name,
                "purpose": f"{purpose} {EXAMPLE_NOTE}",
                "position": position,
                "status": Status.PUBLISHED,
            },
        )
        _load_details(network)
