"""The machinery's own periodic jobs."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from emscher_portal.core.confirmation import confirmation_purge
from emscher_portal.core.limits import limit_counters_prune
from emscher_portal.core.models import TaskWorker
from emscher_portal.core.worker.periodic import periodic


@periodic(every=timedelta(days=1))
def task_results_prune():
    """Finished task results and the rows of workers gone for TASK_RESULT_RETENTION_DAYS: the queue table stays
    small, and nothing about a contact message's mail outlives the message by much."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    results, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    workers, _by_model = TaskWorker.objects.filter(seen_at__lt=cutoff).delete()
    return f"{results} Task-Ergebnisse und {workers} Worker-Einträge gelöscht"


@periodic(every=timedelta(hours=1))
def limits_prune():
    """Counters of rate limits and single-use tokens past their time (core.limits, database store only)."""
    return f"{limit_counters_prune()} abgelaufene Zähler gelöscht"


@periodic(every=timedelta(hours=1))
def confirmations_purge():
    """E-mail confirmations past their time (core.confirmation): unconfirmed requests with what waited for them
    (an unconfirmed proposal, ballot or alert, and its address), and confirmed ones nobody opens any more."""
    return f"{confirmation_purge()} Bestätigungsanfragen gelöscht"
