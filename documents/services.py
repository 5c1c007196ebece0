"""Writes of the document library: storing uploaded PDFs (checked by `core.uploads.pdf`) as documents and versions.

The Maßnahmenplan's writes live in `documents.plan_services`; reading a PDF's text and preview is the worker's
(`documents.extraction`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents.models import Document, DocumentVersion
from documents.tasks import document_extract
from emscher_portal.core.slugs import slug_unique_for
from emscher_portal.core.uploads.pdf import pdf_check_upload


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
                document.sha1 = facts.sha1
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
                    sha1=facts.sha1,
                    page_count=facts.page_count,
                )
                document_id = document.pk
                transaction.on_commit(lambda: document_extract.enqueue(document_id=document_id))
    except Exception:
        if stored_name:
            document.file.storage.delete(stored_name)
        raise
    return document


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
