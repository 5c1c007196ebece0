"""Feeds per topic: per network (Atom and iCalendar), per Handlungsfeld, per event kind and per saved search."""

import datetime
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from pytest_django.asserts import assertContains

from documents.models import Measure
from documents.plan_services import measure_save
from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from forums.models import Event
from forums.tests.factories import make_event
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_the_network_feed_has_its_events_documents_and_measures_and_nothing_unpublished(client):
    network = make_network(name="Kühlung von Innenstädten", slug="kuehlung")
    other = make_network()
    make_event(title="Forum mit Netzwerk", networks=[network])
    make_event(title="Entwurfsforum", networks=[network], status=Status.DRAFT)
    make_event(title="Forum anderer Netzwerke", networks=[other])
    make_document(title="Positionspapier Hitze", networks=[network])
    make_document(title="Entwurfspapier", networks=[network], status=Status.DRAFT)
    field = make_field(make_plan(), number=3)
    make_measure(field, number="3.1", title="Schattenplätze", networks=[network])
    make_measure(field, number="3.2", title="Entwurfsmaßnahme", networks=[network], status=Status.DRAFT)

    response = client.get("/feeds/netzwerke/kuehlung/")

    assert sorted(entries(response)) == ["Forum mit Netzwerk", "Maßnahme 3.1: Schattenplätze", "Positionspapier Hitze"]
    assert client.get(f"/feeds/netzwerke/{make_network(status=Status.DRAFT).slug}/").status_code == 404


def test_the_network_calendar_has_its_events_whose_day_is_known(client):
    network = make_network(slug="leitbilder")
    make_event(title="Forum 2024", start_date=datetime.date(2024, 10, 9), networks=[network])
    make_event(title="Forum 2016", start_date=datetime.date(2016, 1, 1), date_precision="year", networks=[network])
    make_event(title="Ohne Netzwerk", start_date=datetime.date(2024, 11, 1))

    response = client.get("/netzwerke/leitbilder/termine.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == ["Forum 2024"]


def test_the_handlungsfeld_feed_shows_new_measures_and_status_changes(client):
    plan = make_plan()
    field = make_field(plan, number=2, slug="dachbegruenung")
    measure = make_measure(field, number="2.1", title="Gründächer fördern")
    make_measure(make_field(plan, number=5), number="5.1", title="Anderes Feld")
    measure.implementation_status = Measure.ImplementationStatus.IN_PROGRESS
    measure_save(measure=measure)

    response = client.get("/feeds/handlungsfelder/dachbegruenung/")

    assert sorted(entries(response)) == ["Maßnahme 2.1: in Umsetzung", "Neue Maßnahme 2.1: Gründächer fördern"]
    assert client.get("/feeds/handlungsfelder/gibt-es-nicht/").status_code == 404


def test_the_event_kind_feeds_hold_only_their_kind(client):
    make_event(title="Experten-Forum 2024", kind=Event.Kind.EXPERT_FORUM)
    make_event(title="Dezernententreffen 2019", kind=Event.Kind.DEPARTMENT_HEADS)

    forums = client.get("/feeds/foren/experten-forum/")
    meetings = client.get("/feeds/foren/dezernententreffen/")

    assert entries(forums) == ["Experten-Forum 2024"]
    assert entries(meetings) == ["Dezernententreffen 2019"]
    assert client.get("/feeds/foren/konferenz/").status_code == 404


def test_a_saved_search_is_a_feed_offered_on_the_search_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_document(title="Starkregen in Bottrop", year=2023)
        make_document(title="Hitze in Essen", year=2023)
        make_document(title="Starkregen Entwurf", status=Status.DRAFT)

    page = client.get("/suche/", {"q": "Starkregen", "jahr": "2023"})
    feed = client.get("/feeds/suche/", {"q": "Starkregen", "jahr": "2023"})

    assertContains(
        page,
        '<a href="/feeds/suche/?q=Starkregen&amp;jahr=2023" type="application/atom+xml">Als Feed abonnieren</a>',
        html=True,
    )
    # the three site-wide feeds and this search
    assertContains(page, '<link rel="alternate" type="application/atom+xml"', count=4)
    assert entries(feed) == ["Starkregen in Bottrop"]
    assert client.get("/feeds/suche/").status_code == 404


def test_topic_pages_link_their_feeds_in_head_and_body(client):
    network = make_network(slug="vernetzung")
    field = make_field(make_plan(), number=1, slug="wasser")
    make_measure(field)

    network_page = client.get(network.get_absolute_url())
    plan_page = client.get("/massnahmenplan/")
    events_page = client.get("/foren/")

    for page, url in (
        (network_page, "/feeds/netzwerke/vernetzung/"),
        (network_page, "/netzwerke/vernetzung/termine.ics"),
        (plan_page, "/feeds/handlungsfelder/wasser/"),
        (events_page, "/feeds/foren/experten-forum/"),
        (events_page, "/feeds/foren/dezernententreffen/"),
    ):
        html = page.content.decode()
        head, body = html.split("</head>", 1)
        assert re.search(rf'<link rel="alternate" type="[^"]+" title="[^"]+" href="{re.escape(url)}">', head), url
        assert f'href="{url}"' in body, url
