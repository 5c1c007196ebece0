"""Background work of the documents app (django.tasks; the database backend runs it in `manage.py db_worker`)."""

from django.tasks import task

from documents.extraction import document_extract_content
from documents.models import Document


@task
def document_extract(*, document_id):
    """Page texts, page count and first-page preview of a library document's current file."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return
    document_extract_content(document=document)
