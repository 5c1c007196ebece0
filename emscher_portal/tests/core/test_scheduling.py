"""Scheduled publishing: „Veröffentlichen am“ / „Zurückziehen am“ carried out on time, with nobody logged in and
no task worker — the next page request does it, and the page, search, sitemap and feed follow at once.

Time is controlled by the schedule itself (a time just past), not by mocking: these tests commit for real
(transaction=True), as a request after the minute would find the database.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from emscher_portal.core.models import PeriodicJob, Status, TaskWorker
from emscher_portal.core.scheduling import publication_next_due, publication_run_due
from emscher_portal.core.worker import periodic
from forums.models import Event, Photo
from forums.tests.factories import make_event, make_photo

WORD = "Zeitplanprobe"


def _just_past():
    return timezone.now() - datetime.timedelta(seconds=30)


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_publication_happens_on_the_next_request_everywhere(client):
    event = make_event(title=f"Forum mit {WORD}", slug="forum-mit-zeitplan", status=Status.DRAFT)
    assert client.get("/foren/").status_code == 200  # the archive is now in the page cache, without the draft
    assert client.get("/foren/forum-mit-zeitplan/").status_code == 404

    event.publish_at = timezone.now() + datetime.timedelta(minutes=5)
    event.save()
    still_early = client.get("/foren/forum-mit-zeitplan/")
    event.publish_at = _just_past()  # the minute has come
    event.save()
    page = client.get("/foren/forum-mit-zeitplan/")

    assert still_early.status_code == 404
    assert page.status_code == 200
    assertContains(page, f"Forum mit {WORD}")
    assertContains(client.get("/foren/"), "/foren/forum-mit-zeitplan/")
    assertContains(client.get("/suche/", {"q": WORD}), "/foren/forum-mit-zeitplan/")
    assertContains(client.get("/sitemap.xml"), "/foren/forum-mit-zeitplan/")
    assertContains(client.get("/feeds/foren/"), f"Forum mit {WORD}")
    event.refresh_from_db()
    assert (event.status, event.publish_at) == (Status.PUBLISHED, None)
    record = event.history.latest()
    assert (record.history_user, record.history_change_reason) == (None, "Geplante Veröffentlichung")
    assert publication_next_due() is None


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_withdrawal_takes_the_page_out_of_search_on_the_next_request(client):
    event = make_event(title=f"Forum mit {WORD}", slug="forum-auf-zeit")
    assertContains(client.get("/suche/", {"q": WORD}), "/foren/forum-auf-zeit/")

    event.unpublish_at = _just_past()
    event.save()
    page = client.get("/foren/forum-auf-zeit/")

    assert page.status_code == 404
    assertNotContains(client.get("/suche/", {"q": WORD}), "/foren/forum-auf-zeit/")
    assertNotContains(client.get("/sitemap.xml"), "/foren/forum-auf-zeit/")
    event.refresh_from_db()
    assert (event.status, event.unpublish_at) == (Status.DRAFT, None)


@pytest.mark.django_db(transaction=True)
def test_an_editor_sees_the_due_change_in_the_admin_without_any_reader(staff_client):
    event = make_event(title="Forum für die Redaktion", status=Status.DRAFT, publish_at=_just_past())

    staff_client.get("/admin/forums/event/")

    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_publication_with_a_blocking_error_is_not_carried_out(client):
    event = make_event(title="Forum mit Fotolücke", slug="forum-mit-fotoluecke", status=Status.DRAFT)
    photo = make_photo(event)
    Photo.objects.filter(pk=photo.pk).update(alt_text="")
    event.publish_at = _just_past()
    event.save()

    page = client.get("/foren/forum-mit-fotoluecke/")

    assert page.status_code == 404
    event.refresh_from_db()
    assert (event.status, event.publish_at) == (Status.DRAFT, None)
    assert event.history.latest().history_change_reason.startswith("Geplante Veröffentlichung abgebrochen")


@pytest.mark.django_db
def test_the_service_does_every_due_transition_of_every_publishable_model_once():
    now = timezone.now()
    due = make_event(status=Status.DRAFT, publish_at=now - datetime.timedelta(minutes=1))
    later = make_event(status=Status.DRAFT, publish_at=now + datetime.timedelta(hours=1))
    leaving = make_event(unpublish_at=now - datetime.timedelta(minutes=1))

    first = publication_run_due(now=now)
    second = publication_run_due(now=now)

    assert first == (1, 1, 0)
    assert second == (0, 0, 0)
    statuses = dict(Event.objects.values_list("pk", "status"))
    assert (statuses[due.pk], statuses[later.pk], statuses[leaving.pk]) == (
        Status.PUBLISHED,
        Status.DRAFT,
        Status.DRAFT,
    )
    assert publication_next_due() == later.publish_at


@pytest.mark.django_db
def test_the_change_list_shows_and_filters_the_schedule(staff_client):
    make_event(title="Geplantes Forum", status=Status.DRAFT, publish_at=timezone.now() + datetime.timedelta(days=2))
    make_event(title="Gewöhnliches Forum", status=Status.DRAFT)

    listing = staff_client.get("/admin/forums/event/")
    scheduled = staff_client.get("/admin/forums/event/", {"zeitplan": "veroeffentlichen"})

    assertContains(listing, "Nach Zeitplan")
    assertContains(listing, "Veröffentlichen am")
    assertContains(scheduled, "Geplantes Forum")
    assertNotContains(scheduled, "Gewöhnliches Forum")


@pytest.mark.django_db
def test_the_withdrawal_must_come_after_the_publication():
    event = Event(
        title="Forum",
        slug="forum",
        start_date=datetime.date(2026, 5, 1),
        publish_at=timezone.now() + datetime.timedelta(days=2),
        unpublish_at=timezone.now() + datetime.timedelta(days=1),
    )

    with pytest.raises(ValidationError, match="muss nach"):
        event.full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_carries_out_a_due_publication_without_any_page_read():
    event = make_event(title=f"Forum mit {WORD}", slug="forum-vom-worker", status=Status.DRAFT)
    event.publish_at = _just_past()
    event.save()
    TaskWorker.objects.create(worker_id="w1", hostname="test", pid=1, started_at=timezone.now(), seen_at=timezone.now())

    ran = periodic.periodic_run_due(worker_id="w1")

    assert "emscher_portal.periodic.publications_due" in ran
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    assert PeriodicJob.objects.get(name="emscher_portal.periodic.publications_due").last_result == (
        "1 veröffentlicht, 0 zurückgezogen, 0 wegen Fehlern nicht veröffentlicht"
    )
