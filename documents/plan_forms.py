"""The Maßnahmenplan's filter form (GET, works without JavaScript), on the shared mechanism of core.filtering."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Measure
from emscher_portal.core.filtering import FilterForm

NOT_APPLIED = _("Diese Auswahl gibt es nicht; der Filter wurde nicht angewendet.")


class MeasureFilterForm(FilterForm):
    """Filters by Handlungsfeld, status, network and municipality. Choices are handed in already loaded, so that
    validating a value costs no query."""

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
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = NOT_APPLIED
            field.error_messages["invalid"] = NOT_APPLIED

    def filters(self):
        """Keyword arguments for `measure_list_for_plan`; a field with a bad value is left out."""
        cleaned = self.cleaned_data
        return {
            "field": cleaned.get("feld"),
            "status": cleaned.get("status") or None,
            "network": cleaned.get("netzwerk") or None,
            "municipality": cleaned.get("kommune") or None,
        }
