"""Small builders for networks test data."""

import itertools

from emscher_portal.core.models import Status
from networks.models import Discipline, Member, Municipality, Network

_numbers = itertools.count(1)


def make_municipality(**overrides):
    number = next(_numbers)
    return Municipality.objects.create(**({"name": f"Stadt {number}", "slug": f"stadt-{number}"} | overrides))


def make_discipline(**overrides):
    number = next(_numbers)
    return Discipline.objects.create(**({"name": f"Fachgebiet {number}", "slug": f"fachgebiet-{number}"} | overrides))


def make_network(**overrides):
    number = next(_numbers)
    disciplines = overrides.pop("disciplines", None)
    defaults = {
        "name": f"Netzwerk {number}",
        "slug": f"netzwerk-{number}",
        "purpose": f"Zweck von Netzwerk {number}.",
        "status": Status.PUBLISHED,
    }
    network = Network.objects.create(**(defaults | overrides))
    if disciplines:
        network.disciplines.set(disciplines)
    return network


def make_member(network, **overrides):
    number = next(_numbers)
    defaults = {"name": f"Person {number}", "organisation": "Stadtverwaltung", "has_consented": True}
    return Member.objects.create(network=network, **(defaults | overrides))
