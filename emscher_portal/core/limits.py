"""Limits that hold across every app process: at most N hits per client in a time window, and single-use tokens.

Where they count
----------------
In the shared cache when one is configured (`CACHE_URL`/`REDIS_URL`), otherwise in the database (`LimitCounter`,
one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per count) — never in one process's memory: each gunicorn worker
has a local-memory cache of its own, so a limit counted there multiplies with the workers (a contact form limited
to 5 messages an hour took 16 in a minute that way). `LIMITS_STORE` (`auto`, `cache`, `database`) overrides the
choice. Both stores are atomic per count (Redis INCR and SET NX; a row lock on conflict), so concurrent requests
in different processes never both slip under a limit.

What is stored
--------------
Only keyed hashes (HMAC with SECRET_KEY) of what is counted — no IP address, no token — and when the count stops
mattering. Database rows past that are deleted by the periodic job `limit_counters_prune`; cache entries expire.

The window
----------
A sliding window estimated from two fixed ones: the count of the current window plus the previous window's
count weighted by how much of it still lies within the last `window` seconds. A burst at the edge of a fixed
window therefore cannot take twice the limit, and each count costs one write and one read.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from emscher_portal.core.cache import cache_is_shared
from emscher_portal.core.models import LimitCounter

_KEY_SALT = "emscher_portal.core.limits"
CACHE_KEY_PREFIX = "limits"


def limits_use_database():
    """True when the limits count in the database (no shared cache, or LIMITS_STORE=database)."""
    store = getattr(settings, "LIMITS_STORE", "auto")
    if store != "auto":
        return store == "database"
    return not cache_is_shared()


def _key(*parts):
    return salted_hmac(_KEY_SALT, "\x1f".join(str(part) for part in parts), algorithm="sha256").hexdigest()


def _seconds(duration):
    return duration.total_seconds() if isinstance(duration, timedelta) else float(duration)


def _count_up(key, *, moment, expires_at):
    """Add one to the counter `key` (created if missing) and return its new value."""
    if limits_use_database():
        table = connection.ops.quote_name(LimitCounter._meta.db_table)
        sql = (
            f'INSERT INTO {table} ("key", "count", "expires_at") VALUES (%s, 1, %s) '
            f'ON CONFLICT ("key") DO UPDATE SET "count" = {table}."count" + 1 RETURNING "count"'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, datetime.fromtimestamp(expires_at, UTC)])
            return cursor.fetchone()[0]
    cache_key = f"{CACHE_KEY_PREFIX}:{key}"
    timeout = max(1, int(expires_at - moment) + 1)
    if cache.add(cache_key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        return 1 if cache.add(cache_key, 1, timeout=timeout) else cache.incr(cache_key)


def _count(key):
    if limits_use_database():
        return LimitCounter.objects.filter(key=key).values_list("count", flat=True).first() or 0
    return cache.get(f"{CACHE_KEY_PREFIX}:{key}", 0)


def limit_hit(scope, identity, *, limit, window, now=None):
    """Count one hit of `identity` (e.g. a client IP) under `scope` (e.g. "contact"); True when, with this hit,
    there were more than `limit` hits in the last `window` (seconds or a timedelta). Refused hits count too, so a
    client that keeps trying stays refused."""
    window_seconds = _seconds(window)
    moment = (now or timezone.now()).timestamp()
    index = int(moment // window_seconds)
    key = _key(scope, identity, window_seconds, index)
    current = _count_up(key, moment=moment, expires_at=(index + 2) * window_seconds)
    if current > limit:
        return True
    previous = _count(_key(scope, identity, window_seconds, index - 1))
    still_inside = 1 - (moment - index * window_seconds) / window_seconds
    return previous * still_inside + current > limit


def token_use_once(scope, token, *, valid_for, now=None):
    """Record a use of `token` (e.g. a signed form token) under `scope`; True for its first use, False for every
    later one. Keep the record at least as long as the token is valid (`valid_for`, seconds or a timedelta)."""
    moment = (now or timezone.now()).timestamp()
    return _count_up(_key("once", scope, token), moment=moment, expires_at=moment + _seconds(valid_for)) == 1


def limit_counters_prune(now=None):
    """Delete the database counters that no longer matter; return how many."""
    deleted, _by_model = LimitCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
