"""E-mail alerts without an account: a confirmed subscription to a topic, and the record of what was published when.

A `Subscription` exists only once its address was confirmed (core.confirmation keeps the address of an unconfirmed
request, and deletes it with the request); it keeps the address to send the digests, the consent (what was
confirmed, when) and how far its digests have got (`covered_until`). Unsubscribing deletes the row.

A `Publication` is the moment the portal first saw a document, an event, a measure or a change of a measure's
status published (`alerts.services.publications_record`, run by the digest job and before every confirmation): a
digest holds what was first seen after its subscription's `covered_until`. A draft is never seen, and a document
published long after it was created counts from its publication, not from its creation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from emscher_portal.core.models import TimestampedModel


class Subscription(TimestampedModel):
    class Topic(models.TextChoices):
        DOCUMENTS = "dokumente", _("Neue Dokumente")
        FORUMS = "foren", _("Neue Foren und Treffen")
        NETWORK = "netzwerk", _("Ein Experten-Netzwerk")
        ACTION_FIELD = "handlungsfeld", _("Ein Handlungsfeld des Maßnahmenplans")
        SEARCH = "suche", _("Eine gespeicherte Suche")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("täglich")
        WEEKLY = "weekly", _("wöchentlich")

    email = models.EmailField(_("E-Mail-Adresse"))
    email_hash = models.CharField(_("Schlüssel der Adresse"), max_length=64, db_index=True)
    topic = models.CharField(_("Thema"), max_length=16, choices=Topic)
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert_subscriptions",
        verbose_name=_("Experten-Netzwerk"),
    )
    action_field = models.ForeignKey(
        "documents.ActionField",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert_subscriptions",
        verbose_name=_("Handlungsfeld"),
    )
    query = models.CharField(_("Suchbegriff"), max_length=200, blank=True)
    query_kind = models.CharField(_("Art (Suche)"), max_length=32, blank=True)
    query_year = models.PositiveSmallIntegerField(_("Jahr (Suche)"), null=True, blank=True)
    topic_key = models.CharField(_("Themenschlüssel"), max_length=300)
    label = models.CharField(_("Bezeichnung"), max_length=300)
    frequency = models.CharField(_("Häufigkeit"), max_length=8, choices=Frequency, default=Frequency.WEEKLY)
    key = models.CharField(_("Schlüssel für Abmeldelinks"), max_length=64)
    consent_text = models.TextField(_("Einwilligung (Wortlaut)"))
    confirmed_at = models.DateTimeField(_("bestätigt am"))
    covered_until = models.DateTimeField(_("berücksichtigt bis"))
    next_digest_at = models.DateTimeField(_("nächste Zusammenfassung"), db_index=True)
    last_sent_at = models.DateTimeField(_("zuletzt verschickt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["email_hash", "topic_key"], name="alerts_subscription_unique_topic"),
        ]

    def __str__(self):
        return self.label


class Publication(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Dokument")
        EVENT = "event", _("Veranstaltung")
        MEASURE = "measure", _("Maßnahme")
        STATUS_CHANGE = "status", _("Statusänderung")

    kind = models.CharField(_("Art"), max_length=16, choices=Kind)
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    url = models.CharField(_("Adresse"), max_length=500)
    seen_at = models.DateTimeField(_("zuerst veröffentlicht gesehen"), db_index=True)

    class Meta:
        verbose_name = _("Veröffentlichung")
        verbose_name_plural = _("Veröffentlichungen")
        ordering = ["-seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="alerts_publication_unique_object"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}"
