"""The worker's machinery in the test process: periodic jobs (due, claimed, failed, never twice at once), the
recovery of tasks whose worker is lost, and the admin pages of the queue (superusers only).

The real worker processes under faults are tested in tests/operations/test_worker.py.
"""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import OperationalError, connection, connections, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains

from emscher_portal.core.models import PeriodicJob, TaskWorker
from emscher_portal.core.worker import periodic
from emscher_portal.core.worker.outage import database_lost
from emscher_portal.core.worker.recovery import tasks_recover_lost
from emscher_portal.models import ContactMessage
from emscher_portal.tests.operations.worker_tasks import note

pytestmark = pytest.mark.django_db


def _error_of(function):
    try:
        function()
    except Exception as error:  # noqa: BLE001 -- the error is what the test looks at
        return error
    raise AssertionError("no error")


def _count_in_transaction():
    with transaction.atomic():
        TaskWorker.objects.count()


@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_counts_as_lost_during_the_outage_and_after_it(database_relay):
    TaskWorker.objects.count()
    database_relay.cut()
    while_away = _error_of(_count_in_transaction)
    database_relay.restore()
    TaskWorker.objects.count()
    # A long task computes while the database restarts; its next query fails on the dead connection, and the atomic
    # block has reconnected by the time the error arrives.
    database_relay.cut()
    database_relay.restore()
    after_it = _error_of(_count_in_transaction)

    assert database_lost(while_away)
    assert connection.is_usable()
    assert database_lost(after_it)


def test_a_failed_query_on_a_working_connection_is_no_outage():
    def cancelled():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(1)")

    def division_by_zero():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    timeout, wrong = _error_of(cancelled), _error_of(division_by_zero)

    assert isinstance(timeout, OperationalError)
    assert not database_lost(timeout)
    assert not database_lost(wrong)


@pytest.fixture
def jobs(monkeypatch):
    """Jobs registered by a test are gone after it (the registry is a copy for the test)."""
    monkeypatch.setattr(periodic, "_jobs", dict(periodic._jobs))
    return periodic


def _alive(*worker_ids, seen_ago=timedelta(0)):
    now = timezone.now()
    for worker_id in worker_ids:
        TaskWorker.objects.update_or_create(
            worker_id=worker_id,
            defaults={"hostname": "test", "pid": 1, "started_at": now - seen_ago, "seen_at": now - seen_ago},
        )


def test_periodic_job_runs_when_due_and_records_what_it_returned(jobs):
    runs = []

    @jobs.periodic(every=timedelta(hours=1), name="test.count")
    def count():
        runs.append(1)
        return f"{len(runs)}. Lauf"

    _alive("w1")

    first = jobs.periodic_run_due(worker_id="w1")
    again = jobs.periodic_run_due(worker_id="w1")
    PeriodicJob.objects.filter(name="test.count").update(last_started_at=timezone.now() - timedelta(minutes=61))
    later = jobs.periodic_run_due(worker_id="w1")

    assert "test.count" in first
    assert "test.count" not in again
    assert "test.count" in later
    row = PeriodicJob.objects.get(name="test.count")
    assert (row.last_succeeded, row.last_result, row.running_worker_id) == (True, "2. Lauf", "")
    assert row.last_finished_at >= row.last_started_at


def test_a_failing_periodic_job_is_recorded_and_the_other_jobs_still_run(jobs):
    @jobs.periodic(every=timedelta(hours=1), name="test.a-broken")
    def broken():
        raise ValueError("kaputt")

    @jobs.periodic(every=timedelta(hours=1), name="test.b-fine")
    def fine():
        return "gut"

    _alive("w1")

    ran = jobs.periodic_run_due(worker_id="w1")

    assert {"test.a-broken", "test.b-fine"} <= set(ran)
    failed = PeriodicJob.objects.get(name="test.a-broken")
    assert failed.last_succeeded is False
    assert "ValueError: kaputt" in failed.last_result
    assert PeriodicJob.objects.get(name="test.b-fine").last_result == "gut"


def test_a_job_claimed_by_a_live_worker_is_left_alone_until_that_worker_is_lost(jobs, settings):
    settings.TASK_WORKER_LOST_SECONDS = 60
    runs = []
    jobs.periodic(every=timedelta(hours=1), name="test.claimed")(lambda: runs.append("w1"))
    _alive("w1", "w2")
    PeriodicJob.objects.create(
        name="test.claimed", running_worker_id="w2", last_started_at=timezone.now() - timedelta(minutes=1)
    )

    while_w2_runs_it = jobs.periodic_run_due(worker_id="w1")
    _alive("w2", seen_ago=timedelta(minutes=2))
    after_w2_was_lost = jobs.periodic_run_due(worker_id="w1")

    assert "test.claimed" not in while_w2_runs_it
    assert "test.claimed" in after_w2_was_lost
    assert runs == ["w1"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_run_the_same_periodic_job_at_once(jobs):
    started, release, runs = threading.Event(), threading.Event(), []

    @jobs.periodic(every=timedelta(seconds=1), name="test.slow")
    def slow():
        runs.append(threading.current_thread().name)
        started.set()
        release.wait(10)

    _alive("a", "b")

    def worker_a():
        try:
            jobs.periodic_run_due(worker_id="a")
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker_a, name="a")
    thread.start()
    assert started.wait(10)
    ran_by_b = jobs.periodic_run_due(worker_id="b")
    release.set()
    thread.join(10)

    assert "test.slow" not in ran_by_b
    assert runs == ["a"]
    assert PeriodicJob.objects.get(name="test.slow").running_worker_id == ""


def test_contact_messages_past_retention_are_purged_daily_by_the_worker(settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old = ContactMessage.objects.create(name="Alt", email="a@example.org", subject="Alt", message="x")
    ContactMessage.objects.create(name="Neu", email="n@example.org", subject="Neu", message="x")
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    _alive("w1")

    ran = periodic.periodic_run_due(worker_id="w1")

    job = next(job for job in periodic.periodic_jobs() if job.name == "emscher_portal.periodic.contact_messages_purge")
    assert job.every == timedelta(days=1)
    assert job.name in ran
    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["Neu"]
    row = PeriodicJob.objects.get(name=job.name)
    assert row.last_result == "1 Kontaktnachricht(en) gelöscht, die älter als 30 Tage waren"


# ---------------------------------------------------------------------------
# Tasks of lost workers, and who sees the queue
# ---------------------------------------------------------------------------


@pytest.fixture
def running_task(settings, tmp_path):
    """A task that a worker claimed ten minutes ago; `worker_ids` says who claimed it how often."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_WORKER_LOST_SECONDS = 60

    def make(*worker_ids):
        result = note.enqueue(str(tmp_path / "trace.txt"), "x")
        DBTaskResult.objects.filter(pk=result.id).update(
            status=TaskResultStatus.RUNNING,
            worker_ids=list(worker_ids),
            started_at=timezone.now() - timedelta(minutes=10),
        )
        return DBTaskResult.objects.get(pk=result.id)

    return make


def test_tasks_of_lost_workers_are_queued_again_and_those_of_live_workers_left_alone(running_task):
    _alive("alive")
    _alive("dead", seen_ago=timedelta(minutes=5))
    of_the_living = running_task("alive")
    of_the_dead = running_task("dead")
    of_one_never_seen = running_task("unknown")

    recovered = tasks_recover_lost()

    assert {row.pk for row in recovered} == {of_the_dead.pk, of_one_never_seen.pk}
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[of_the_living.pk] == TaskResultStatus.RUNNING
    assert statuses[of_the_dead.pk] == statuses[of_one_never_seen.pk] == TaskResultStatus.READY


def test_a_task_that_lost_its_worker_every_time_is_marked_failed_and_superusers_see_why(
    running_task, client, django_user_model
):
    task = running_task("w-1", "w-2", "w-3")
    admin = django_user_model.objects.create_superuser(username="betrieb", password="x" * 20, email="b@example.org")
    client.force_login(admin)

    tasks_recover_lost()
    task.refresh_from_db()
    listing = client.get("/admin/django_tasks_database/dbtaskresult/")
    detail = client.get(f"/admin/django_tasks_database/dbtaskresult/{task.pk}/change/")

    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "emscher_portal.core.worker.recovery.WorkerLostError"
    assertContains(listing, "WorkerLostError")
    assertContains(detail, "Worker w-3 stopped while running this task (no heartbeat at all; lost after 60 s).")
    assertContains(detail, "Given up after 3 attempts")


def test_a_superuser_queues_failed_tasks_again_with_fresh_attempts(running_task, client, django_user_model):
    failed = running_task("w-1", "w-2", "w-3")
    tasks_recover_lost()
    admin = django_user_model.objects.create_superuser(username="betrieb", password="x" * 20, email="b@example.org")
    client.force_login(admin)

    response = client.post(
        "/admin/django_tasks_database/dbtaskresult/",
        {"action": "requeue", "_selected_action": [str(failed.pk)]},
        follow=True,
    )

    failed.refresh_from_db()
    assertContains(response, "1 Task erneut eingereiht.")
    assert (failed.status, failed.worker_ids, failed.traceback) == (TaskResultStatus.READY, [], "")


def test_the_redaktion_never_sees_the_task_queue_even_with_view_permission(running_task, client, django_user_model):
    running_task("w-1")
    editor = django_user_model.objects.create_user(username="lena", password="x" * 20, is_staff=True)
    redaktion = Group.objects.filter(name="Redaktion").first()
    if redaktion is not None:
        editor.groups.add(redaktion)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_dbtaskresult", "view_taskworker", "view_periodicjob"])
    )
    client.force_login(editor)

    index = client.get("/admin/")

    assert index.status_code == 200
    for hidden in ("dbtaskresult", "taskworker", "periodicjob"):
        assert f"/{hidden}/" not in index.text
    for path in (
        "/admin/django_tasks_database/dbtaskresult/",
        "/admin/emscher_portal/taskworker/",
        "/admin/emscher_portal/periodicjob/",
    ):
        assert client.get(path).status_code == 403, path
