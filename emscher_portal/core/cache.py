"""Django's Redis cache backend, minus one cost per operation.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache operation; its
constructor fills a table of ~170 response callbacks, which costs more than the round trip to a local Redis and
is the biggest part of a page-cache hit. The client is thread-safe and only wraps the connection pool, so this
backend keeps one per pool. settings.py swaps it in whenever CACHE_URL/REDIS_URL names a Redis server.
"""

from django.conf import settings
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def cache_is_shared(alias="default"):
    """True when every app process sees the same cache and it counts atomically (Redis, Memcached); False for a
    process-local one (locmem, the default without CACHE_URL: each gunicorn worker has its own), none (dummy), and
    the file or database cache, whose `incr` is a read and a write that concurrent requests can interleave.
    What must hold across processes — the page cache's version, rate limits, single-use tokens — lives in the
    database when this is False."""
    backend = settings.CACHES[alias]["BACKEND"]
    return backend.endswith(("RedisCache", "PyMemcacheCache", "PyLibMCCache"))
