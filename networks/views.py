"""Public pages of the Experten-Netzwerke."""

from django.views.generic import DetailView, ListView

from emscher_portal.core.slugs import OldSlugRedirectMixin
from networks import selectors


class NetworkListView(ListView):
    """/netzwerke/: every network with its purpose, disciplines and size."""

    template_name = "networks/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        return selectors.network_list(user=self.request.user)


class NetworkDetailView(OldSlugRedirectMixin, DetailView):
    """/netzwerke/<slug>/: purpose, disciplines, public members, contact, timeline, measures and documents."""

    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return selectors.network_get_queryset_for_detail(user=self.request.user).prefetch_related(
            selectors.network_articles_prefetch()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = selectors.network_timeline(self.object)
        context["documents"], context["has_more_documents"] = selectors.network_documents_shown(self.object)
        return context
