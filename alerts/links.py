"""The links in the alerts' mails: one-click unsubscribe per subscription (no expiry: it must work from any mail),
and the management page of an address (signed, valid ALERTS_MANAGE_LINK_DAYS)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alerts.models import Subscription

UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"


def absolute_url(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def unsubscribe_token(subscription):
    return signing.dumps({"s": subscription.pk, "k": subscription.key}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(subscription):
    return absolute_url(reverse("alerts:unsubscribe", kwargs={"token": unsubscribe_token(subscription)}))


def subscription_from_token(token):
    """The subscription an unsubscribe link names, None if it is gone; raises signing.BadSignature for an altered
    link."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not a subscription token")
    subscription = Subscription.objects.filter(pk=data.get("s")).first()
    if subscription is None or not secrets.compare_digest(subscription.key, str(data.get("k", ""))):
        return None
    return subscription


def manage_token(hashed):
    return signing.dumps({"h": hashed}, salt=MANAGE_SALT)


def manage_url(hashed):
    return absolute_url(reverse("alerts:manage", kwargs={"token": manage_token(hashed)}))


def manage_hash_from_token(token):
    """The address hash a management link names; raises signing.BadSignature (SignatureExpired when older than
    ALERTS_MANAGE_LINK_DAYS)."""
    data = signing.loads(token, salt=MANAGE_SALT, max_age=timedelta(days=settings.ALERTS_MANAGE_LINK_DAYS))
    if not isinstance(data, dict) or not isinstance(data.get("h"), str):
        raise signing.BadSignature("not a management token")
    return data["h"]
