"""Rounds of topics for the next forum: proposals, ballots, decisions, and what came of each topic.

A round (`Round`, „Themenrunde“) belongs to an upcoming forum and runs through dated phases: proposals are
collected, then weighed with a points budget, then evaluated by the working group, then it is closed. A topic
(`Topic`) is proposed by anyone with a confirmed address (core.confirmation) and public only once the working group
approved it; it may be merged into another or split into several, and is decided with a public reason and linked to
what came of it (programme item, workshop, documents, measures). A ballot (`Ballot`) holds one confirmed address's
points — recognised by a keyed hash of the address only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import (
    MarkdownField,
    PublishableModel,
    PublishableQuerySet,
    TimestampedModel,
    content_history,
)


class Phase(models.TextChoices):
    ANNOUNCED = "announced", _("angekündigt")
    PROPOSING = "proposing", _("Vorschläge sammeln")
    PREPARING = "preparing", _("Vorbereitung des Gewichtens")
    WEIGHING = "weighing", _("Gewichten")
    EVALUATING = "evaluating", _("Auswertung")
    CLOSED = "closed", _("abgeschlossen")


class RoundQuerySet(PublishableQuerySet):
    def open_at(self, moment=None):
        """Rounds in which readers can take part at `moment`: proposing or weighing."""
        moment = moment or timezone.now()
        return self.filter(proposals_open_at__lte=moment, weighing_close_at__gt=moment)


class Round(PublishableModel):
    """A „Themenrunde“: topics for one upcoming forum, with dated phases."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200, unique=True)
    event = models.ForeignKey(
        "forums.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topic_rounds",
        verbose_name=_("für die Veranstaltung"),
        help_text=_("Das Experten-Forum, für das Themen gesucht werden."),
    )
    introduction = MarkdownField(_("Einleitung"), blank=True, help_text=_("Markdown."))
    proposals_open_at = models.DateTimeField(_("Vorschläge ab"))
    proposals_close_at = models.DateTimeField(_("Vorschläge bis"))
    weighing_open_at = models.DateTimeField(_("Gewichten ab"))
    weighing_close_at = models.DateTimeField(_("Gewichten bis"))
    closes_at = models.DateTimeField(
        _("Auswertung bis"), help_text=_("Danach ist die Runde abgeschlossen; die Entscheidungen sind öffentlich.")
    )
    points_budget = models.PositiveSmallIntegerField(_("Punkte je Person"), default=10)
    max_points_per_topic = models.PositiveSmallIntegerField(_("höchstens Punkte je Thema"), default=3)
    results_hidden_while_weighing = models.BooleanField(
        _("Ergebnis erst nach dem Gewichten zeigen"),
        default=True,
        help_text=_("Sonst ist der Zwischenstand schon während des Gewichtens öffentlich."),
    )
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet die Runde öffentlich als Beispiel.")
    )
    voter_allowlist = models.JSONField(
        _("zugelassene Adressen (Schlüssel)"),
        default=list,
        blank=True,
        help_text=_("Leer: alle bestätigten Adressen dürfen gewichten. Gespeichert sind nur Schlüssel der Adressen."),
    )

    objects = RoundQuerySet.as_manager()

    history = content_history()

    class Meta:
        verbose_name = _("Themenrunde")
        verbose_name_plural = _("Themenrunden")
        ordering = ["-proposals_open_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposals_close_at__gt=models.F("proposals_open_at"))
                & Q(weighing_open_at__gte=models.F("proposals_close_at"))
                & Q(weighing_close_at__gt=models.F("weighing_open_at"))
                & Q(closes_at__gte=models.F("weighing_close_at")),
                name="participation_round_phases_in_order",
                violation_error_message=_(
                    "Die Phasen müssen nacheinander liegen: Vorschläge, dann Gewichten, dann Auswertung."
                ),
            ),
            models.CheckConstraint(
                condition=Q(max_points_per_topic__gte=1) & Q(points_budget__gte=models.F("max_points_per_topic")),
                name="participation_round_budget_covers_topic_maximum",
                violation_error_message=_("Das Budget muss mindestens so groß sein wie die Höchstpunktzahl je Thema."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:round-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug == "was-wurde-daraus":
            raise ValidationError({"slug": _("Diesen Kurznamen hat schon die Übersicht aller Themen.")})
        order = [self.proposals_open_at, self.proposals_close_at, self.weighing_open_at, self.weighing_close_at]
        if all(order) and self.closes_at and not (order[0] < order[1] <= order[2] < order[3] <= self.closes_at):
            raise ValidationError(
                _("Die Phasen müssen nacheinander liegen: Vorschläge, dann Gewichten, dann Auswertung.")
            )

    def phase_at(self, moment=None):
        moment = moment or timezone.now()
        if moment < self.proposals_open_at:
            return Phase.ANNOUNCED
        if moment < self.proposals_close_at:
            return Phase.PROPOSING
        if moment < self.weighing_open_at:
            return Phase.PREPARING
        if moment < self.weighing_close_at:
            return Phase.WEIGHING
        if moment < self.closes_at:
            return Phase.EVALUATING
        return Phase.CLOSED

    @property
    def phase(self):
        return self.phase_at()

    @property
    def is_open(self):
        return self.phase in (Phase.PROPOSING, Phase.PREPARING, Phase.WEIGHING)

    @property
    def accepts_proposals(self):
        return self.phase == Phase.PROPOSING

    @property
    def accepts_ballots(self):
        return self.phase == Phase.WEIGHING

    @property
    def shows_results(self):
        phase = self.phase
        return phase in (Phase.EVALUATING, Phase.CLOSED) or (
            phase == Phase.WEIGHING and not self.results_hidden_while_weighing
        )

    @property
    def is_closed(self):
        return self.phase == Phase.CLOSED

    def phase_schedule(self):
        """(phase, start, end) of each phase, for the page's „what happens when“."""
        return [
            (Phase.PROPOSING, self.proposals_open_at, self.proposals_close_at),
            (Phase.WEIGHING, self.weighing_open_at, self.weighing_close_at),
            (Phase.EVALUATING, self.weighing_close_at, self.closes_at),
        ]


# Paths below /themen/<round>/ that are pages of the round (participation/urls.py), never a topic's slug.
TOPIC_RESERVED_SLUGS = frozenset({"vorschlagen", "gewichten", "protokoll", "danke", "themen", "pdf"})


class TopicQuerySet(models.QuerySet):
    def public(self):
        """What readers see: approved topics, and those merged into another (they point to it)."""
        return self.filter(moderation__in=[Topic.Moderation.APPROVED, Topic.Moderation.MERGED])

    def weighable(self):
        """Topics a ballot may give points to: approved, not merged."""
        return self.filter(moderation=Topic.Moderation.APPROVED)


class Topic(TimestampedModel):
    """A topic proposed for a round: public once approved by the working group, then decided."""

    class Moderation(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Adresse noch nicht bestätigt")
        SUBMITTED = "submitted", _("wartet auf Prüfung")
        APPROVED = "approved", _("freigegeben")
        MERGED = "merged", _("zusammengeführt")
        DECLINED = "declined", _("nicht freigegeben")

    class Decision(models.TextChoices):
        PROGRAMME = "programme", _("ins Programm aufgenommen")
        NETWORK = "network", _("in einem Netzwerk weiter")
        DEFERRED = "deferred", _("zurückgestellt")
        NOT_TAKEN = "not_taken", _("nicht aufgenommen")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="topics", verbose_name=_("Themenrunde"))
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=4000)
    action_field = models.ForeignKey(
        "documents.ActionField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("Handlungsfeld"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("Experten-Netzwerk"),
    )
    public_name = models.CharField(
        _("Name (öffentlich)"),
        max_length=120,
        blank=True,
        help_text=_("Nur mit Zustimmung der Person, die das Thema vorgeschlagen hat."),
    )
    contact_email = models.EmailField(
        _("E-Mail-Adresse (nie öffentlich)"),
        blank=True,
        help_text=_("Für die Nachricht über die Entscheidung; danach gelöscht."),
    )
    moderation = models.CharField(
        _("Prüfung"), max_length=16, choices=Moderation, default=Moderation.UNCONFIRMED, db_index=True
    )
    moderation_reason = models.TextField(
        _("Begründung der Prüfung"),
        blank=True,
        help_text=_(
            "Geht per E-Mail an die Person, die das Thema vorgeschlagen hat; bei Zusammenführungen öffentlich."
        ),
    )
    moderated_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    approval_mailed_at = models.DateTimeField(
        _("Freigabe gemeldet am"),
        null=True,
        blank=True,
        help_text=_("Wann die Person, die das Thema vorgeschlagen hat, von der Freigabe erfuhr (nur einmal)."),
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_topics",
        verbose_name=_("zusammengeführt in"),
    )
    split_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="split_topics",
        verbose_name=_("hervorgegangen aus"),
    )
    decision = models.CharField(_("Entscheidung"), max_length=16, choices=Decision, blank=True, db_index=True)
    decision_reason = models.TextField(_("Begründung (öffentlich)"), blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    programme_items = models.ManyToManyField(
        "forums.ProgrammeItem", blank=True, related_name="topics", verbose_name=_("Programmpunkte")
    )
    workshops = models.ManyToManyField(
        "forums.Workshop", blank=True, related_name="topics", verbose_name=_("Workshops")
    )
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="topics", verbose_name=_("Dokumente")
    )
    measures = models.ManyToManyField(
        "documents.Measure", blank=True, related_name="topics", verbose_name=_("Maßnahmen")
    )
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Kennzeichnet das Thema öffentlich als Beispiel.")
    )

    objects = TopicQuerySet.as_manager()

    history = content_history(excluded_fields=["contact_email"])

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "slug"], name="participation_topic_unique_slug_per_round"),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="participation_topic_not_merged_into_itself"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:topic-detail", kwargs={"round_slug": self.round.slug, "slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in TOPIC_RESERVED_SLUGS:
            raise ValidationError({"slug": _("Diesen Kurznamen hat schon eine Seite der Themenrunde.")})

    @property
    def is_public(self):
        return self.moderation in (self.Moderation.APPROVED, self.Moderation.MERGED)


class ModerationLogEntry(models.Model):
    """What the working group decided when: the public moderation log of a round (no personal data)."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("freigegeben")
        MERGED = "merged", _("zusammengeführt")
        SPLIT = "split", _("aufgeteilt")
        DECIDED = "decided", _("entschieden")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("Themenrunde")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="log_entries", verbose_name=_("Thema")
    )
    action = models.CharField(_("Vorgang"), max_length=16, choices=Action)
    text = models.CharField(_("Was geschah"), max_length=500)
    created_at = models.DateTimeField(_("am"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Eintrag im Moderationsprotokoll")
        verbose_name_plural = _("Moderationsprotokoll")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text


class Ballot(models.Model):
    """One confirmed address's points in one round, recognised only by a keyed hash of the address."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("Themenrunde"))
    voter_hash = models.CharField(_("Schlüssel der Adresse"), max_length=64)
    created_at = models.DateTimeField(_("abgegeben am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Stimmzettel")
        verbose_name_plural = _("Stimmzettel")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_hash"], name="participation_ballot_one_per_address"),
        ]

    def __str__(self):
        return f"{self.round} #{self.pk}"


class BallotPoints(models.Model):
    """The points of one ballot on one topic."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="points", verbose_name=_("Stimmzettel"))
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="ballot_points", verbose_name=_("Thema"))
    points = models.PositiveSmallIntegerField(_("Punkte"))

    class Meta:
        verbose_name = _("Punkte")
        verbose_name_plural = _("Punkte")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "topic"], name="participation_ballotpoints_one_per_topic"),
            models.CheckConstraint(condition=Q(points__gte=1), name="participation_ballotpoints_positive"),
        ]

    def __str__(self):
        return str(self.points)
