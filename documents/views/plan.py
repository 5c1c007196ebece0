"""Public pages of the Maßnahmenplan 2020+: the plan with filters and status overview, and one measure."""

from django.views.generic import DetailView, TemplateView

from documents import plan_selectors as selectors
from documents.plan_forms import MeasureFilterForm
from emscher_portal.core.slugs import OldSlugRedirectMixin


class PlanView(TemplateView):
    """/massnahmenplan/: introduction, status overview per Handlungsfeld, filters, and the measures by field."""

    template_name = "documents/plan/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        plan = selectors.plan_get_current(user=user)
        context.update(plan=plan, object=plan)
        if plan is None:
            return context
        fields = list(selectors.action_field_list_with_status_counts(plan=plan, user=user))
        form = MeasureFilterForm(
            self.request.GET or None,
            fields=fields,
            networks=selectors.network_choices_for_plan(),
            municipalities=selectors.municipality_choices_for_plan(plan=plan, user=user),
        )
        filters = form.filters() if form.is_bound else {}
        outline = selectors.plan_outline(plan=plan, user=user, fields=fields, **filters)
        context.update(
            form=form,
            is_filtered=outline["is_filtered"],
            sections=outline["sections"],
            measure_count=len(outline["measures"]),
            overview=outline["overview"],
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        form = context.get("form")
        if form is not None and form.is_bound and form.errors:
            response.status_code = 400
        return response


class MeasureDetailView(OldSlugRedirectMixin, DetailView):
    """/massnahmenplan/<slug>/: one measure with its field, networks, municipalities, origin, documents, history."""

    template_name = "documents/plan/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return selectors.measure_get_queryset_for_detail(user=self.request.user)
