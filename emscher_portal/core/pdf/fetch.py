"""What a PDF render may load: only our own static and media files, read from disk; nothing from a network."""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

logger = logging.getLogger(__name__)


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
        # The sources first (what the finders see is never stale); STATIC_ROOT for what only collectstatic made,
        # such as the hashed names of the manifest storage.
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        if found and any(_inside(found, root) for root in _static_roots()):
            return Path(found).resolve()
        collected = Path(settings.STATIC_ROOT or "", relative)
        if settings.STATIC_ROOT and _inside(collected, settings.STATIC_ROOT):
            return collected.resolve()
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


def make_url_fetcher():
    """WeasyPrint's URL fetcher, restricted to our own static and media files (imports WeasyPrint: slow)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 -- slow import, render time only

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
