"""The site-wide content version every cached page carries; a committed content change replaces it.

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
The change map (`emscher_portal.core.changes`) bumps it once per committed transaction that changed content, so
no reader can take the new version and still see the old rows. Inside the writing transaction a process-local
counter ("salt", also part of the version) moves at once (`bump_local`), so code in the same process — a test
inside its transaction, a view after a service call — never sees a page from before its own change either. Code
that writes without signals (`QuerySet.update()`, `bulk_create()`) calls `bump_content_version()` itself; the
middleware does it for every successful unsafe request of a staff user.
"""

import itertools
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, models
from django.utils import timezone

from emscher_portal.core.cache import cache_is_shared
from emscher_portal.core.models import ContentVersion

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:content-version"
# Beside the version: when the next scheduled publication or withdrawal is due (see core.scheduling).
SCHEDULE_KEY = "pagecache:schedule-due"
_NO_SCHEDULE = "-"

_salt_counter = itertools.count(1)
_salt = 0


def uses_shared_cache():
    """True when the cache is shared by all app processes, so the version token can live in it."""
    store = getattr(settings, "PAGE_CACHE_VERSION_STORE", "auto")
    if store != "auto":
        return store == "cache"
    return cache_is_shared()


def _version_row():
    """(version value, next scheduled transition) from the one row, in one query."""
    return ContentVersion.objects.filter(pk=1).values_list("value", "schedule_due_at").first() or (0, None)


def _version_row_value():
    return _version_row()[0]


def _count_version_row_up():
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
    """(current version, stored entry of that version or None, when the next scheduled status change is due or
    None) — with a shared cache in one round trip (MGET), with a local one in one primary-key query."""
    if uses_shared_cache():
        found = cache.get_many([VERSION_KEY, SCHEDULE_KEY, key])
        token, entry, due = found.get(VERSION_KEY), found.get(key), found.get(SCHEDULE_KEY)
        if token is None:
            token, entry = _fresh_shared_token(), None
        if due is None:
            due = _fresh_shared_schedule()
    else:
        (token, due), entry = _version_row(), cache.get(key)
    version = f"{token}.{_salt}"
    if entry is not None and entry.get("version") != version:
        entry = None  # stored under an older version: the page may have changed since
    return version, entry, (None if due == _NO_SCHEDULE else due)


def _fresh_shared_schedule():
    due = _version_row()[1]
    cache.add(SCHEDULE_KEY, due or _NO_SCHEDULE, timeout=None)
    return due


def schedule_due():
    """When the next scheduled status change is due, or None (for requests that bypass the page cache)."""
    if uses_shared_cache():
        due = cache.get(SCHEDULE_KEY)
        if due is None:
            due = _fresh_shared_schedule()
        return None if due == _NO_SCHEDULE else due
    return _version_row()[1]


def schedule_due_store(due):
    """Keep the time of the next scheduled status change (None: nothing scheduled) where lookup() reads it."""
    if not ContentVersion.objects.filter(pk=1).update(schedule_due_at=due):
        ContentVersion.objects.get_or_create(pk=1, defaults={"schedule_due_at": due})
    if uses_shared_cache():
        try:
            cache.set(SCHEDULE_KEY, due or _NO_SCHEDULE, timeout=None)
        except Exception:  # noqa: BLE001 -- without it the next lookup reads the row again
            logger.exception("page cache: could not store the next scheduled status change")
            cache.delete(SCHEDULE_KEY)


def bump_content_version():
    """Retire every cached page. Call after the change is committed (the change map does this itself)."""
    global _salt  # noqa: PLW0603 -- one process-wide counter, see bump_local()
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


def bump_local():
    """Inside a transaction: this process stops using its current keys at once (the commit bump follows)."""
    global _salt  # noqa: PLW0603 -- process-wide on purpose: every thread of this process must see it
    _salt = next(_salt_counter)


def salt():
    """This process's in-transaction salt (0 when no uncommitted change is pending)."""
    return _salt
