"""Tasks of the alerts app: one digest, one management link. Both may run more than once (see core/mail.py)."""

from datetime import datetime

from django.tasks import task

from alerts.digests import digest_send, manage_link_send


@task
def alerts_send_digest(subscription_id: int, until: str):
    """The digest of one subscription up to `until` (ISO time, fixed by the job that queued it)."""
    return digest_send(subscription_id=subscription_id, until=datetime.fromisoformat(until))


@task
def alerts_send_manage_link(email_hash: str):
    """The link to the management page, to the address that has subscriptions under `email_hash` (the address
    itself never goes into the task queue)."""
    return manage_link_send(email_hash)
