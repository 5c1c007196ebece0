"""Public pages of the Maßnahmenplan 2020+: the plan with filters and status overview, and one measure."""

from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from documents import plan_selectors as selectors
from documents.plan_forms import MeasureFilterForm
from emscher_portal.slugs import OldSlugRedirectMixin


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
        measures = list(selectors.measure_list_for_plan(plan=plan, user=user, **filters))
        by_field = {}
        for measure in measures:
            by_field.setdefault(measure.action_field_id, []).append(measure)
        is_filtered = form.is_bound and form.has_active_filters()
        sections = [
            {"field": field, "measures": by_field.get(field.pk, [])}
            for field in fields
            if by_field.get(field.pk) or not is_filtered
        ]
        context.update(
            form=form,
            is_filtered=is_filtered,
            sections=sections,
            measure_count=len(measures),
            overview=selectors.status_overview(fields),
            pdf_url=reverse("documents:plan-pdf"),
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pdf_url"] = reverse("documents:measure-pdf", kwargs={"slug": self.object.slug})
        return context
