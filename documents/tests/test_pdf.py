"""The PDF pipeline: safe fetching, caching, the render lock, and a generated forum PDF parsed back."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from documents import pdf as pipeline
from documents.tests.library_factories import make_document
from emscher_portal.models import Status
from forums.tests.factories import make_event, make_photo, make_programme_item, make_workshop
from networks.tests.factories import make_municipality

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _forum():
    city = make_municipality(name="Bottrop", slug="bottrop")
    event = make_event(
        title="9. Experten-Forum in Bottrop",
        slug="forum-2024",
        motto="Handeln im Wandel: Ein einzelnes Blatt spendet keinen Schatten",
        host_city=city,
        venue="Beispielhalle",
        body="## Rückblick\n\nZehn Jahre Zukunftsinitiative. (Beispieltext)",
    )
    make_programme_item(event, title="Begrüßung durch die Gastgeberstadt")
    make_workshop(event, title="Kühlung von Innenstädten", results="- Mehr Bäume\n- Mehr Wasserflächen")
    make_workshop(event, title="Gesundes Wohnen und Arbeiten im Quartier")
    make_photo(event, size=(1200, 800), is_cover=True, caption="Das Plenum")
    make_document(title="Beispieldokument Präsentation", event=event)
    return event


def test_forum_pdf_is_a_real_pdf_with_outline_title_and_text(client, render_spy):
    event = _forum()

    response = client.get(reverse("forums:event-pdf", args=[event.slug]))

    body = _body(response)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'inline; filename="Dokumentation 9. Experten-Forum in Bottrop.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) >= 5  # cover, contents, overview, programme, workshops, photos, documents
    assert reader.metadata.title == "Dokumentation: 9. Experten-Forum in Bottrop"
    outline = [item.title for item in _flatten(reader.outline)]
    assert outline == [
        "9. Experten-Forum in Bottrop",
        "Inhalt",
        "Überblick",
        "Rückblick",
        "Programm",
        "Workshops und Ergebnisse",
        "Kühlung von Innenstädten",
        "Ergebnisse",
        "Gesundes Wohnen und Arbeiten im Quartier",
        "Fotos",
        "Dokumente",
    ]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "9. Experten-Forum in Bottrop" in text
    assert "Seite 3 von" in text
    assert "Beispieldokument Präsentation" in text
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert render_spy == ["forums/print/event.html"]


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_forum_pdf_embeds_our_font_and_photo_at_print_size(client):
    event = _forum()

    body = _body(client.get(reverse("forums:event-pdf", args=[event.slug])))

    reader = PdfReader(io.BytesIO(body))
    fonts, images = set(), []
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
        images += [image.image.size for image in page.images]
    # Only our self-hosted @font-face family, embedded (no system font, nothing fetched).
    assert fonts <= {"Portal-Sans", "Portal-Sans-Bold", "Portal-Sans-Italic"}
    assert "Portal-Sans" in fonts
    # The 1200 px original is never embedded: the cover and the photo page use the 960 px rendition.
    assert set(images) == {(960, 640)}


def test_forum_pdf_second_request_is_served_from_cache_without_rendering(client, render_spy):
    event = _forum()
    url = reverse("forums:event-pdf", args=[event.slug])

    first = client.get(url)
    second = client.get(url)
    not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert render_spy == ["forums/print/event.html"]
    assert _body(first) == _body(second)
    assert first["ETag"] == second["ETag"]
    assert not_modified.status_code == 304


def test_forum_pdf_cache_key_changes_when_content_changes(client, render_spy):
    event = _forum()
    url = reverse("forums:event-pdf", args=[event.slug])
    first = client.get(url)
    _body(first)

    event.title = "9. Experten-Forum in Bottrop (korrigiert)"
    event.save()
    second = client.get(url)
    _body(second)
    make_workshop(event, title="Ein weiterer Workshop")
    third = client.get(url)

    assert len({first["ETag"], second["ETag"], third["ETag"]}) == 3
    assert len(render_spy) == 3
    assert "Ein weiterer Workshop" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(_body(third))).pages)


def test_forum_pdf_of_draft_is_404_for_public():
    event = make_event(status=Status.DRAFT)

    response = Client().get(reverse("forums:event-pdf", args=[event.slug]))

    assert response.status_code == 404


def test_forum_pdf_leaves_out_draft_documents(client):
    event = _forum()
    make_document(title="Interner Entwurf", event=event, status=Status.DRAFT)

    body = _body(client.get(reverse("forums:event-pdf", args=[event.slug])))

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Interner Entwurf" not in text
    assert "Beispieldokument Präsentation" in text


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

    data = pipeline.pdf_render_bytes(template=template, context={})

    assert data.startswith(b"%PDF")
    assert _Recorder.requests == []
    refused = {record.args[0] for record in caplog.records if record.name == "documents.pdf"}
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

    assert pipeline.resolve_local_resource(url) is None


def test_resolve_local_resource_serves_our_static_and_media_files(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    (settings.MEDIA_ROOT / "bild.webp").write_bytes(b"RIFF")

    css = pipeline.resolve_local_resource("http://127.0.0.1:8000/static/css/print.css")
    media = pipeline.resolve_local_resource("http://127.0.0.1:8000/media/bild.webp")

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
    real = pipeline.pdf_render_bytes

    def slow_spy(**kwargs):
        calls.append(threading.get_ident())
        time.sleep(0.5)  # long enough that the second thread arrives while the first renders
        return real(**kwargs)

    monkeypatch.setattr(pipeline, "pdf_render_bytes", slow_spy)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(pipeline.pdf_render(template=template, context={}, cache_key="sperre-1"))
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
