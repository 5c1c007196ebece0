"""What the Experten-Netzwerke contribute to the site search."""

from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import Status
from emscher_portal.core.search.registry import Adapter, Kind, Unit, joined, plain, register
from networks.models import Member, Network


@register
class NetworkAdapter(Adapter):
    model = Network
    kind = Kind("netzwerk", _("Netzwerke"))

    def queryset(self):
        return Network.objects.published()

    def units(self, network):
        yield Unit(
            title=network.name,
            url=network.get_absolute_url(),
            summary=network.purpose,
            body=plain(network.body),
        )


@register
class MemberAdapter(Adapter):
    """Members are found only with their consent, only while their network is published, and below it."""

    model = Member
    kind = Kind("mitglied", _("Netzwerk-Mitglieder"))

    def queryset(self):
        return (
            Member.objects.public()
            .filter(network__status=Status.PUBLISHED)
            .select_related("network", "municipality", "discipline")
        )

    def units(self, member):
        yield Unit(
            title=member.name,
            url=f"{member.network.get_absolute_url()}#network-members-title",
            summary=joined(member.role, member.organisation, member.municipality, member.discipline),
            body=member.network.name,
            parent=member.network,
            parent_title=member.network.name,
        )
