"""Worker-only work of the alerts app (tasks.py imports it): recording what was published when, and the digests.

A digest holds what was first seen published after its subscription's `covered_until`; see alerts/models.py.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.links import absolute_url, manage_url, unsubscribe_url
from alerts.models import Publication, Subscription
from documents.models import Document, Measure, MeasureStatusChange
from emscher_portal.core.mail import mail_send_and_record
from emscher_portal.core.search.query import search
from forums.models import Event
from networks.models import Network

PERIODS = {
    Subscription.Frequency.DAILY: timedelta(days=1),
    Subscription.Frequency.WEEKLY: timedelta(days=7),
}
SEARCH_DIGEST_HITS = 200


def _published_sources():
    return [
        (Publication.Kind.DOCUMENT, Document.objects.published()),
        (Publication.Kind.EVENT, Event.objects.published()),
        (Publication.Kind.MEASURE, Measure.objects.published()),
        (
            Publication.Kind.STATUS_CHANGE,
            MeasureStatusChange.objects.filter(measure__in=Measure.objects.published())
            .exclude(old_status="")
            .select_related("measure"),
        ),
    ]


def publications_record(*, now=None):
    """Record every document, event, measure and status change that is published and was never seen published
    before, as published now. Safe to run again; returns how many were recorded."""
    now = now or timezone.now()
    rows = []
    for kind, queryset in _published_sources():
        seen = Publication.objects.filter(kind=kind).values("object_id")
        for obj in queryset.exclude(pk__in=seen):
            target = obj.measure if kind == Publication.Kind.STATUS_CHANGE else obj
            rows.append(Publication(kind=kind, object_id=obj.pk, url=target.get_absolute_url(), seen_at=now))
    Publication.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _new_ids(kind, since, until):
    return Publication.objects.filter(kind=kind, seen_at__gt=since, seen_at__lte=until).values("object_id")


def _item(label, title, url, text=""):
    return {"label": str(label), "title": title, "url": absolute_url(url), "text": text}


def _documents(queryset):
    return [
        _item(_("Dokument"), doc.title, doc.get_absolute_url(), f"{doc.get_kind_display()}, {doc.year}")
        for doc in queryset.order_by("-year", "title")
    ]


def _events(queryset):
    return [
        _item(event.get_kind_display(), event.title, event.get_absolute_url(), str(event.date_display))
        for event in queryset.order_by("start_date", "title")
    ]


def _measures(queryset):
    return [
        _item(
            _("Maßnahme"),
            f"{measure.number} {measure.title}",
            measure.get_absolute_url(),
            measure.get_implementation_status_display(),
        )
        for measure in queryset.select_related("action_field").order_by("action_field__number", "position", "number")
    ]


def _status_changes(queryset):
    return [
        _item(
            _("Statusänderung"),
            f"{change.measure.number} {change.measure.title}",
            change.measure.get_absolute_url(),
            _("von „%(before)s“ zu „%(after)s“")
            % {"before": change.get_old_status_display(), "after": change.get_new_status_display()},
        )
        for change in queryset.select_related("measure").order_by("changed_on", "pk")
    ]


def digest_items(subscription, *, since, until):
    """What was first published in (since, until] and belongs to the subscription's topic, as dicts (label,
    title, absolute url, text); only what is public now."""
    topic = Subscription.Topic
    documents = Document.objects.published().filter(pk__in=_new_ids(Publication.Kind.DOCUMENT, since, until))
    events = Event.objects.published().filter(pk__in=_new_ids(Publication.Kind.EVENT, since, until))
    measures = Measure.objects.published().filter(pk__in=_new_ids(Publication.Kind.MEASURE, since, until))
    if subscription.topic == topic.DOCUMENTS:
        return _documents(documents)
    if subscription.topic == topic.FORUMS:
        return _events(events)
    if subscription.topic == topic.NETWORK:
        network = Network.objects.published().filter(pk=subscription.network_id).first()
        if network is None:
            return []
        return [
            *_events(events.filter(networks=network)),
            *_documents(documents.filter(networks=network)),
            *_measures(measures.filter(networks=network)),
        ]
    if subscription.topic == topic.ACTION_FIELD:
        changes = MeasureStatusChange.objects.filter(
            pk__in=_new_ids(Publication.Kind.STATUS_CHANGE, since, until),
            measure__in=Measure.objects.published().filter(action_field_id=subscription.action_field_id),
        )
        return [
            *_measures(measures.filter(action_field_id=subscription.action_field_id)),
            *_status_changes(changes),
        ]
    if subscription.topic == topic.SEARCH:
        return _search_items(subscription, since=since, until=until)
    return []


def _search_items(subscription, *, since, until):
    new_urls = set(
        Publication.objects.filter(seen_at__gt=since, seen_at__lte=until).values_list("url", flat=True).distinct()
    )
    if not new_urls:
        return []
    hits = search(subscription.query, kind=subscription.query_kind or None, year=subscription.query_year)
    return [
        _item(hit.kind_label, hit.title, hit.url, hit.date_text)
        for hit in hits[:SEARCH_DIGEST_HITS]
        if hit.url in new_urls
    ]


def _next_digest_at(subscription, until):
    period = PERIODS[subscription.frequency]
    moment = subscription.next_digest_at
    while moment <= until:
        moment += period
    return moment


def digest_send(*, subscription_id, until):
    """Send one subscription's digest with what was published between its last one and `until`; nothing is sent
    when nothing is new (the subscription then waits for its next time). Safe to run twice: the mail's record
    moves `covered_until`, and a run that finds it moved does nothing. Returns True when a mail went out."""
    subscription = Subscription.objects.filter(pk=subscription_id, next_digest_at__lte=until).first()
    if subscription is None or subscription.covered_until >= until:
        return False
    since = subscription.covered_until
    items = digest_items(subscription, since=since, until=until)
    done = {"covered_until": until, "next_digest_at": _next_digest_at(subscription, until)}
    if not items:
        Subscription.objects.filter(pk=subscription.pk, covered_until=since).update(**done)
        return False
    mail_send_and_record(
        digest_mail(subscription, items),
        record=lambda: Subscription.objects.filter(pk=subscription.pk, covered_until=since).update(
            last_sent_at=timezone.now(), **done
        ),
    )
    return True


# ---------------------------------------------------------------------------
# Mails
# ---------------------------------------------------------------------------


def _frame(subscription_or_hash):
    hashed = getattr(subscription_or_hash, "email_hash", subscription_or_hash)
    return {"manage_url": manage_url(hashed), "site_url": settings.SITE_URL.rstrip("/")}


def digest_mail(subscription, items):
    """The digest of one subscription, with one-click unsubscribe (RFC 8058) and the link to manage every
    subscription of the address."""
    unsubscribe = unsubscribe_url(subscription)
    body = render_to_string(
        "alerts/digest_mail.txt",
        {
            **_frame(subscription),
            "subscription": subscription,
            "items": items,
            "unsubscribe_url": unsubscribe,
            "frequency": subscription.get_frequency_display(),
        },
    )
    return EmailMessage(
        subject=_("[Emscher-Portal] Neu: %(label)s") % {"label": subscription.label},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<benachrichtigungen.{settings.SITE_URL.split('//')[-1].split('/')[0].split(':')[0]}>",
        },
    )


def manage_link_send(hashed):
    """Mail the link to the management page to the address of `hashed` (read from its subscriptions)."""
    subscription = Subscription.objects.filter(email_hash=hashed).first()
    if subscription is None:
        return False
    body = render_to_string(
        "alerts/manage_mail.txt",
        {**_frame(hashed), "valid_days": settings.ALERTS_MANAGE_LINK_DAYS},
    )
    EmailMessage(
        subject=_("[Emscher-Portal] Ihre Benachrichtigungen verwalten"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
    ).send()
    return True
