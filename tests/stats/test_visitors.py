"""Visitor identity: every colleague behind one address counted, forged visitors not."""

import secrets

import pytest
from django.core import signing
from django.test import override_settings

from stats import clock, flush, visitors
from stats.models import DailyStats
from stats.services import live_snapshot
from stats.tasks import flush_counters
from tests.news.factories import ArticleFactory
from tests.readers import make_reader
from tests.stats.helpers import live, wait_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stats.urls")]

OFFICE_IP = "203.0.113.50"
OFFICE_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def office_browser():
    return make_reader(agent=OFFICE_CHROME, ip=OFFICE_IP)


def flushed(article, travel):
    flush.flush()
    article.refresh_from_db()
    day = DailyStats.objects.filter(day=clock.local_day(travel())).first()
    return article.view_count, day.visits if day else 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_thirty_colleagues_behind_one_address_and_agent_are_thirty_visitors(
    travel, celery_worker_factory
):
    article = ArticleFactory()
    for _ in range(30):
        browser = office_browser()
        assert browser.get("/").status_code == 200
        assert browser.get(article.get_absolute_url()).status_code == 200
        travel.advance(seconds=20)
    worker = celery_worker_factory()
    flush_counters.delay()
    wait_for(
        lambda: type(article).objects.get(pk=article.pk).view_count == 30,
        "the worker's flush",
        worker=worker,
    )
    assert DailyStats.objects.get(day=clock.local_day(travel())).visits == 30
    assert live_snapshot(travel())["figures"]["unique_visitors"] == 30


def test_colleagues_opening_a_shared_link_first_are_each_counted_on_their_next_page(travel):
    article = ArticleFactory()
    for _ in range(30):
        browser = office_browser()
        browser.get(article.get_absolute_url())  # the link shared in the office chat
        browser.get("/")
        browser.get(article.get_absolute_url())  # a reload is the same reader
    assert flushed(article, travel) == (30, 30)
    assert live_snapshot(travel())["figures"]["unique_visitors"] == 30


def test_one_browser_cookieless_first_request_and_the_next_are_one_view_visit_unique(
    browser, travel
):
    article = ArticleFactory()
    first = browser.get(article.get_absolute_url())
    assert "vid" in first.cookies
    for _ in range(5):
        travel.advance(minutes=3)
        browser.get(article.get_absolute_url())
        browser.get("/")
    assert flushed(article, travel) == (1, 1)
    assert live_snapshot(travel())["figures"]["unique_visitors"] == 1


def test_a_client_that_never_keeps_cookies_counts_once_in_50_requests(cookieless, travel):
    article = ArticleFactory()
    for _ in range(50):
        assert cookieless.get(article.get_absolute_url()).status_code == 200
        travel.advance(seconds=30)
    assert flushed(article, travel) == (1, 1)
    assert live_snapshot(travel())["figures"]["unique_visitors"] == 1


def test_sixty_never_issued_cookies_count_nothing_and_get_a_real_one(travel):
    article = ArticleFactory()
    forged = [secrets.token_hex(16) for _ in range(30)]  # the old unsigned format
    forged += [f"{secrets.token_hex(16)}:{secrets.token_urlsafe(32)}" for _ in range(30)]
    for n, value in enumerate(forged):
        client = make_reader(ip=f"198.51.100.{n + 1}", vid=value)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        issued = response.cookies["vid"].value
        assert issued != value and signing.Signer(salt=visitors.COOKIE_SALT).unsign(issued)
    assert flushed(article, travel) == (0, 0)
    assert live(clock.local_day(travel())) == {}


@override_settings(STATS_ADDRESS_CAP=5)
def test_one_address_rotating_cookies_it_was_issued_adds_at_most_the_cap(travel):
    article = ArticleFactory()
    issued = [visitors.sign(visitors.new_visitor_id()) for _ in range(40)]
    for value in issued:
        make_reader(ip="192.0.2.77", vid=value).get(article.get_absolute_url())
    for n in range(40):  # rotating the user agent without cookies
        make_reader(ip="192.0.2.77", agent=f"Mozilla/5.0 rv:{n}").get(article.get_absolute_url())
    # Views: the cap. Visits: the cap with cookies, a tenth of it (at least 1) without.
    assert flushed(article, travel) == (5, 6)
    travel.advance(minutes=30)  # the next window
    make_reader(ip="192.0.2.77", vid=issued[-1]).get(article.get_absolute_url())
    assert flushed(article, travel)[0] == 6


def test_the_default_cap_leaves_an_office_of_100_readers_alone(travel):
    article = ArticleFactory()
    for _ in range(100):
        browser = office_browser()
        browser.get("/")
        browser.get(article.get_absolute_url())
    assert flushed(article, travel) == (100, 100)


def test_a_first_cookies_counts_wait_for_a_request_that_is_recorded(browser, travel):
    article = ArticleFactory()
    browser.get(article.get_absolute_url())  # counted under the fallback id, marked in the cookie
    first = browser.cookies["vid"].value
    browser.get("/healthz")  # not recorded: the cookie keeps its marks
    assert browser.cookies["vid"].value == first
    browser.get(article.get_absolute_url())
    assert browser.cookies["vid"].value != first
    assert flushed(article, travel) == (1, 1)
