"""The Maßnahmenplan and its measures as PDFs, through the shared pipeline (`emscher_portal.core.pdf`)."""

from django.utils.translation import gettext as _

from documents import plan_selectors
from documents.models import Measure, Plan
from emscher_portal.core.pdf.stamp import loaded_stamp
from emscher_portal.core.pdf.views import ObjectPdfView, pdf_view


@pdf_view
class MeasurePdfView(ObjectPdfView):
    """/massnahmenplan/<slug>/pdf/: one measure of the Maßnahmenplan."""

    model = Measure
    template_name = "documents/print/measure.html"

    def get_queryset(self):
        # For published measures the viewer is the public, so the selector's documents are the published ones.
        return plan_selectors.measure_get_queryset_for_detail(user=self.viewer)

    def get_pdf_context(self, measure):
        return {**super().get_pdf_context(measure), "measure": measure}

    def get_filename(self, measure):
        return _("Maßnahme %(number)s %(title)s.pdf") % {"number": measure.number, "title": measure.title}


@pdf_view
class PlanPdfView(ObjectPdfView):
    """/massnahmenplan/massnahmenplan.pdf: the current Maßnahmenplan with every Handlungsfeld and measure."""

    model = Plan
    template_name = "documents/print/plan.html"

    def get_queryset(self):
        return Plan.objects.visible_to(self.viewer)

    def find_object(self, queryset):
        return plan_selectors.plan_get_current(user=self.viewer)

    def find_prerender_object(self, queryset, pk):
        # Only the current plan has a PDF at this address; an older plan changing renders nothing.
        plan = self.find_object(queryset)
        return plan if plan is not None and plan.pk == pk else None

    def _outline(self, plan):
        if getattr(self, "_cached_outline", None) is None:
            self._cached_outline = plan_selectors.plan_outline(plan=plan, user=self.viewer)
        return self._cached_outline

    def get_extra_cache_parts(self, plan):
        return [
            (loaded_stamp(section["field"]), [loaded_stamp(measure) for measure in section["measures"]])
            for section in self._outline(plan)["sections"]
        ]

    def get_pdf_context(self, plan):
        outline = self._outline(plan)
        return {
            **super().get_pdf_context(plan),
            "plan": plan,
            "sections": outline["sections"],
            "overview": outline["overview"],
        }

    def get_filename(self, plan):
        return f"{plan.title}.pdf"
