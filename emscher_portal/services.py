"""Writes of the site-wide app."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emscher_portal.core.limits import limit_hit, token_use_once
from emscher_portal.core.uploads.video import inspect_video
from emscher_portal.models import ContactMessage, SignLanguageVideo
from emscher_portal.tasks import contact_message_send_mail

RATE_LIMIT_WINDOW = timedelta(hours=1)


def contact_rate_limit_hit(*, client_ip: str) -> bool:
    """Count one message for this client IP (in the shared cache or the database, so it holds across every app
    process); True when the hourly limit CONTACT_RATE_LIMIT is exceeded."""
    return limit_hit("contact", client_ip, limit=settings.CONTACT_RATE_LIMIT, window=RATE_LIMIT_WINDOW)


def contact_form_token_use(*, token: str, valid_for: timedelta) -> bool:
    """Record that this signed form token was sent; True the first time, False when it is sent again."""
    return token_use_once("contact-form", token, valid_for=valid_for)


def contact_message_create(
    *, name: str, email: str, organisation: str, subject: str, message: str, wants_to_join: bool
) -> ContactMessage:
    """Store a contact message and queue its e-mail to the Redaktion in the same transaction.

    Not deferred with on_commit: with the database task backend the task row commits together with the message
    (both or neither, so a database lost right after the commit cannot drop the mail), and the worker only sees
    it once committed.
    """
    contact_message = ContactMessage(
        name=name,
        email=email,
        organisation=organisation,
        subject=subject,
        message=message,
        wants_to_join=wants_to_join,
    )
    contact_message.full_clean()
    with transaction.atomic():
        contact_message.save()
        contact_message_send_mail.enqueue(contact_message.pk)
    return contact_message


def contact_message_purge(*, now=None) -> int:
    """Delete contact messages older than CONTACT_RETENTION_DAYS; return how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_RETENTION_DAYS)
    deleted, _by_model = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def sign_language_video_prepare(*, video: SignLanguageVideo, upload) -> None:
    """Check an uploaded video by content and size, and record its format, size and duration on the instance.

    Raises ValidationError with a German message for a file that is not MP4/WebM or is too large.
    """
    if upload.size > settings.SIGN_LANGUAGE_VIDEO_MAX_BYTES:
        limit_mb = settings.SIGN_LANGUAGE_VIDEO_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            _("Das Video ist zu groß. Erlaubt sind höchstens %(limit)d MB.") % {"limit": limit_mb},
            code="too_large",
        )
    info = inspect_video(upload)
    upload.seek(0)
    video.video_format = info.format
    video.file_size = upload.size
    video.duration_seconds = info.duration_seconds
