"""Periodic jobs of the participation app, run by the task worker (see emscher_portal/core/worker/periodic.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from emscher_portal.core.worker.periodic import periodic
from participation.services import round_forget_addresses, topic_purge_unconfirmed


@periodic(every=timedelta(hours=1))
def participation_addresses_purge():
    """What the Datenschutz page promises: unconfirmed proposals go (normally with their confirmation request, this
    catches the rest), and proposers' addresses are deleted once their round is closed."""
    older_than = timezone.now() - timedelta(
        hours=settings.CONFIRMATION_VALID_HOURS, days=settings.CONFIRMATION_KEEP_DAYS + 1
    )
    proposals = topic_purge_unconfirmed(older_than=older_than)
    addresses = round_forget_addresses()
    return f"{proposals} unbestätigte Vorschläge und {addresses} Adressen gelöscht"
