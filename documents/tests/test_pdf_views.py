"""„PDF anzeigen“ of networks, measures, the plan and legal pages; the fast path; renders queued on publish."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.test import Client, RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from documents.tests.library_factories import make_document
from documents.tests.plan_factories import make_field, make_measure, make_plan
from documents.views.pdf import NetworkPdfView
from emscher_portal.models import LegalPage, Status
from emscher_portal.slugs import slug_change_record
from forums.tests.factories import make_event
from networks.tests.factories import make_member, make_network

pytestmark = pytest.mark.django_db


def _pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _outline(items):
    titles = []
    for item in items:
        titles += _outline(item) if isinstance(item, list) else [item.title]
    return titles


def test_network_pdf_shows_network_and_only_published_documents():
    network = make_network(name="Kühlung von Innenstädten", slug="kuehlung", body="## Hintergrund\n\nHitze.")
    make_member(network, name="Erika Zustimmung", has_consented=True)
    make_member(network, name="Max Ohnezustimmung", has_consented=False)
    make_document(title="Leitfaden Stadtgrün", networks=[network])
    make_document(title="Entwurf intern", networks=[network], status=Status.DRAFT)

    reader, text = _pdf(Client().get(reverse("documents:network-pdf", args=["kuehlung"])))

    assert reader.metadata.title == "Experten-Netzwerk Kühlung von Innenstädten"
    assert _outline(reader.outline)[:2] == ["Kühlung von Innenstädten", "Worum es geht"]
    assert "Erika Zustimmung" in text
    assert "Max Ohnezustimmung" not in text
    assert "Leitfaden Stadtgrün" in text
    assert "Entwurf intern" not in text


def test_network_pdf_of_draft_is_404_for_public_and_private_for_staff(staff_client):
    network = make_network(slug="geheim", status=Status.DRAFT)
    url = reverse("documents:network-pdf", args=[network.slug])

    public = Client().get(url)
    staff = staff_client.get(url)

    assert public.status_code == 404
    _pdf(staff)
    assert "private" in staff["Cache-Control"]


def test_measure_and_plan_pdfs(client):
    plan = make_plan(title="Maßnahmenplan 2020+", introduction="Der Plan verbindet Stadt und Wasser.")
    field = make_field(plan, title="Regenwasser", number=1)
    measure = make_measure(field, title="Flächen abkoppeln", slug="abkoppeln", description="Beispieltext.")
    make_measure(field, title="Geheime Maßnahme", status=Status.DRAFT)

    measure_reader, measure_text = _pdf(client.get(reverse("documents:measure-pdf", args=[measure.slug])))
    plan_reader, plan_text = _pdf(client.get(reverse("documents:plan-pdf")))

    assert measure_reader.metadata.title == f"Maßnahme {measure.number}: Flächen abkoppeln"
    assert "Flächen abkoppeln" in measure_text
    assert plan_reader.metadata.title == "Maßnahmenplan 2020+"
    assert _outline(plan_reader.outline) == [
        "Maßnahmenplan 2020+",
        "Inhalt",
        "Einleitung und Ziele",
        "Umsetzungsstand",
        "1. Regenwasser",
        f"{measure.number} Flächen abkoppeln",
    ]
    assert "Flächen abkoppeln" in plan_text
    assert "Geheime Maßnahme" not in plan_text
    assert "Seite 2 von" in plan_text


def test_legal_page_pdf():
    LegalPage.objects.create(kind="impressum", title="Impressum", body="## Anbieter\n\nEmschergenossenschaft.")

    reader, text = _pdf(Client().get(reverse("documents:legal-pdf-impressum")))
    missing = Client().get(reverse("documents:legal-pdf-datenschutz"))

    assert reader.metadata.title == "Impressum"
    assert _outline(reader.outline) == ["Impressum", "Anbieter"]
    assert "Emschergenossenschaft." in text
    assert missing.status_code == 404


def test_staff_gets_the_same_stored_pdf_as_the_public_for_published_content(staff_client, render_spy):
    network = make_network(slug="offen")
    url = reverse("documents:network-pdf", args=[network.slug])

    public = Client().get(url)
    staff = staff_client.get(url)

    assert public["ETag"] == staff["ETag"]
    assert "public" in staff["Cache-Control"]
    assert len(render_spy) == 1
    b"".join(public.streaming_content), b"".join(staff.streaming_content)


def test_repeated_request_is_a_file_read_without_queries(settings, django_assert_num_queries, render_spy):
    # With a shared cache (Redis in production) the content version is a cache read, so a hit needs no query.
    settings.PAGE_CACHE_VERSION_STORE = "cache"
    network = make_network(slug="schnell")
    view = NetworkPdfView.as_view()
    request = RequestFactory().get(f"/netzwerke/{network.slug}/pdf/")
    request.user = AnonymousUser()
    first_response = view(request, slug=network.slug)
    first = b"".join(first_response.streaming_content)
    first_response.file_to_stream.close()

    with django_assert_num_queries(0):
        response = view(request, slug=network.slug)
    second = b"".join(response.streaming_content)
    response.file_to_stream.close()

    assert first == second
    assert len(render_spy) == 1


def test_draft_pdf_remembered_for_staff_is_not_served_to_the_public(staff_client):
    network = make_network(slug="entwurf", status=Status.DRAFT)
    url = reverse("documents:network-pdf", args=[network.slug])
    b"".join(staff_client.get(url).streaming_content)

    response = Client().get(url)

    assert response.status_code == 404


def test_publishing_queues_a_render_so_the_reader_gets_a_stored_file(
    settings, render_spy, django_capture_on_commit_callbacks
):
    settings.PDF_PRERENDER = True
    event = make_event(title="Forum im Entwurf", slug="entwurf-forum", status=Status.DRAFT)
    assert render_spy == []

    with django_capture_on_commit_callbacks(execute=True):
        event.status = Status.PUBLISHED
        event.save()
    renders_after_publish = list(render_spy)
    response = Client().get(reverse("forums:event-pdf", args=[event.slug]))

    assert renders_after_publish == ["forums/print/event.html"]
    assert render_spy == ["forums/print/event.html"]  # the reader's request rendered nothing
    _pdf(response)
    assert default_storage.exists(f"pdf/{response['ETag'].strip(chr(34))[:2]}/{response['ETag'].strip(chr(34))}.pdf")


def test_editing_a_draft_queues_no_render(settings, render_spy, django_capture_on_commit_callbacks):
    settings.PDF_PRERENDER = True

    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Noch geheim", status=Status.DRAFT)

    assert render_spy == []


def test_pdfs_under_a_former_slug_redirect_to_the_current_one(client):
    network = make_network(slug="netz-neu")
    slug_change_record(instance=network, old_slug="netz-alt")
    measure = make_measure(make_field(make_plan()), slug="massnahme-neu")
    slug_change_record(instance=measure, old_slug="massnahme-alt")

    network_pdf = client.get("/netzwerke/netz-alt/pdf/")
    measure_pdf = client.get("/massnahmenplan/massnahme-alt/pdf/")

    assert (network_pdf.status_code, network_pdf["Location"]) == (301, "/netzwerke/netz-neu/pdf/")
    assert (measure_pdf.status_code, measure_pdf["Location"]) == (301, "/massnahmenplan/massnahme-neu/pdf/")
    assert client.get("/netzwerke/nie-vergeben/pdf/").status_code == 404


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
