"""Hostile uploads are refused or defused, and no uploaded file is ever served inline as HTML.

Photos go through emscher_portal.core.uploads.images.image_upload_clean (what the admin's PhotoAdminForm calls),
documents through emscher_portal.core.uploads.pdf.pdf_check_upload (what the document admin and document_save call).
"""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from documents.tests.library_factories import make_document, pdf_bytes
from emscher_portal.core.uploads.images import image_upload_clean
from emscher_portal.core.uploads.pdf import pdf_check_upload

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.cookie)</script>"


def _png_chunk(kind, data):
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def decompression_bomb_png(width=30_000, height=30_000):
    """A few kilobytes that claim 900 megapixels: one all-zero 1-bit image, deflated."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def png_with_script():
    """A real PNG with HTML in a text chunk and more HTML after its end: an image/HTML polyglot."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 90, 140)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue() + b"<html><body>" + SCRIPT + b"</body></html>"


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


def _photo(data, name):
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_decompression_bomb_is_refused_before_its_pixels_are_decoded():
    bomb = decompression_bomb_png()
    assert len(bomb) < 200_000

    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=_photo(bomb, "harmlos.png"))

    assert error.value.code in {"too_many_pixels", "not_an_image"}


def test_png_with_embedded_script_is_stored_only_as_a_clean_reencoded_image():
    cleaned = image_upload_clean(upload=_photo(png_with_script(), "bild.png"))

    data = cleaned.read()
    assert SCRIPT not in data
    assert b"<html" not in data
    assert b"<script" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (40, 30))
        assert image.info.get("Comment") is None


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (SVG, "logo.svg"),
        (SVG, "logo.png"),
        (b"<html><body>" + SCRIPT + b"</body></html>", "foto.jpg"),
        (b"%PDF-1.4\n" + SCRIPT, "foto.png"),
    ],
)
def test_svg_html_and_pdf_are_no_photos(data, name):
    with pytest.raises(ValidationError) as error:
        image_upload_clean(upload=_photo(data, name))

    assert error.value.code == "not_an_image"


def test_html_first_polyglot_is_no_pdf():
    # Browsers sniff the start of a file: an HTML page with a PDF after it must never be stored as a PDF.
    polyglot = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>\n" + pdf_bytes(["Seite"])
    upload = SimpleUploadedFile("bericht.pdf", polyglot, content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        pdf_check_upload(upload)

    assert error.value.code == "not_pdf"


@pytest.mark.parametrize(
    "data",
    [SVG, b"<html>" + SCRIPT + b"</html>", png_with_script(), b"   %PDF-1.4 fake"],
    ids=["svg", "html", "png", "pdf-not-at-start"],
)
def test_nothing_but_a_pdf_is_a_document(data):
    with pytest.raises(ValidationError):
        pdf_check_upload(SimpleUploadedFile("dokument.pdf", data, content_type="application/pdf"))


def test_pdf_first_polyglot_is_downloaded_as_a_pdf_never_as_html(client):
    # A real PDF that also carries HTML: accepted as the PDF it is, but only ever delivered as application/pdf.
    polyglot = pdf_bytes(["<html><body>" + SCRIPT.decode() + "</body></html>"])
    assert b"<html><body><script>" in polyglot
    document = make_document(data=polyglot, filename="polyglott.pdf")

    response = client.get(f"/dokumente/{document.slug}/download/")
    body = b"".join(response.streaming_content)  # read to the end: that closes the file

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"%PDF-")
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("fremd.html", b"<html><body>" + SCRIPT + b"</body></html>"),
        ("fremd.svg", SVG),
        ("fremd.js", b"alert(1)"),
        ("fremd.xml", b"<?xml version='1.0'?><x/>"),
        ("ohne-endung", b"<html>" + SCRIPT),
    ],
)
def test_media_never_serves_a_stray_file_inline(client, settings, name, data):
    (settings.MEDIA_ROOT / name).write_bytes(data)

    response = client.get(f"/media/{name}")
    b"".join(response.streaming_content)  # read to the end: that closes the file

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("ufer.jpg", "image/jpeg"),
        ("ufer.png", "image/png"),
        ("ufer.webp", "image/webp"),
        ("plan.pdf", "application/pdf"),
    ],
)
def test_media_serves_images_and_pdfs_inline(client, settings, make_image, name, content_type):
    fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}.get(name.rsplit(".", 1)[1])
    (settings.MEDIA_ROOT / name).write_bytes(make_image(fmt) if fmt else pdf_bytes(["Plan"]))

    response = client.get(f"/media/{name}")
    b"".join(response.streaming_content)  # read to the end: that closes the file

    assert response["Content-Type"] == content_type
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
