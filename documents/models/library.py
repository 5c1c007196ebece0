"""The document library: uploaded PDFs with their versions and the text of every page."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.storage import document_storage
from emscher_portal.core.files import random_folder, random_name
from emscher_portal.core.models import (
    MarkdownField,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    content_history,
)
from emscher_portal.core.site import ORGANISATION_NAME

DEFAULT_ISSUER = ORGANISATION_NAME
# Datenlizenz Deutschland – Namensnennung – Version 2.0, the default licence of open government data in Germany.
DEFAULT_LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"


def document_upload_to(instance, filename):
    # A random folder per upload: names are never guessable and two uploads never collide.
    # `filename` has already been normalised by the ingest service (no path, ASCII, .pdf).
    return random_folder("", filename)


def preview_upload_to(instance, filename):
    # Previews live in public media; a random name keeps a draft's preview from being found by guessing.
    return random_name("documents/previews", ".png")


def file_size_display(size):
    """German file size for people: „3,1 MB“, „240 KB“."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


class DocumentKind(models.TextChoices):
    DOCUMENTATION = "dokumentation", _("Dokumentation")
    PRESENTATION = "praesentation", _("Präsentation")
    MINUTES = "ergebnisprotokoll", _("Ergebnisprotokoll")
    POSITION_PAPER = "positionspapier", _("Positionspapier")
    PLAN = "plan", _("Plan")
    OTHER = "sonstiges", _("Sonstiges")


class DocumentLanguage(models.TextChoices):
    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")


class DocumentQuerySet(PublishableQuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)


class Document(PublishableModel):
    """An uploaded PDF in the library. Its file is the newest DocumentVersion; earlier versions stay downloadable."""

    title = models.CharField(_("Titel"), max_length=250)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=32, choices=DocumentKind, default=DocumentKind.DOCUMENTATION)
    year = models.PositiveSmallIntegerField(_("Jahr"), db_index=True)
    language = models.CharField(_("Sprache"), max_length=8, choices=DocumentLanguage, default=DocumentLanguage.GERMAN)
    description = MarkdownField(_("Beschreibung"), blank=True, help_text=_("Kurzer Text für die Seite (Markdown)."))
    issuer = models.CharField(
        _("Herausgeber"),
        max_length=250,
        default=DEFAULT_ISSUER,
        help_text=_("Erscheint in der Zitierangabe („Zitieren als“)."),
    )
    event = models.ForeignKey(
        "forums.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("Veranstaltung"),
    )
    networks = models.ManyToManyField(
        "networks.Network", related_name="documents", blank=True, verbose_name=_("Experten-Netzwerke")
    )

    file = models.FileField(_("Datei"), storage=document_storage, upload_to=document_upload_to, max_length=255)
    filename = models.CharField(_("Dateiname"), max_length=200, editable=False)
    file_size = models.PositiveBigIntegerField(_("Dateigröße (Bytes)"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256-Prüfsumme"), max_length=64, blank=True, editable=False)
    sha1 = models.CharField(_("SHA-1-Prüfsumme"), max_length=40, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("Seitenzahl"), null=True, blank=True, editable=False)
    licence = models.URLField(
        _("Lizenz (URI)"),
        max_length=300,
        default=DEFAULT_LICENCE,
        help_text=_(
            "Unter welcher Lizenz das Dokument weitergegeben werden darf, als URI aus dem Lizenz-Vokabular von "
            "DCAT-AP.de. Voreingestellt: Datenlizenz Deutschland – Namensnennung 2.0."
        ),
    )
    preview = models.ImageField(
        _("Vorschaubild"),
        upload_to=preview_upload_to,
        blank=True,
        editable=False,
        width_field="preview_width",
        height_field="preview_height",
    )
    preview_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    preview_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    extracted_at = models.DateTimeField(_("Text ausgelesen am"), null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["status", "-year", "-created_at"], name="documents_doc_status_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:document-detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("documents:document-download", kwargs={"slug": self.slug})

    @property
    def size_display(self):
        return file_size_display(self.file_size)

    @property
    def preview_alt(self):
        return _("Erste Seite von „%(title)s“") % {"title": self.title}


class DocumentVersion(TimestampedModel):
    """One uploaded file of a document. The newest is the document's current file; none is ever overwritten."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("Dokument")
    )
    number = models.PositiveIntegerField(_("Version"))
    file = models.FileField(_("Datei"), storage=document_storage, upload_to=document_upload_to, max_length=255)
    filename = models.CharField(_("Dateiname"), max_length=200)
    file_size = models.PositiveBigIntegerField(_("Dateigröße (Bytes)"))
    sha256 = models.CharField(_("SHA-256-Prüfsumme"), max_length=64)
    sha1 = models.CharField(_("SHA-1-Prüfsumme"), max_length=40, blank=True)
    page_count = models.PositiveIntegerField(_("Seitenzahl"))
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        verbose_name = _("Dokumentversion")
        verbose_name_plural = _("Dokumentversionen")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_documentversion_unique_number"),
        ]

    def __str__(self):
        return f"{self.filename} (v{self.number})"

    @property
    def size_display(self):
        return file_size_display(self.file_size)

    def get_download_url(self):
        return reverse(
            "documents:document-version-download", kwargs={"slug": self.document.slug, "number": self.number}
        )


class DocumentPage(models.Model):
    """The extracted text of one page of a document's current file; search links to `#page=<number>`."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages", verbose_name=_("Dokument"))
    number = models.PositiveIntegerField(_("Seite"))
    text = models.TextField(_("Text"), blank=True)

    class Meta:
        verbose_name = _("Dokumentseite")
        verbose_name_plural = _("Dokumentseiten")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_documentpage_unique_number"),
        ]

    def __str__(self):
        return f"{self.document_id} S. {self.number}"

    def get_absolute_url(self):
        return f"{reverse('documents:document-download', kwargs={'slug': self.document.slug})}#page={self.number}"
