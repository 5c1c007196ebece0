"""The task worker under faults, as real processes: `manage.py db_worker` started on the test database, its
connection through a loopback relay that the test cuts (a private database outage), and killed with SIGKILL.

Heartbeats every 0.2 s and a worker counts as lost after 1.5 s (see tests/processes.py), so each fault shows
within a second or two.
"""

import os
import signal
import time

import pytest
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from emscher_portal.core.models import TaskWorker
from emscher_portal.tests.operations.worker_tasks import note, slow_note
from emscher_portal.tests.processes import (
    database_url_for_tests,
    portal_environment,
    relay_to_test_database,
    start_worker,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def task_queue(settings):
    """Tasks enqueued by the test go into the database queue (the tests otherwise run them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(worker_id, *, database_url=None, **overrides):
        environment = portal_environment(database_url=database_url or database_url_for_tests(), **overrides)
        process = start_worker(environment=environment, log_path=tmp_path / f"{worker_id}.log", worker_id=worker_id)
        started.append(process)
        wait_until(
            lambda: TaskWorker.objects.filter(worker_id=worker_id).exists() or not process.alive(),
            timeout=30,
            what=f"worker {worker_id} registers",
        )
        assert process.alive(), process.output()
        return process

    yield start
    for process in started:
        process.stop()


def _status(result):
    return DBTaskResult.objects.get(pk=result.id).status


def _lines(path):
    return path.read_text().splitlines() if path.exists() else []


@pytest.fixture
def relay():
    relay = relay_to_test_database()
    yield relay
    relay.cut()


def test_worker_rides_out_a_database_outage_and_goes_on_with_the_queue(task_queue, workers, relay, tmp_path):
    worker = workers("outage", database_url=database_url_for_tests(port=relay.port))
    trace = tmp_path / "trace.txt"
    before = note.enqueue(str(trace), "before")
    wait_until(lambda: _status(before) == TaskResultStatus.SUCCESSFUL, timeout=10, what="the first task ran")
    # A task that is running when the database goes away, and finishes while it is still away.
    cut_off = slow_note.enqueue(str(trace), 0.5)
    wait_until(lambda: any(line.startswith("started") for line in _lines(trace)), timeout=10, what="slow task runs")

    relay.cut()
    during = note.enqueue(str(trace), "during")  # the test's own connection does not go through the relay
    wait_until(lambda: "Database unavailable" in worker.output(), timeout=10, what="the worker notices")
    wait_until(lambda: any(line.startswith("done") for line in _lines(trace)), timeout=10, what="slow task ends")
    still_running = worker.alive()
    relay.restore()
    wait_until(
        lambda: {_status(cut_off), _status(during)} == {TaskResultStatus.SUCCESSFUL},
        timeout=20,
        what="both tasks are done after the outage",
    )

    worker.stop()  # SIGTERM between tasks, as systemd stops it

    pid = worker.pid
    assert still_running
    assert worker.popen.returncode == 0
    assert not TaskWorker.objects.filter(worker_id="outage").exists()  # signed off
    assert _lines(trace) == ["before", f"started {pid}", f"done {pid}", "during"]  # the cut-off task ran once
    assert worker.output().count("Database unavailable") == 1
    assert "the task worker reconnected after" in worker.output()
    assert "result stored after the outage" in worker.output()


def test_a_task_whose_worker_was_killed_or_stopped_by_force_is_run_again(task_queue, workers, tmp_path):
    trace = tmp_path / "trace.txt"
    first = workers("first")
    task = slow_note.enqueue(str(trace), 1)
    wait_until(lambda: _lines(trace) == [f"started {first.pid}"], timeout=10, what="the first worker runs it")

    first.kill()
    second = workers("second")
    wait_until(lambda: _status(task) == TaskResultStatus.SUCCESSFUL, timeout=20, what="the task completes")
    # Stopped by force in the middle of a task: a second SIGTERM while the first waits for the task.
    forced = slow_note.enqueue(str(tmp_path / "forced.txt"), 5)
    wait_until(lambda: _lines(tmp_path / "forced.txt"), timeout=10, what="the second worker runs the next task")
    os.killpg(second.pid, signal.SIGTERM)
    time.sleep(0.2)
    os.killpg(second.pid, signal.SIGTERM)
    second.popen.wait(10)

    row = DBTaskResult.objects.get(pk=task.id)
    assert row.worker_ids == ["first", "second"]
    assert _lines(trace) == [f"started {first.pid}", f"started {second.pid}", f"done {second.pid}"]
    assert "Worker first stopped while running this task" in second.output()
    assert "Queued again (attempt 2 of 3)" in second.output()
    assert DBTaskResult.objects.get(pk=forced.id).status == TaskResultStatus.READY
