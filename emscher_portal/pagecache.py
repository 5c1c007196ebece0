"""Whole-page cache for anonymous readers, with exact invalidation by a site-wide content version.

How it stays exact
------------------
Every stored page carries the *content version* it was rendered under, and is served only while that is still
the current version. Any committed save, delete or many-to-many change of a model of the content apps
(CONTENT_APPS, connected per app label, so new models are covered without anyone doing anything) replaces the
version, which retires every stored page at once; the next request renders afresh and overwrites the entry.
Nothing is ever invalidated key by key, so nothing can be forgotten. With a shared cache the version and the
page come back in one round trip (MGET), so a hit costs one cache request and no query.

Where the version lives
-----------------------
* Shared cache (Redis, Memcached …): a token under VERSION_KEY, read with one cache GET per request. A bump
  counts the `ContentVersion` database row up (an atomic `UPDATE … SET value = value + 1`) and writes a *new,
  never used* token ``"<row value>-<random>"`` into the cache. Each token is written once and never again, so
  however bumps interleave, the token a reader finds was written after every commit that finished before it.
  If the cache loses the token (flush, eviction, restart), the next reader makes a fresh one from the row and
  a random part (`cache.add`, so concurrent readers agree) — old pages that survived an eviction can never
  match it, so a flush never brings back stale pages. (An `incr` on the cache would not give that: Django's
  Redis `incr` is EXISTS + INCR, and a counter re-created after a flush repeats old numbers.)
* Process-local cache (locmem, the default without CACHE_URL): every gunicorn worker has its own cache, and a
  bump in one worker cannot reach another worker's memory, so the version is read from the database row on each
  request (one primary-key SELECT) instead of from the cache.

When it changes
---------------
The bump runs on commit (`transaction.on_commit`), so no reader can take the new version and still see the
old rows. Inside the writing transaction a process-local counter ("salt", also part of the key) moves at once,
so code in the same process — a test inside its transaction, a view after a service call — never sees a page
from before its own change either. As a safety net for writes that send no signals (`QuerySet.update()`,
`bulk_create()` in an admin action), every successful unsafe request of a staff user bumps the version too;
other such code calls `bump_content_version()` itself.

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
"""

import hashlib
import itertools
import logging
import secrets
import threading
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, split_header_value

logger = logging.getLogger(__name__)

# Apps whose models are content: any change in them may change a public page.
CONTENT_APPS = frozenset({"forums", "networks", "documents", "emscher_portal"})
# Models of those apps that no public page shows, or that only mirror other content (lower-case labels).
IGNORED_MODELS = frozenset(
    {
        "emscher_portal.contentversion",  # the version itself
        "emscher_portal.contactmessage",  # readers' messages: never shown, and an anonymous POST must not flush
        "emscher_portal.searchentry",  # the search index mirrors content whose own save already bumped
    }
)

VERSION_KEY = "pagecache:content-version"
KEY_PREFIX = "pagecache:page"
# Cookies that make a page differ for this reader; a request carrying one is never served from the cache.
_READER_COOKIES = ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME")
_MESSAGES_COOKIE = "messages"
_SAFE_VARY = frozenset({"cookie", "accept-language"})
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# PDFs and downloads answer with a streamed file (FileResponse), which the page cache never stores.
_STREAMED_SUFFIXES = (".pdf", "/download/")

# ---------------------------------------------------------------------------
# The content version
# ---------------------------------------------------------------------------

_salt_counter = itertools.count(1)
_salt = 0
_pending = threading.local()


def uses_shared_cache():
    """True when the cache is shared by all app processes, so the version token can live in it."""
    store = getattr(settings, "PAGE_CACHE_VERSION_STORE", "auto")
    if store != "auto":
        return store == "cache"
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("locmem.LocMemCache", "dummy.DummyCache"))


def _version_row_value():
    from emscher_portal.models import ContentVersion  # noqa: PLC0415 -- models load after this module

    return ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def _count_version_row_up():
    from emscher_portal.models import ContentVersion  # noqa: PLC0415 -- models load after this module

    updated = ContentVersion.objects.filter(pk=1).update(value=models.F("value") + 1, changed_at=timezone.now())
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 1, "changed_at": timezone.now()})


def _new_token():
    return f"{_version_row_value()}-{secrets.token_hex(6)}"


def _fresh_shared_token():
    """The token after the cache lost it (flush, eviction, first start): one no stored page can carry."""
    token = _new_token()
    if not cache.add(VERSION_KEY, token, timeout=None):
        token = cache.get(VERSION_KEY) or token  # another process was first; use its token
    return token


def current_version():
    """The content version every stored page is compared with. Raises if neither cache nor database answers."""
    token = (cache.get(VERSION_KEY) or _fresh_shared_token()) if uses_shared_cache() else _version_row_value()
    return f"{token}.{_salt}"


def lookup(key):
    """(current version, stored entry of that version or None) — with a shared cache in one round trip (MGET)."""
    if uses_shared_cache():
        found = cache.get_many([VERSION_KEY, key])
        token, entry = found.get(VERSION_KEY), found.get(key)
        if token is None:
            token, entry = _fresh_shared_token(), None
    else:
        token, entry = _version_row_value(), cache.get(key)
    version = f"{token}.{_salt}"
    if entry is not None and entry.get("version") != version:
        entry = None  # stored under an older version: the page may have changed since
    return version, entry


def bump_content_version():
    """Retire every cached page. Call after the change is committed (signals do this themselves)."""
    global _salt  # noqa: PLW0603 -- one process-wide counter, see _bump_local()
    try:
        _count_version_row_up()
        token = _new_token()
    except DatabaseError:
        logger.exception("page cache: could not count the content version row up")
        token = secrets.token_hex(12)
    if uses_shared_cache():
        try:
            cache.set(VERSION_KEY, token, timeout=None)
        except Exception:  # noqa: BLE001 -- a cache we cannot write must at least lose the old token
            logger.exception("page cache: could not store a new content version, deleting the old one")
            try:
                cache.delete(VERSION_KEY)
            except Exception:  # noqa: BLE001 -- nothing more we can do; pages expire after PAGE_CACHE_TIMEOUT
                logger.exception("page cache: could not delete the content version either")
    # The committed version moved for everybody; this process's in-transaction salt is no longer needed.
    _salt = 0


def _bump_local():
    """Inside a transaction: this process stops using its current keys at once (the commit bump follows)."""
    global _salt  # noqa: PLW0603 -- process-wide on purpose: every thread of this process must see it
    _salt = next(_salt_counter)


def _bump_after_commit():
    # Many saves in one transaction queue many callbacks; the first one that runs after the commit bumps once.
    if getattr(_pending, "queued", 0) != getattr(_pending, "done", 0):
        _pending.done = _pending.queued
        bump_content_version()


def is_content_model(model):
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS


def _content_changed(sender, using=None, action=None, **kwargs):
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed sends pre_add/pre_remove/pre_clear first
    if not is_content_model(sender):
        return
    if not transaction.get_connection(using).in_atomic_block:
        bump_content_version()
        return
    _bump_local()
    _pending.queued = getattr(_pending, "queued", 0) + 1
    transaction.on_commit(_bump_after_commit, using=using, robust=True)


def connect_signals():
    """Bump the version on every change of a content model (all senders; filtered by app label)."""
    post_save.connect(_content_changed, dispatch_uid="pagecache-post-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m-changed")


# ---------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous readers whole pages from the cache; see the module docstring.

    Placed after WhiteNoise (static files never get here) and before the session middleware, so a hit skips
    sessions, CSRF, auth and the view, while the security and CSP middlewares above still add their headers to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            response = self.get_response(request)
            self._after_uncached(request, response)
            return response
        try:
            key = self._key(request)
            version, entry = lookup(key)
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
            entry = self._store(key, version, response)
            return self._conditional(request, response, entry)
        response.headers.setdefault("X-Page-Cache", "bypass")
        return response

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
            if response.status_code < 400 and user is not None and user.is_staff:
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
    def _store(key, version, response):
        content = response.content
        etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
        modified = int(time.time())
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(modified)
        if "max-age" not in response.get("Cache-Control", ""):
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE, s_maxage=settings.PAGE_CACHE_S_MAXAGE
            )
        # Someone with a session (an editor) gets a different page at this address.
        patch_vary_headers(response, ("Cookie",))
        entry = {
            "version": version,
            "content": content,
            "headers": list(response.headers.items()),
            "modified": modified,
            "etag": etag,
            "csp": getattr(response, "_csp_config", None),
            "csp_ro": getattr(response, "_csp_ro_config", None),
        }
        try:
            cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
        except Exception:  # noqa: BLE001 -- a full or absent cache only costs speed
            logger.exception("page cache: could not store a page")
        response.headers["X-Page-Cache"] = "miss"
        return entry

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
