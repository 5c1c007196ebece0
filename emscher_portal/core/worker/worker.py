"""The portal's task worker: django-tasks-db's `Worker`, made to survive faults.

What it adds to the library's worker (whose signal handling, claiming and task running it keeps):

- **A database outage is ridden out.** A lost connection — while looking for work, while a task runs or while its
  result is stored — is logged once as a warning; the worker waits with backoff (0.5 s growing to 10 s), reconnects
  and goes on. The library's worker exits with the OperationalError instead.
- **Nothing it was doing is lost to an outage.** A task that failed because the database went away is put back into
  the queue; one that finished while its result could not be stored gets that result stored afterwards.
- **A heartbeat** (`TaskWorker` row, see heartbeat.py), written by a thread so a long task does not silence it, and
  between tasks the **recovery of tasks whose worker died** (recovery.py) and the **periodic jobs** (periodic.py).
- A task stopped by force (a second Ctrl-C, SIGTERM while a task runs) goes back to the queue instead of being
  marked failed.
"""

import logging
import random
import time
from contextlib import suppress

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, OperationalError, close_old_connections
from django.tasks import TaskContext, TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from emscher_portal.core.worker import jobs  # noqa: F401 -- registers the machinery's own periodic jobs
from emscher_portal.core.worker.heartbeat import Heartbeat
from emscher_portal.core.worker.outage import DATABASE_ERRORS, database_lost, wait_for_database
from emscher_portal.core.worker.periodic import periodic_run_due
from emscher_portal.core.worker.recovery import tasks_recover_lost

logger = logging.getLogger(__name__)

_REQUEUE = object()  # the outcome of a task cut off by an outage: run it again


class _Succeeded:
    def __init__(self, return_value):
        self.return_value = return_value


class PortalWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat = Heartbeat(self.worker_id)
        self._unsettled = {}  # task id → _REQUEUE or _Succeeded: outcomes the database could not take yet
        self._next_upkeep = 0.0

    # -- the loop ----------------------------------------------------------------------------------------------

    def shutdown(self, signum, frame):
        # Ctrl-C reaches the worker from the terminal and from bin/serve-local at once: a second signal while it
        # is already leaving between tasks changes nothing (the library would report „terminating current task“).
        if not self.running and not self.running_task:
            return
        super().shutdown(signum, frame)

    def run(self):
        logger.info("Task worker %s started (queues: %s).", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 -- spreads workers started together, not cryptography
        self.heartbeat.start()
        try:
            while self.running:
                try:
                    if self._round():
                        break
                except Exception as error:  # noqa: BLE001 -- only a lost database is ridden out, the rest raised
                    if not database_lost(error):
                        raise
                    self._ride_out(error)
        finally:
            # Whatever ends the worker here (a signal, a crash), it holds no task any more: a forced stop put its
            # task back. Only a kill leaves the row, and then the others see when it was last alive.
            self.heartbeat.stop(sign_off=True)

    def _round(self):
        """Look for work once and do it; True when the worker is done (--batch with an empty queue, --max-tasks)."""
        close_old_connections()
        self._settle()
        if time.monotonic() >= self._next_upkeep:
            self.heartbeat.beat()
            tasks_recover_lost()
            periodic_run_due(worker_id=self.worker_id)
            self._next_upkeep = time.monotonic() + self.heartbeat.interval
        db_task_result, looked = self._claim()
        if db_task_result is not None:
            self.run_task(db_task_result)
        if self.batch and looked and db_task_result is None:
            logger.info("No more tasks to run for worker %s - exiting.", self.worker_id)
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran the most tasks allowed (%d) on worker %s - exiting.", self._run_tasks, self.worker_id)
            return True
        close_old_connections()
        if self.running and db_task_result is None:
            time.sleep(self.interval)
        return False

    def _ready_tasks(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def _claim(self):
        """(the claimed task or None, whether the queue could be looked at), as the library's loop does it."""
        tasks = self._ready_tasks()
        with exclusive_transaction(tasks.db):
            try:
                db_task_result = tasks.get_locked()
            except OperationalError as error:
                if is_locked_database_exception(error):  # SQLite busy: try again next round
                    return None, False
                raise
            if db_task_result is not None:
                db_task_result.claim(self.worker_id)
                self.heartbeat.picked_up()
        return db_task_result, True

    # -- outages -----------------------------------------------------------------------------------------------

    def _ride_out(self, error):
        detail = str(error).strip().splitlines()[0] if str(error).strip() else ""
        logger.warning(
            "Database unavailable (%s%s); the task worker waits and reconnects.",
            type(error).__name__, f": {detail}" if detail else "",
        )  # fmt: skip
        started = time.monotonic()
        if wait_for_database(keep_waiting=lambda: self.running):
            logger.warning("Database back: the task worker reconnected after %.1f s.", time.monotonic() - started)
        self._next_upkeep = 0.0  # heartbeat at once: the others may have counted this worker as lost meanwhile

    def _settle(self):
        """Store the outcomes an outage kept from the database, for tasks this worker still holds."""
        for task_id, outcome in list(self._unsettled.items()):
            row = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).first()
            if row is not None and row.worker_ids[-1:] == [self.worker_id]:
                if outcome is _REQUEUE:
                    self._requeue(row)
                    logger.warning("Task %s (%s) was cut off by the outage: queued again.", row.pk, row.task_path)
                else:
                    row.set_successful(outcome.return_value)
                    logger.info("Task %s (%s): result stored after the outage.", row.pk, row.task_path)
            del self._unsettled[task_id]

    @staticmethod
    def _requeue(db_task_result):
        DBTaskResult.objects.filter(pk=db_task_result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )

    # -- one task ----------------------------------------------------------------------------------------------

    def run_task(self, db_task_result):
        """Run the task and store its outcome: the library's run_task, plus what outages and forced stops need."""
        self.running_task = True
        try:
            try:
                return_value = self._call(db_task_result)
            except (KeyboardInterrupt, SystemExit):
                # Stopped by force: the next worker runs it again.
                with suppress(DatabaseError):
                    self._requeue(db_task_result)
                raise
            except BaseException as error:  # noqa: BLE001 -- as in the library: any failure of a task is recorded
                if database_lost(error):
                    self._unsettled[db_task_result.pk] = _REQUEUE
                    raise
                self._store_failure(db_task_result, error)
            else:
                self._store_success(db_task_result, return_value)
        finally:
            self.running_task = False
            self._run_tasks += 1

    @staticmethod
    def _call(db_task_result):
        task = db_task_result.task
        task_result = db_task_result.task_result
        task_started.send(sender=type(task.get_backend()), task_result=task_result)
        if task.takes_context:
            return task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
        return task.call(*task_result.args, **task_result.kwargs)

    def _store_success(self, db_task_result, return_value):
        try:
            db_task_result.set_successful(return_value)
        except DATABASE_ERRORS as error:
            if not database_lost(error):
                raise
            self._unsettled[db_task_result.pk] = _Succeeded(return_value)
            raise
        except (TypeError, ValueError) as error:  # a return value that is not JSON fails the task, as in the library
            self._store_failure(db_task_result, error)
            return
        task_finished.send(sender=type(db_task_result.task.get_backend()), task_result=db_task_result.task_result)

    def _store_failure(self, db_task_result, error):
        try:
            db_task_result.set_failed(error)
        except DATABASE_ERRORS as store_error:
            if database_lost(store_error):
                self._unsettled[db_task_result.pk] = _REQUEUE
            raise
        try:
            sender = type(db_task_result.task.get_backend())
        except (ImportError, SuspiciousOperation):
            logger.exception("Task %s failed unexpectedly", db_task_result.pk)
            return
        task_finished.send(sender=sender, task_result=db_task_result.task_result)
