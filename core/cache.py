"""Django's RedisCache, made to degrade to "always a miss" when Redis is down.

Pages, sessions (cached_db) and rate limits all go through the cache; a Redis outage
must cost a log line, not a 500.
"""

import functools

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from core import redis as portal_redis


def _tolerant(default=None, raises=None):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if portal_redis.is_backing_off():
                if raises:
                    raise raises("cache unavailable")
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except portal_redis.REDIS_ERRORS as exc:
                portal_redis.record_failure(exc, f"cache.{method.__name__}")
                if raises:
                    raise raises("cache unavailable") from exc
                return default() if callable(default) else default

        return wrapper

    return decorate


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a redis-py ``Redis`` object (and its ~200 response callbacks)
    for every cache call; one per connection pool does the same work, pooled and thread-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @_tolerant()
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_tolerant(default=False)
    def add(self, key, value, timeout=None, version=None):
        return super().add(key, value, timeout, version)

    @_tolerant()
    def set(self, key, value, timeout=None, version=None):
        return super().set(key, value, timeout, version)

    @_tolerant(default=False)
    def touch(self, key, timeout=None, version=None):
        return super().touch(key, timeout, version)

    @_tolerant(default=False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_tolerant(default=dict)
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_tolerant(default=list)
    def set_many(self, data, timeout=None, version=None):
        return super().set_many(data, timeout, version)

    @_tolerant()
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_tolerant(default=False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    # django-ratelimit reads ValueError as "no count"; with RATELIMIT_FAIL_OPEN it allows.
    @_tolerant(raises=ValueError)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_tolerant(default=False)
    def clear(self):
        return super().clear()
