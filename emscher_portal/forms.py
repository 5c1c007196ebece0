"""Forms of the site-wide app: input validation only, writes go through services."""

import secrets
import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.forms import HoneypotMixin
from emscher_portal.models import ContactMessage, SignLanguageVideo
from emscher_portal.services import contact_form_token_use, contact_rate_limit_hit, sign_language_video_prepare

FORM_STARTED_SALT = "emscher_portal.contact.started"
# A token older than this is stale (a tab left open for days); the reader simply sends the form again.
FORM_STARTED_MAX_AGE = 24 * 60 * 60


def contact_form_started_token(now=None):
    """A signed timestamp put into the form when it is shown; checked for the minimum fill time when sent, and
    accepted once (a random part makes every rendering's token unique)."""
    started = now if now is not None else time.time()
    return signing.dumps([started, secrets.token_urlsafe(9)], salt=FORM_STARTED_SALT)


class ContactForm(HoneypotMixin, forms.ModelForm):
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "subject", "message", "wants_to_join"]
        labels = {"wants_to_join": _("Ich möchte in der Arbeitsgruppe mitwirken")}
        help_texts = {
            "wants_to_join": _("Die Arbeitsgruppe bereitet das jährliche Experten-Forum vor; sie steht allen offen."),
            "organisation": _("Freiwillig, zum Beispiel Ihre Kommune oder Ihr Fachbereich."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, client_ip="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client_ip = client_ip
        self.add_trap()
        if not self.is_bound:
            self.initial["started"] = contact_form_started_token()

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=FORM_STARTED_SALT, max_age=FORM_STARTED_MAX_AGE)
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                _("Das Formular war zu lange geöffnet. Bitte senden Sie es noch einmal ab."), code="stale"
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("Das Formular konnte nicht geprüft werden. Bitte senden Sie es noch einmal ab."), code="invalid"
            ) from exc
        if not (isinstance(started, list) and len(started) == 2 and isinstance(started[0], int | float)):
            raise forms.ValidationError(
                _("Das Formular konnte nicht geprüft werden. Bitte senden Sie es noch einmal ab."), code="invalid"
            )
        started = started[0]
        if time.time() - started < settings.CONTACT_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular noch einmal ab."),
                code="too_fast",
            )
        return started

    def clean(self):
        cleaned = super().clean()
        # Count only messages that would otherwise go through, so a typo does not use up the reader's quota.
        if self.errors or self.is_trap_filled:
            return cleaned
        if contact_rate_limit_hit(client_ip=self.client_ip):
            raise forms.ValidationError(
                _("Von Ihrem Anschluss kamen in der letzten Stunde schon mehrere Nachrichten. Bitte versuchen Sie es "
                  "später noch einmal oder schreiben Sie uns direkt eine E-Mail."),
                code="rate_limited",
            )  # fmt: skip
        # Each rendering of the form sends one message: the same token sent again (a replay, a double click) is
        # refused, wherever it arrives.
        if not contact_form_token_use(token=self.data["started"], valid_for=timedelta(seconds=FORM_STARTED_MAX_AGE)):
            self.add_error(
                "started",
                forms.ValidationError(
                    _("Diese Nachricht wurde bereits gesendet. Möchten Sie eine weitere senden, schicken Sie das "
                      "Formular bitte noch einmal ab."),
                    code="used",
                ),
            )  # fmt: skip
        return cleaned

    def fresh_started_token(self):
        """After an error the reader corrects the form; the fill time counts from the new rendering."""
        data = self.data.copy()
        data["started"] = contact_form_started_token()
        self.data = data


class SignLanguageVideoAdminForm(forms.ModelForm):
    class Meta:
        model = SignLanguageVideo
        fields = ["title", "video", "description", "is_published"]

    def clean_video(self):
        upload = self.cleaned_data["video"]
        # Only a new upload is checked; an unchanged file was checked when it came in.
        if isinstance(upload, UploadedFile):
            sign_language_video_prepare(video=self.instance, upload=upload)
        return upload
