"""What several public forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin:
    """A field hidden from people by CSS (`.contact-form__trap`), filled by naive bots. A filled trap is no error
    shown to anyone: the view pretends success and stores nothing. A form calls `add_trap()` in its __init__."""

    def add_trap(self):
        self.fields["website"] = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_trap_filled(self):
        return bool(self.data.get("website"))
