import datetime

import pytest

from forums import demo as forums_demo
from forums.models import Event, Photo, ProgrammeItem, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo):
    """The demo content (from the session's snapshot)."""


def _event(slug):
    return Event.objects.select_related("host_city").get(slug=slug)


def test_demo_has_every_event_with_its_true_facts_and_marks_examples(loaded):
    forums = Event.objects.filter(kind=Event.Kind.EXPERT_FORUM).order_by("start_date")
    meetings = Event.objects.filter(kind=Event.Kind.DEPARTMENT_HEADS).order_by("start_date")

    assert [(e.edition, e.start_date.year, e.host_city.name) for e in forums] == [
        (1, 2015, "Bochum"),
        (2, 2016, "Dortmund"),
        (3, 2017, "Essen"),
        (4, 2018, "Gelsenkirchen"),
        (5, 2019, "Oberhausen"),
        (6, 2021, "Herne"),
        (7, 2022, "Castrop-Rauxel"),
        (8, 2023, "Duisburg"),
        (9, 2024, "Bottrop"),
    ]
    assert [(e.edition, e.start_date.year, e.host_city.name) for e in meetings] == [
        (1, 2016, "Herten"),
        (2, 2017, "Gladbeck"),
        (3, 2018, "Castrop-Rauxel"),
        (4, 2019, "Dortmund"),
        (5, 2020, "Bottrop"),
    ]
    assert all(event.is_published for event in Event.objects.all())

    # Dates only as precise as known.
    assert _event("experten-forum-2015").date_display == "11. Dezember 2015"
    assert _event("experten-forum-2016").date_display == "2016"
    assert _event("experten-forum-2023").date_display == "2023"
    assert _event("experten-forum-2024").date_display == "9.–10. Oktober 2024"
    assert _event("experten-forum-2021").date_display == "22.–23. November 2021"
    assert _event("dezernententreffen-2017").date_display == "Februar 2017"
    assert _event("dezernententreffen-2018").date_display == "2018"
    assert _event("dezernententreffen-2020").date_display == "2020"

    # Unknown facts stay empty.
    dortmund = _event("experten-forum-2016")

    assert dortmund.motto == ""
    assert dortmund.venue == ""
    assert _event("experten-forum-2015").venue == ""
    assert _event("experten-forum-2015").motto == "Wissen und Erfahrungen vernetzen – integral handeln"
    assert _event("experten-forum-2019").venue == "Luise-Albertz-Halle"
    assert not ProgrammeItem.objects.filter(event__date_precision__in=["month", "year"]).exists()

    # Programmes, workshops and photos are marked as example content.
    assert Photo.objects.exists()
    assert all("Beispielbild" in photo.caption for photo in Photo.objects.all())
    assert all(photo.has_renditions for photo in Photo.objects.all())
    assert all("Beispiel" in w.description and "Beispiel" in w.results for w in Workshop.objects.all())
    for event in Event.objects.filter(programme_items__isnull=False).distinct():
        assert "Beispielinhalte" in event.body
        assert "Beispielprogramm" in event.programme_items.order_by("position").first().description


def test_demo_two_day_forums_whose_days_are_known_have_a_programme_for_each_day(loaded):
    def days(slug):
        items = ProgrammeItem.objects.filter(event__slug=slug)
        return sorted({item.day for item in items}, key=lambda day: (day is None, day))

    assert days("experten-forum-2021") == [datetime.date(2021, 11, 22), datetime.date(2021, 11, 23)]
    assert days("experten-forum-2024") == [datetime.date(2024, 10, 9), datetime.date(2024, 10, 10)]
    # The 8th forum had two days, but which ones is not known: no programme, no days.
    assert days("experten-forum-2023") == []
    assert days("experten-forum-2019") == [None]


def test_demo_is_idempotent(loaded):
    counts = (Event.objects.count(), ProgrammeItem.objects.count(), Workshop.objects.count(), Photo.objects.count())
    images = set(Photo.objects.values_list("image", flat=True))

    forums_demo.load()

    assert counts == (
        Event.objects.count(),
        ProgrammeItem.objects.count(),
        Workshop.objects.count(),
        Photo.objects.count(),
    )
    assert set(Photo.objects.values_list("image", flat=True)) == images
    assert counts[0] == 14
    assert Event.objects.get(slug="experten-forum-2015").start_date == datetime.date(2015, 12, 11)
