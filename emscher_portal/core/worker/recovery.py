"""Tasks whose worker died while running them (`kill -9`, out of memory, a host restart): found and run again.

A running task belongs to the last worker that claimed it (`DBTaskResult.worker_ids[-1]`). When that worker has
not written a heartbeat for TASK_WORKER_LOST_SECONDS, the task goes back to the queue — or, once it has been
started TASK_MAX_ATTEMPTS times (a task that kills its worker every time), it is marked failed with the reason,
which the admin shows to superusers. Every worker runs this between tasks; the rows are locked and skipped when
locked, so several workers never recover the same task twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from emscher_portal.core.models import TaskWorker
from emscher_portal.core.worker.heartbeat import workers_alive

logger = logging.getLogger(__name__)


class WorkerLostError(Exception):
    """The worker running a task stopped without finishing it (its heartbeat ended)."""


WORKER_LOST = f"{WorkerLostError.__module__}.{WorkerLostError.__qualname__}"


def _reason(worker_id, last_seen, lost_after):
    seen = f"last heartbeat {last_seen:%Y-%m-%d %H:%M:%S %Z}" if last_seen else "no heartbeat at all"
    return f"Worker {worker_id or '?'} stopped while running this task ({seen}; lost after {lost_after:.0f} s)."


def tasks_recover_lost(*, now=None):
    """Queue again (or fail) every running task whose worker is lost; returns the recovered rows."""
    now = now or timezone.now()
    lost_after = settings.TASK_WORKER_LOST_SECONDS
    # A task claimed less than that long ago cannot have a lost worker yet: its claim was a sign of life.
    candidates = DBTaskResult.objects.running().filter(started_at__lt=now - timedelta(seconds=lost_after))
    recovered = []
    with exclusive_transaction(candidates.db):
        rows = list(candidates.select_for_update(skip_locked=True))
        if not rows:
            return recovered
        alive = workers_alive(now=now)
        last_seen = dict(TaskWorker.objects.values_list("worker_id", "seen_at"))
        for row in rows:
            worker_id = row.worker_ids[-1] if row.worker_ids else ""
            if worker_id in alive:
                continue
            reason = _reason(worker_id, last_seen.get(worker_id), lost_after)
            attempts = len(row.worker_ids)
            if attempts < settings.TASK_MAX_ATTEMPTS:
                row.status, row.started_at = TaskResultStatus.READY, None
                row.save(update_fields=["status", "started_at"])
                logger.warning(
                    "Task %s (%s): %s Queued again (attempt %d of %d).",
                    row.pk, row.task_path, reason, attempts + 1, settings.TASK_MAX_ATTEMPTS,
                )  # fmt: skip
            else:
                row.status, row.finished_at, row.return_value = TaskResultStatus.FAILED, now, None
                row.exception_class_path = WORKER_LOST
                # Short lines: the admin shows this in a box that does not wrap.
                row.traceback = f"{WORKER_LOST}:\n{reason}\nGiven up after {attempts} attempts (TASK_MAX_ATTEMPTS)."
                row.save(update_fields=["status", "finished_at", "return_value", "exception_class_path", "traceback"])
                logger.error("Task %s (%s): %s Marked failed (%d attempts).", row.pk, row.task_path, reason, attempts)
            recovered.append(row)
    return recovered
