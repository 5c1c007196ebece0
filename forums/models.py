"""The events of the initiative: Experten-Foren and Dezernententreffen, with programme, workshops and photos."""

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.files import random_name
from emscher_portal.core.models import (
    MarkdownField,
    Picture,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    content_history,
)


class EventQuerySet(PublishableQuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_year(self, year):
        return self.filter(start_date__year=year)

    def upcoming(self, today=None):
        """Events from `today` on whose day is known (only those can go into a calendar)."""
        today = today or timezone.localdate()
        return self.filter(date_precision=Event.DatePrecision.DAY).filter(
            Q(start_date__gte=today) | Q(end_date__gte=today)
        )

    def past(self, today=None):
        """Events that are over before `today`, at the precision their date is known: a day-exact event whose
        (last) day is before today, a month-exact one of an earlier month, a year-exact one of an earlier year."""
        today = today or timezone.localdate()
        return self.filter(
            Q(date_precision=Event.DatePrecision.DAY, start_date__lt=today)
            & (Q(end_date__isnull=True) | Q(end_date__lt=today))
            | Q(date_precision=Event.DatePrecision.MONTH, start_date__lt=today.replace(day=1))
            | Q(date_precision=Event.DatePrecision.YEAR, start_date__lt=today.replace(month=1, day=1))
        )


class Event(PublishableModel):
    """An Experten-Forum or a Dezernententreffen.

    A date may be known only to the month or the year: `date_precision` says so, and `start_date` then holds the
    first day of that month or year, which is never shown as a day.
    """

    class Kind(models.TextChoices):
        EXPERT_FORUM = "experten-forum", _("Experten-Forum")
        DEPARTMENT_HEADS = "dezernententreffen", _("Dezernententreffen")

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Tag bekannt")
        MONTH = "month", _("nur Monat bekannt")
        YEAR = "year", _("nur Jahr bekannt")

    kind = models.CharField(_("Art"), max_length=32, choices=Kind, default=Kind.EXPERT_FORUM, db_index=True)
    edition = models.PositiveSmallIntegerField(
        _("Nummer"), null=True, blank=True, help_text=_("Die wievielte Veranstaltung dieser Art, z. B. 3.")
    )
    title = models.CharField(_("Titel"), max_length=200)
    motto = models.CharField(_("Motto / Thema"), max_length=300, blank=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    start_date = models.DateField(
        _("Datum (Beginn)"),
        db_index=True,
        help_text=_("Ist nur Monat oder Jahr bekannt, den 1. des Monats bzw. 1. Januar eintragen."),
    )
    date_precision = models.CharField(
        _("Genauigkeit des Datums"), max_length=8, choices=DatePrecision, default=DatePrecision.DAY
    )
    end_date = models.DateField(
        _("Datum (Ende)"), null=True, blank=True, help_text=_("Nur bei mehrtägigen Veranstaltungen.")
    )
    start_time = models.TimeField(_("Beginn (Uhrzeit)"), null=True, blank=True)
    end_time = models.TimeField(_("Ende (Uhrzeit)"), null=True, blank=True)
    host_city = models.ForeignKey(
        "networks.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Gastgeberstadt"),
    )
    venue = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=300, blank=True)
    teaser = models.TextField(_("Kurzbeschreibung"), max_length=500, blank=True)
    body = MarkdownField(_("Text"), blank=True, help_text=_("Markdown: Absätze, Listen, Links, Zwischenüberschriften."))
    networks = models.ManyToManyField(
        "networks.Network", blank=True, related_name="events", verbose_name=_("Experten-Netzwerke")
    )

    objects = EventQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="forums_event_end_after_start",
                violation_error_message=_("Das Enddatum darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(date_precision="day"),
                name="forums_event_end_date_needs_day_precision",
                violation_error_message=_("Ein Enddatum geht nur, wenn der Tag des Beginns bekannt ist."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cover_photo(self):
        """The event's picture on cards, page and PDF: the photo flagged as cover, else the first photo in order.

        Reads `gallery` (the photos in order, see forums.selectors.photos_prefetch) when it was prefetched."""
        photos = getattr(self, "gallery", None)
        if photos is None:
            photos = list(self.photos.order_by("position", "pk"))
        return next((photo for photo in photos if photo.is_cover), None) or next(iter(photos), None)

    def get_absolute_url(self):
        return reverse("forums:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.date_precision == self.DatePrecision.MONTH and self.start_date.day != 1:
            self.start_date = self.start_date.replace(day=1)
        if self.start_date and self.date_precision == self.DatePrecision.YEAR:
            self.start_date = self.start_date.replace(month=1, day=1)
        if self.start_time and self.end_time and not self.end_date and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("Das Ende darf nicht vor dem Beginn liegen.")})

    @property
    def edition_label(self):
        """„3. Experten-Forum“, or just the kind when the number is unknown."""
        if self.edition:
            return f"{self.edition}. {self.get_kind_display()}"
        return str(self.get_kind_display())

    @property
    def is_day_known(self):
        return self.date_precision == self.DatePrecision.DAY

    @property
    def is_multi_day(self):
        return bool(self.end_date and self.start_date and self.end_date > self.start_date)

    @property
    def date_display(self):
        """The date the German way, never more precise than known: „11. Dezember 2015“, „Februar 2017“, „2016“."""
        start = self.start_date
        if self.date_precision == self.DatePrecision.YEAR:
            return str(start.year)
        if self.date_precision == self.DatePrecision.MONTH:
            return date_format(start, "F Y")
        end = self.end_date
        if not end or end == start:
            return date_format(start, "j. F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}.–{date_format(end, 'j. F Y')}"
        if start.year == end.year:
            return f"{date_format(start, 'j. F')} – {date_format(end, 'j. F Y')}"
        return f"{date_format(start, 'j. F Y')} – {date_format(end, 'j. F Y')}"

    @property
    def time_display(self):
        if not self.start_time:
            return ""
        if self.end_time:
            return f"{self.start_time:%H:%M}–{self.end_time:%H:%M} Uhr"
        return f"ab {self.start_time:%H:%M} Uhr"

    @property
    def iso_start(self):
        """schema.org/ISO 8601 start, reduced to the known precision („2016“, „2017-02“)."""
        if self.date_precision == self.DatePrecision.YEAR:
            return f"{self.start_date:%Y}"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.start_date:%Y-%m}"
        if self.start_time:
            return datetime.datetime.combine(self.start_date, self.start_time).isoformat()
        return self.start_date.isoformat()


class ProgrammeItem(TimestampedModel):
    """One point of an event's programme. At an event of several days `day` says on which one it took place."""

    class Kind(models.TextChoices):
        WELCOME = "begruessung", _("Begrüßung")
        TALK = "vortrag", _("Vortrag")
        KEYNOTE = "impuls", _("Impuls")
        PANEL = "podium", _("Podium")
        WORKSHOP = "workshop", _("Workshop")
        EXHIBITION = "ausstellung", _("Ausstellung")
        EXCURSION = "exkursion", _("Exkursion")
        BREAK = "pause", _("Pause")
        OTHER = "sonstiges", _("Sonstiges")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="programme_items", verbose_name=_("Veranstaltung")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    day = models.DateField(
        _("Tag"),
        null=True,
        blank=True,
        help_text=_("Nur bei mehrtägigen Veranstaltungen."),
    )
    start_time = models.TimeField(_("Beginn"), null=True, blank=True)
    end_time = models.TimeField(_("Ende"), null=True, blank=True)
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=16, choices=Kind, default=Kind.TALK)
    description = models.TextField(_("Beschreibung"), blank=True)
    speakers = models.CharField(_("Mitwirkende / Moderation"), max_length=300, blank=True)

    history = content_history()

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["event", F("day").asc(nulls_last=True), "position", "start_time", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        event = getattr(self, "event", None)
        if self.day is None or event is None or not event.start_date:
            return
        if not event.is_day_known:
            raise ValidationError(
                {"day": _("Ein Tag geht nur, wenn der Tag der Veranstaltung bekannt ist (Genauigkeit „Tag bekannt“).")}
            )
        if not event.start_date <= self.day <= (event.end_date or event.start_date):
            raise ValidationError(
                {
                    "day": _("Der Tag muss im Zeitraum der Veranstaltung liegen: %(dates)s.")
                    % {"dates": event.date_display}
                }
            )

    @property
    def day_display(self):
        """„Mittwoch, 9. Oktober 2024“, or "" without a day."""
        return date_format(self.day, "l, j. F Y") if self.day else ""

    @property
    def time_display(self):
        if not self.start_time:
            return ""
        if self.end_time:
            return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.start_time:%H:%M}"


class Workshop(TimestampedModel):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("Veranstaltung")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    description = MarkdownField(_("Beschreibung"), blank=True, help_text=_("Markdown."))
    moderation = models.CharField(_("Moderation"), max_length=300, blank=True)
    results = MarkdownField(_("Ergebnisse"), blank=True, help_text=_("Markdown."))
    networks = models.ManyToManyField(
        "networks.Network", blank=True, related_name="workshops", verbose_name=_("Experten-Netzwerke")
    )

    history = content_history()

    class Meta:
        verbose_name = _("Workshop")
        verbose_name_plural = _("Workshops")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.title


def photo_upload_to(instance, filename):
    # Photos of draft events sit in public media: a random name, only the (checked) extension is kept.
    return random_name("forums/photos", os.path.splitext(filename)[1].lower())


class Photo(Picture):
    """A photo of an event. `renditions` maps a width („480“) to the stored WebP file and its height."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("Veranstaltung"))
    image = models.ImageField(_("Bild"), upload_to=photo_upload_to, width_field="width", height_field="height")

    history = content_history()

    class Meta:
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")
        ordering = ["event", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(is_cover=True),
                name="forums_photo_one_cover_per_event",
                violation_error_message=_("Eine Veranstaltung hat nur ein Titelbild."),
            ),
        ]
