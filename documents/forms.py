"""Forms of the document library: the filters of /dokumente/ and the Redaktion's upload form.

The Maßnahmenplan's forms live in `documents.plan_forms`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentKind
from emscher_portal.core.filtering import FilterForm
from emscher_portal.core.uploads.pdf import pdf_check_upload


class DocumentFilterForm(FilterForm):
    """?art=, ?jahr=, ?veranstaltung=, ?netzwerk= of /dokumente/; choices come from what the library holds."""

    art = forms.ChoiceField(label=_("Art"), required=False)
    jahr = forms.TypedChoiceField(label=_("Jahr"), required=False, coerce=int, empty_value=None)
    veranstaltung = forms.ChoiceField(label=_("Veranstaltung"), required=False)
    netzwerk = forms.ChoiceField(label=_("Experten-Netzwerk"), required=False)

    def __init__(self, data=None, *, years, events, networks):
        super().__init__(data)
        self.events = {event.slug: event for event in events}
        self.networks = {network.slug: network for network in networks}
        self.fields["art"].choices = [("", _("alle Arten")), *DocumentKind.choices]
        self.fields["jahr"].choices = [("", _("alle Jahre"))] + [(str(year), str(year)) for year in years]
        self.fields["veranstaltung"].choices = [("", _("alle Veranstaltungen"))] + [
            (event.slug, event.title) for event in events
        ]
        self.fields["netzwerk"].choices = [("", _("alle Netzwerke"))] + [
            (network.slug, network.name) for network in networks
        ]
        messages = {
            "art": _("Die Art „%(value)s“ gibt es in der Bibliothek nicht."),
            "jahr": _("Für das Jahr „%(value)s“ gibt es keine Dokumente."),
            "veranstaltung": _("Zur Veranstaltung „%(value)s“ gibt es keine Dokumente."),
            "netzwerk": _("Zum Netzwerk „%(value)s“ gibt es keine Dokumente."),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["invalid_choice"] = message
            self.fields[name].error_messages["invalid"] = message

    def filters(self):
        """Keyword arguments for document_list_visible; call only when the form is valid."""
        event_slug = self.cleaned_data.get("veranstaltung")
        network_slug = self.cleaned_data.get("netzwerk")
        return {
            "kind": self.cleaned_data.get("art") or None,
            "year": self.cleaned_data.get("jahr"),
            "event": self.events[event_slug] if event_slug else None,
            "network": self.networks[network_slug] if network_slug else None,
        }


class DocumentAdminForm(forms.ModelForm):
    """The Redaktion's form: the PDF is checked by its content before anything is stored.

    A new upload replaces the current file; the earlier file stays downloadable as an older version.
    """

    upload = forms.FileField(
        label=_("PDF-Datei"),
        required=False,
        help_text=_(
            "Nur PDF-Dateien, unverschlüsselt. Eine neue Datei ersetzt die aktuelle; die bisherige bleibt als "
            "ältere Version abrufbar, die Adresse des Dokuments ändert sich nicht."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Document
        fields = ["title", "slug", "kind", "year", "language", "issuer", "description", "event", "networks", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Wird aus dem Titel erzeugt, wenn leer. Nach dem Veröffentlichen nicht ändern."
        )
        self.pdf_facts = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.pdf_facts = pdf_check_upload(upload)
        elif not (self.instance.pk and self.instance.file):
            raise ValidationError(_("Bitte laden Sie eine PDF-Datei hoch."), code="required")
        return upload
