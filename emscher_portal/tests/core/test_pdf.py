"""The PDF pipeline (emscher_portal.core.pdf): safe fetching, the render lock, and the view machinery — stored
files, the fast path, drafts, former slugs, and renders queued by the change map."""

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from documents.tests.plan_factories import make_field, make_measure, make_plan
from emscher_portal.core.models import Status
from emscher_portal.core.pdf import fetch, render
from emscher_portal.core.slugs import slug_change_record
from emscher_portal.tests.pdfs import read_pdf
from forums.tests.factories import make_event
from networks.pdf import NetworkPdfView
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# Safe fetching
# ---------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802 -- the name http.server expects
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Recorder.requests = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def probe_template(settings, tmp_path):
    """A print template written by a test: what an editor's content could put into a PDF."""
    folder = tmp_path / "templates"
    folder.mkdir()
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], folder]}]

    def _write(html):
        (folder / "probe.html").write_text(html)
        return "probe.html"

    return _write


def test_url_fetcher_fetches_nothing_from_network_or_outside_our_folders(
    local_server, probe_template, caplog, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    port = local_server.server_address[1]
    template = probe_template(
        f"""<!DOCTYPE html><html lang="de"><head><title>Probe</title>
        <link rel="stylesheet" href="http://127.0.0.1:{port}/evil.css"></head><body>
        <h1>Probe</h1>
        <img src="http://127.0.0.1:{port}/tracker.png" alt="a">
        <img src="http://localhost:{port}/tracker2.png" alt="b">
        <img src="file:///etc/passwd" alt="c">
        <img src="/etc/passwd" alt="d">
        <img src="/static/../../../../../../etc/passwd" alt="e">
        <img src="/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="f">
        <img src="/media/../private/x.pdf" alt="g">
        <img src="https://example.org/bild.png" alt="h">
        </body></html>"""
    )

    data = render.pdf_render_bytes(template=template, context={})

    assert data.startswith(b"%PDF")
    assert _Recorder.requests == []
    refused = {record.args[0] for record in caplog.records if record.name == "emscher_portal.core.pdf.fetch"}
    assert refused == {
        f"http://127.0.0.1:{port}/evil.css",
        f"http://127.0.0.1:{port}/tracker.png",
        f"http://localhost:{port}/tracker2.png",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/etc/passwd",
        "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/private/x.pdf",
        "https://example.org/bild.png",
    }


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/static/css/print.css",
        "http://127.0.0.1:8000/etc/passwd",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/../../etc/passwd",
        "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/media/../private/a.pdf",
        "http://127.0.0.1:8000/static/css/print.css?x=1",
        "https://example.org/static/css/print.css",
    ],
)
def test_resolve_local_resource_refuses(url, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"

    assert fetch.resolve_local_resource(url) is None


def test_resolve_local_resource_serves_our_static_and_media_files(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    (settings.MEDIA_ROOT / "bild.webp").write_bytes(b"RIFF")

    css = fetch.resolve_local_resource("http://127.0.0.1:8000/static/css/print.css")
    media = fetch.resolve_local_resource("http://127.0.0.1:8000/media/bild.webp")

    assert css.name == "print.css"
    assert media == (settings.MEDIA_ROOT / "bild.webp").resolve()


# ---------------------------------------------------------------------------
# The render lock
# ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_render_once(monkeypatch, probe_template):
    template = probe_template(
        '<!DOCTYPE html><html lang="de"><head><title>Sperre</title></head><body><h1>Sperre</h1></body></html>'
    )
    calls = []
    real = render.pdf_render_bytes

    def slow_spy(**kwargs):
        calls.append(threading.get_ident())
        time.sleep(0.5)  # long enough that the second thread arrives while the first renders
        return real(**kwargs)

    monkeypatch.setattr(render, "pdf_render_bytes", slow_spy)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(render.pdf_render(template=template, context={}, cache_key="sperre-1"))
        except Exception as exc:  # noqa: BLE001 -- reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(calls) == 1
    assert len(results) == 2
    assert results[0] == results[1]
    assert connection.vendor == "postgresql"


# ---------------------------------------------------------------------------
# The view machinery (shown with networks, measures and events)
# ---------------------------------------------------------------------------


def test_staff_gets_the_same_stored_pdf_as_the_public_for_published_content(staff_client, render_spy):
    network = make_network(slug="offen")
    url = reverse("networks:network-pdf", args=[network.slug])

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
    url = reverse("networks:network-pdf", args=[network.slug])
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
    read_pdf(response)
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
