"""Periodic jobs of the alerts app, run by the task worker (see emscher_portal/core/worker/periodic.py)."""

from datetime import timedelta

from alerts.services import digests_queue_due
from emscher_portal.core.worker.periodic import periodic


@periodic(every=timedelta(minutes=15))
def alert_digests_send():
    """Record what was published since the last run, then queue the digests whose time has come (each decides
    itself whether anything is new; nothing new, no mail). Unconfirmed subscriptions are no rows of their own:
    they go with their confirmation request (`confirmations_purge`)."""
    return f"{digests_queue_due()} Zusammenfassungen fällig"
