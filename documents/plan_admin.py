"""Redaktion for the Maßnahmenplan: plan → Handlungsfelder → Maßnahmen, with the measures' status history.

Every save of a measure (its own page or the inline of its Handlungsfeld) goes through
`plan_services.measure_save`, so that a status change is always recorded.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from documents.models import ActionField, Measure, MeasureStatusChange, Plan
from documents.plan_services import measure_save, measure_status_correction_add
from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin, SlugAdminMixin


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
class ActionFieldAdmin(SlugAdminMixin, ContentAdmin):
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


class MeasureStatusChangeForm(forms.ModelForm):
    class Meta:
        model = MeasureStatusChange
        fields = ["changed_on", "new_status", "note"]
        labels = {"note": _("Anmerkung oder Grund der Korrektur")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].help_text = _("Pflicht: warum dieser Eintrag die Geschichte berichtigt.")


class MeasureStatusChangeInline(admin.TabularInline):
    """The status history is append-only: entries are never edited or deleted. Saving the measure with another
    implementation status writes one; a correction is a new entry with its reason."""

    model = MeasureStatusChange
    form = MeasureStatusChangeForm
    extra = 0
    fields = ["changed_on", "old_status", "new_status", "note", "changed_by"]
    readonly_fields = ["old_status", "changed_by"]
    can_delete = False
    verbose_name = _("Statusänderung oder Korrektur")
    verbose_name_plural = _("Geschichte des Umsetzungsstands (nur ergänzen, nie ändern)")
    redaktion_permissions = ("add", "view")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
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

    def save_formset(self, request, form, formset, change):
        if formset.model is not MeasureStatusChange:
            return super().save_formset(request, form, formset, change)
        for entry in formset.save(commit=False):
            if entry.pk is None:
                measure_status_correction_add(
                    measure=form.instance,
                    new_status=entry.new_status,
                    changed_on=entry.changed_on,
                    note=entry.note,
                    user=request.user,
                )
        return None

    def save_object(self, request, obj, form, change):
        # Through the service, so that a change of the implementation status is recorded with its date and note.
        measure_save(
            measure=obj,
            user=request.user,
            changed_on=form.cleaned_data.get("status_changed_on"),
            note=form.cleaned_data.get("status_note") or "",
        )
