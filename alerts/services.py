"""Writes of the alerts app: asking for a subscription, confirming it, recording publications, sending digests,
unsubscribing."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.digests import PERIODS, publications_record
from alerts.models import Subscription
from alerts.tasks import alerts_send_digest, alerts_send_manage_link
from documents import plan_selectors
from documents.models import ActionField
from emscher_portal.core.confirmation import confirmation_request, email_hash
from emscher_portal.core.limits import limit_hit
from emscher_portal.core.search.registry import kinds
from networks.models import Network

SUBSCRIPTION_PURPOSE = "alerts.subscription"


# ---------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------


def topic_choices():
    """The topics one can subscribe to without a search: (value of the form's `thema`, German label). Two
    queries (the published networks, the Handlungsfelder of the current plan)."""
    choices = [
        ("dokumente", str(Subscription.Topic.DOCUMENTS.label)),
        ("foren", str(Subscription.Topic.FORUMS.label)),
    ]
    for network in Network.objects.published().order_by("name"):
        choices.append((f"netzwerk:{network.slug}", _("Netzwerk „%(name)s“") % {"name": network.name}))
    plan = plan_selectors.plan_get_current(user=AnonymousUser())
    if plan is not None:
        for field in ActionField.objects.filter(plan=plan).order_by("number"):
            choices.append((f"handlungsfeld:{field.slug}", _("Handlungsfeld %(field)s") % {"field": field}))
    return choices


def topic_resolve(value, *, q="", kind=None, year=None):
    """The subscription's topic fields for the form's `thema` value, or None if there is no such topic."""
    if value == "dokumente":
        return {"topic": Subscription.Topic.DOCUMENTS, "topic_key": "dokumente", "label": _("Neue Dokumente")}
    if value == "foren":
        return {"topic": Subscription.Topic.FORUMS, "topic_key": "foren", "label": _("Neue Foren und Treffen")}
    if value == "suche":
        q = (q or "")[:200]  # as long as the search page's field allows; the label and the key must fit their columns
        if not q:
            return None
        label = _("Suche nach „%(q)s“") % {"q": q}
        extra = [part for part in (str(kinds().get(kind, "")), str(year) if year else "") if part]
        if extra:
            label = f"{label} ({', '.join(extra)})"
        return {
            "topic": Subscription.Topic.SEARCH,
            # lower() can lengthen a text („İ“ → two characters): cut, so the key fits its column.
            "topic_key": f"suche:{q.lower()[:200]}|{kind or ''}|{year or ''}",
            "label": label,
            "query": q,
            "query_kind": kind or "",
            "query_year": year,
        }
    prefix, _sep, slug = (value or "").partition(":")
    if prefix == "netzwerk":
        network = Network.objects.published().filter(slug=slug).first()
        if network is None:
            return None
        return {
            "topic": Subscription.Topic.NETWORK,
            "topic_key": f"netzwerk:{network.pk}",
            "label": _("Netzwerk „%(name)s“") % {"name": network.name},
            "network_id": network.pk,
        }
    if prefix == "handlungsfeld":
        plan = plan_selectors.plan_get_current(user=AnonymousUser())
        field = ActionField.objects.filter(plan=plan, slug=slug).first() if plan is not None else None
        if field is None:
            return None
        return {
            "topic": Subscription.Topic.ACTION_FIELD,
            "topic_key": f"handlungsfeld:{field.pk}",
            "label": _("Handlungsfeld %(field)s") % {"field": field},
            "action_field_id": field.pk,
        }
    return None


# ---------------------------------------------------------------------------
# Subscribing
# ---------------------------------------------------------------------------


def subscription_request(*, topic, email, frequency, client_ip=""):
    """Ask the address to confirm a subscription (double opt-in). Nothing of the subscription is stored before the
    confirmation: the request (core.confirmation) holds the address and the topic, and is deleted with them if it
    is never confirmed. Raises ValidationError (too many subscriptions for the address) or ConfirmationRefused (a
    limit of core.confirmation)."""
    # The cap on subscriptions per address is checked when the owner confirms (subscription_confirm): told here, it
    # would let anyone learn how many alerts an address has.
    payload = {**topic, "frequency": frequency}
    payload["topic"] = str(payload["topic"])
    payload["label"] = str(payload["label"])
    return confirmation_request(purpose=SUBSCRIPTION_PURPOSE, email=email, payload=payload, client_ip=client_ip)


def subscription_confirm(*, payload, email, now=None):
    """The address confirmed: store the subscription (or change the frequency of the same topic's), with the
    consent — what was confirmed, and when. Publications are recorded first, so whatever is already public is
    never announced as new. Returns (subscription, created)."""
    now = now or timezone.now()
    hashed = email_hash(email)
    publications_record(now=now)
    frequency = payload.get("frequency") or Subscription.Frequency.WEEKLY
    consent = _(
        "Benachrichtigungen per E-Mail (%(frequency)s) zu „%(label)s“ an diese Adresse, bestätigt am %(day)s über "
        "den Link in unserer E-Mail."
    ) % {
        "frequency": Subscription.Frequency(frequency).label,
        "label": payload["label"],
        "day": timezone.localtime(now).strftime("%d.%m.%Y, %H:%M Uhr"),
    }
    existing = Subscription.objects.filter(email_hash=hashed, topic_key=payload["topic_key"]).first()
    if existing is not None:
        existing.frequency = frequency
        existing.consent_text = consent
        existing.confirmed_at = now
        existing.email = email
        existing.save()
        return existing, False
    if Subscription.objects.filter(email_hash=hashed).count() >= settings.ALERTS_MAX_PER_ADDRESS:
        raise ValidationError(_("Für diese Adresse gibt es schon zu viele Benachrichtigungen."), code="too_many")
    subscription = Subscription(
        email=email,
        email_hash=hashed,
        topic=payload["topic"],
        network_id=payload.get("network_id"),
        action_field_id=payload.get("action_field_id"),
        query=payload.get("query", ""),
        query_kind=payload.get("query_kind", ""),
        query_year=payload.get("query_year"),
        topic_key=payload["topic_key"],
        label=payload["label"],
        frequency=frequency,
        key=secrets.token_urlsafe(16),
        consent_text=consent,
        confirmed_at=now,
        covered_until=now,
        next_digest_at=now + PERIODS[frequency],
    )
    subscription.full_clean()
    subscription.save()
    return subscription, True


def subscription_set_frequency(*, subscription, frequency):
    subscription.frequency = frequency
    subscription.next_digest_at = subscription.covered_until + PERIODS[frequency]
    subscription.save(update_fields=["frequency", "next_digest_at", "updated_at"])
    return subscription


def subscription_delete(*, subscription):
    """Unsubscribe: the row goes, with the address and the consent (nothing is sent any more)."""
    subscription.delete()


def manage_link_request(*, email, client_ip=""):
    """Mail the link to the management page to `email` if it has subscriptions. The answer is the same either
    way (nobody learns whether an address is subscribed); returns False when a limit refuses."""
    window = timedelta(hours=1)
    hashed = email_hash(email)
    if client_ip and limit_hit("alerts-manage-ip", client_ip, limit=settings.CONFIRMATION_IP_LIMIT, window=window):
        return False
    if limit_hit("alerts-manage-address", hashed, limit=settings.CONFIRMATION_ADDRESS_LIMIT, window=window):
        return False
    if Subscription.objects.filter(email_hash=hashed).exists():
        alerts_send_manage_link.enqueue(hashed)
    return True


def digests_queue_due(*, now=None):
    """Record the publications, then queue a digest task for every subscription whose time has come. Returns how
    many were queued."""
    now = now or timezone.now()
    publications_record(now=now)
    due = list(Subscription.objects.filter(next_digest_at__lte=now).values_list("pk", flat=True))
    for pk in due:
        alerts_send_digest.enqueue(pk, now.isoformat())
    return len(due)
