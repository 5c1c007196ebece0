import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.tests.library_factories import make_document
from emscher_portal.core.models import Status
from forums.tests.factories import make_event
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


def test_home_shows_latest_events_newest_documents_and_networks(client):
    make_event(title="Experten-Forum Oberhausen", start_date=datetime.date(2019, 10, 30))
    make_document(title="Dokumentation Forum Oberhausen")
    make_network(name="Kompetenzentwicklung", slug="kompetenzentwicklung")

    response = client.get("/")

    assertContains(response, "Experten-Forum Oberhausen")
    assertContains(response, "Dokumentation Forum Oberhausen")
    assertInHTML('<a href="/netzwerke/kompetenzentwicklung/">Kompetenzentwicklung</a>', response.text)


def test_home_shows_the_next_event_with_a_known_day(client):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    make_event(title="Kommendes Experten-Forum", start_date=soon)

    response = client.get("/")

    assertContains(response, "Nächster Termin")
    assertContains(response, "Kommendes Experten-Forum")


def test_home_hides_drafts_from_the_public(client):
    make_event(title="Geheimes Forum", status=Status.DRAFT)
    make_document(title="Geheimes Dokument", status=Status.DRAFT)
    make_network(name="Geheimes Netzwerk", slug="geheim", status=Status.DRAFT)

    response = client.get("/")

    assertNotContains(response, "Geheim")


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_constant(client, django_assert_num_queries, count):
    for number in range(count):
        make_event(title=f"Forum {number}")
        make_document(title=f"Dokument {number}")
        make_network(name=f"Netzwerk {number}", slug=f"netzwerk-{number}")

    with django_assert_num_queries(9):  # one more since the open rounds of topics are announced there
        client.get("/")
