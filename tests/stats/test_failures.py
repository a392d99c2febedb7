"""Redis down: pages answer 200, the failure is logged and counted, /healthz says 503."""

import json

import pytest

from core import redis as portal_redis
from stats import spool
from stats.counters import record_download, record_view
from stats.models import StatsSettings
from tests.readers import FIREFOX, make_reader

pytestmark = pytest.mark.urls("tests.stats.urls")


@pytest.fixture(autouse=True)
def old_total(db):
    """A site whose old total is 1000, written before the outage (autouse runs first)."""
    StatsSettings.objects.create(total_offset=1000)


def test_pages_answer_200_and_the_failure_is_counted_when_redis_is_down(
    redis_down, counted_object, rf, caplog
):
    before = portal_redis.failure_count()
    client = make_reader()
    for url in ("/t/trang/", f"/t/xem/{counted_object.pk}/", f"/t/luu/{counted_object.pk}/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "vid" in client.cookies  # the visitor still gets a cookie
    assert portal_redis.failure_count() > before
    assert "Redis unavailable" in caplog.text
    # Called outside a request (a shell, a task): nothing raised, both counts kept on disk.
    request = rf.get("/", HTTP_USER_AGENT=FIREFOX)
    spooled = spool.own_path().read_text().splitlines()
    record_view(counted_object, request)
    record_download(counted_object, request)
    assert len(spool.own_path().read_text().splitlines()) == len(spooled) + 2


def test_the_block_still_renders_with_dashes_for_what_only_redis_knows(redis_down):
    response = make_reader().get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-stat="online"' in html
    assert 'data-stat="total" data-value="1000"' in html


def test_healthz_says_503_naming_redis(redis_down):
    response = make_reader().get("/healthz")
    assert response.status_code == 503
    assert "redis" in json.loads(response.content)["down"]
