"""Forms of the alerts app: input validation only; writes go through services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alerts.models import Subscription
from alerts.services import topic_choices, topic_resolve
from emscher_portal.core.forms import HoneypotMixin
from emscher_portal.core.search.query import normalise_query
from emscher_portal.core.search.registry import kinds


def _year(value):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


class SubscribeForm(HoneypotMixin, forms.Form):
    """`thema` names the topic (dokumente, foren, netzwerk:<slug>, handlungsfeld:<slug>, suche with `q`, `art`,
    `jahr`); the small forms on the pages send it as a hidden field, the page /benachrichtigungen/ as a list."""

    thema = forms.ChoiceField(label=_("Worüber möchten Sie informiert werden?"))
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Nie öffentlich. Wir schicken Ihnen zuerst einen Link zur Bestätigung; erst danach kommen "
            "Benachrichtigungen."
        ),
    )
    haeufigkeit = forms.ChoiceField(
        label=_("Wie oft?"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
    art = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    jahr = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = topic_choices()
        source = self.data if self.is_bound else self.initial
        self.query = normalise_query(source.get("q") or "")
        if self.query:
            choices.insert(0, ("suche", _("Suche nach „%(q)s“") % {"q": self.query}))
        self.fields["thema"].choices = choices
        self.fields["thema"].error_messages["invalid_choice"] = _(
            "Dieses Thema gibt es nicht (mehr). Bitte wählen Sie eines aus der Liste."
        )
        self.add_trap()

    def clean(self):
        cleaned = super().clean()
        if "thema" not in cleaned:
            return cleaned
        kind = cleaned.get("art") or None
        kind = kind if kind in kinds() else None
        topic = topic_resolve(cleaned["thema"], q=self.query, kind=kind, year=_year(cleaned.get("jahr")))
        if topic is None:
            raise ValidationError(_("Dieses Thema gibt es nicht (mehr)."), code="unknown_topic")
        cleaned["topic"] = topic
        return cleaned


class ManageLinkForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_trap()


class FrequencyForm(forms.Form):
    haeufigkeit = forms.ChoiceField(label=_("Wie oft?"), choices=Subscription.Frequency.choices)
