"""Redaktion for the Maßnahmenplan: plan → Handlungsfelder → Maßnahmen, with the measures' status history.

Every save of a measure (its own page or the inline of its Handlungsfeld) goes through
`plan_services.measure_save`, so that a status change is always recorded.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from documents.models import ActionField, Measure, MeasureStatusChange, Plan
from documents.plan_services import measure_save
from emscher_portal.core.admin import PublishableAdminMixin, SlugAdminMixin


class ActionFieldInline(SlugAdminMixin, admin.StackedInline):
    model = ActionField
    extra = 0
    fields = [("number", "title"), "slug", "is_example"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(PublishableAdminMixin, admin.ModelAdmin):
    list_display = ["title", "presented_on", "status"]
    search_fields = ["title", "introduction", "goals"]
    autocomplete_fields = ["adopted_at_event"]
    inlines = [ActionFieldInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        (
            _("Beschluss"),
            {"fields": ["adopted_at_event", "adoption_note", "presented_on", "is_presented_month_only"]},
        ),
        (_("Inhalt"), {"fields": ["introduction", "goals"]}),
    ]


class MeasureInline(SlugAdminMixin, admin.StackedInline):
    model = Measure
    extra = 0
    fields = [
        ("number", "position", "status", "is_example"),
        "title",
        "slug",
        ("implementation_status", "time_frame"),
        "networks",
        "municipalities",
    ]
    autocomplete_fields = ["networks", "municipalities"]
    show_change_link = True


@admin.register(ActionField)
class ActionFieldAdmin(SlugAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "plan", "measure_total", "is_example"]
    list_filter = ["plan", "is_example"]
    list_select_related = ["plan"]
    ordering = ["plan", "number"]
    search_fields = ["title", "description"]
    inlines = [MeasureInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(measure_count=Count("measures"))

    @admin.display(description=_("Maßnahmen"), ordering="measure_count")
    def measure_total(self, obj):
        return obj.measure_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Measure:
            return super().save_formset(request, form, formset, change)
        measures = formset.save(commit=False)
        for measure in formset.deleted_objects:
            measure.delete()
        for measure in measures:
            measure_save(measure=measure, user=request.user)
        formset.save_m2m()
        return None


class MeasureStatusChangeInline(admin.TabularInline):
    """The history: editors may correct a date or add a note; the statuses themselves are written by saving."""

    model = MeasureStatusChange
    extra = 0
    fields = ["changed_on", "old_status", "new_status", "note", "changed_by"]
    readonly_fields = ["old_status", "new_status", "changed_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MeasureAdminForm(forms.ModelForm):
    status_changed_on = forms.DateField(
        label=_("Stand geändert am"),
        required=False,
        help_text=_("Nur bei einer Änderung des Umsetzungsstands; leer = heute."),
    )
    status_note = forms.CharField(label=_("Anmerkung zur Statusänderung"), required=False, max_length=300)

    class Meta:
        model = Measure
        fields = [
            "action_field",
            "number",
            "title",
            "slug",
            "status",
            "position",
            "is_example",
            "implementation_status",
            "time_frame",
            "description",
            "goal",
            "networks",
            "municipalities",
            "origin_event",
            "documents",
        ]


@admin.register(Measure)
class MeasureAdmin(PublishableAdminMixin, admin.ModelAdmin):
    form = MeasureAdminForm
    list_display = ["number", "title", "action_field", "implementation_status", "status", "is_example"]
    list_display_links = ["number", "title"]
    list_filter = ["implementation_status", "status", "action_field__plan", "action_field", "networks", "is_example"]
    list_select_related = ["action_field"]
    search_fields = ["number", "title", "description", "goal"]
    autocomplete_fields = ["networks", "municipalities", "origin_event", "documents"]
    inlines = [MeasureStatusChangeInline]
    fieldsets = [
        (None, {"fields": ["action_field", "number", "title", "slug", "status", "position", "is_example"]}),
        (_("Umsetzung"), {"fields": ["implementation_status", "status_changed_on", "status_note", "time_frame"]}),
        (_("Inhalt"), {"fields": ["description", "goal"]}),
        (_("Beteiligte und Herkunft"), {"fields": ["networks", "municipalities", "origin_event", "documents"]}),
    ]

    def save_object(self, request, obj, form, change):
        # Through the service, so that a change of the implementation status is recorded with its date and note.
        measure_save(
            measure=obj,
            user=request.user,
            changed_on=form.cleaned_data.get("status_changed_on"),
            note=form.cleaned_data.get("status_note") or "",
        )
