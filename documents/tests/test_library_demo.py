import pytest

from documents import demo as documents_demo
from documents.models import Document, DocumentVersion
from forums.models import Event

pytestmark = pytest.mark.django_db


def test_demo_gives_every_event_an_example_document_and_one_long_one(demo):
    events_without = Event.objects.exclude(documents__title__startswith="Beispieldokument")
    assert list(events_without) == []
    long_document = Document.objects.get(slug=f"beispieldokument-{documents_demo.LONG_DOCUMENT_EVENT}")
    assert long_document.page_count >= 20
    assert long_document.pages.count() == long_document.page_count
    assert "Beispieltext" in long_document.pages.get(number=3).text
    assert long_document.preview
    assert all(d.is_published and d.file_size > 0 for d in Document.objects.all())


def test_demo_is_idempotent(demo):
    before = sorted(DocumentVersion.objects.values_list("document__slug", "sha256"))

    documents_demo.load()

    assert sorted(DocumentVersion.objects.values_list("document__slug", "sha256")) == before
