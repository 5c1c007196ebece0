"""Background work of the site-wide app, run by the tasks worker (`manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

from emscher_portal.core.mail import mail_send_and_record
from emscher_portal.models import ContactMessage


@task
def contact_message_send_mail(message_id: int):
    """E-mail one contact message to CONTACT_EMAIL. Runs in the worker so a slow mail server never blocks a reader.

    May run more than once (see core/mail.py): `mailed_at` is set as soon as the SMTP server accepted the mail.
    """
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None or message.mailed_at is not None:
        return  # purged in the meantime, or already sent by an earlier attempt
    lines = [
        f"Name: {message.name}",
        f"E-Mail: {message.email}",
        f"Organisation: {message.organisation or '–'}",
        f"Mitwirken in der Arbeitsgruppe: {'ja' if message.wants_to_join else 'nein'}",
        f"Eingegangen: {timezone.localtime(message.created_at):%d.%m.%Y %H:%M}",
        "",
        message.message,
    ]
    mail = EmailMessage(
        subject=f"[Emscher-Portal] {message.subject}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.CONTACT_EMAIL],
        reply_to=[message.email],
    )
    mail_send_and_record(
        mail, record=lambda: ContactMessage.objects.filter(pk=message.pk).update(mailed_at=timezone.now())
    )
