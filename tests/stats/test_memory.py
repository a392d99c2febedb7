"""Redis memory of cookie-less traffic is bounded by addresses, never by requests."""

import datetime
import secrets

import pytest
from django.test import override_settings

from core import redis as portal_redis
from stats import clock, recorder
from stats.services import roll_up

pytestmark = pytest.mark.django_db

AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36"


def cookieless_requests(travel, count, addresses, agents=1, articles=5):
    """What VisitMiddleware records for requests without a cookie (at the recorder level)."""
    for n in range(count):
        address = n % addresses
        gate = f"{address:016x}{(n // addresses) % agents:016x}"
        travel.advance(seconds=1)
        recorder.record(
            moment=travel(),
            day=clock.local_day(travel()),
            kind="guest",
            visitor=secrets.token_hex(16),
            gate=gate,
            address=f"a{address}",
            track=True,
            page_view=True,
            objects=[f"v|news.article|{n % articles + 1}"] if n % 2 else [],
        )


def counter_keys():
    client = portal_redis.get_client()
    return sum(1 for _ in client.scan_iter(match=portal_redis.key("stats", "*"), count=1000))


def test_keys_grow_with_addresses_not_with_requests(travel):
    cookieless_requests(travel, 2000, addresses=50)
    after_2000 = counter_keys()
    cookieless_requests(travel, 6000, addresses=50)
    # Per address: its fallback visitor and its caps; plus pending, the day's figures,
    # uniques and the online set.
    assert after_2000 == counter_keys() <= 2 * 50 + 4


@override_settings(STATS_ADDRESS_CAP=5)
def test_an_address_rotating_agents_adds_keys_only_up_to_the_cap(travel):
    cookieless_requests(travel, 1000, addresses=10, agents=100)
    # Per address: the fallback ids of the visits its cap allows (a tenth of 5: one) and its
    # caps; plus pending, the day's figures, uniques and the online set.
    assert counter_keys() <= 10 * 2 + 4
    pending = portal_redis.get_client().hgetall(portal_redis.key("stats", "pending"))
    assert int(pending[f"s|{clock.local_day(travel())}|visits".encode()]) == 10


def test_pending_counts_and_uniques_never_expire_and_the_roll_up_removes_old_uniques(travel):
    cookieless_requests(travel, 10, addresses=5)
    client = portal_redis.get_client()
    day = clock.local_day(travel())
    assert client.ttl(portal_redis.key("stats", "pending")) == -1
    assert client.ttl(portal_redis.key("stats", "uv", day.isoformat())) == -1
    assert client.ttl(portal_redis.key("stats", "v", f"{0:016x}{0:016x}")) > 0  # a window
    travel.moment += datetime.timedelta(days=3)
    roll_up()
    assert not client.exists(portal_redis.key("stats", "uv", day.isoformat()))
