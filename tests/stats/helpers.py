"""Helpers shared by the stats tests."""

import time

import pytest
from django.template import Context, Template

from core import redis as portal_redis

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def render_block():
    return Template("{% load stats_tags %}{% stats_block %}").render(Context())


def pending():
    raw = portal_redis.get_client().hgetall(portal_redis.key("stats", "pending"))
    return {k.decode(): int(v) for k, v in raw.items()}


def live(day):
    raw = portal_redis.get_client().hgetall(portal_redis.key("stats", "day", day.isoformat()))
    return {k.decode(): int(v) for k, v in raw.items()}


def wait_for(predicate, what, timeout=90, worker=None):
    """Poll until ``predicate()`` is true (not a timed assertion: a generous safety net)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if worker is not None and worker.process.poll() is not None:
            pytest.fail(f"worker exited while waiting for {what}:\n{worker.log()}")
        time.sleep(0.1)
    log = worker.log() if worker else ""
    pytest.fail(f"gave up waiting for {what}\n{log}")
