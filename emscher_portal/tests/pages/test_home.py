import datetime
import pathlib

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from articles.tests.factories import make_article, make_picture
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
    assertInHTML(
        '<a class="home-networks__link" href="/netzwerke/kompetenzentwicklung/">Kompetenzentwicklung</a>',
        response.text,
    )


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
        make_picture(make_article(title=f"Artikel {number}"), size=(64, 48), is_cover=True)

    # 8 before the articles and the rounds: two for the newest articles (with rubric and author) and their
    # pictures, one for the open rounds of topics announced there
    with django_assert_num_queries(11):
        client.get("/")


def _section(html, heading_id):
    """The HTML of the home page's section labelled by `heading_id`."""
    return html.split(f'aria-labelledby="{heading_id}"')[1].split("</section>")[0]


def test_home_shows_the_upcoming_forum_as_next_date_not_in_the_archive(client):
    today = timezone.localdate()
    make_event(title="Vergangenes Forum", start_date=today - datetime.timedelta(days=400))
    make_event(title="Kommendes Forum", start_date=today + datetime.timedelta(days=30))
    make_event(title="Heutiges Treffen", start_date=today, kind="dezernententreffen")
    make_event(
        title="Forum irgendwann nächstes Jahr",
        start_date=datetime.date(today.year + 1, 1, 1),
        date_precision="year",
    )

    response = client.get("/")

    latest = _section(response.text, "latest-title")
    assert "Vergangenes Forum" in latest
    assert "Kommendes Forum" not in latest
    assert "Heutiges Treffen" not in latest
    assert "Forum irgendwann nächstes Jahr" not in latest
    assert "Heutiges Treffen" in _section(response.text, "next-title")  # the soonest: today's


def test_home_lists_the_networks_as_links_without_bullets(client):
    for name in ("Leitbilder und Standards", "Wirtschaftlichkeit", "Kompetenzentwicklung"):
        make_network(name=name)

    response = client.get("/")

    networks = _section(response.text, "networks-title")
    assert networks.count('class="home-networks__link"') == 3
    css = pathlib.Path(finders.find("css/components/layout.css")).read_text(encoding="utf-8")
    rule = css.split(".home-networks {")[1].split("}")[0]
    assert "list-style: none;" in rule
