from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from emscher_portal.core.limits import limit_counters_prune, limit_hit, limits_use_database, token_use_once
from emscher_portal.core.models import LimitCounter

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
# The start of an hour window (windows are aligned to the epoch).
WINDOW_START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["database", "cache"])
def store(request, settings):
    settings.LIMITS_STORE = request.param
    return request.param


def test_limit_hit_refuses_past_the_limit_per_identity(store):
    now = WINDOW_START + timedelta(minutes=10)

    hits = [limit_hit("test", "203.0.113.7", limit=2, window=HOUR, now=now) for _ in range(3)]
    other = limit_hit("test", "203.0.113.8", limit=2, window=HOUR, now=now)
    other_scope = limit_hit("other", "203.0.113.7", limit=2, window=HOUR, now=now)

    assert hits == [False, False, True]
    assert (other, other_scope) == (False, False)


def test_limit_hit_holds_across_the_edge_of_a_window(store):
    before_edge = WINDOW_START - timedelta(minutes=1)
    after_edge = WINDOW_START + timedelta(minutes=1)
    next_window_end = WINDOW_START + timedelta(minutes=59)

    early = [limit_hit("test", "ip", limit=2, window=HOUR, now=before_edge) for _ in range(2)]
    right_after = limit_hit("test", "ip", limit=2, window=HOUR, now=after_edge)
    much_later = limit_hit("test", "ip", limit=2, window=HOUR, now=next_window_end + HOUR)

    assert early == [False, False]
    assert right_after is True  # two hits two minutes ago still count
    assert much_later is False


def test_token_use_once_accepts_each_token_once(store):
    first = token_use_once("form", "token-1", valid_for=HOUR)
    again = token_use_once("form", "token-1", valid_for=HOUR)
    other = token_use_once("form", "token-2", valid_for=HOUR)
    other_scope = token_use_once("another-form", "token-1", valid_for=HOUR)

    assert (first, again, other, other_scope) == (True, False, True, True)


def test_limits_count_in_the_database_without_a_shared_cache(settings):
    settings.LIMITS_STORE = "auto"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    local = limits_use_database()
    settings.CACHES = {"default": {"BACKEND": "emscher_portal.core.cache.RedisCache", "LOCATION": "redis://x"}}
    shared = limits_use_database()

    assert (local, shared) == (True, False)


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.filebased.FileBasedCache", "django.core.cache.backends.db.DatabaseCache"],
)
def test_limits_count_in_the_database_with_a_cache_that_does_not_count_atomically(settings, backend):
    # Shared, but their incr is a read and a write: concurrent requests could both pass the limit.
    settings.LIMITS_STORE = "auto"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "/tmp/emscher-limits-test"}}

    assert limits_use_database()


def test_limit_counters_prune_deletes_only_expired_counters(settings):
    settings.LIMITS_STORE = "database"
    now = timezone.now()
    limit_hit("test", "ip", limit=5, window=HOUR, now=now - 3 * HOUR)
    token_use_once("form", "old", valid_for=HOUR, now=now - 2 * HOUR)
    limit_hit("test", "ip", limit=5, window=HOUR, now=now)
    token_use_once("form", "new", valid_for=HOUR, now=now)

    deleted = limit_counters_prune(now=now)

    assert deleted == 2
    assert LimitCounter.objects.count() == 2
    assert token_use_once("form", "new", valid_for=HOUR, now=now) is False
