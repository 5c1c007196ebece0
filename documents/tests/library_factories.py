"""Builders for document-library tests: real (small) PDFs made in memory, and documents stored through the service."""

import io
import itertools

from django.core.files.base import ContentFile

from documents.models import Document
from documents.services import document_save
from emscher_portal.core.models import Status

_numbers = itertools.count(1)


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(pages=("Seite eins",), *, padding=0):
    """A valid PDF with one page per text (Helvetica, Latin-1), written by hand with a correct xref table; a line
    break in a text starts a new line on the page.

    `padding` adds a comment of that many bytes, for size-limit tests with an otherwise valid file.
    """
    objects = []
    page_count = len(pages)
    first_page = 4
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for index, text in enumerate(pages):
        content_number = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content_number} 0 R >>".encode()
        )
        lines = " T* ".join(f"({_escape(line)}) Tj" for line in text.split("\n"))
        stream = f"BT /F1 14 Tf 18 TL 72 760 Td {lines} ET".encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    if padding:
        out.write(b"%" + b"x" * padding + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def encrypted_pdf_bytes():
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 -- slow import

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(data=None, name="dokumentation.pdf"):
    upload = ContentFile(data if data is not None else pdf_bytes(), name=name)
    return upload


def make_document(*, data=None, filename="dokumentation.pdf", networks=None, **overrides):
    number = next(_numbers)
    defaults = {
        "title": f"Dokumentation {number}",
        "year": 2019,
        "status": Status.PUBLISHED,
    }
    document = Document(**(defaults | overrides))
    return document_save(document=document, upload=pdf_upload(data, filename), networks=networks)
