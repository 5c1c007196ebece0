"""What a change of a networks model affects (read by the change map, `emscher_portal.core.changes`)."""

from emscher_portal.core.changes import affects
from networks.models import Discipline, Member, Municipality, Network


@affects(Network)
def network_affects(network):
    # A member is found in the search only while its network is published.
    yield from network.members.all()


@affects(Member)
def member_affects(member):
    # The network's page and PDF list its consenting members and print its size.
    yield member.network


@affects(Municipality, Discipline)
def member_detail_affects(municipality_or_discipline):
    # Members show their municipality and discipline, in the search and on their network's page and PDF.
    for member in municipality_or_discipline.network_members.select_related("network"):
        yield member
        yield member.network


@affects(Discipline)
def discipline_affects(discipline):
    # A network's page and PDF name its disciplines.
    yield from discipline.networks.all()
