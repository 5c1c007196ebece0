"""The working group's side of the rounds: rounds, pre-moderation, merge, split and decisions.

Every change of a topic's moderation or decision goes through participation.services (which writes the public
moderation log and tells the proposer by mail); the forms show those fields read-only and the actions and the
decision fields lead there.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.admin import ContentAdmin, PublishableAdminMixin
from participation.models import ModerationLogEntry, Round, Topic
from participation.services import (
    round_allowlist_from_addresses,
    topic_approve,
    topic_decide,
    topic_decline,
    topic_merge,
    topic_split,
)


class RoundAdminForm(forms.ModelForm):
    allowlist_addresses = forms.CharField(
        label=_("Nur diese Adressen dürfen gewichten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Eine Adresse je Zeile, z. B. die der Netzwerkmitglieder. Ersetzt die bisherige Liste. Gespeichert werden "
            "nur Schlüssel der Adressen, nicht die Adressen selbst."
        ),
    )
    allowlist_clear = forms.BooleanField(
        label=_("Liste leeren: alle bestätigten Adressen dürfen gewichten"), required=False
    )

    class Meta:
        model = Round
        fields = ["title", "slug", "event", "status", "is_example", "introduction", "proposals_open_at",
                  "proposals_close_at", "weighing_open_at", "weighing_close_at", "closes_at", "points_budget",
                  "max_points_per_topic", "results_hidden_while_weighing", "publish_at", "unpublish_at"]  # fmt: skip

    def save(self, commit=True):
        if self.cleaned_data.get("allowlist_clear"):
            self.instance.voter_allowlist = []
        elif self.cleaned_data.get("allowlist_addresses", "").strip():
            self.instance.voter_allowlist = round_allowlist_from_addresses(self.cleaned_data["allowlist_addresses"])
        return super().save(commit=commit)


@admin.register(Round)
class RoundAdmin(PublishableAdminMixin, admin.ModelAdmin):
    form = RoundAdminForm
    list_display = ["title", "event", "phase_display", "status", "is_example"]
    list_select_related = ["event"]
    search_fields = ["title", "introduction"]
    autocomplete_fields = ["event"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "event", "status", "is_example", "introduction"]}),
        (
            _("Phasen"),
            {
                "fields": [
                    ("proposals_open_at", "proposals_close_at"),
                    ("weighing_open_at", "weighing_close_at"),
                    "closes_at",
                ]
            },
        ),
        (
            _("Gewichten"),
            {
                "fields": [
                    ("points_budget", "max_points_per_topic"),
                    "results_hidden_while_weighing",
                    "allowlist_size",
                    "allowlist_addresses",
                    "allowlist_clear",
                ]
            },
        ),
    ]
    readonly_fields = ["allowlist_size"]

    @admin.display(description=_("Zugelassene Adressen"))
    def allowlist_size(self, obj):
        if not obj or not obj.voter_allowlist:
            return _gettext("keine Liste – alle bestätigten Adressen dürfen gewichten")
        return _gettext("%(count)d Adressen") % {"count": len(obj.voter_allowlist)}

    @admin.display(description=_("Phase"))
    def phase_display(self, obj):
        return obj.phase.label


class TopicAdminForm(forms.ModelForm):
    class Meta:
        model = Topic
        # Never the proposer's address: the Redaktion does not need it (the portal mails the proposer itself).
        fields = ["round", "title", "slug", "description", "action_field", "network", "public_name", "is_example",
                  "decision", "decision_reason", "programme_items", "workshops", "documents", "measures"]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and not (cleaned.get("decision_reason") or "").strip():
            self.add_error("decision_reason", _("Eine Entscheidung braucht eine öffentliche Begründung."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Geht an die Vorschlagenden.")
    )


class MergeForm(ReasonForm):
    into = forms.ModelChoiceField(label=_("Zusammenführen in"), queryset=Topic.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates


class SplitForm(forms.Form):
    titles = forms.CharField(
        label=_("Neue Titel, einer je Zeile"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Mindestens zwei.")
    )
    reason = forms.CharField(label=_("Begründung (öffentlich)"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    form = TopicAdminForm
    list_display = ["title", "round", "moderation", "decision", "submitted_at"]
    list_filter = ["round", "moderation", "decision", "is_example"]
    list_select_related = ["round"]
    search_fields = ["title", "description", "public_name"]
    autocomplete_fields = ["action_field", "documents", "measures"]
    filter_horizontal = ["workshops", "programme_items"]
    readonly_fields = ["moderation", "moderation_reason", "moderated_at", "submitted_at", "merged_into", "split_from",
                       "decided_at"]  # fmt: skip
    actions = ["approve_selected", "decline_selected", "merge_selected", "split_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "round",
                    "title",
                    "slug",
                    "description",
                    "action_field",
                    "network",
                    "public_name",
                    "is_example",
                ]
            },
        ),  # fmt: skip
        (
            _("Prüfung"),
            {
                "fields": [
                    "moderation",
                    "moderation_reason",
                    "submitted_at",
                    "moderated_at",
                    "merged_into",
                    "split_from",
                ],  # fmt: skip
                "description": _(
                    "Freigeben, Ablehnen, Zusammenführen und Aufteilen über die Aktionen der Liste; die "
                    "Vorschlagenden erhalten eine E-Mail."
                ),
            },
        ),
        (_("Entscheidung"), {"fields": ["decision", "decision_reason", "decided_at"]}),
        (_("Was wurde daraus?"), {"fields": ["programme_items", "workshops", "documents", "measures"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(moderation=Topic.Moderation.UNCONFIRMED)

    def save_model(self, request, obj, form, change):
        decision_changed = "decision" in form.changed_data or "decision_reason" in form.changed_data
        if change and decision_changed and obj.decision:
            self.mark_history(request, obj)
            topic_decide(topic=obj, decision=obj.decision, reason=obj.decision_reason)
            return
        super().save_model(request, obj, form, change)

    # -- actions -----------------------------------------------------------------------

    @admin.action(description=_("Ausgewählte Themen freigeben"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = 0
        for topic in queryset.filter(moderation=Topic.Moderation.SUBMITTED):
            topic_approve(topic=topic)
            count += 1
        self.message_user(request, _gettext("%(count)d Themen freigegeben.") % {"count": count}, messages.SUCCESS)

    def _intermediate(self, request, queryset, form, title, action):
        return TemplateResponse(
            request,
            "admin/participation/topic_action.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "topics": queryset,
                "form": form,
                "action": action,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=_("Ausgewählte Vorschläge nicht freigeben …"), permissions=["change"])
    def decline_selected(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            for topic in queryset.filter(moderation=Topic.Moderation.SUBMITTED):
                topic_decline(topic=topic, reason=form.cleaned_data["reason"])
            self.message_user(request, _gettext("Die Vorschläge sind abgelehnt."), messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return self._intermediate(request, queryset, form, _gettext("Vorschläge nicht freigeben"), "decline_selected")

    @admin.action(description=_("Ausgewählte Themen zusammenführen …"), permissions=["change"])
    def merge_selected(self, request, queryset):
        rounds = set(queryset.values_list("round_id", flat=True))
        if len(rounds) != 1:
            self.message_user(
                request, _gettext("Nur Themen derselben Runde lassen sich zusammenführen."), messages.ERROR
            )
            return None
        candidates = Topic.objects.filter(round_id=rounds.pop()).weighable()
        form = MergeForm(request.POST if "apply" in request.POST else None, candidates=candidates)
        if "apply" in request.POST and form.is_valid():
            try:
                topic_merge(topics=list(queryset), into=form.cleaned_data["into"], reason=form.cleaned_data["reason"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _gettext("Die Themen sind zusammengeführt."), messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return self._intermediate(request, queryset, form, _gettext("Themen zusammenführen"), "merge_selected")

    @admin.action(description=_("Ein Thema aufteilen …"), permissions=["change"])
    def split_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _gettext("Bitte genau ein Thema zum Aufteilen auswählen."), messages.ERROR)
            return None
        form = SplitForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                parts = topic_split(
                    topic=queryset.get(),
                    titles=form.cleaned_data["titles"].splitlines(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _gettext("%(count)d neue Themen angelegt.") % {"count": len(parts)}, messages.SUCCESS
                )
            return HttpResponseRedirect(request.get_full_path())
        return self._intermediate(request, queryset, form, _gettext("Thema aufteilen"), "split_selected")


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(admin.ModelAdmin):
    """The public log, written by the services; read-only here."""

    list_display = ["created_at", "round", "action", "text"]
    list_filter = ["round", "action"]
    list_select_related = ["round"]
    redaktion_permissions = ("view",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
