"""What must be right before a network is published (see `emscher_portal.core.publish_checks`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.publish_checks import markdown_findings, publish_check
from networks.models import Network


@publish_check(Network)
def network_checks(network):
    yield from markdown_findings(network.body, label=_("Beschreibung"))
