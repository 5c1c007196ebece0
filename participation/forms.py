"""Forms of the participation app: input validation only; writes go through services."""

import random

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.models import ActionField
from emscher_portal.core.forms import HoneypotMixin
from networks.models import Network
from participation.services import ballot_validate


class ProposalForm(HoneypotMixin, forms.Form):
    title = forms.CharField(label=_("Titel des Themas"), max_length=200)
    description = forms.CharField(
        label=_("Worum geht es?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Was soll beim Forum besprochen werden, und warum ist es wichtig? Höchstens 4000 Zeichen."),
    )
    action_field = forms.ModelChoiceField(
        label=_("Handlungsfeld (freiwillig)"),
        queryset=ActionField.objects.none(),
        required=False,
        empty_label=_("– keines –"),
    )
    network = forms.ModelChoiceField(
        label=_("Experten-Netzwerk (freiwillig)"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("– keines –"),
    )
    public_name = forms.CharField(
        label=_("Ihr Name (freiwillig)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Wird nur gezeigt, wenn Sie unten zustimmen."),
    )
    name_consent = forms.BooleanField(
        label=_("Mein Name darf beim Thema öffentlich stehen."),
        required=False,
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Nie öffentlich. Wir schicken Ihnen einen Link zur Bestätigung und später die Entscheidung; danach "
            "löschen wir die Adresse."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_field"].queryset = ActionField.objects.filter(plan__status="published").order_by("number")
        self.fields["network"].queryset = Network.objects.published().order_by("name")
        self.add_trap()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public_name") and not cleaned.get("name_consent"):
            self.add_error(
                "name_consent",
                ValidationError(
                    _("Bitte stimmen Sie zu, dass Ihr Name öffentlich steht – oder lassen Sie das Namensfeld leer."),
                    code="consent",
                ),
            )
        return cleaned


class BallotForm(HoneypotMixin, forms.Form):
    """One number field per topic (name `thema-<pk>`), in an order of its own for every voter (`seed`)."""

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Nie öffentlich. Wir speichern nur einen Schlüssel der Adresse, damit jede Adresse einmal zählt; "
            "eine neue Gewichtung mit derselben Adresse ersetzt die frühere."
        ),
    )
    seed = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, round_, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        seed = self._seed()
        order = list(topics)
        random.Random(seed).shuffle(order)
        self.initial["seed"] = seed
        self.topics = order
        for topic in order:
            self.fields[f"thema-{topic.pk}"] = forms.IntegerField(
                label=topic.title,
                required=False,
                min_value=0,
                max_value=round_.max_points_per_topic,
                widget=forms.NumberInput(attrs={"min": 0, "max": round_.max_points_per_topic, "inputmode": "numeric"}),
                error_messages={
                    "min_value": _("Punkte können nicht negativ sein."),
                    "max_value": _("Auf ein Thema passen höchstens %(limit_value)s Punkte."),
                    "invalid": _("Bitte eine ganze Zahl eingeben."),
                },
            )
        self.add_trap()

    def _seed(self):
        try:
            return int(self.data.get("seed"))
        except (TypeError, ValueError):
            return random.SystemRandom().randrange(1, 2**31)

    def topic_fields(self):
        return [self[f"thema-{topic.pk}"] for topic in self.topics]

    def clean(self):
        cleaned = super().clean()
        known = {f"thema-{topic.pk}" for topic in self.topics}
        for name in self.data:
            if name.startswith("thema-") and name not in known:
                raise ValidationError(_("Ein Thema gehört nicht zu dieser Runde."), code="unknown_topic")
        if any(name in self.errors for name in known):
            return cleaned
        points = {topic.pk: cleaned.get(f"thema-{topic.pk}") or 0 for topic in self.topics}
        cleaned["points"] = ballot_validate(round_=self.round, points=points)
        return cleaned
