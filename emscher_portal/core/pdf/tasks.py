"""Background work of the PDF pipeline (django.tasks; the database backend runs it in `manage.py db_worker`)."""

import logging

from django.http import Http404
from django.tasks import task

from emscher_portal.core.pdf.views import pdf_view_by_label

logger = logging.getLogger(__name__)


@task
def pdf_prerender(*, model, pk):
    """Render the PDF of object `pk` of the model labelled `model` (e.g. "forums.Event"), if not stored yet.

    Queued by the change map when content is published or edited, so that readers get a stored file instead of
    waiting.
    """
    view_class = pdf_view_by_label(model)
    if view_class is None:
        raise LookupError(f"{model} has no PDF view")
    try:
        view_class.prerender(pk=pk)
    except Http404:
        # A draft or a deleted object: nothing the public could ask for.
        logger.info("PDF prerender skipped: %s %s is not public", model, pk)
