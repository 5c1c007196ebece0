"""Mails to proposers, sent by the task worker (see core/mail.py for why they are recorded as sent)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from emscher_portal.core.mail import mail_send_and_record
from participation.models import Topic


@task
def topic_send_news(topic_id: int, news: str, final: bool):
    """Tell the proposer of a topic what the working group did with it (`news`: approved, merged, declined,
    decided). A `final` news is the last one the proposer gets: the address is deleted as soon as it was sent."""
    topic = Topic.objects.select_related("round", "merged_into").filter(pk=topic_id).first()
    if topic is None or not topic.contact_email:
        return  # deleted, or the address is gone already (an earlier attempt of a final news)
    if news == "approved" and topic.approval_mailed_at is not None:
        return  # an earlier attempt sent it already (the task runs at least once)
    body = render_to_string(
        "participation/mail/topic_news.txt",
        {"topic": topic, "news": news, "url": f"{settings.SITE_URL.rstrip('/')}{topic.get_absolute_url()}"},
    )
    subject = {
        "approved": "Ihr Thema ist freigegeben",
        "merged": "Ihr Thema wurde mit einem anderen zusammengeführt",
        "declined": "Ihr Themenvorschlag wurde nicht freigegeben",
        "decided": "Über Ihr Thema wurde entschieden",
    }[news]
    mail = EmailMessage(
        subject=f"[Emscher-Portal] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[topic.contact_email],
    )

    def record():
        # A final news is recorded by deleting the address (nothing more will be sent); the one news that is not
        # final, the approval, by its own time stamp. Written with update(): no page shows either.
        if final:
            Topic.objects.filter(pk=topic.pk).update(contact_email="", updated_at=timezone.now())
        elif news == "approved":
            Topic.objects.filter(pk=topic.pk).update(approval_mailed_at=timezone.now())

    mail_send_and_record(mail, record=record)
