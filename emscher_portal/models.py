"""Models of the top app: the editor-written text pages, the Gebärdensprache video and readers' messages."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.files import random_name
from emscher_portal.core.models import MarkdownField, PublishableModel, TimestampedModel, content_history


class LegalPage(PublishableModel):
    """A site-wide text page the Redaktion edits: Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache.

    One row per kind. The pages always exist publicly (the law requires them); until a row exists, or while it is
    a draft, the view says that the text is being written.
    """

    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutzerklärung")
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")

    kind = models.CharField(_("Seite"), max_length=32, choices=Kind, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    summary = models.CharField(
        _("Kurzbeschreibung"), max_length=300, blank=True, help_text=_("Für Suchmaschinen und Vorschauen.")
    )
    body = MarkdownField(
        _("Text"), help_text=_("Markdown: Absätze mit Leerzeile, ## Zwischenüberschrift, - Aufzählung, [Link](URL).")
    )

    history = content_history()

    class Meta:
        verbose_name = _("Rechtliche Seite oder Textseite")
        verbose_name_plural = _("Rechtliche Seiten und Textseiten")
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"legal-{self.kind}")


def _sign_language_video_path(instance, filename):
    # The stored name never comes from the uploader and is not guessable: a random name, a content-derived extension.
    return random_name("gebaerdensprache", f".{instance.video_format or 'bin'}")


class SignLanguageVideo(TimestampedModel):
    """A video in Deutsche Gebärdensprache for /gebaerdensprache/; the newest published one is shown."""

    title = models.CharField(_("Titel"), max_length=200)
    video = models.FileField(
        _("Video (MP4 oder WebM)"),
        upload_to=_sign_language_video_path,
        help_text=_("Nur MP4 oder WebM; der Dateiinhalt wird geprüft, nicht nur die Endung."),
    )
    video_format = models.CharField(_("Format"), max_length=8, editable=False, blank=True)
    file_size = models.PositiveBigIntegerField(_("Dateigröße (Byte)"), editable=False, default=0)
    duration_seconds = models.PositiveIntegerField(_("Länge (Sekunden)"), editable=False, null=True, blank=True)
    description = MarkdownField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Worum es im Video geht, als Text für alle, die das Video nicht sehen können (Markdown)."),
    )
    is_published = models.BooleanField(_("veröffentlicht"), default=False)

    history = content_history()

    class Meta:
        verbose_name = _("Video in Gebärdensprache")
        verbose_name_plural = _("Videos in Gebärdensprache")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def mime_type(self):
        return {"mp4": "video/mp4", "webm": "video/webm"}.get(self.video_format, "application/octet-stream")


class ContactMessage(TimestampedModel):
    """A message sent through /kontakt/. Kept only for CONTACT_RETENTION_DAYS, then purged by a command."""

    name = models.CharField(_("Name"), max_length=120)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    subject = models.CharField(_("Betreff"), max_length=200)
    message = models.TextField(_("Nachricht"), max_length=5000)
    wants_to_join = models.BooleanField(_("möchte in der Arbeitsgruppe mitwirken"), default=False)
    mailed_at = models.DateTimeField(_("per E-Mail weitergeleitet am"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Kontaktnachricht")
        verbose_name_plural = _("Kontaktnachrichten")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.name})"
