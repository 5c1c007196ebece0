"""A member without consent never appears anywhere the public can look: pages, search, sitemap, feeds, PDFs.

Each test first creates the data that could leak: the member sits in a published network that has events,
workshops, measures and documents, so every page that shows the network is rendered with real content.
"""

import datetime
import html
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from forums.tests.factories import make_event, make_workshop
from networks.tests.factories import make_member, make_municipality, make_network

pytestmark = pytest.mark.django_db

SECRET_NAME = "Heimlich Unbenannt"
SECRET_ROLE = "Verborgene Rolle"
SECRET_ORGANISATION = "Amt ohne Einwilligung"
PUBLIC_NAME = "Offen Genannt"


@pytest.fixture
def network_with_secret_member(django_capture_on_commit_callbacks):
    # Signals index content after commit; run those callbacks so that search sees everything.
    with django_capture_on_commit_callbacks(execute=True):
        network = make_network(
            name="Vernetzung und Zusammenarbeit", contact_name="Kontakt Person", contact_email="geheim@example.org"
        )
        city = make_municipality(name="Gladbeck")
        make_member(network, name=PUBLIC_NAME, role="Sprecherin", municipality=city)
        make_member(
            network,
            name=SECRET_NAME,
            role=SECRET_ROLE,
            organisation=SECRET_ORGANISATION,
            municipality=city,
            has_consented=False,
        )
        event = make_event(title="5. Experten-Forum", start_date=datetime.date(2019, 10, 30), networks=[network])
        make_workshop(event, title="Hitzeinseln", networks=[network])
        make_measure(make_field(make_plan(), number=1), title="Abkoppeln", networks=[network])
        make_document(title="Netzwerkpapier", networks=[network])
    return network


def _public_urls(network):
    urls = ["/", "/netzwerke/", network.get_absolute_url(), "/massnahmenplan/", "/foren/", "/dokumente/"]
    urls += [event.get_absolute_url() for event in network.events.all()]
    urls += [measure.get_absolute_url() for measure in network.measures.all()]
    urls += ["/sitemap.xml", "/feeds/foren/", "/feeds/dokumente/"]
    return urls


def test_member_without_consent_appears_on_no_page(network_with_secret_member):
    client = Client()
    seen = {}

    for url in _public_urls(network_with_secret_member):
        response = client.get(url)
        if response.status_code == 404:
            continue  # that part of the portal does not exist (yet)
        seen[url] = response.status_code
        text = response.content.decode()
        assert SECRET_NAME not in text, url
        assert SECRET_ROLE not in text, url
        assert SECRET_ORGANISATION not in text, url
        assert "geheim@example.org" not in text, url

    assert PUBLIC_NAME in client.get(network_with_secret_member.get_absolute_url()).text
    assert {network_with_secret_member.get_absolute_url(), "/netzwerke/", "/massnahmenplan/"} <= set(seen)


def _search_findings(response, query):
    """The words of the search page's main area (hits, suggestions), without the echoed query itself."""
    main = re.search(r"<main\b.*?</main>", response.text, flags=re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", "", main))
    return " ".join(text.replace(query, "").split())


@pytest.mark.parametrize(
    "query", [SECRET_NAME, "Heimlich", "Unbenannt", SECRET_ORGANISATION, SECRET_ROLE, "geheim@example.org"]
)
def test_member_without_consent_is_not_found_by_search(network_with_secret_member, query):
    response = Client().get("/suche/", {"q": query})

    assert response.status_code == 200
    findings = _search_findings(response, query)
    for secret in (SECRET_NAME, "Heimlich", "Unbenannt", SECRET_ORGANISATION, SECRET_ROLE, "geheim@example.org"):
        assert secret not in findings


def test_member_with_consent_is_found_by_search(network_with_secret_member):
    response = Client().get("/suche/", {"q": "Offen"})

    # The query word itself is cut out of the findings; the rest of the name comes from the hit.
    assert "Genannt" in _search_findings(response, "Offen")


def test_member_loses_visibility_when_consent_is_withdrawn(
    network_with_secret_member, django_capture_on_commit_callbacks
):
    member = network_with_secret_member.members.get(name=PUBLIC_NAME)

    with django_capture_on_commit_callbacks(execute=True):
        member.has_consented = False
        member.save()

    assert PUBLIC_NAME not in Client().get(network_with_secret_member.get_absolute_url()).text
    assert "Genannt" not in _search_findings(Client().get("/suche/", {"q": "Offen"}), "Offen")


def test_member_without_consent_is_not_in_any_pdf(network_with_secret_member):
    from pypdf import PdfReader  # noqa: PLC0415 -- slow import

    client = Client()
    pdf_urls = [
        reverse("networks:network-pdf", kwargs={"slug": network_with_secret_member.slug}),
        reverse("documents:plan-pdf"),
        reverse("forums:event-pdf", kwargs={"slug": network_with_secret_member.events.get().slug}),
    ]

    for url in pdf_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert data.startswith(b"%PDF"), url
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert SECRET_NAME not in text, url
        assert SECRET_ORGANISATION not in text, url
