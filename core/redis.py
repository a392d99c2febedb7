"""One Redis client for the whole portal, and the bookkeeping of Redis failures.

Redis is the cache, the counter buffer and the broker. When it is unreachable the
site must still answer, so callers catch ``REDIS_ERRORS`` and call
``record_failure``; after a failure Redis is skipped for a short while instead of
paying a connection timeout on every call.
"""

import logging
import threading
import time
from collections import Counter

import redis
from django.conf import settings

log = logging.getLogger("core.redis")

# OutOfMemoryError: Redis at maxmemory with nothing left it may evict refuses writes.
REDIS_ERRORS = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    redis.exceptions.OutOfMemoryError,
)
# After a failure, Redis is considered down for this many seconds.
BACKOFF_SECONDS = 2.0

_lock = threading.Lock()
_client = None
_state = {"failures": 0, "down_until": 0.0, "last_error": ""}
# Failures since this process started, by where they happened ("stats.record", "healthz", ...).
_failures_by_place = Counter()


def get_client():
    """The shared redis-py client (thread-safe, pooled)."""
    global _client
    if _client is None:
        with _lock:
            if _client is None:
                _client = redis.Redis.from_url(
                    settings.REDIS_URL,
                    socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
                    socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
                    health_check_interval=30,
                )
    return _client


def reset_client():
    """Forget the client (tests that change REDIS_URL, forked workers)."""
    global _client
    with _lock:
        _client = None
    _state.update(failures=0, down_until=0.0, last_error="")
    _failures_by_place.clear()


def key(*parts):
    """A key under the portal's prefix: key("stats", "views") -> "portal:stats:views"."""
    return ":".join([settings.REDIS_KEY_PREFIX, *map(str, parts)])


def is_backing_off():
    return time.monotonic() < _state["down_until"]


def record_failure(exc, where):
    """Log a Redis failure, count it, and back off for a moment."""
    with _lock:
        _state["failures"] += 1
        _state["down_until"] = time.monotonic() + BACKOFF_SECONDS
        _state["last_error"] = f"{where}: {exc}"
        _failures_by_place[where] += 1
    log.warning("Redis unavailable in %s: %s", where, exc)


def record_success():
    _state["down_until"] = 0.0


def failure_count(prefix=""):
    """Failures since the process started (or the last reset), those whose place starts
    with ``prefix`` if given ("stats.record": counts lost)."""
    if not prefix:
        return _state["failures"]
    with _lock:
        return sum(n for where, n in _failures_by_place.items() if where.startswith(prefix))
