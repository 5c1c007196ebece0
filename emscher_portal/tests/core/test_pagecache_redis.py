"""The page cache against a real Redis (skipped where none answers on 127.0.0.1:6379)."""

import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from pytest_django.asserts import assertContains

from emscher_portal.core.pagecache import version
from networks.tests.factories import make_network

pytestmark = pytest.mark.django_db


def _redis_answers():
    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not _redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"
    working = settings.CACHES
    # The URL as CACHE_URL would give it; settings.py picks our backend for it.
    settings.CACHES = {
        "default": {
            "BACKEND": "emscher_portal.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_VERSION_STORE = "auto"
    yield cache
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    settings.CACHES = working  # before the root conftest's cache.clear(), which would flush the whole Redis db


def test_backend_keeps_one_client_and_still_works(redis_cache):
    redis_cache.set("a", {"x": 1})
    redis_cache.set("n", 5)

    assert redis_cache._cache.get_client() is redis_cache._cache.get_client()
    assert redis_cache.get_many(["a", "n", "missing"]) == {"a": {"x": 1}, "n": 5}
    assert redis_cache.incr("n") == 6


def test_settings_pick_our_backend_for_a_redis_url():
    code = "from emscher_portal import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/3", "DJANGO_DEBUG": "true"}

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "emscher_portal.core.cache.RedisCache"


def test_a_key_prefix_in_the_cache_url_is_used():
    code = "from emscher_portal import settings; print(settings.CACHES['default'].get('KEY_PREFIX'))"
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/3?key_prefix=portal-b", "DJANGO_DEBUG": "true"}

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "portal-b"


def test_redis_makes_the_version_shared(redis_cache):
    assert version.uses_shared_cache()


def test_hit_from_redis_costs_no_query(client, redis_cache, django_assert_num_queries):
    network = make_network(name="Netzwerk aus Redis")
    first = client.get(network.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(network.get_absolute_url())

    assert [first["X-Page-Cache"], second["X-Page-Cache"]] == ["miss", "hit"]
    assertContains(second, "Netzwerk aus Redis")


def test_flushed_redis_never_serves_an_old_page(client, redis_cache):
    network = make_network(name="Netzwerk Hitze")
    client.get(network.get_absolute_url())

    redis_cache.delete(version.VERSION_KEY)  # evicted, while the page entry survives
    network.name = "Netzwerk Hitzevorsorge"
    type(network).objects.filter(pk=network.pk).update(name=network.name)  # no signal: nothing bumps
    response = client.get(network.get_absolute_url())

    assert response["X-Page-Cache"] == "miss"
    assertContains(response, "Netzwerk Hitzevorsorge")


def test_compressed_hit_from_redis_is_one_round_trip(client, redis_cache, monkeypatch, django_assert_num_queries):
    network = make_network(name="Netzwerk aus Redis")
    client.get(network.get_absolute_url())  # stores every encoding
    redis_client = redis_cache._cache.get_client()
    commands = []
    execute = redis_client.execute_command
    monkeypatch.setattr(
        redis_client, "execute_command", lambda *args, **kw: commands.append(args[0]) or execute(*args, **kw)
    )

    with django_assert_num_queries(0):
        response = client.get(network.get_absolute_url(), headers={"accept-encoding": "br, gzip"})

    assert (response["X-Page-Cache"], response["Content-Encoding"]) == ("hit", "br")
    assert commands == ["MGET"]
