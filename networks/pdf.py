"""An Experten-Netzwerk as a PDF, through the shared pipeline (`emscher_portal.core.pdf`)."""

from django.utils.translation import gettext as _

from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view
from networks import selectors
from networks.models import Network


@pdf_view
class NetworkPdfView(ObjectPdfView):
    """/netzwerke/<slug>/pdf/: one Experten-Netzwerk (purpose, contact, members who consented, timeline, measures,
    documents)."""

    model = Network
    template_name = "networks/print/network.html"

    def get_queryset(self):
        return selectors.network_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, network):
        return {
            **super().get_pdf_context(network),
            "network": network,
            "timeline": selectors.network_timeline(network),
            "documents": selectors.network_documents_shown(network)[0],
        }

    def get_filename(self, network):
        return _("Experten-Netzwerk %(name)s.pdf") % {"name": network.name}
