"""The one way the portal confirms an e-mail address: a proposal, a ballot, an alert all go through here.

A feature registers a *purpose* (what a confirmation confirms) in its app's `confirmations.py`:

    @confirmation_purpose
    class ProposalConfirmation(Purpose):
        name = "participation.proposal"
        def describe(self, confirmation): ...        # „Ihren Themenvorschlag „…““
        def confirm(self, confirmation, *, email): ...  # what happens on the button; returns an Outcome
        def discard(self, confirmation): ...          # what goes with a request that was never confirmed

and asks for a confirmation with `confirmation_request(purpose=…, email=…, payload=…, client_ip=…)`. That stores a
`Confirmation` row and, in the same transaction, queues the mail (`confirmation_send_mail`, through Django's mail
backend, SMTP in production). The mail holds a signed link to `/bestaetigen/<token>/`:

- a GET only shows what would be confirmed and a button; a POST confirms (mail scanners follow links, they do not
  press buttons);
- the link works once: opened again after the confirmation, the page says kindly that it is done already;
- it expires (`CONFIRMATION_VALID_HOURS`); an expired link offers a new one by mail (a new key, so older links
  stop working) as long as the request is kept;
- the address is kept only until the request is confirmed (the purpose copies it if it must write to it later,
  e.g. to tell a proposer the decision); what stays is a keyed hash (HMAC with SECRET_KEY) of the normalised
  address, enough to recognise it (one ballot per address) and no more;
- unconfirmed requests, and confirmed ones once nobody needs their page, are deleted by the periodic job
  `confirmations_purge` after `CONFIRMATION_KEEP_DAYS`, with what they would have confirmed (`Purpose.discard`).

Abuse: at most `CONFIRMATION_MAX_PENDING` unconfirmed requests per address and purpose, and the limits of
`core.limits` per client IP and per address (they count across all processes).
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from emscher_portal.core.http import client_ip
from emscher_portal.core.limits import limit_hit
from emscher_portal.core.mail import mail_send_and_record
from emscher_portal.core.models import Confirmation

TOKEN_SALT = "emscher_portal.core.confirmation"
_EMAIL_HASH_SALT = "emscher_portal.core.confirmation.email"


class ConfirmationRefused(Exception):
    """A request that a limit refuses; `message` is the German sentence for the form."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Outcome:
    """What the page says after the button was pressed, and where to go on from there."""

    message: str
    url: str = ""
    link_text: str = ""


class Purpose:
    """What a confirmation confirms. Subclass, set `name`, register with `@confirmation_purpose`."""

    name = ""
    # The mail's subject and the page's heading.
    subject = ""
    button = ""

    def describe(self, confirmation):
        """One German sentence: what pressing the button confirms (shown in the mail and on the page)."""
        raise NotImplementedError

    def confirm(self, confirmation, *, email):
        """Carry out the confirmed request (inside the transaction that marks it confirmed); return an Outcome.
        `email` is the address, for a purpose that must write to it later; it is gone from the request after."""
        raise NotImplementedError

    def discard(self, confirmation):
        """The request was never confirmed and is being deleted: delete what waited for it."""

    def done(self, confirmation):
        """The Outcome shown when the link is opened again after the confirmation."""
        return Outcome(message=_("Das haben Sie bereits bestätigt. Es ist nichts weiter zu tun."))

    def start_url(self):
        """Where a reader starts afresh when a request is gone."""
        return reverse("home")


_purposes = {}


def confirmation_purpose(cls):
    """Class decorator: register a Purpose subclass under its `name`."""
    if not cls.name:
        raise ValueError("A confirmation purpose needs a name.")
    _purposes[cls.name] = cls()
    return cls


def purpose_for(name):
    return _purposes.get(name)


def purposes():
    return dict(_purposes)


# ---------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------


def email_normalise(address):
    """The address as it is compared: surrounding space removed, lower case (mail providers treat local parts
    case-insensitively in practice)."""
    return (address or "").strip().lower()


def email_hash(address):
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of the normalised address: recognises it, cannot be reversed
    without the key."""
    return salted_hmac(_EMAIL_HASH_SALT, email_normalise(address), algorithm="sha256").hexdigest()


# ---------------------------------------------------------------------------
# Requests, links, mails
# ---------------------------------------------------------------------------


def _valid_for():
    return timedelta(hours=settings.CONFIRMATION_VALID_HOURS)


def confirmation_token(confirmation):
    return signing.dumps({"c": confirmation.pk, "k": confirmation.key}, salt=TOKEN_SALT, compress=True)


def confirmation_url(confirmation):
    path = reverse("confirmation", kwargs={"token": confirmation_token(confirmation)})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _check_limits(*, hashed, client_ip):
    window = timedelta(hours=1)
    if client_ip and limit_hit("confirmation-ip", client_ip, limit=settings.CONFIRMATION_IP_LIMIT, window=window):
        raise ConfirmationRefused(
            _("Von Ihrem Anschluss kamen in der letzten Stunde sehr viele Anfragen. Bitte versuchen Sie es später."),
            code="ip_limit",
        )
    if limit_hit("confirmation-address", hashed, limit=settings.CONFIRMATION_ADDRESS_LIMIT, window=window):
        raise ConfirmationRefused(
            _("An diese Adresse haben wir in der letzten Stunde schon mehrere E-Mails geschickt. Bitte versuchen Sie "
              "es später."),
            code="address_limit",
        )  # fmt: skip


def _make_room(*, purpose, hashed, now):
    """An address has at most CONFIRMATION_MAX_PENDING unconfirmed requests per purpose: a new one replaces the
    oldest (with what waited for it), rather than being refused — else anyone could block someone else's address
    for as long as the links are valid by sending a few requests in its name. The mails stay capped by the
    per-address and per-IP limits."""
    pending = Confirmation.objects.filter(
        purpose=purpose, email_hash=hashed, confirmed_at__isnull=True, expires_at__gt=now
    ).order_by("-created_at", "-pk")
    for oldest in pending[max(settings.CONFIRMATION_MAX_PENDING - 1, 0) :]:
        discarded = purpose_for(oldest.purpose)
        if discarded is not None:
            discarded.discard(oldest)
        oldest.delete()


def confirmation_request(*, purpose, email, payload=None, client_ip="", now=None):
    """Store a request to confirm `email` for `purpose` and queue its mail, in one transaction.

    Raises ConfirmationRefused (with a German message) when a limit refuses it; nothing is stored then. Call it
    inside the transaction that stores what waits for the confirmation, so both commit or neither."""
    if purpose_for(purpose) is None:
        raise ValueError(f"Unknown confirmation purpose {purpose!r}")
    now = now or timezone.now()
    hashed = email_hash(email)
    _check_limits(hashed=hashed, client_ip=client_ip)
    with transaction.atomic():
        _make_room(purpose=purpose, hashed=hashed, now=now)
        confirmation = Confirmation.objects.create(
            purpose=purpose,
            key=secrets.token_urlsafe(16),
            email=email_normalise(email),
            email_hash=hashed,
            payload=payload or {},
            expires_at=now + _valid_for(),
        )
        confirmation_send_mail.enqueue(confirmation.pk, confirmation.key)
    return confirmation


def confirmation_renew(confirmation, *, client_ip="", now=None):
    """A new link for an expired (or lost) request: new key and expiry, a new mail; older links stop working."""
    now = now or timezone.now()
    if client_ip and limit_hit(
        "confirmation-ip", client_ip, limit=settings.CONFIRMATION_IP_LIMIT, window=timedelta(hours=1)
    ):
        raise ConfirmationRefused(_("Bitte versuchen Sie es später noch einmal."), code="ip_limit")
    if limit_hit(
        "confirmation-address",
        confirmation.email_hash,
        limit=settings.CONFIRMATION_ADDRESS_LIMIT,
        window=timedelta(hours=1),
    ):
        raise ConfirmationRefused(
            _("An diese Adresse haben wir in der letzten Stunde schon mehrere E-Mails geschickt. Bitte versuchen Sie "
              "es später."),
            code="address_limit",
        )  # fmt: skip
    with transaction.atomic():
        confirmation.key = secrets.token_urlsafe(16)
        confirmation.expires_at = now + _valid_for()
        confirmation.mailed_at = None
        confirmation.save(update_fields=["key", "expires_at", "mailed_at"])
        confirmation_send_mail.enqueue(confirmation.pk, confirmation.key)
    return confirmation


@task
def confirmation_send_mail(confirmation_id: int, key: str):
    """Mail the link of one request. May run more than once (see core/mail.py): `mailed_at` records the send, and
    a request whose key changed since (a newer link was asked for) gets no mail from this task."""
    confirmation = Confirmation.objects.filter(pk=confirmation_id, key=key).first()
    if confirmation is None or confirmation.mailed_at is not None or confirmation.is_confirmed:
        return
    if not confirmation.email:
        return
    purpose = purpose_for(confirmation.purpose)
    body = render_to_string(
        "confirmation/mail.txt",
        {
            "description": purpose.describe(confirmation),
            "url": confirmation_url(confirmation),
            "expires_at": confirmation.expires_at,
            "keep_days": settings.CONFIRMATION_KEEP_DAYS,
        },
    )
    mail = EmailMessage(
        subject=f"[Emscher-Portal] {purpose.subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[confirmation.email],
    )
    mail_send_and_record(
        mail,
        record=lambda: Confirmation.objects.filter(pk=confirmation.pk, key=key).update(mailed_at=timezone.now()),
    )


def confirmation_confirm(confirmation_id, key):
    """Confirm a request (the button). Returns (state, outcome): "confirmed" with the purpose's Outcome, or
    "done" when it was confirmed before, "replaced" for an old key, "expired", or "gone". Under a row lock, so two
    presses at once confirm once."""
    with transaction.atomic():
        confirmation = Confirmation.objects.select_for_update().filter(pk=confirmation_id).first()
        state = _state(confirmation, key)
        if state != "open":
            return state, confirmation
        purpose = purpose_for(confirmation.purpose)
        outcome = purpose.confirm(confirmation, email=confirmation.email)
        confirmation.confirmed_at = timezone.now()
        confirmation.email = ""  # the purpose took what it needs; the hash stays to recognise the address
        confirmation.save(update_fields=["confirmed_at", "email"])
    return "confirmed", outcome


def _state(confirmation, key):
    if confirmation is None or purpose_for(confirmation.purpose) is None:
        return "gone"
    if confirmation.is_confirmed:
        return "done"
    if not secrets.compare_digest(confirmation.key, key):
        return "replaced"
    if confirmation.is_expired:
        return "expired"
    return "open"


def confirmation_purge(*, now=None):
    """Delete requests nobody needs any more: unconfirmed ones (with what waited for them, `Purpose.discard`)
    and confirmed ones, `CONFIRMATION_KEEP_DAYS` after they expired. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONFIRMATION_KEEP_DAYS)
    deleted = 0
    for confirmation in Confirmation.objects.filter(expires_at__lt=cutoff).iterator():
        with transaction.atomic():
            if not confirmation.is_confirmed:
                purpose = purpose_for(confirmation.purpose)
                if purpose is not None:
                    purpose.discard(confirmation)
            confirmation.delete()
        deleted += 1
    return deleted


def confirmations_waiting(*, purpose, payload_key, value):
    """Unconfirmed requests of `purpose` whose payload has `payload_key` = `value` (e.g. a proposal's id)."""
    return Confirmation.objects.filter(purpose=purpose, confirmed_at__isnull=True, **{f"payload__{payload_key}": value})


# ---------------------------------------------------------------------------
# The page behind the link: /bestaetigen/<token>/
# ---------------------------------------------------------------------------


def _load(token):
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        return int(data["c"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Http404(_("Dieser Bestätigungslink ist ungültig.")) from exc


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirmation_view(request, token):
    """GET shows what the button confirms (and never confirms anything); POST `action=confirm` confirms,
    `action=renew` sends a new link for an expired request."""
    confirmation_id, key = _load(token)
    status = 200
    outcome = None
    error = ""
    if request.method == "POST" and request.POST.get("action") == "confirm":
        state, result = confirmation_confirm(confirmation_id, key)
        if state == "confirmed":
            outcome, confirmation = result, None
        else:
            confirmation = result
    else:
        confirmation = Confirmation.objects.filter(pk=confirmation_id).first()
        state = _state(confirmation, key)
        if request.method == "POST" and request.POST.get("action") == "renew":
            if state in ("expired", "replaced"):
                try:
                    confirmation_renew(confirmation, client_ip=client_ip(request))
                    state = "renewed"
                except ConfirmationRefused as refused:
                    error = refused.message
                    status = 429
        elif request.method == "POST":
            status = 400
    purpose = purpose_for(confirmation.purpose) if confirmation is not None else None
    if state == "done":
        outcome = purpose.done(confirmation)
    if state == "gone":
        status = 410
    context = {
        "state": state,
        "outcome": outcome,
        "error": error,
        "purpose": purpose,
        "description": purpose.describe(confirmation) if purpose and state in ("open", "expired", "replaced") else "",
        "confirmation": confirmation,
        "token": token,
    }
    return render(request, "confirmation/confirm.html", context, status=status)
