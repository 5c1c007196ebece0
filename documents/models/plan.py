"""The Maßnahmenplan 2020+: a plan, its Handlungsfelder (fields of action) and their Maßnahmen (measures).

A measure's implementation status has a history: every change is kept as a MeasureStatusChange row, written by
`documents.plan_services.measure_save` (the admin goes through it too).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import (
    MarkdownField,
    PublishableModel,
    PublishableQuerySet,
    Status,
    TimestampedModel,
    content_history,
)

__all__ = ["ActionField", "Measure", "MeasureQuerySet", "MeasureStatusChange", "Plan"]


class Plan(PublishableModel):
    """The Maßnahmenplan (there is normally one; the newest published one is shown)."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    adopted_at_event = models.ForeignKey(
        "forums.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("beschlossen beim Treffen"),
        help_text=_("Das Dezernententreffen, bei dem der Plan beschlossen wurde."),
    )
    adoption_note = models.CharField(
        _("Beschluss (Text)"),
        max_length=300,
        blank=True,
        help_text=_("Wann und wo beschlossen, in Worten, z. B. „Anfang 2018 beim 3. Dezernententreffen“."),
    )
    presented_on = models.DateField(_("öffentlich vorgestellt am"), null=True, blank=True)
    is_presented_month_only = models.BooleanField(
        _("nur Monat bekannt"),
        default=False,
        help_text=_("Dann wird nur Monat und Jahr des Vorstellungsdatums angezeigt."),
    )
    introduction = MarkdownField(_("Einleitung"), blank=True, help_text=_("Markdown."))
    goals = MarkdownField(_("Ziele"), blank=True, help_text=_("Markdown."))

    history = content_history()

    class Meta:
        verbose_name = _("Maßnahmenplan")
        verbose_name_plural = _("Maßnahmenpläne")
        ordering = ["-presented_on", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:plan-detail")


class ActionField(TimestampedModel):
    """A Handlungsfeld of the plan; it orders and groups the measures."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="action_fields", verbose_name=_("Plan"))
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200)
    description = MarkdownField(_("Beschreibung"), blank=True, help_text=_("Markdown."))
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet das Handlungsfeld öffentlich als Beispiel.")
    )

    history = content_history()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="documents_actionfield_unique_number"),
            models.UniqueConstraint(fields=["plan", "slug"], name="documents_actionfield_unique_slug"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class MeasureQuerySet(PublishableQuerySet):
    def published(self):
        """Published measures of a published plan."""
        return self.filter(status=Status.PUBLISHED, action_field__plan__status=Status.PUBLISHED)


class Measure(PublishableModel):
    """A Maßnahme: numbered within its Handlungsfeld, with an implementation status whose changes are kept."""

    class ImplementationStatus(models.TextChoices):
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        DONE = "done", _("umgesetzt")
        DEFERRED = "deferred", _("zurückgestellt")

    action_field = models.ForeignKey(
        ActionField, on_delete=models.CASCADE, related_name="measures", verbose_name=_("Handlungsfeld")
    )
    number = models.CharField(_("Nummer"), max_length=20, help_text=_("Etwa „2.3“."))
    title = models.CharField(_("Titel"), max_length=250)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    description = MarkdownField(_("Beschreibung"), blank=True, help_text=_("Markdown."))
    goal = models.TextField(_("Ziel"), blank=True)
    implementation_status = models.CharField(
        _("Umsetzungsstand"),
        max_length=16,
        choices=ImplementationStatus,
        default=ImplementationStatus.PLANNED,
        db_index=True,
    )
    time_frame = models.CharField(_("Zeitrahmen"), max_length=100, blank=True, help_text=_("Etwa „2020–2025“."))
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet die Maßnahme öffentlich als Beispiel.")
    )
    networks = models.ManyToManyField(
        "networks.Network", related_name="measures", blank=True, verbose_name=_("verantwortliche Netzwerke")
    )
    municipalities = models.ManyToManyField(
        "networks.Municipality", related_name="measures", blank=True, verbose_name=_("beteiligte Kommunen")
    )
    documents = models.ManyToManyField(
        "documents.Document", related_name="measures", blank=True, verbose_name=_("zugehörige Dokumente")
    )
    origin_event = models.ForeignKey(
        "forums.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("entstanden bei"),
        help_text=_(
            "Das Experten-Forum oder Dezernententreffen, bei dem die Maßnahme vorgeschlagen oder beschlossen wurde."
        ),
    )

    objects = MeasureQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["action_field__number", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["action_field", "number"], name="documents_measure_unique_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("documents:measure-detail", kwargs={"slug": self.slug})


class MeasureStatusChange(models.Model):
    """One change of a measure's implementation status: its history on the measure's page."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("Maßnahme")
    )
    old_status = models.CharField(_("vorher"), max_length=16, choices=Measure.ImplementationStatus, blank=True)
    new_status = models.CharField(_("nachher"), max_length=16, choices=Measure.ImplementationStatus)
    changed_on = models.DateField(_("geändert am"))
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measure_status_changes",
        verbose_name=_("geändert von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Statusänderung")
        verbose_name_plural = _("Statusänderungen")
        ordering = ["changed_on", "created_at", "id"]

    def __str__(self):
        return f"{self.get_new_status_display()} ({self.changed_on:%d.%m.%Y})"
