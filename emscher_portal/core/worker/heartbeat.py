"""A worker's heartbeat: its `TaskWorker` row, touched every TASK_WORKER_HEARTBEAT_SECONDS by a thread of its own,
so that it keeps beating while a long task runs in the main thread."""

import os
import socket
import threading
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from emscher_portal.core.models import TaskWorker


def workers_alive(*, now=None):
    """The ids of the workers whose heartbeat is younger than TASK_WORKER_LOST_SECONDS."""
    since = (now or timezone.now()) - timedelta(seconds=settings.TASK_WORKER_LOST_SECONDS)
    return set(TaskWorker.objects.filter(seen_at__gte=since).values_list("worker_id", flat=True))


class Heartbeat:
    def __init__(self, worker_id, *, interval=None):
        self.worker_id = worker_id
        self.interval = interval if interval is not None else settings.TASK_WORKER_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = None

    def beat(self):
        """Write the heartbeat now; the first one registers the worker (again, if its row was pruned meanwhile)."""
        now = timezone.now()
        if not TaskWorker.objects.filter(worker_id=self.worker_id).update(seen_at=now):
            TaskWorker.objects.create(
                worker_id=self.worker_id,
                hostname=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=now,
                seen_at=now,
            )

    def picked_up(self):
        TaskWorker.objects.filter(worker_id=self.worker_id).update(picked_up_at=timezone.now())

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"heartbeat-{self.worker_id}", daemon=True)
            self._thread.start()

    def _run(self):
        try:
            while not self._stop.wait(self.interval):
                try:
                    self.beat()
                except DatabaseError:
                    # The database is away: the main loop says so once; this thread just tries again next time.
                    with suppress(DatabaseError):
                        connections["default"].close()
        finally:
            connections.close_all()  # this thread's own connections

    def stop(self, *, sign_off):
        """Stop beating; with `sign_off` also remove the row (a clean exit: nothing of this worker is left running)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if sign_off:
            with suppress(DatabaseError):
                TaskWorker.objects.filter(worker_id=self.worker_id).delete()
