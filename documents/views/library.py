"""Public pages of the document library: the list with filters, one document, and the file downloads."""

import logging
import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView

from documents.forms import DocumentFilterForm
from documents.models import Document
from documents.selectors import (
    document_filter_events,
    document_filter_networks,
    document_get_queryset_for_detail,
    document_list_visible,
    document_years,
)
from documents.storage import document_storage
from documents.zips import event_zip
from emscher_portal.core.filtering import FilteredListView
from emscher_portal.core.pdf.responses import file_response
from emscher_portal.core.slugs import OldSlugRedirectMixin, former_slug_redirect
from forums.models import Event

logger = logging.getLogger(__name__)


class DocumentListView(FilteredListView):
    """/dokumente/: newest first, filterable by ?art=, ?jahr=, ?veranstaltung=, ?netzwerk=.

    An unknown filter value answers 400 with the message at its field (core.filtering).
    """

    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20

    def get_filter_form(self):
        user = self.request.user
        return DocumentFilterForm(
            self.request.GET,
            years=document_years(user=user),
            events=list(document_filter_events(user=user)),
            networks=list(document_filter_networks(user=user)),
        )

    def get_filtered_queryset(self, **filters):
        return document_list_visible(user=self.request.user, **filters)


class DocumentDetailView(OldSlugRedirectMixin, DetailView):
    """/dokumente/<slug>/: metadata, first-page preview, download, checksum, citation and earlier versions."""

    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return document_get_queryset_for_detail(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        user = self.request.user
        event = document.event
        context["event"] = event if event is not None and (event.is_published or user.is_staff) else None
        # The citation names the event only where the title does not already say it („… – 9. Experten-Forum …“).
        context["citation_event"] = (
            context["event"] if context["event"] is not None and context["event"].title not in document.title else None
        )
        context["current_version"] = next(iter(document.version_list), None)
        context["earlier_versions"] = document.version_list[1:]
        context["stable_url"] = settings.SITE_URL.rstrip("/") + document.get_absolute_url()
        context["retrieved_on"] = timezone.localdate()
        return context


def _readable_filename(title, suffix=""):
    """A download name people recognise, umlauts kept (sent RFC 5987-encoded): „Dokumentation Forum 2015.pdf“."""
    name = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", " ", title)
    name = re.sub(r"\s+", " ", name).strip(" .")[:150] or "Dokument"
    return f"{name}{suffix}.pdf"


def _visible_document_or_redirect(request, slug):
    """(document, None) for a visible document; (None, 301 response) for a former slug; else 404."""
    visible = Document.objects.visible_to(request.user)
    document = visible.filter(slug=slug).first()
    if document is not None:
        return document, None
    redirect = former_slug_redirect(request, visible, slug)
    if redirect is None:
        raise Http404
    return None, redirect


def _open_stored(field_file):
    """The stored file opened for reading; a file missing from storage is a 404 (and logged), never a 500."""
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file %s is missing", field_file.name)
        raise Http404 from None


def document_download(request, slug):
    """/dokumente/<slug>/download/: the current file, streamed, with ETag (its SHA-256) and 304 on a match.

    Shown in the browser; `?anhang=1` sends it as an attachment instead (OParl's `downloadUrl`)."""
    document, redirect = _visible_document_or_redirect(request, slug)
    if redirect:
        return redirect
    if not document.file:
        raise Http404
    return file_response(
        request,
        open_file=_open_stored(document.file),
        etag=document.sha256,
        filename=_readable_filename(document.title),
        public=document.is_published,
        size=document.file_size,
        attachment=request.GET.get("anhang") == "1",
    )


def document_version_download(request, slug, number):
    """/dokumente/<slug>/versionen/<number>/download/: an earlier (or the current) version of the file."""
    document, redirect = _visible_document_or_redirect(request, slug)
    if redirect:
        return redirect
    version = get_object_or_404(document.versions, number=number)
    return file_response(
        request,
        open_file=_open_stored(version.file),
        etag=version.sha256,
        filename=_readable_filename(document.title, suffix=f" (Version {version.number})"),
        public=document.is_published,
        size=version.file_size,
    )


def event_documents_zip(request, slug):
    """/foren/<slug>/dokumente.zip: every published document of a published event and MANIFEST.txt, streamed from
    the ZIP stored for this set of documents (documents.zips)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    try:
        stored = event_zip(event)
    except FileNotFoundError:
        logger.exception("A document of event %s is missing from storage; no ZIP", event.pk)
        raise Http404 from None
    if stored is None:
        raise Http404
    return file_response(
        request,
        open_file=_open_stored_name(document_storage(), stored.name),
        etag=stored.etag,
        filename=f"{event.slug}-dokumente.zip",
        public=True,
        size=stored.size,
        attachment=True,
        content_type="application/zip",
    )


def _open_stored_name(storage, name):
    try:
        return storage.open(name, "rb")
    except FileNotFoundError:
        logger.error("Stored file %s is missing", name)
        raise Http404 from None
