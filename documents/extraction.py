"""What the task worker reads out of an uploaded PDF: the text of every page, the page count, a first-page preview.

Worker-only: `documents.tasks` imports this module; web processes never load pypdfium2 for it.
"""

import io
import logging
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from documents.models import DocumentPage

logger = logging.getLogger(__name__)

PREVIEW_WIDTH_PX = 600

# A word broken at the end of a line: a letter, a hyphen (the typesetter's U+2010 or a soft hyphen, or a plain
# hyphen-minus as most tools write it), the line break, the rest of the word.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])([\u2010\u00ad-])[ \t]*\r?\n[ \t]*(?=[^\W_])")


def _join_broken_word(match):
    if match.string[match.end()].islower():
        return ""  # a hyphenation: „Entsiegel‐“ / „te“ is „Entsiegelte“
    return "-"  # a real hyphen that happened to end a line: „Blau-“ / „Grün“ is „Blau-Grün“


def text_dehyphenate(text):
    """The page text with words that were hyphenated at a line end joined again („Of‐ fen gelegte“ →
    „Offen gelegte“), keeping real hyphens („Blau-Grün“, „Castrop-Rauxel“), so that search finds the words and
    snippets read as written. A lowercase word after a plain hyphen counts as hyphenated; German compounds with a
    hyphen go on with a capital."""
    return _BROKEN_WORD.sub(_join_broken_word, text)


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
        texts.append(text_dehyphenate(text.replace("\x00", "")).strip())

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
