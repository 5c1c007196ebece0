"""Periodic jobs, run by the task workers themselves (no cron).

An app registers its jobs in its `periodic.py` (imported at start-up like its `changes.py`):

    from datetime import timedelta
    from emscher_portal.core.worker.periodic import periodic

    @periodic(every=timedelta(days=1))
    def contact_messages_purge():
        deleted = contact_message_purge()
        return f"{deleted} Kontaktnachricht(en) gelöscht"

Between tasks, every worker looks (every TASK_WORKER_HEARTBEAT_SECONDS) for jobs that are due: a job is due
`every` after its last start. The last run of each job is a `PeriodicJob` row (admin → „Regelmäßige Aufgaben“,
superusers only), which a worker claims under a row lock before it runs the job, so several workers never run the
same job at the same time; a job whose worker died mid-run is due again at once. What the function returns is
stored as the run's result, an exception's traceback as its error (and logged).

Rules for a job: it may run again after a crash (make it safe to repeat), it runs in the worker between tasks (keep
it short; enqueue tasks for heavy work), and it decides itself what is due (a digest job running hourly sends the
digests whose time has come).
"""

import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.utils import exclusive_transaction

from emscher_portal.core.models import PeriodicJob
from emscher_portal.core.worker.heartbeat import workers_alive
from emscher_portal.core.worker.outage import database_lost

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    function: object
    every: timedelta


_jobs = {}


def periodic(*, every, name=None):
    """Decorator: run `function()` in a task worker about every `every` (a timedelta). The name defaults to the
    function's dotted path and identifies the job's row; renaming a job starts its schedule afresh."""
    if every <= timedelta(0):
        raise ValueError("A periodic job needs a positive interval.")

    def decorator(function):
        job = Job(name=name or f"{function.__module__}.{function.__qualname__}", function=function, every=every)
        _jobs[job.name] = job
        return function

    return decorator


def periodic_jobs():
    """Every registered job, by name."""
    return [_jobs[name] for name in sorted(_jobs)]


def _due(row, job, worker_id, now):
    if row.running_worker_id:
        # Claimed by this worker: its run was cut off (the database went away). By another: due only if that worker
        # is lost.
        return row.running_worker_id == worker_id or row.running_worker_id not in workers_alive(now=now)
    return row.last_started_at is None or row.last_started_at + job.every <= now


def _claim(job, worker_id):
    PeriodicJob.objects.get_or_create(name=job.name)
    now = timezone.now()
    with exclusive_transaction():
        row = PeriodicJob.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
        if row is None or not _due(row, job, worker_id, now):
            return False  # locked by a worker claiming it right now, or not due
        row.running_worker_id, row.last_started_at = worker_id, now
        row.save(update_fields=["running_worker_id", "last_started_at"])
    return True


def _run(job, worker_id):
    logger.info("Periodic job %s started.", job.name)
    try:
        result = job.function()
    except Exception as error:  # noqa: BLE001 -- a job's failure is recorded and logged, the worker goes on
        if database_lost(error):
            raise  # the worker rides out the outage; the claim stays, so the job runs again afterwards
        logger.exception("Periodic job %s failed.", job.name)
        succeeded, text = False, traceback.format_exc()
    else:
        succeeded, text = True, "" if result is None else str(result)
        logger.info("Periodic job %s finished%s", job.name, f": {text}" if text else ".")
    PeriodicJob.objects.filter(name=job.name, running_worker_id=worker_id).update(
        running_worker_id="", last_finished_at=timezone.now(), last_succeeded=succeeded, last_result=text
    )


def periodic_run_due(*, worker_id):
    """Run every job that is due and not running elsewhere, one after the other; returns the names run."""
    ran = []
    for job in periodic_jobs():
        if _claim(job, worker_id):
            _run(job, worker_id)
            ran.append(job.name)
    return ran
