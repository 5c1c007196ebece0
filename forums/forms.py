from django import forms
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.filtering import FilterForm
from emscher_portal.core.uploads.images import CheckedImageForm
from forums.models import Event, Photo


class EventFilterForm(FilterForm):
    """The filters of /foren/ (?jahr=, ?art=, ?stadt=); choices come from what the archive holds."""

    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    art = forms.ChoiceField(label=_("Art"), required=False)
    stadt = forms.ChoiceField(label=_("Stadt"), required=False)

    def __init__(self, data=None, *, years, cities):
        super().__init__(data)
        self.cities = {city.slug: city for city in cities}
        self.fields["jahr"].choices = [("", _("alle Jahre"))] + [(str(y), str(y)) for y in years]
        self.fields["art"].choices = [("", _("alle Arten"))] + list(Event.Kind.choices)
        self.fields["stadt"].choices = [("", _("alle Städte"))] + [(c.slug, c.name) for c in cities]
        for name in ("jahr", "art", "stadt"):
            self.fields[name].error_messages["invalid_choice"] = {
                "jahr": _("Für das Jahr „%(value)s“ gibt es keine Veranstaltungen im Archiv."),
                "art": _("Die Art „%(value)s“ gibt es nicht. Möglich sind Experten-Forum und Dezernententreffen."),
                "stadt": _("Zur Stadt „%(value)s“ gibt es keine Veranstaltungen im Archiv."),
            }[name]
            self.fields[name].error_messages["invalid"] = self.fields[name].error_messages["invalid_choice"]

    def filters(self):
        """Keyword arguments for the list selector; call only when the form is valid."""
        slug = self.cleaned_data.get("stadt")
        return {
            "year": self.cleaned_data.get("jahr"),
            "kind": self.cleaned_data.get("art") or None,
            "city": self.cities[slug] if slug else None,
        }


class PhotoAdminForm(CheckedImageForm):
    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit", "position", "is_cover"]
