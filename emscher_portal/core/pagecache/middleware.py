"""Whole-page cache for anonymous readers, exact by the site-wide content version (`pagecache.version`).

Every stored page carries the content version it was rendered under and is served only while that is still the
current version; a committed content change replaces the version, which retires every stored page at once, and the
next request renders afresh. Nothing is ever invalidated key by key, so nothing can be forgotten. With a shared
cache the version and the page come back in one round trip (MGET), so a hit costs one cache request and no query.

What is cached
--------------
GET (and HEAD, served from GET's entry) of every page whose response is a plain 200 without cookies, without a
private/no-store/no-cache Cache-Control, without a CSP nonce and without a Vary on anything but Cookie or
Accept-Language — for requests that carry none of the session, CSRF, messages or language cookies. Staff and
editors always have a session cookie, so they always bypass the cache, and their pages (drafts, banners) get
``Cache-Control: private`` so no proxy keeps them. Paths in PAGE_CACHE_EXCLUDED_PATHS (admin, search, contact,
health checks, media) are never looked up. Stored pages get a content ETag, Last-Modified and
``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_S_MAXAGE``; a matching
If-None-Match / If-Modified-Since gets a 304.

Compression
-----------
A text page is stored three times — as it is, gzip and brotli (`core.compression`), each compressed once at the
store and with its own strong ETag (``"<hash>"``, ``"<hash>-gzip"``, ``"<hash>-br"``) and ``Vary:
Accept-Encoding`` — and the reader's Accept-Encoding picks the key that the one lookup fetches, so a hit neither
compresses nor costs a second round trip.
"""

import functools
import hashlib
import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, split_header_value

from emscher_portal.core.compression import ENCODINGS, accepted_encoding, compress, compressible
from emscher_portal.core.pagecache.version import bump_content_version, lookup, schedule_due
from emscher_portal.core.scheduling import publication_run_due

logger = logging.getLogger(__name__)

KEY_PREFIX = "pagecache:page"
# Cookies that make a page differ for this reader; a request carrying one is never served from the cache.
_READER_COOKIES = ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME")
_MESSAGES_COOKIE = "messages"
_SAFE_VARY = frozenset({"cookie", "accept-language"})
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Headers that differ between the stored encodings of one page.
_PER_VARIANT = frozenset({"etag", "content-length", "content-encoding"})
# PDFs, ZIPs and downloads answer with a streamed file (FileResponse), which the page cache never stores.
_STREAMED_SUFFIXES = (".pdf", ".zip", "/download/")


def _variant_key(base_key, encoding):
    """The key of one encoding of a page: each is stored compressed once and fetched in the one lookup."""
    return f"{base_key}:{encoding or 'identity'}"


def writes_nothing(view):
    """View decorator: a staff POST to this view changes no content (a preview), so it keeps the cached pages."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.pagecache_writes_nothing = True
        return response

    return wrapped


class PageCacheMiddleware:
    """Serve anonymous readers whole pages from the cache; see the module docstring.

    Placed after WhiteNoise (static files never get here) and before the session middleware, so a hit skips
    sessions, CSRF, auth and the view, while the security and CSP middlewares above still add their headers to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            if request.method == "GET" and self._reader_cookies(request):
                self._run_due_schedule(schedule_due)  # an editor's page (the admin too) shows the due change
            response = self.get_response(request)
            self._after_uncached(request, response)
            return response
        encoding = accepted_encoding(request)
        try:
            base_key = self._key(request)
            version, entry, due = lookup(_variant_key(base_key, encoding))
            if self._is_due(due) and self._run_due_schedule(lambda: due):
                # the transitions moved the content version
                version, entry, due = lookup(_variant_key(base_key, encoding))
        except DisallowedHost:
            return self.get_response(request)
        except Exception:  # noqa: BLE001 -- cache or database trouble: serve the page uncached, never fail
            logger.exception("page cache: lookup failed, serving uncached")
            response = self.get_response(request)
            response.headers.setdefault("X-Page-Cache", "bypass")
            return response
        if entry is not None:
            return self._conditional(request, self._rebuild(entry), entry)
        response = self.get_response(request)
        if request.method == "GET" and self._storable(request, response):
            entry = self._store(base_key, version, response, encoding)
            response = self._rebuild(entry)
            response.headers["X-Page-Cache"] = "miss"
            return self._conditional(request, response, entry)
        response.headers.setdefault("X-Page-Cache", "bypass")
        return response

    # -- scheduled publishing ------------------------------------------------------

    @staticmethod
    def _is_due(due):
        return due is not None and due <= timezone.now()

    def _run_due_schedule(self, read_due):
        """Carry out due scheduled publications (core.scheduling) when their time has come; True if it ran."""
        try:
            if not self._is_due(read_due()):
                return False
            publication_run_due()
        except Exception:  # noqa: BLE001 -- a failed schedule must never break a page; the next request tries again
            logger.exception("scheduled publishing: carrying out due changes failed")
            return False
        return True

    # -- deciding ------------------------------------------------------------

    @staticmethod
    def _reader_cookies(request):
        names = [getattr(settings, name) for name in _READER_COOKIES] + [_MESSAGES_COOKIE]
        return any(name in request.COOKIES for name in names)

    def _may_use_cache(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True):
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        if any(request.path_info.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS):
            return False
        if request.path_info.endswith(_STREAMED_SUFFIXES):
            return False  # files are streamed, never stored: spare them the lookup
        if len(request.META.get("QUERY_STRING", "")) > 1024:
            return False
        return not self._reader_cookies(request)

    def _after_uncached(self, request, response):
        if request.method in _UNSAFE_METHODS:
            user = getattr(request, "user", None)
            writes = not getattr(response, "pagecache_writes_nothing", False)
            if writes and response.status_code < 400 and user is not None and user.is_staff:
                # Admin actions may write with QuerySet.update()/bulk_create(), which send no signals.
                bump_content_version()
            return
        if self._reader_cookies(request) and "Cache-Control" not in response:
            # A page made for this reader (an editor's, with drafts): no proxy or CDN may keep it.
            patch_cache_control(response, private=True, no_cache=True)

    @staticmethod
    def _storable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
            return False
        cache_control = {
            part.split("=", 1)[0].lower() for part in split_header_value(response.get("Cache-Control", ""))
        }
        if cache_control & {"private", "no-store", "no-cache"}:
            return False
        vary = {part.lower() for part in split_header_value(response.get("Vary", ""))}
        if not vary <= _SAFE_VARY:
            return False
        if getattr(request, "_csp_nonce", None):
            return False  # the page carries this request's nonce; another request gets a different one
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES

    # -- keys and entries -------------------------------------------------------

    @staticmethod
    def _key(request):
        query = urlencode(sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", "")) if v))
        scheme = "https" if request.is_secure() else "http"
        address = f"{scheme}://{request.get_host()}{request.path}?{query}"
        # The day is part of the key: pages that say "next forum" or "upcoming" change at midnight.
        language = (
            settings.LANGUAGE_CODE if len(settings.LANGUAGES) == 1 else translation.get_language_from_request(request)
        )
        parts = [language, timezone.localdate().isoformat(), address]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return f"{KEY_PREFIX}:{digest}"

    @staticmethod
    def _store(base_key, version, response, encoding):
        """Store the page once per encoding (identity, gzip, brotli), each compressed once, with its own ETag;
        return the entry for `encoding`."""
        content = response.content
        digest = hashlib.blake2b(content, digest_size=16).hexdigest()
        modified = int(time.time())
        response.headers["Last-Modified"] = http_date(modified)
        if "max-age" not in response.get("Cache-Control", ""):
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_S_MAXAGE
            )
        # Someone with a session (an editor) gets a different page at this address.
        patch_vary_headers(response, ("Cookie",))
        is_compressible = compressible(response)
        if is_compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
        kept = [(name, value) for name, value in response.headers.items() if name.lower() not in _PER_VARIANT]
        entries = {}
        for each in (None, *ENCODINGS):
            encoded = each if is_compressible else None  # a small or binary page: the same body for everyone
            body = compress(content, encoded, stored=True) if encoded else content
            etag = f'"{digest}-{encoded}"' if encoded else f'"{digest}"'
            headers = [*kept, ("ETag", etag), ("Content-Length", str(len(body)))]
            if encoded:
                headers.append(("Content-Encoding", encoded))
            entries[_variant_key(base_key, each)] = {
                "version": version,
                "content": body,
                "headers": headers,
                "modified": modified,
                "etag": etag,
                "csp": getattr(response, "_csp_config", None),
                "csp_ro": getattr(response, "_csp_ro_config", None),
            }
        try:
            cache.set_many(entries, timeout=settings.PAGE_CACHE_TIMEOUT)
        except Exception:  # noqa: BLE001 -- a full or absent cache only costs speed
            logger.exception("page cache: could not store a page")
        return entries[_variant_key(base_key, encoding)]

    @staticmethod
    def _rebuild(entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        if entry["csp"] is not None:
            response._csp_config = entry["csp"]
        if entry["csp_ro"] is not None:
            response._csp_ro_config = entry["csp_ro"]
        response.headers["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _conditional(request, response, entry):
        return (
            get_conditional_response(request, etag=entry["etag"], last_modified=entry["modified"], response=response)
            or response
        )
