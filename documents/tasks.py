"""Background work of the documents app (django.tasks; the database backend runs it in `manage.py db_worker`)."""

import logging

from django.tasks import task
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@task
def document_extract(*, document_id):
    """Page texts, page count and first-page preview of a library document's current file."""
    from documents.models import Document  # noqa: PLC0415 -- tasks are imported before the app registry is ready
    from documents.services import document_extract_content  # noqa: PLC0415 -- see above

    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return
    document_extract_content(document=document)


@task
def pdf_prerender(*, view, pk=None, kwargs=None):
    """Render the PDF that `view` (dotted path of an ObjectPdfView subclass) shows for object `pk`, if not cached.

    Queued when content is published or edited, so that readers get a stored file instead of waiting.
    """
    from django.http import Http404  # noqa: PLC0415 -- see above

    from documents.pdf import ObjectPdfView  # noqa: PLC0415 -- see above

    view_class = import_string(view)
    if not (isinstance(view_class, type) and issubclass(view_class, ObjectPdfView)):
        raise TypeError(f"{view} is not an ObjectPdfView")
    try:
        view_class.prerender(pk=pk, kwargs=kwargs)
    except Http404:
        # A draft or a deleted object: nothing the public could ask for.
        logger.info("PDF prerender skipped: %s %s is not public", view, pk)
