"""Public pages of the Maßnahmenplan 2020+: the plan with filters and status overview, and one measure."""

from django.views.generic import DetailView

from documents import plan_selectors as selectors
from documents.models import Measure
from documents.plan_forms import MeasureFilterForm
from emscher_portal.core.filtering import FilteredListView
from emscher_portal.core.slugs import OldSlugRedirectMixin


class PlanView(FilteredListView):
    """/massnahmenplan/: introduction, status overview per Handlungsfeld, filters, and the measures by field.

    Filters ?feld=, ?status=, ?netzwerk=, ?kommune= combine; a bad value answers 400 with the message at its field.
    """

    template_name = "documents/plan/plan_detail.html"
    context_object_name = "measures"

    def get(self, request, *args, **kwargs):
        self.plan = selectors.plan_get_current(user=request.user)
        self.action_fields = (
            list(selectors.action_field_list_with_status_counts(plan=self.plan, user=request.user))
            if self.plan is not None
            else []
        )
        return super().get(request, *args, **kwargs)

    def get_filter_form(self):
        plan, user = self.plan, self.request.user
        return MeasureFilterForm(
            self.request.GET,
            fields=self.action_fields,
            networks=selectors.network_choices_for_plan() if plan is not None else [],
            municipalities=selectors.municipality_choices_for_plan(plan=plan, user=user) if plan is not None else [],
        )

    def get_filtered_queryset(self, **filters):
        if self.plan is None:
            return Measure.objects.none()
        return selectors.measure_list_for_plan(plan=self.plan, user=self.request.user, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(plan=self.plan, object=self.plan)
        if self.plan is not None:
            context.update(
                selectors.plan_outline(
                    plan=self.plan,
                    user=self.request.user,
                    fields=self.action_fields,
                    measures=list(self.object_list),
                    is_filtered=context["is_filtered"],
                )
            )
        return context


class MeasureDetailView(OldSlugRedirectMixin, DetailView):
    """/massnahmenplan/<slug>/: one measure with its field, networks, municipalities, origin, documents, history."""

    template_name = "documents/plan/measure_detail.html"
    context_object_name = "measure"

    def get_queryset(self):
        return selectors.measure_get_queryset_for_detail(user=self.request.user).prefetch_related(
            selectors.measure_articles_prefetch()
        )
