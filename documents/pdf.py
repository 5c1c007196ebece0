"""The PDF pipeline: renders a print template to a PDF once per content version and keeps it in media storage.

One entry point, `pdf_render(template=…, context=…, cache_key=…)`. It knows nothing about what it renders:
callers (forums, networks, the plan, legal pages) pass their print template, a context (or a function that builds
it, so that a cache hit costs no queries) and a key naming the content version. The stored file's name is a hash
of the template, the key and the print assets (templates and CSS), so an edit of either gives a new file.

WeasyPrint never fetches anything from the network or outside our static and media folders (SafeUrlFetcher).
Two processes asking for the same unrendered PDF render it once: a Postgres advisory lock, a process lock on SQLite.
"""

import datetime
import decimal
import functools
import hashlib
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag
from django.views import View

from emscher_portal.slugs import object_for_old_slug, redirect_to_current_slug

logger = logging.getLogger(__name__)

# Bump when a change to the pipeline itself (not to a template or print.css, which are hashed) alters the output.
PIPELINE_VERSION = "1"
PDF_FOLDER = "pdf"
# WeasyPrint's variant for tagged, accessible PDFs (PDF/UA-1); it also sets the document language and title.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfFile:
    """A rendered PDF in media storage."""

    name: str
    etag: str

    @property
    def size(self):
        return default_storage.size(self.name)


# ---------------------------------------------------------------------------
# Cache keys
# ---------------------------------------------------------------------------


@functools.cache
def print_assets_version():
    """A hash over every print template and print.css: editing the print design makes every cached PDF stale."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    files = sorted(path for root in roots for path in root.glob("**/print/**/*") if path.is_file())
    files += sorted(Path(d) / "css" / "print.css" for d in settings.STATICFILES_DIRS)
    for path in files:
        if path.is_file():
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def pdf_cache_name(*, template, cache_key):
    """The storage name of the PDF for this template and content version."""
    digest = hashlib.sha256(f"{template}\n{cache_key}\n{print_assets_version()}".encode()).hexdigest()
    return f"{PDF_FOLDER}/{digest[:2]}/{digest}.pdf"


def content_version_key(*parts):
    """A compact cache key from the things a PDF shows: model labels, primary keys, timestamps, counts."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


# ---------------------------------------------------------------------------
# Safe resource fetching
# ---------------------------------------------------------------------------


def _inside(path, root):
    try:
        resolved = Path(path).resolve()
        return resolved.is_file() and resolved.is_relative_to(Path(root).resolve())
    except (OSError, ValueError):
        return False


def resolve_local_resource(url):
    """The file on disk behind one of our own static or media URLs, or None for anything else.

    Accepted: `<SITE_URL>/static/…` (from STATIC_ROOT or the static finders) and `<SITE_URL>/media/…` (from
    MEDIA_ROOT), resolved inside those folders. Refused: every other host, scheme (file:, data: aside), port,
    and paths that climb out of the folders.
    """
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc or parts.query:
        return None
    path = unquote(parts.path)
    if "\x00" in path or "/../" in f"{path}/" or "\\" in path:
        return None
    if path.startswith(settings.STATIC_URL):
        relative = path[len(settings.STATIC_URL) :]
        if settings.STATIC_ROOT and _inside(Path(settings.STATIC_ROOT) / relative, settings.STATIC_ROOT):
            return Path(settings.STATIC_ROOT, relative).resolve()
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        if found and any(_inside(found, root) for root in _static_roots()):
            return Path(found).resolve()
        return None
    if path.startswith(settings.MEDIA_URL):
        relative = path[len(settings.MEDIA_URL) :]
        candidate = Path(settings.MEDIA_ROOT) / relative
        if _inside(candidate, settings.MEDIA_ROOT):
            return candidate.resolve()
    return None


def _static_roots():
    roots = [Path(d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    # App static folders (the admin's, for instance) are legitimate too.
    from django.apps import apps  # noqa: PLC0415 -- only needed for this rare lookup

    roots += [Path(app.path) / "static" for app in apps.get_app_configs()]
    return roots


_MEDIA_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


def _make_url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 -- slow import

    class SafeUrlFetcher(URLFetcher):
        """Serves only our static and media files from disk; every other URL raises and is skipped."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                # Inline data needs no fetching at all; WeasyPrint's own handler decodes it.
                return super().fetch(url, headers)
            path = resolve_local_resource(url)
            if path is None:
                logger.warning("PDF render: refused to fetch %s", url[:200])
                raise ValueError(f"refused to fetch {url[:200]}")
            media_type = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})

    return SafeUrlFetcher()


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def pdf_render_bytes(*, template, context):
    """Render `template` with `context` to PDF bytes with WeasyPrint. Every call renders; use pdf_render to cache."""
    from weasyprint import HTML  # noqa: PLC0415 -- slow import, only the worker (or a first reader) needs it

    # WeasyPrint reports every rendering step at INFO; the worker's log only needs problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=settings.SITE_URL.rstrip("/") + "/", url_fetcher=_make_url_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


_process_locks = {}
_process_locks_guard = threading.Lock()


@contextmanager
def render_lock(name):
    """Held while one PDF is rendered, so that a second request waits for the first render instead of repeating it.

    Postgres: a transaction-scoped advisory lock, released on commit or when the process dies. Elsewhere (SQLite,
    single process): a lock per file name.
    """
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
            yield
        return
    with _process_locks_guard:
        lock = _process_locks.setdefault(name, threading.Lock())
    with lock:
        yield


def pdf_render(*, template, context, cache_key):
    """Return the PdfFile for `template` at content version `cache_key`, rendering it only if it is not stored yet.

    `context` is a dict or a callable returning one; a callable is only called when a render is needed.
    """
    name = pdf_cache_name(template=template, cache_key=cache_key)
    etag = name.rsplit("/", 1)[-1].removesuffix(".pdf")
    if default_storage.exists(name):
        return PdfFile(name=name, etag=etag)
    with render_lock(name):
        # Another request may have finished the render while this one waited for the lock.
        if not default_storage.exists(name):
            data = pdf_render_bytes(template=template, context=context() if callable(context) else context)
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:  # pragma: no cover -- only if a file appeared outside the lock
                default_storage.delete(saved)
    return PdfFile(name=name, etag=etag)


# ---------------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------------


def file_response(request, *, open_file, etag, filename, public, size=None):
    """Stream a PDF: Content-Type, Content-Disposition (inline, readable name, RFC 5987 for umlauts),
    Content-Length, ETag with If-None-Match → 304, nosniff. `public` decides whether shared caches may keep it."""
    quoted = quote_etag(etag)
    if_none_match = request.headers.get("If-None-Match", "")
    if quoted in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*":
        open_file.close()
        response = HttpResponseNotModified()
    else:
        response = FileResponse(open_file, content_type="application/pdf", filename=filename)
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


_PLAIN_VALUES = (str, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta, type(None))


def loaded_stamp(obj, depth=2):
    """Everything `obj` has loaded, as a hashable stamp: its own field values, its prefetched lists (to_attr lists
    and `_prefetched_objects_cache`) and its select_related rows, `depth` levels down. A PDF built from those shows
    nothing else, so the stamp changes exactly when what the PDF shows changes (a row edited, added, removed)."""
    attnames = {field.attname for field in obj._meta.concrete_fields}
    parts = [obj._meta.label, tuple(str(getattr(obj, field.attname)) for field in obj._meta.concrete_fields)]
    # Annotations (`member_count`) and other plain values set on the instance are shown too, so they count.
    parts.append(
        tuple(
            (name, str(value))
            for name, value in sorted(vars(obj).items())
            if name not in attnames and not name.startswith("_") and isinstance(value, _PLAIN_VALUES)
        )
    )
    if depth:
        for name, value in sorted(vars(obj).items()):
            if isinstance(value, list) and all(isinstance(item, models.Model) for item in value):
                parts.append((name, [loaded_stamp(item, depth - 1) for item in value]))
        for name, queryset in sorted(getattr(obj, "_prefetched_objects_cache", {}).items()):
            parts.append((name, [loaded_stamp(item, depth - 1) for item in queryset]))
        for name, related in sorted(obj._state.fields_cache.items()):
            parts.append((name, loaded_stamp(related, depth - 1) if related is not None else None))
    return parts


# How long a view remembers which stored PDF answers a URL. The remembered answer is keyed by the site-wide
# content version (emscher_portal.pagecache), which any committed content change replaces, so it is never stale;
# the timeout only keeps unused entries from piling up.
FAST_PATH_TIMEOUT = 3600


def _content_version():
    from emscher_portal.pagecache import current_version  # noqa: PLC0415 -- the site app imports this module

    return current_version()


class ObjectPdfView(View):
    """„PDF anzeigen“ for one content object, rendered from its print template through pdf_render.

    Subclasses set `template_name` (the print template) and `get_queryset()` (a selector honouring
    `visible_to(self.viewer)` that prefetches everything the PDF shows), and extend `get_pdf_context(obj)`. The cache
    key is `loaded_stamp(obj)` (plus `get_extra_cache_parts(obj)` for anything loaded outside the object), so it
    changes with every edit of what the PDF shows. The PDF shows what the public sees; staff may fetch a draft's
    PDF (never kept by shared caches). `prerender(pk)` renders ahead of the first reader (the task).

    A repeated request is answered from a remembered URL → file entry (a cache read; with a per-process cache one
    primary-key read of the content version) until content changes anywhere.
    """

    template_name = None
    slug_url_kwarg = "slug"

    @property
    def viewer(self):
        """Whose view of the content the PDF shows: the public's, unless staff asked for a draft."""
        return getattr(self, "content_user", None) or AnonymousUser()

    def get_queryset(self):
        raise NotImplementedError

    def find_object(self, queryset):
        return queryset.filter(slug=self.kwargs[self.slug_url_kwarg]).first()

    def get_object(self):
        # Published content is always rendered as the public sees it, even for staff, so that one stored file
        # serves everyone; only a draft (staff only) is rendered with the staff's view.
        self.content_user = AnonymousUser()
        obj = self.find_object(self.get_queryset())
        request = getattr(self, "request", None)
        if obj is None and request is not None and request.user.is_staff:
            self.content_user = request.user
            obj = self.find_object(self.get_queryset())
        if obj is None:
            raise Http404
        return obj

    def is_public(self, obj):
        return getattr(obj, "is_published", True) and not getattr(self.viewer, "is_staff", False)

    def get_extra_cache_parts(self, obj):
        return []

    def get_cache_parts(self, obj):
        return [loaded_stamp(obj), self.get_extra_cache_parts(obj)]

    def get_pdf_context(self, obj):
        site_url = settings.SITE_URL.rstrip("/")
        return {
            "object": obj,
            "site_url": site_url,
            "page_url": site_url + obj.get_absolute_url(),
            "generated_on": timezone.localdate(),
        }

    def get_filename(self, obj):
        return f"{obj.slug}.pdf"

    def render_object(self, obj):
        return pdf_render(
            template=self.template_name,
            context=lambda: self.get_pdf_context(obj),
            cache_key=content_version_key(*self.get_cache_parts(obj)),
        )

    def _fast_path_key(self):
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        arguments = "&".join(f"{key}={value}" for key, value in sorted(self.kwargs.items()))
        return f"pdf:view:{_content_version()}:{view}:{arguments}"

    def get(self, request, *args, **kwargs):
        fast_key = self._fast_path_key()
        remembered = cache.get(fast_key)
        if remembered and (remembered["public"] or request.user.is_staff):
            try:
                return pdf_file_response(
                    request,
                    PdfFile(name=remembered["name"], etag=remembered["etag"]),
                    filename=remembered["filename"],
                    public=remembered["public"],
                )
            except FileNotFoundError:
                cache.delete(fast_key)
        try:
            obj = self.get_object()
        except Http404:
            # A former slug: 301 to the same PDF under the current one (get_object left the widest viewer set).
            target = object_for_old_slug(self.get_queryset(), self.kwargs.get(self.slug_url_kwarg))
            if target is None:
                raise
            return redirect_to_current_slug(request, target, self.slug_url_kwarg)
        pdf = self.render_object(obj)
        public = self.is_public(obj)
        filename = self.get_filename(obj)
        cache.set(
            fast_key,
            {"name": pdf.name, "etag": pdf.etag, "filename": filename, "public": public},
            FAST_PATH_TIMEOUT,
        )
        return pdf_file_response(request, pdf, filename=filename, public=public)

    @classmethod
    def prerender(cls, *, pk=None, kwargs=None):
        """Render the PDF the public would get for object `pk` (or for URL `kwargs`) unless it is stored already."""
        view = cls()
        view.request = None
        view.kwargs = dict(kwargs or {})
        view.content_user = AnonymousUser()
        if pk is not None:
            obj = view.get_queryset().filter(pk=pk).first()
            if obj is None:
                raise Http404
        else:
            obj = view.get_object()
        return view.render_object(obj)
