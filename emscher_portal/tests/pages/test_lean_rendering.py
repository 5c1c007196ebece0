"""Lean rendering of the largest page the cache stores: the event page costs the same queries for 1 or 40 items."""

import datetime

import pytest
from pytest_django.asserts import assertContains

from documents.models import Document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from forums.models import Photo, ProgrammeItem
from forums.tests.factories import make_event, make_workshop
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


def _photos(event, count, start=0):
    renditions = {
        str(width): {"name": f"forums/renditions/x-{width}.webp", "height": width * 2 // 3} for width in (480, 960)
    }
    Photo.objects.bulk_create(
        Photo(
            event=event,
            image=f"forums/photos/2024/foto-{index}.jpg",
            width=1200,
            height=800,
            alt_text=f"Foto {index}",
            caption=f"Bildunterschrift {index}",
            position=index,
            renditions=renditions,
            renditions_source=f"forums/photos/2024/foto-{index}.jpg",
        )
        for index in range(start, start + count)
    )


def _programme(event, count, start=0):
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(event=event, title=f"Beitrag {index}", start_time=datetime.time(9, index % 60), position=index)
        for index in range(start, start + count)
    )


def _documents(event, count, start=0):
    Document.objects.bulk_create(
        Document(
            title=f"Dokumentation Teil {index}",
            slug=f"dokumentation-teil-{index}",
            year=2024,
            event=event,
            file=f"benchmark/teil-{index}.pdf",
            filename=f"teil-{index}.pdf",
            file_size=1000,
            page_count=1,
            status=Status.PUBLISHED,
        )
        for index in range(start, start + count)
    )


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_event_page_queries_do_not_grow_with_its_content(client, uncached, django_assert_num_queries):
    network = make_network()
    event = make_event(networks=[network], body="Ein **großes** Forum.")
    make_workshop(event, networks=[network], results="- Ergebnis")
    _programme(event, 1)
    _photos(event, 1)
    _documents(event, 1)
    field = make_field(make_plan())
    make_measure(field, title="Maßnahme vom Forum 0", origin_event=event)

    # 10, one for the articles about the event, one for its measures, two for its rounds of topics and the topics its
    # workshops took up
    with django_assert_num_queries(14):
        small = client.get(event.get_absolute_url())

    for index in range(5):
        make_workshop(event, title=f"Workshop {index}", networks=[network], results="- Ergebnis")
    _programme(event, 29, start=1)
    _photos(event, 39, start=1)
    _documents(event, 9, start=1)
    for index in range(1, 8):
        make_measure(field, title=f"Maßnahme vom Forum {index}", origin_event=event)

    with django_assert_num_queries(14):
        large = client.get(event.get_absolute_url())

    assertContains(small, "Beitrag 0")
    assertContains(large, "Beitrag 29")
    assertContains(large, 'alt="Foto 39"')
    assertContains(large, "Dokumentation Teil 9")
    assertContains(large, "Maßnahme vom Forum 7")
    assert large.content.count(b'class="gallery__item"') == 40
