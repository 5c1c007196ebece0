"""„PDF anzeigen“ of an Experten-Netzwerk."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from documents.tests.library_factories import make_document
from emscher_portal.core.models import Status
from emscher_portal.tests.pdfs import outline_titles, read_pdf
from networks.pdf import NetworkPdfView
from networks.tests.factories import make_member, make_network

pytestmark = pytest.mark.django_db


def test_network_pdf_shows_network_and_only_published_documents():
    network = make_network(name="Kühlung von Innenstädten", slug="kuehlung", body="## Hintergrund\n\nHitze.")
    make_member(network, name="Erika Zustimmung", has_consented=True)
    make_member(network, name="Max Ohnezustimmung", has_consented=False)
    make_document(title="Leitfaden Stadtgrün", networks=[network])
    make_document(title="Entwurf intern", networks=[network], status=Status.DRAFT)

    reader, text = read_pdf(Client().get(reverse("networks:network-pdf", args=["kuehlung"])))

    assert reader.metadata.title == "Experten-Netzwerk Kühlung von Innenstädten"
    assert outline_titles(reader.outline)[:2] == ["Kühlung von Innenstädten", "Worum es geht"]
    assert "Erika Zustimmung" in text
    assert "Max Ohnezustimmung" not in text
    assert "Leitfaden Stadtgrün" in text
    assert "Entwurf intern" not in text


def test_network_pdf_of_draft_is_404_for_public_and_private_for_staff(staff_client):
    network = make_network(slug="geheim", status=Status.DRAFT)
    url = reverse("networks:network-pdf", args=[network.slug])

    public = Client().get(url)
    staff = staff_client.get(url)

    assert public.status_code == 404
    read_pdf(staff)
    assert "private" in staff["Cache-Control"]


def test_network_pdf_cache_key_changes_when_a_member_is_added():
    # A member without consent is not listed, but the PDF prints the network's size (the `member_count` annotation).
    network = make_network(slug="wachsend")
    make_member(network, has_consented=True)

    def cache_parts():
        view = NetworkPdfView()
        view.setup(RequestFactory().get("/netzwerke/wachsend/pdf/"), slug="wachsend")
        view.content_user = AnonymousUser()
        obj = view.find_object(view.get_queryset())
        return obj.member_count, view.get_cache_parts(obj)

    count_before, before = cache_parts()
    make_member(network, has_consented=False)
    count_after, after = cache_parts()

    assert (count_before, count_after) == (1, 2)
    assert before != after
