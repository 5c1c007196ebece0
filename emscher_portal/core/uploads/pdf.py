"""Uploaded PDFs are checked by their content, never by their name: magic bytes, end marker, a parse of every page."""

import hashlib
import io
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from emscher_portal.core.text import german_slugify

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# The PDF specification lets a reader look for the trailer's %%EOF in the last kilobyte.
EOF_WINDOW = 1024
PREVIEW_WIDTH_PX = 600


@dataclass(frozen=True)
class PdfFacts:
    """What the upload check learnt about a valid PDF."""

    filename: str
    size: int
    sha256: str
    page_count: int
    # OParl's File names only a SHA-1 (`sha1Checksum`); the SHA-256 stays the portal's own checksum.
    sha1: str = ""


def pdf_filename_normalise(name):
    """A safe file name for the disk: no folders, ASCII only, lower-case words, always ending in `.pdf`.

    `../../etc/passwd.pdf` becomes `passwd.pdf`; `Dokumentation Forum 2015 (Bochum).PDF` becomes
    `dokumentation-forum-2015-bochum.pdf`.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    # Both separators, whatever the uploading system used; only the last part is a file name.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, ext = base.rpartition(".")
    if not stem or ext.lower() != "pdf":
        stem = base
    slug = german_slugify(stem.replace(".", " ").replace("_", " "))[:80].strip("-")
    return f"{slug or 'dokument'}.pdf"


def pdf_check_upload(upload):
    """Check an uploaded file by its content and return its PdfFacts, or raise ValidationError (German).

    Refused: anything larger than DOCUMENT_MAX_UPLOAD_MB, anything not starting with the PDF magic bytes
    (an HTML page renamed to .pdf), a file without its end-of-file marker or that pypdf cannot parse (truncated,
    damaged), an encrypted PDF, and a PDF without readable pages. Nothing is written anywhere.
    """
    from pypdf import PdfReader  # noqa: PLC0415 -- slow import, only needed on upload
    from pypdf.errors import PdfReadError  # noqa: PLC0415 -- slow import, only needed on upload

    limit_mb = settings.DOCUMENT_MAX_UPLOAD_MB
    size = upload.size
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s MB). Erlaubt sind höchstens %(limit)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": limit_mb},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")

    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(
            _(
                "Die Datei ist kein PDF: Ihr Inhalt beginnt nicht wie ein PDF-Dokument. "
                "Bitte laden Sie eine PDF-Datei hoch."
            ),
            code="not_pdf",
        )
    damaged = ValidationError(
        _("Die PDF-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden."), code="damaged"
    )
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise damaged
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "Die PDF-Datei ist verschlüsselt oder kennwortgeschützt. "
                    "Bitte laden Sie eine ungeschützte Fassung hoch."
                ),
                code="encrypted",
            )
        page_count = len(reader.pages)
        # Touch every page object so that a broken page tree shows up now, not in the extraction task.
        for page in reader.pages:
            page.mediabox  # noqa: B018 -- reading it parses the page
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        logger.info("refused PDF upload: %s", exc)
        raise damaged from exc
    if page_count == 0:
        # No readable page tree: for a reader that is as broken as a truncated file.
        raise damaged
    return PdfFacts(
        filename=pdf_filename_normalise(getattr(upload, "name", "")),
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=page_count,
        sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )


def pdf_metadata_title(file):
    """The title in a stored PDF's document information („Titel“ in a reader's properties), or "" if it has none or
    the file cannot be read."""
    from pypdf import PdfReader  # noqa: PLC0415 -- slow import, only needed when a document is published
    from pypdf.errors import PdfReadError  # noqa: PLC0415 -- slow import, see above

    try:
        with file.open("rb") as handle:
            metadata = PdfReader(handle, strict=False).metadata
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return ""
    return str((metadata and metadata.title) or "").strip()
