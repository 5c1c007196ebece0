import datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.core.slugs import slug_change_record
from forums.tests.factories import make_event, make_workshop
from networks.tests.factories import make_discipline, make_member, make_municipality, make_network

pytestmark = pytest.mark.django_db


def test_network_list_shows_purpose_size_and_disciplines(client):
    network = make_network(name="Leitbilder und Standards", purpose="Gemeinsame Standards entwickeln.")
    network.disciplines.set([make_discipline(name="Wasserwirtschaft")])
    make_member(network)
    make_member(network, has_consented=False)

    response = client.get("/netzwerke/")

    assertInHTML(f'<a href="{network.get_absolute_url()}">Leitbilder und Standards</a>', response.text)
    assertContains(response, "Gemeinsame Standards entwickeln.")
    assertContains(response, "2 Mitglieder")
    assertContains(response, "Wasserwirtschaft")


def test_network_list_hides_drafts_from_the_public_but_not_from_staff(staff_client):
    client = Client()
    make_network(name="Veröffentlichtes Netzwerk")
    make_network(name="Geheimes Netzwerk", status=Status.DRAFT)

    public = client.get("/netzwerke/")
    staff = staff_client.get("/netzwerke/")

    assertContains(public, "Veröffentlichtes Netzwerk")
    assertNotContains(public, "Geheimes Netzwerk")
    assertContains(staff, "Geheimes Netzwerk")


def test_network_detail_of_a_draft_is_404_for_the_public_and_marked_for_staff(staff_client):
    client = Client()
    network = make_network(status=Status.DRAFT)

    assert client.get(network.get_absolute_url()).status_code == 404
    assertContains(staff_client.get(network.get_absolute_url()), "Entwurf")


def test_network_detail_lists_only_consenting_members(client):
    network = make_network()
    city = make_municipality(name="Bottrop")
    make_member(network, name="Erika Zustimmung", role="Sprecherin", municipality=city)
    make_member(network, name="Otto Geheim", has_consented=False)

    response = client.get(network.get_absolute_url())

    assertContains(response, "Erika Zustimmung")
    assertContains(response, "Sprecherin")
    assertContains(response, "Bottrop")
    assertNotContains(response, "Otto Geheim")
    assertContains(response, "Das Netzwerk hat 2 Mitglieder.")


def test_network_contact_email_only_when_public(client):
    hidden = make_network(contact_name="Anna Kontakt", contact_email="anna@example.org")
    shown = make_network(contact_name="Bernd Kontakt", contact_email="bernd@example.org", is_contact_email_public=True)

    hidden_response = client.get(hidden.get_absolute_url())
    shown_response = client.get(shown.get_absolute_url())

    assertContains(hidden_response, "Anna Kontakt")
    assertNotContains(hidden_response, "anna@example.org")
    assertInHTML('<a href="mailto:bernd@example.org">bernd@example.org</a>', shown_response.text)


def test_network_detail_timeline_joins_events_and_workshops_by_year(client):
    network = make_network()
    city = make_municipality(name="Essen")
    forum_2017 = make_event(title="3. Experten-Forum", start_date=datetime.date(2017, 10, 12), host_city=city)
    forum_2019 = make_event(title="5. Experten-Forum", start_date=datetime.date(2019, 10, 30), networks=[network])
    make_workshop(forum_2017, title="Kühlung von Innenstädten", networks=[network])
    draft = make_event(title="Entwurfsforum", status=Status.DRAFT, networks=[network])
    make_workshop(draft, title="Workshop im Entwurf", networks=[network])

    response = client.get(network.get_absolute_url())

    assertInHTML('<h3 class="timeline__year-title">2017</h3>', response.text)
    assertInHTML('<h3 class="timeline__year-title">2019</h3>', response.text)
    assertInHTML(f'<a href="{forum_2017.get_absolute_url()}">3. Experten-Forum</a>', response.text)
    assertInHTML(f'<a href="{forum_2019.get_absolute_url()}">5. Experten-Forum</a>', response.text)
    assertContains(response, "Kühlung von Innenstädten")
    assertContains(response, "Essen")
    assertNotContains(response, "Entwurfsforum")
    assertNotContains(response, "Workshop im Entwurf")
    assert response.text.index(">2019<") < response.text.index(">2017<")


def test_network_detail_shows_published_measures_and_documents(client):
    network = make_network()
    field = make_field(make_plan(), number=1)
    measure = make_measure(field, number="1.1", title="Gründächer fördern", networks=[network])
    make_measure(field, number="1.2", title="Entwurfsmaßnahme", status=Status.DRAFT, networks=[network])
    document = make_document(title="Positionspapier Standards", networks=[network])
    make_document(title="Unveröffentlichtes Papier", status=Status.DRAFT, networks=[network])

    response = client.get(network.get_absolute_url())

    assertContains(response, f'<a href="{measure.get_absolute_url()}">1.1 Gründächer fördern</a>', html=True)
    assertNotContains(response, "Entwurfsmaßnahme")
    assertContains(response, f'<a href="{document.get_absolute_url()}">Positionspapier Standards</a>', html=True)
    assertNotContains(response, "Unveröffentlichtes Papier")


def test_network_detail_lists_the_newest_documents_and_links_to_the_rest(client):
    network = make_network()
    for year in range(2010, 2022):
        make_document(title=f"Papier {year}", year=year, networks=[network])

    response = client.get(network.get_absolute_url())

    assertContains(response, "Papier 2021")
    assertContains(response, "Papier 2012")
    assertNotContains(response, "Papier 2011")
    assertInHTML(f'<a href="/dokumente/?netzwerk={network.slug}">Alle Dokumente dieses Netzwerks</a>', response.text)


def test_network_detail_has_no_more_link_when_all_documents_are_shown(client):
    network = make_network()
    make_document(title="Einziges Papier", networks=[network])

    response = client.get(network.get_absolute_url())

    assertContains(response, "Einziges Papier")
    assertNotContains(response, "Alle Dokumente dieses Netzwerks")


def test_network_old_slug_redirects(client):
    network = make_network(slug="alter-name")

    network.slug = "neuer-name"
    network.save()
    slug_change_record(instance=network, old_slug="alter-name")

    response = client.get("/netzwerke/alter-name/")

    assert response.status_code == 301
    assert response["Location"] == "/netzwerke/neuer-name/"


def _network_with_everything(items):
    network = make_network()
    discipline_list = [make_discipline() for _ in range(items)]
    network.disciplines.set(discipline_list)
    field = make_field(make_plan(), number=items)
    for number in range(items):
        make_member(network, municipality=make_municipality(), discipline=discipline_list[number])
        event = make_event(start_date=datetime.date(2016 + number, 5, 1), networks=[network])
        make_workshop(event, networks=[network])
        make_measure(field, networks=[network])
        make_document(networks=[network])
    return network


@pytest.mark.parametrize("items", [1, 3])
def test_network_detail_query_count_is_constant(client, django_assert_num_queries, items):
    network = _network_with_everything(items)

    # site content version (cache validators), network, disciplines, members, events, workshops, measures, documents,
    # articles about it, operator (footer)
    with django_assert_num_queries(10):
        response = client.get(network.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("items", [1, 3])
def test_network_list_query_count_is_constant(client, django_assert_num_queries, items):
    for _ in range(items):
        network = make_network()
        network.disciplines.set([make_discipline()])
        make_member(network)

    # site content version (cache validators), networks with member counts, disciplines, operator (footer)
    with django_assert_num_queries(4):
        response = client.get(reverse("networks:network-list"))

    assert response.status_code == 200


def test_sitemap_lists_published_networks_and_measures_only(client):
    network = make_network()
    draft = make_network(status=Status.DRAFT)
    field = make_field(make_plan(), number=1)
    measure = make_measure(field)
    draft_measure = make_measure(field, status=Status.DRAFT)

    text = client.get("/sitemap.xml").text

    assert f"http://testserver{network.get_absolute_url()}</loc>" in text
    assert f"http://testserver{measure.get_absolute_url()}</loc>" in text
    assert "http://testserver/netzwerke/</loc>" in text
    assert "http://testserver/massnahmenplan/</loc>" in text
    assert draft.get_absolute_url() not in text
    assert draft_measure.get_absolute_url() not in text


def test_network_and_plan_pages_offer_their_pdf(client):
    network = make_network()
    measure = make_measure(make_field(make_plan(), number=1))

    assertInHTML(
        f'<a class="button button--secondary" href="{network.get_absolute_url()}pdf/">PDF anzeigen</a>',
        client.get(network.get_absolute_url()).text,
    )
    assertInHTML(
        '<a class="button button--secondary" href="/massnahmenplan/massnahmenplan.pdf">PDF anzeigen</a>',
        client.get("/massnahmenplan/").text,
    )
    assertInHTML(
        f'<a class="button button--secondary" href="{measure.get_absolute_url()}pdf/">PDF anzeigen</a>',
        client.get(measure.get_absolute_url()).text,
    )
