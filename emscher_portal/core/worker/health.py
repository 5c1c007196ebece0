"""Whether the task queue moves: for /readyz."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, Count, F, Max, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from emscher_portal.core.models import TaskWorker


class QueueStaleError(RuntimeError):
    """Tasks wait and no worker has taken one for TASK_QUEUE_STALE_SECONDS."""


def task_queue_check(*, now=None):
    """Raise QueueStaleError (saying how long) when the oldest waiting task has waited longer than
    TASK_QUEUE_STALE_SECONDS and no worker has picked up a task for as long; a busy worker with a backlog passes."""
    stale_after = settings.TASK_QUEUE_STALE_SECONDS
    if not stale_after:
        return
    now = now or timezone.now()
    # A task's wait starts when it was queued, or for a deferred one when it became due.
    waiting = DBTaskResult.objects.ready().aggregate(
        count=Count("pk"),
        since=Min(Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))),
    )
    limit = now - timedelta(seconds=stale_after)
    if not waiting["count"] or waiting["since"] > limit:
        return
    picked_up = TaskWorker.objects.aggregate(last=Max("picked_up_at"))["last"]
    if picked_up is not None and picked_up > limit:
        return
    idle = f"for {(now - picked_up).total_seconds():.0f} s" if picked_up else "yet"
    raise QueueStaleError(
        f"{waiting['count']} waiting, the oldest for {(now - waiting['since']).total_seconds():.0f} s; "
        f"no worker has taken a task {idle}"
    )
