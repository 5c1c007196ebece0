"""Writes of the document library: checking and storing uploaded PDFs, and extracting what they contain.

The Maßnahmenplan's writes live in `documents.plan_services`.
"""

import hashlib
import io
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Document, DocumentPage, DocumentVersion
from emscher_portal.slugs import slug_unique_for
from emscher_portal.text import german_slugify

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# The PDF specification lets a reader look for the trailer's %%EOF in the last kilobyte.
EOF_WINDOW = 1024
PREVIEW_WIDTH_PX = 600


# ---------------------------------------------------------------------------
# Library: upload checks
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfFacts:
    """What the upload check learnt about a valid PDF."""

    filename: str
    size: int
    sha256: str
    page_count: int


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
    )


# ---------------------------------------------------------------------------
# Library: storing documents and their versions
# ---------------------------------------------------------------------------


def document_save(*, document, upload=None, facts=None, networks=None):
    """Save `document` (new or changed) and, when `upload` is given, make it the document's new current file.

    The upload is checked first (pdf_check_upload, unless the caller passes the `facts` it already got). A new
    file becomes a new DocumentVersion; earlier versions and their files stay. If saving fails after the file was
    written, the file is removed again. Extraction (text, preview) is queued after the commit.
    Returns the document.
    """
    if not document.slug:
        document.slug = slug_unique_for(Document, document.title, exclude_pk=document.pk)
    if upload is None and not document.file:
        raise ValidationError({"file": _("Bitte laden Sie eine PDF-Datei hoch.")})
    if upload is not None and facts is None:
        facts = pdf_check_upload(upload)

    stored_name = None
    try:
        with transaction.atomic():
            if upload is not None:
                upload.seek(0)
                stored_name = document.file.storage.save(
                    document.file.field.generate_filename(document, facts.filename), upload
                )
                document.file.name = stored_name
                document.filename = facts.filename
                document.file_size = facts.size
                document.sha256 = facts.sha256
                document.page_count = facts.page_count
                document.extracted_at = None
            document.full_clean(exclude=["file"] if upload is None else None)
            document.save()
            if networks is not None:
                document.networks.set(networks)
            if upload is not None:
                last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
                DocumentVersion.objects.create(
                    document=document,
                    number=last + 1,
                    file=stored_name,
                    filename=facts.filename,
                    file_size=facts.size,
                    sha256=facts.sha256,
                    page_count=facts.page_count,
                )
                document_id = document.pk
                transaction.on_commit(lambda: _enqueue_extract(document_id))
    except Exception:
        if stored_name:
            document.file.storage.delete(stored_name)
        raise
    return document


def _enqueue_extract(document_id):
    from documents.tasks import document_extract  # noqa: PLC0415 -- tasks import services; avoid the cycle

    document_extract.enqueue(document_id=document_id)


def document_file_names(*, document):
    """(storage, name) pairs of every stored file of `document`: all versions and the preview."""
    storage = document.file.storage
    names = [
        (storage, name) for name in {document.file.name, *document.versions.values_list("file", flat=True)} if name
    ]
    if document.preview:
        names.append((document.preview.storage, document.preview.name))
    return names


def document_delete_files(*, names):
    """Remove the files listed by document_file_names (call once the document's row is deleted)."""
    for storage, name in names:
        storage.delete(name)


# ---------------------------------------------------------------------------
# Library: extraction (runs in the task worker)
# ---------------------------------------------------------------------------


def document_extract_content(*, document):
    """Read the page texts and render the first-page preview of the document's current file.

    Replaces the document's DocumentPage rows and its preview image; sets page_count and extracted_at.
    """
    import pypdfium2  # noqa: PLC0415 -- slow import, only the worker needs it
    from pypdf import PdfReader  # noqa: PLC0415 -- slow import, only the worker needs it

    with document.file.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data), strict=False)
    texts = []
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 -- one unreadable page must not lose the others
            logger.warning("text extraction failed on a page of document %s", document.pk, exc_info=True)
            text = ""
        # Postgres text columns refuse NUL characters, which some PDFs carry.
        texts.append(text.replace("\x00", "").strip())

    pdf = pypdfium2.PdfDocument(data)
    try:
        first = pdf[0]
        width_pt = first.get_width()
        image = first.render(scale=PREVIEW_WIDTH_PX / width_pt).to_pil()
        first.close()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", optimize=True)

    old_preview = document.preview.name if document.preview else None
    with transaction.atomic():
        document.pages.all().delete()
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=number, text=text) for number, text in enumerate(texts, start=1)
        )
        document.preview.save("preview.png", ContentFile(buffer.getvalue()), save=False)
        document.page_count = len(texts)
        document.extracted_at = timezone.now()
        document.save(
            update_fields=["preview", "preview_width", "preview_height", "page_count", "extracted_at", "updated_at"]
        )
    if old_preview and old_preview != document.preview.name:
        document.preview.storage.delete(old_preview)
    return document
