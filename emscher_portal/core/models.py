"""The shared models: abstract bases every content model builds on, and the rows of the shared machinery.

The concrete models here (former slugs, the content version, the search index, the operator's details) belong to
the `emscher_portal` app label — their tables and migrations have always lived there — while the code lives with
the machinery that uses them. Nothing here knows a content app.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from emscher_portal.core.files import random_name
from emscher_portal.core.uploads.renditions import RenditionsMixin
from emscher_portal.core.widgets import MarkdownWidget


class MarkdownField(models.TextField):
    """Editor-written Markdown, shown to readers through core.markup (the `|markdown` filter).

    In the database and in migrations a plain TextField; in forms a textarea with the Markdown rules beside it and a
    preview of the rendered text (core.widgets.MarkdownWidget), whatever widget the admin would give a TextField.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "widget": MarkdownWidget})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class Picture(RenditionsMixin, TimestampedModel):
    """A picture of a content object (an event's photo, an article's image): its facts, its text alternative and its
    renditions. A concrete model adds the object it belongs to and `image` (an ImageField with width_field="width",
    height_field="height" and its own upload folder)."""

    width = models.PositiveIntegerField(_("Breite"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("Höhe"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_("Was ist auf dem Bild zu sehen? Für Menschen, die das Bild nicht sehen können."),
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(_("Fotonachweis"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_cover = models.BooleanField(_("Titelbild"), default=False)
    renditions = models.JSONField(_("Bildgrößen"), default=dict, blank=True, editable=False)
    renditions_source = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.alt_text


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")


def content_history(**options):
    """The history of a content model (who changed what when, old and new values, restore in the admin):
    `history = content_history()` on the model. django-simple-history writes a row per save and delete, also for
    saves by services, bulk actions and the publication schedule; the user comes from the request (middleware)."""
    return HistoricalRecords(**options)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (drafts included), only published content for everyone else — and for whoever
        opens a preview link (`core.preview.PreviewViewer`), the published content plus that one draft."""
        if user.is_staff:
            return self.all()
        previewed = getattr(user, "previewed", None)
        if isinstance(previewed, self.model):
            return self.published() | self.filter(pk=previewed.pk)
        return self.published()

    def scheduled(self):
        """Objects with a publication or withdrawal still ahead (or due)."""
        return self.filter(
            Q(status=Status.DRAFT, publish_at__isnull=False) | Q(status=Status.PUBLISHED, unpublish_at__isnull=False)
        )


class PublishableModel(TimestampedModel):
    status = models.CharField(_("Status"), max_length=16, choices=Status, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        _("Veröffentlichen am"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Ein Entwurf wird zu dieser Minute veröffentlicht, ohne dass jemand angemeldet sein muss."),
    )
    unpublish_at = models.DateTimeField(
        _("Zurückziehen am"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Ein veröffentlichter Inhalt wird zu dieser Minute wieder zum Entwurf."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": _("„Zurückziehen am“ muss nach „Veröffentlichen am“ liegen.")})


class OldSlug(models.Model):
    """A slug an object had before an editor changed it; requests for it are redirected to the object's new URL."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("Inhaltstyp")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    slug = models.SlugField(_("alter Kurzname"), max_length=200)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("alter Kurzname")
        verbose_name_plural = _("alte Kurznamen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="emscher_portal_oldslug_unique_per_type"),
        ]

    def __str__(self):
        return self.slug


class SearchEntry(models.Model):
    """One unit the site search can find: a content object, or one page of an uploaded PDF.

    Rows are written only for public content by `emscher_portal.core.search` (the change map and
    `rebuild_search_index`); drafts, withdrawn objects and members without consent never get a row. `kind` is the
    kind its adapter declares (see `core.search.registry`). On Postgres `search_vector` holds
    title (A), summary (B) and body (C) in the `german` configuration and has a GIN index (created in the migration,
    Postgres only); it decides what matches. `head_vector` holds only title and summary, is small, and ranks.
    A unit that is part of another (a programme item of its event) names that parent (`parent_type`, `parent_id`,
    `parent_title`) and never ranks above it; units of one kind with the same `group_key` are shown as one hit that
    lists them.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", verbose_name=_("Inhaltstyp")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    page = models.PositiveIntegerField(_("Seite"), default=0, help_text=_("0 für das Objekt, sonst PDF-Seite."))
    kind = models.CharField(_("Art"), max_length=32)
    title = models.CharField(_("Titel"), max_length=300)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = models.TextField(_("Text"), blank=True)
    url = models.CharField(_("Adresse"), max_length=500)
    date = models.DateField(_("Datum"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    date_text = models.CharField(_("Datum (Anzeige)"), max_length=100, blank=True)
    group_key = models.CharField(
        _("Gruppe"), max_length=300, blank=True, help_text=_("Treffer derselben Art und Gruppe erscheinen als einer.")
    )
    parent_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Inhaltstyp des übergeordneten Inhalts"),
    )
    parent_id = models.PositiveBigIntegerField(_("ID des übergeordneten Inhalts"), null=True, blank=True)
    parent_title = models.CharField(_("Titel des übergeordneten Inhalts"), max_length=300, blank=True)
    search_vector = SearchVectorField(_("Suchvektor"), null=True, editable=False)
    head_vector = SearchVectorField(_("Suchvektor Titel und Kurzbeschreibung"), null=True, editable=False)

    class Meta:
        verbose_name = _("Suchindex-Eintrag")
        verbose_name_plural = _("Suchindex-Einträge")
        ordering = ["content_type", "object_id", "page"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "page"], name="emscher_portal_searchentry_unique_unit"
            ),
        ]

    def __str__(self):
        return self.title


class ContentVersion(models.Model):
    """The site-wide content version: one row, counted up after every committed content change.

    The page cache (`emscher_portal.core.pagecache`) puts the version into every key, so a change makes every
    cached page unreachable at once. With a process-local cache the row is read on each request; with a shared
    cache (Redis) it is the durable part of the version token kept there, so a flushed cache never brings back
    an old token.
    """

    value = models.PositiveBigIntegerField(_("Version"), default=0)
    changed_at = models.DateTimeField(_("zuletzt geändert"), null=True, blank=True)
    # When the next scheduled publication or withdrawal is due (core.scheduling); read in the same query as the
    # version, so the page cache's check for due transitions costs nothing.
    schedule_due_at = models.DateTimeField(_("nächster geplanter Statuswechsel"), null=True, blank=True)

    class Meta:
        verbose_name = _("Inhaltsversion")
        verbose_name_plural = _("Inhaltsversionen")
        ordering = ["pk"]

    def __str__(self):
        return str(self.value)


class SearchTerm(models.Model):
    """A word that occurs in indexed text, for „Meinten Sie …?“ (trigram index on Postgres).

    Filled by `emscher_portal.core.search` when it indexes (member names are never added); `rebuild_search_index` starts
    it afresh. A suggestion is only shown when it finds something, so a word of since withdrawn content never shows.
    """

    word = models.CharField(_("Wort"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")
        ordering = ["word"]

    def __str__(self):
        return self.word


class TaskWorker(models.Model):
    """A task worker process (`manage.py db_worker`) and its heartbeat (`emscher_portal.core.worker`).

    A worker writes `seen_at` every TASK_WORKER_HEARTBEAT_SECONDS, also while a task runs. A running task whose
    worker has not been seen for TASK_WORKER_LOST_SECONDS is recovered by another worker; `picked_up_at` tells
    /readyz whether the queue moves.
    """

    worker_id = models.CharField(_("Kennung"), max_length=64, primary_key=True)
    hostname = models.CharField(_("Rechner"), max_length=255)
    pid = models.PositiveIntegerField(_("Prozessnummer"))
    started_at = models.DateTimeField(_("gestartet am"))
    seen_at = models.DateTimeField(_("zuletzt gemeldet am"))
    picked_up_at = models.DateTimeField(_("zuletzt einen Task übernommen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Task-Worker")
        verbose_name_plural = _("Task-Worker")
        ordering = ["-seen_at"]

    def __str__(self):
        return self.worker_id


class PeriodicJob(models.Model):
    """The last run of one periodic job (`emscher_portal.core.worker.periodic`): a row per registered job.

    A worker claims the row before it runs the job (`running_worker_id`), so that several workers never run the
    same job at the same time.
    """

    name = models.CharField(_("Name"), max_length=200, unique=True)
    running_worker_id = models.CharField(_("läuft gerade auf Worker"), max_length=64, blank=True)
    last_started_at = models.DateTimeField(_("zuletzt gestartet am"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("zuletzt beendet am"), null=True, blank=True)
    last_succeeded = models.BooleanField(_("zuletzt erfolgreich"), null=True)
    last_result = models.TextField(_("Ergebnis oder Fehler des letzten Laufs"), blank=True)

    class Meta:
        verbose_name = _("Regelmäßige Aufgabe")
        verbose_name_plural = _("Regelmäßige Aufgaben")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LimitCounter(models.Model):
    """One counter of `emscher_portal.core.limits`, used when no shared cache is configured: hits of one client
    in one time window (e.g. contact messages per IP and hour), or the one use of a single-use token.

    The key is a keyed hash (HMAC with SECRET_KEY) of what is counted, so no IP address or token is stored; rows
    past `expires_at` mean nothing any more and are deleted by a periodic job.
    """

    key = models.CharField(_("Schlüssel"), max_length=64, primary_key=True)
    count = models.PositiveIntegerField(_("Anzahl"), default=0)
    expires_at = models.DateTimeField(_("gilt bis"), db_index=True)

    class Meta:
        verbose_name = _("Zähler einer Begrenzung")
        verbose_name_plural = _("Zähler der Begrenzungen")
        ordering = ["expires_at"]

    def __str__(self):
        return self.key


class PreviewLink(models.Model):
    """A signed link that shows one draft (its page and its PDF) to people without an account, read-only.

    Made by an editor on the object's admin page; valid until `expires_at` unless revoked. The URL carries
    `key` signed with SECRET_KEY (`emscher_portal.core.preview`), so a guessed or altered link is refused before
    the database is asked.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", verbose_name=_("Inhaltstyp")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    key = models.CharField(_("Schlüssel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    expires_at = models.DateTimeField(_("gültig bis"))
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Vorschau-Link")
        verbose_name_plural = _("Vorschau-Links")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="emscher_portal_preview_object")]

    def __str__(self):
        return str(self.expires_at)

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class SiteOperator(TimestampedModel):
    """Who runs the portal, as the law asks a site to say it (§ 5 DDG, § 18 Abs. 2 MStV): one row, edited in the admin.

    Read through `core.site.site_operator()`. The Impressum, the footer of every page and the imprint block of every
    generated PDF show it; `core.site.site_operator_missing()` names the required details still empty (the deploy
    check warns about them, and the Impressum says plainly which are not filled in yet).
    """

    SINGLE_ROW = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLE_ROW, editable=False)
    publisher = models.CharField(
        _("Herausgeber"),
        max_length=200,
        blank=True,
        help_text=_("Unter welchem Namen das Portal erscheint, z. B. der Name der Initiative."),
    )
    legal_entity = models.CharField(
        _("Rechtsträger"),
        max_length=300,
        blank=True,
        help_text=_("Die Körperschaft oder Einrichtung, die das Portal betreibt, mit Rechtsform."),
    )
    represented_by = models.CharField(
        _("Vertreten durch"),
        max_length=300,
        blank=True,
        help_text=_("Wer den Rechtsträger vertreten darf, mit Funktion."),
    )
    address = models.TextField(
        _("Anschrift"), blank=True, help_text=_("Straße und Hausnummer, Postleitzahl und Ort; eine Angabe je Zeile.")
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True, help_text=_("Freiwillig."))
    content_responsible = models.CharField(
        _("Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)"),
        max_length=200,
        blank=True,
        help_text=_("Name der Person, die für die redaktionellen Inhalte verantwortlich ist."),
    )
    content_responsible_address = models.TextField(
        _("Anschrift der verantwortlichen Person"),
        blank=True,
        help_text=_("Leer lassen, wenn es die Anschrift des Rechtsträgers ist."),
    )
    data_protection_officer = models.TextField(
        _("Datenschutzbeauftragte oder Datenschutzbeauftragter"),
        blank=True,
        help_text=_("Kontakt für Fragen zum Datenschutz; die Datenschutzerklärung nennt ihn."),
    )
    supervisory_authority = models.TextField(
        _("Aufsichtsbehörde"),
        blank=True,
        help_text=_("Nur, wenn für den Rechtsträger eine Aufsichtsbehörde zuständig ist: Name und Anschrift."),
    )
    licence = models.CharField(
        _("Lizenz der Inhalte"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel „CC BY 4.0“. Leer bedeutet: alle Rechte vorbehalten."),
    )

    history = content_history()

    # The details the Impressum cannot do without (§ 5 DDG, § 18 Abs. 2 MStV), in the order of the form.
    REQUIRED = ("publisher", "legal_entity", "represented_by", "address", "email", "content_responsible")

    class Meta:
        verbose_name = _("Betreiberangaben")
        verbose_name_plural = _("Betreiberangaben")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="emscher_portal_siteoperator_single_row"),
        ]

    def __str__(self):
        return str(_("Betreiberangaben"))

    @property
    def content_responsible_address_display(self):
        return self.content_responsible_address or self.address

    @property
    def missing(self):
        """(field name, German label) of each required detail that is still empty, in the order of the form."""
        return [
            (name, str(self._meta.get_field(name).verbose_name))
            for name in self.REQUIRED
            if not getattr(self, name).strip()
        ]


def _partner_logo_path(instance, filename):
    # A random, unguessable name; the extension comes from the checked content (image_upload_clean names it).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return random_name("partner-logos", f".{suffix}")


class PartnerLogo(TimestampedModel):
    """A partner's logo on the cover of every generated PDF. Only what the Redaktion uploads is shown: there are none
    until then (the demo invents none).

    The upload is checked by content like a photo (`core.uploads.images`: JPEG, PNG or WebP, metadata removed) and
    needs a text alternative, which the PDF's tags carry for screen readers.
    """

    name = models.CharField(_("Partner"), max_length=200, help_text=_("Name der Einrichtung, deren Logo es ist."))
    image = models.ImageField(
        _("Logo"),
        upload_to=_partner_logo_path,
        width_field="width",
        height_field="height",
        help_text=_("PNG, JPEG oder WebP; in der Druckgröße von höchstens 18 mm Höhe gezeigt."),
    )
    width = models.PositiveIntegerField(_("Breite"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("Höhe"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=200,
        help_text=_("Was das Logo zeigt, meist der Name des Partners, z. B. „Logo der Emschergenossenschaft“."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_shown = models.BooleanField(_("auf Titelseiten der PDFs zeigen"), default=True)

    history = content_history()

    class Meta:
        verbose_name = _("Partnerlogo")
        verbose_name_plural = _("Partnerlogos")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Confirmation(models.Model):
    """A request to confirm an e-mail address for one purpose (a proposal, a ballot, an alert): the one
    confirmation mechanism of the portal (`emscher_portal.core.confirmation`).

    The mail carries a signed link with `key`; opening it shows a page with a button, and only that POST confirms
    (mail scanners follow links). A new link replaces `key`, so older links stop working. `email` is kept only
    until the request is confirmed or deleted; `email_hash` (a keyed hash of the normalised address) is what the
    purpose may keep to recognise the address later. Unconfirmed requests are deleted by a periodic job after
    they expired, together with what they would have confirmed.
    """

    purpose = models.CharField(_("Zweck"), max_length=64, db_index=True)
    key = models.CharField(_("Schlüssel"), max_length=64)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    email_hash = models.CharField(_("Schlüssel der Adresse"), max_length=64, db_index=True)
    payload = models.JSONField(_("Daten"), default=dict, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"), db_index=True)
    mailed_at = models.DateTimeField(_("Link verschickt am"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Bestätigung")
        verbose_name_plural = _("Bestätigungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.purpose} ({self.created_at:%Y-%m-%d})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_expired(self):
        return not self.is_confirmed and self.expires_at <= timezone.now()
