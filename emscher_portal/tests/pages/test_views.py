from datetime import timedelta

import pytest
from django.db import OperationalError, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertInHTML

from emscher_portal.core.models import TaskWorker
from emscher_portal.tests.operations.worker_tasks import note

pytestmark = pytest.mark.django_db


def test_home_tells_what_the_initiative_is(client):
    response = client.get("/")

    assertContains(response, '<html lang="de">')
    assertInHTML('<h1 id="hero-title" class="hero__title">Wasser in der Stadt von morgen</h1>', response.text)
    assertContains(response, "Emschergenossenschaft")
    assertContains(response, "Dezember 2015")


def test_home_has_skip_link_navigation_and_footer(client):
    response = client.get("/")

    assertInHTML('<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>', response.text)
    assertContains(response, 'aria-label="Hauptnavigation"')
    for label in ("Foren", "Netzwerke", "Maßnahmenplan", "Dokumente", "Themen", "Suche"):
        assertContains(response, f">{label}</a>")
    for label in ("Kontakt", "Impressum", "Datenschutz", "Barrierefreiheit"):
        assertContains(response, f">{label}</a>")


def test_home_sets_no_cookie_for_a_reader(client):
    response = client.get("/")

    assert response.cookies == {}


def test_healthz_answers_without_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"


def test_readyz_reports_ready(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.text == "ready\n"


@pytest.fixture
def waiting_task(settings, tmp_path):
    """A task in the database queue, enqueued `waited` ago and not picked up."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_QUEUE_STALE_SECONDS = 600

    def make(waited):
        result = note.enqueue(str(tmp_path / "trace.txt"), "x")
        DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - waited)

    return make


def _worker(picked_up_ago):
    now = timezone.now()
    TaskWorker.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, seen_at=now, picked_up_at=now - picked_up_ago
    )


def test_readyz_answers_503_when_tasks_wait_and_no_worker_takes_them(client, waiting_task):
    waiting_task(timedelta(minutes=15))
    _worker(picked_up_ago=timedelta(hours=2))

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.text == (
        "not ready\ntasks: stale queue (1 waiting, the oldest for 900 s; no worker has taken a task for 7200 s)\n"
    )


def test_readyz_stays_ready_for_a_busy_worker_with_a_backlog_and_for_fresh_tasks(client, waiting_task, settings):
    waiting_task(timedelta(minutes=15))
    _worker(picked_up_ago=timedelta(seconds=30))
    busy = client.get("/readyz")
    TaskWorker.objects.all().delete()
    DBTaskResult.objects.all().delete()
    waiting_task(timedelta(seconds=20))
    fresh = client.get("/readyz")
    waiting_task(timedelta(hours=1))
    settings.TASK_QUEUE_STALE_SECONDS = 0
    unchecked = client.get("/readyz")

    assert [busy.status_code, fresh.status_code, unchecked.status_code] == [200, 200, 200]


def test_readyz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("emscher_portal.views._check_database", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert "database: OperationalError" in response.text


def test_readyz_answers_503_when_postgres_refuses_connections(client, settings):
    database = connections["default"]
    original = database.settings_dict.copy()
    # A port where nothing listens: a real failed connect, not a stand-in.
    database.close()
    database.settings_dict.update({"PORT": "1", "HOST": "127.0.0.1"})
    try:
        response = client.get("/readyz")
    finally:
        database.close()
        database.settings_dict.clear()
        database.settings_dict.update(original)

    assert response.status_code == 503
    assert "database: OperationalError" in response.text
