"""What a change of a forums model affects (read by the change map, `emscher_portal.core.changes`).

Forums declares both sides of its links to networks: an event's page shows its networks, and a network's page and
PDF show its events and workshops (networks reaches them only through the reverse relations).
"""

from emscher_portal.core.changes import affects
from forums.models import Event, Photo, ProgrammeItem, Workshop
from networks.models import Municipality, Network


def _networks_of(events):
    """Networks whose page and PDF list these events, as a participant or through a workshop."""
    yield from Network.objects.filter(events__in=events).distinct()
    yield from Network.objects.filter(workshops__event__in=events).distinct()


@affects(Event)
def event_affects(event):
    # Programme items and workshops are found only while their event is published, and show its title.
    yield from event.programme_items.all()
    yield from event.workshops.all()
    yield from _networks_of([event])


@affects(ProgrammeItem, Photo)
def event_part_affects(part):
    yield part.event


@affects(Workshop)
def workshop_affects(workshop):
    yield workshop.event
    yield from workshop.networks.all()


@affects(Municipality)
def host_city_affects(municipality):
    # Event pages, PDFs and search entries name the host city; so do the network timelines that list the events.
    events = list(municipality.events.all())
    yield from events
    yield from _networks_of(events)


@affects(Network)
def network_affects(network):
    # An event's page and PDF list its networks and those of its workshops.
    yield from network.events.all()
    yield from Event.objects.filter(workshops__networks=network).distinct()
