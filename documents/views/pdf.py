"""„PDF anzeigen“ for the content pages of other apps (networks, the Maßnahmenplan, legal pages).

Each view only says where its object comes from and which print template shows it; rendering, caching and serving
are the pipeline's (documents.pdf). The forum documentation's view lives with the forums (forums.views).
"""

from django.apps import apps
from django.utils.translation import gettext as _

from documents import plan_selectors
from documents.pdf import ObjectPdfView, loaded_stamp
from networks import selectors as network_selectors


class NetworkPdfView(ObjectPdfView):
    """/netzwerke/<slug>/pdf/: one Experten-Netzwerk (purpose, contact, members who consented, timeline, measures,
    documents)."""

    template_name = "networks/print/network.html"

    def get_queryset(self):
        return network_selectors.network_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, network):
        return {
            **super().get_pdf_context(network),
            "network": network,
            "timeline": network_selectors.network_timeline(network),
            "documents": network_selectors.network_documents_shown(network)[0],
        }

    def get_filename(self, network):
        return _("Experten-Netzwerk %(name)s.pdf") % {"name": network.name}


class MeasurePdfView(ObjectPdfView):
    """/massnahmenplan/<slug>/pdf/: one measure of the Maßnahmenplan."""

    template_name = "documents/print/measure.html"

    def get_queryset(self):
        # For published measures the viewer is the public, so the selector's documents are the published ones.
        return plan_selectors.measure_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, measure):
        return {**super().get_pdf_context(measure), "measure": measure}

    def get_filename(self, measure):
        return _("Maßnahme %(number)s %(title)s.pdf") % {"number": measure.number, "title": measure.title}


class PlanPdfView(ObjectPdfView):
    """/massnahmenplan/massnahmenplan.pdf: the current Maßnahmenplan with every Handlungsfeld and measure."""

    template_name = "documents/print/plan.html"

    def get_queryset(self):
        return apps.get_model("documents", "Plan").objects.visible_to(self.viewer)

    def find_object(self, queryset):
        return plan_selectors.plan_get_current(user=self.viewer)

    def _sections(self, plan):
        if getattr(self, "_cached_sections", None) is None:
            fields = list(plan_selectors.action_field_list_with_status_counts(plan=plan, user=self.viewer))
            measures = list(plan_selectors.measure_list_for_plan(plan=plan, user=self.viewer))
            self._cached_sections = (
                plan_selectors.measure_sections(fields, measures),
                plan_selectors.status_overview(fields),
            )
        return self._cached_sections

    def get_extra_cache_parts(self, plan):
        sections, _overview = self._sections(plan)
        return [(loaded_stamp(s["field"]), [loaded_stamp(m) for m in s["measures"]]) for s in sections]

    def get_pdf_context(self, plan):
        sections, overview = self._sections(plan)
        return {**super().get_pdf_context(plan), "plan": plan, "sections": sections, "overview": overview}

    def get_filename(self, plan):
        return f"{plan.title}.pdf"

    @classmethod
    def prerender(cls, *, pk=None, kwargs=None):
        return super().prerender(pk=None, kwargs=kwargs)


class LegalPagePdfView(ObjectPdfView):
    """/impressum/pdf/ and the other editor-written text pages as PDF (only once the Redaktion has written them)."""

    template_name = "emscher_portal/print/legal_page.html"

    def get_queryset(self):
        return apps.get_model("emscher_portal", "LegalPage").objects.all()

    def find_object(self, queryset):
        # `kind` comes from the URL pattern's extra arguments, so that it is part of the fast-path key.
        return queryset.filter(kind=self.kwargs["kind"]).first()

    def get_pdf_context(self, page):
        return {**super().get_pdf_context(page), "page": page}

    def get_filename(self, page):
        return f"{page.title}.pdf"
