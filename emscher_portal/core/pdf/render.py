"""Rendering: a print template to PDF bytes with WeasyPrint, once per content version, kept in media storage.

One entry point, `pdf_render(template=…, context=…, cache_key=…)`. It knows nothing about what it renders:
callers pass their print template, a context (or a function that builds it, so that a cache hit costs no queries)
and a key naming the content version. The stored file's name is a hash of the template, the key and the print
assets (templates and CSS), so an edit of either gives a new file. Two processes asking for the same unrendered PDF
render it once: a Postgres advisory lock, a process lock on SQLite.
"""

import functools
import hashlib
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.template.loader import render_to_string

from emscher_portal.core.pdf.fetch import make_url_fetcher

logger = logging.getLogger(__name__)

# Bump when a change to the pipeline itself (not to a template or print.css, which are hashed) alters the output.
PIPELINE_VERSION = "1"
PDF_FOLDER = "pdf"
# The templates a PDF is made of: print templates and the includes they (and pages) share.
PRINT_TEMPLATE_GLOBS = ("**/print/**/*", "**/includes/**/*")
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


@functools.cache
def print_assets_version():
    """A hash over every print template, every include (print templates share some with pages) and print.css:
    editing the print design makes every cached PDF stale."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    files = sorted(
        {path for root in roots for pattern in PRINT_TEMPLATE_GLOBS for path in root.glob(pattern) if path.is_file()}
    )
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


def pdf_render_bytes(*, template, context):
    """Render `template` with `context` to PDF bytes with WeasyPrint. Every call renders; use pdf_render to cache."""
    from weasyprint import HTML  # noqa: PLC0415 -- slow import, only the worker (or a first reader) needs it

    # WeasyPrint reports every rendering step at INFO; the worker's log only needs problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=settings.SITE_URL.rstrip("/") + "/", url_fetcher=make_url_fetcher())
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


def stored_once(*, name, make, storage=None):
    """Make the file `name` in `storage` (default: media storage) unless it is stored already, and keep it.

    `make()` returns the content (a Django File). Two processes asking for the same missing file make it once
    (`render_lock`). The name must say which content version it holds (a hash), so a stored file never goes stale:
    the generated PDFs and the ZIP of an event's documents are kept this way.
    """
    storage = storage or default_storage
    if storage.exists(name):
        return
    with render_lock(name):
        # Another request may have finished while this one waited for the lock.
        if not storage.exists(name):
            content = make()
            try:
                saved = storage.save(name, content)
            finally:
                content.close()
            if saved != name:  # pragma: no cover -- only if a file appeared outside the lock
                storage.delete(saved)


def pdf_render(*, template, context, cache_key):
    """Return the PdfFile for `template` at content version `cache_key`, rendering it only if it is not stored yet.

    `context` is a dict or a callable returning one; a callable is only called when a render is needed.
    """
    name = pdf_cache_name(template=template, cache_key=cache_key)
    etag = name.rsplit("/", 1)[-1].removesuffix(".pdf")
    stored_once(
        name=name,
        make=lambda: ContentFile(
            pdf_render_bytes(template=template, context=context() if callable(context) else context)
        ),
    )
    return PdfFile(name=name, etag=etag)
