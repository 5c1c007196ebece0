"""Serving stored PDFs (generated or uploaded): streamed, with ETag, 304, nosniff and the right cache headers."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag


def file_response(
    request, *, open_file, etag, filename, public, size=None, attachment=False, content_type="application/pdf"
):
    """Stream a PDF: Content-Type, Content-Disposition (inline, or `attachment` when asked; readable name, RFC 5987
    for umlauts), Content-Length, ETag with If-None-Match → 304, nosniff. `public` decides whether shared caches may
    keep it."""
    quoted = quote_etag(etag)
    if_none_match = request.headers.get("If-None-Match", "")
    if quoted in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*":
        open_file.close()
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open_file, content_type=content_type, filename=filename, as_attachment=attachment)
        if size is not None:
            response["Content-Length"] = str(size)
    response["ETag"] = quoted
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        # As short as the page cache's: a withdrawn document must leave shared caches as soon as a page does.
        # Revalidation is cheap (the ETag gives a 304).
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_S_MAXAGE
        )
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_file_response(request, pdf, *, filename, public=True):
    return file_response(
        request,
        open_file=default_storage.open(pdf.name, "rb"),
        etag=pdf.etag,
        filename=filename,
        public=public,
        size=pdf.size,
    )
