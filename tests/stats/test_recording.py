"""The counting rules on the request path, against the real Redis (time travel via stats.clock)."""

import re

import pytest
import redis
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stats import clock
from stats.counters import record_view
from tests.readers import FIREFOX, make_reader
from tests.stats.helpers import GOOGLEBOT, live, pending

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stats.urls")]


def views_of(obj):
    return sum(
        n
        for field, n in pending().items()
        if field.startswith("o|") and field.endswith(f"|auth.user|{obj.pk}|v")
    )


def downloads_of(obj):
    return sum(
        n
        for field, n in pending().items()
        if field.startswith("o|") and field.endswith(f"|auth.user|{obj.pk}|d")
    )


def test_first_request_gets_a_random_signed_httponly_lax_cookie_for_a_year(browser, travel):
    response = browser.get("/t/trang/")
    cookie = response.cookies["vid"]
    # The first cookie also carries, signed, what its request counted (its visit).
    payload = signing.Signer(salt="stats.visitor").unsign_object(cookie.value)
    assert re.fullmatch(r"[0-9a-f]{32}", payload["v"]) and payload["m"][1:] == ["l"]
    plain = browser.get("/t/trang/").cookies["vid"].value  # brought back: the id alone
    assert signing.Signer(salt="stats.visitor").unsign(plain) == payload["v"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert "vid" not in browser.get("/t/trang/").cookies  # kept, not reissued


def test_view_counts_once_per_visitor_per_object_per_30_minutes(browser, travel, counted_object):
    url = f"/t/xem/{counted_object.pk}/"
    browser.get(url)
    travel.advance(minutes=29, seconds=59)
    browser.get(url)
    assert views_of(counted_object) == 1
    travel.advance(seconds=1)  # 30 minutes after the counted view
    browser.get(url)
    assert views_of(counted_object) == 2
    make_reader(ip="192.0.2.9", agent=FIREFOX + " other").get(url)
    assert views_of(counted_object) == 3  # another visitor counts at once


def test_download_counts_once_per_visitor_per_document_per_30_minutes(
    browser, travel, counted_object
):
    url = f"/t/tai/{counted_object.pk}/"
    for _ in range(3):
        browser.get(url)
        travel.advance(minutes=10)
    assert downloads_of(counted_object) == 1
    browser.get(url)  # 30 minutes after the first
    assert downloads_of(counted_object) == 2
    assert views_of(counted_object) == 0
    assert live(clock.local_day(travel()))["downloads"] == 2


def test_visit_is_first_request_after_30_minutes_without_one(browser, travel):
    day = clock.local_day(travel())
    browser.get("/t/trang/")
    for _ in range(5):  # a request every 20 minutes keeps one visit going for 100 minutes
        travel.advance(minutes=20)
        browser.get("/t/trang/")
    assert live(day)["visits"] == 1
    assert live(day)["page_views"] == 6
    travel.advance(minutes=30)
    browser.get("/t/trang/")
    assert live(day)["visits"] == 2


def test_first_request_and_the_following_ones_with_the_cookie_are_one_viewer(
    browser, travel, counted_object
):
    url = f"/t/xem/{counted_object.pk}/"
    first = browser.get(url)
    assert "vid" in first.cookies
    travel.advance(minutes=1)
    second = browser.get(url)  # now with the cookie
    assert "vid" in second.cookies  # the first cookie's marks are in Redis now: the id alone
    assert "vid" not in browser.get(url).cookies
    assert views_of(counted_object) == 1
    day = clock.local_day(travel())
    assert live(day)["visits"] == 1
    from stats.services import live_snapshot

    assert live_snapshot(travel())["figures"]["unique_visitors"] == 1
    assert live_snapshot(travel())["online"]["guests"] == 1


def test_cookieless_clients_are_deduplicated_by_the_fallback_hash(
    cookieless, travel, counted_object
):
    url = f"/t/xem/{counted_object.pk}/"
    for _ in range(4):
        response = cookieless.get(url)
        assert response.status_code == 200
        travel.advance(minutes=5)
    assert views_of(counted_object) == 1
    assert live(clock.local_day(travel()))["visits"] == 1
    # Same address, another browser: another visitor.
    make_reader(agent=FIREFOX + " Edg/120", ip="198.51.100.20").get(url)
    assert views_of(counted_object) == 2


def test_curl_is_a_bot(travel):
    make_reader(agent="curl/8.5.0").get("/t/trang/")
    assert live(clock.local_day(travel())) == {"bot_hits": 1}


def test_bots_get_no_cookie_and_are_counted_apart(travel, counted_object):
    bot = make_reader(agent=GOOGLEBOT, ip="66.249.66.1")
    for path in (f"/t/xem/{counted_object.pk}/", f"/t/tai/{counted_object.pk}/", "/t/trang/"):
        response = bot.get(path)
        assert "vid" not in response.cookies
    day = clock.local_day(travel())
    figures = live(day)
    assert figures["bot_hits"] == 3
    assert "visits" not in figures and "page_views" not in figures
    assert views_of(counted_object) == 0 and downloads_of(counted_object) == 0
    from stats.services import live_snapshot

    assert live_snapshot(travel())["online"] == {"bots": 1, "guests": 0, "users": 0}


def test_online_is_seen_in_the_last_5_minutes_split_by_kind(travel, django_user_model):
    from stats.services import live_snapshot

    make_reader(ip="192.0.2.1").get("/t/trang/")
    make_reader(ip="192.0.2.2").get("/t/trang/")
    make_reader(agent=GOOGLEBOT).get("/t/trang/")
    member = make_reader(ip="192.0.2.3")
    member.force_login(django_user_model.objects.create(username="bientap"))
    member.get("/t/trang/")
    assert live_snapshot(travel())["online"] == {"bots": 1, "guests": 2, "users": 1}
    travel.advance(minutes=4, seconds=59)
    make_reader(ip="192.0.2.1").get("/t/trang/")  # comes back: seen again now
    assert live_snapshot(travel())["online"] == {"bots": 1, "guests": 2, "users": 1}
    travel.advance(seconds=2)
    assert live_snapshot(travel())["online"] == {"bots": 0, "guests": 1, "users": 0}


def test_page_served_from_cache_is_still_counted(travel, counted_object):
    url = f"/t/luu/{counted_object.pk}/"
    first = make_reader(ip="192.0.2.1").get(url)
    second = make_reader(ip="192.0.2.2").get(url)  # a cache hit: the view does not run
    assert "X-Count-View" not in first and "X-Count-View" not in second
    assert views_of(counted_object) == 2
    make_reader(ip="192.0.2.2").get(url)
    assert views_of(counted_object) == 2  # still once per visitor


def test_a_request_costs_one_redis_round_trip_and_no_database_write(
    browser, travel, counted_object, monkeypatch
):
    browser.get("/t/trang/")  # loads the script once
    calls = []
    original = redis.Redis.execute_command

    def counting(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    with CaptureQueriesContext(connection) as queries:
        browser.get(f"/t/xem/{counted_object.pk}/")
    assert calls == ["EVALSHA"]
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_record_view_outside_a_request_cycle_records_at_once(rf, travel, counted_object):
    request = rf.get("/", HTTP_USER_AGENT=FIREFOX)
    record_view(counted_object, request)
    record_view(counted_object, request)
    assert views_of(counted_object) == 1


def test_non_pages_are_not_page_views(browser, travel):
    day = clock.local_day(travel())
    browser.get("/t/trang/")
    browser.get("/healthz")
    browser.post("/t/trang/")
    browser.get("/khong-co-trang-nay/")  # 404: a visitor, but not a page view
    assert live(day)["page_views"] == 1


def test_head_requests_and_error_pages_count_no_view(travel, counted_object):
    client = make_reader()
    client.head(f"/t/xem/{counted_object.pk}/")
    client.get(f"/t/loi/{counted_object.pk}/")  # recorded, then the view answered 404
    assert views_of(counted_object) == 0
