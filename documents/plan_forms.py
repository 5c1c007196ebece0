"""The Maßnahmenplan's filter form (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Measure


class MeasureFilterForm(forms.Form):
    """Filters by Handlungsfeld, status, network and municipality. Choices are handed in already loaded, so that
    validating a value costs no query; an unknown value is a German form error, never a 500."""

    feld = forms.TypedChoiceField(label=_("Handlungsfeld"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Umsetzungsstand"), required=False)
    netzwerk = forms.ChoiceField(label=_("Experten-Netzwerk"), required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)

    def __init__(self, data=None, *, fields, networks, municipalities):
        super().__init__(data)
        everything = [("", _("alle"))]
        self.fields["feld"].choices = everything + [(str(f.number), f"{f.number}. {f.title}") for f in fields]
        self.fields["status"].choices = everything + list(Measure.ImplementationStatus.choices)
        self.fields["netzwerk"].choices = everything + list(networks)
        self.fields["kommune"].choices = everything + list(municipalities)

    def filters(self):
        """The valid filter values as keyword arguments for `measure_list_for_plan`; invalid ones are dropped."""
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "field": cleaned.get("feld"),
            "status": cleaned.get("status") or None,
            "network": cleaned.get("netzwerk") or None,
            "municipality": cleaned.get("kommune") or None,
        }

    def has_active_filters(self):
        return any(value not in (None, "") for value in self.filters().values())
