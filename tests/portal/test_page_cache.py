"""The page cache (portal/pagecache.py, docs/caching.md): anonymous readers' pages served
whole from Redis, counted all the same, never another reader's, fresh after an editor's
change or the clock, and stale copies served while PostgreSQL is unreachable."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone
from django.utils.html import escape

from core import redis as portal_redis
from core import versions
from news.models import Article
from portal.models import SiteSettings
from stats import clock
from stats.flush import flush
from tests.documents.factories import make_reporter
from tests.news.factories import ArticleFactory, CategoryFactory
from tests.pagecache import cached_page_count, make_singletons
from tests.polls.factories import PollFactory
from tests.portal.factories import BannerFactory
from tests.readers import BROWSER, make_reader
from tests.stats.helpers import live

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def singletons(request):
    if "transactional_db" not in request.fixturenames:
        make_singletons()


@pytest.fixture
def article():
    return ArticleFactory(title="Hội nghị báo cáo viên tháng mười hai")


def _html(client, url, **extra):
    response = client.get(url, **{**BROWSER, **extra})
    assert response.status_code == 200
    return response.content.decode()


class Rendered:
    """Templates rendered while this is open (Django's test signal)."""

    def __enter__(self):
        self.names = []
        template_rendered.connect(self._seen)
        return self

    def _seen(self, sender, template, **kwargs):
        self.names.append(template.name)

    def __exit__(self, *exc):
        template_rendered.disconnect(self._seen)


# Hits ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/tin-tuc/", "category", "article", "/tim-kiem/?q=hoi+nghi", "/van-ban/", "/rss/"],
)
def test_a_hit_runs_no_query_and_renders_no_template(
    client, article, url, django_assert_num_queries
):
    url = {
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
    }.get(url, url)
    first = client.get(url, **BROWSER)
    assert first.status_code == 200
    with django_assert_num_queries(0), Rendered() as rendered:
        second = client.get(url, **BROWSER)
    assert second.status_code == 200 and rendered.names == []
    if not url.startswith(("/tim-kiem/", "/van-ban/", "/rss/")):
        assert "Hội nghị báo cáo viên" in second.content.decode()


def test_hits_count_views_visits_and_online_as_renders_do(article):
    day = clock.local_day(clock.now())
    for n in range(3):  # three browsers, each reading the article twice
        reader = make_reader(ip=f"192.0.2.{n + 1}")
        for _ in range(2):
            assert reader.get(article.get_absolute_url()).status_code == 200
    assert cached_page_count() == 1  # only the first request rendered
    figures = live(day)
    assert figures["visits"] == 3
    assert figures["page_views"] == 6
    online = portal_redis.get_client().zcard(portal_redis.key("stats", "online", "guests"))
    assert online == 3
    flush()
    article.refresh_from_db()
    assert article.view_count == 3  # once per visitor per 30 minutes, hit or miss


def test_the_counting_header_never_reaches_the_reader(client, article):
    for _ in range(2):
        response = client.get(article.get_absolute_url(), **BROWSER)
        assert "X-Count-View" not in response


# Nothing reader-specific ---------------------------------------------------------------------


def test_each_reader_gets_their_own_csrf_token_and_cookie_from_the_cached_page():
    PollFactory(question="Bạn đọc tin mỗi ngày mấy lần?")
    tokens = []
    for _ in range(3):
        reader = Client(enforce_csrf_checks=True)
        response = reader.get("/", **BROWSER)
        html = response.content.decode()
        assert versions.CSRF_PLACEHOLDER not in html
        assert "csrftoken" in response.cookies  # the token on the page has its cookie
        found = set(TOKEN.findall(html))
        assert len(TOKEN.findall(html)) >= 2  # login box and poll form
        tokens.append(found)
        # The token on the page is valid for this reader: the login form is not refused.
        response = reader.post(
            "/tai-khoan/dang-nhap/",
            {"username": "khong-co", "password": "sai", "csrfmiddlewaretoken": found.pop()},
            **BROWSER,
        )
        assert response.status_code != 403
    assert not tokens[0] & tokens[1] and not tokens[1] & tokens[2]
    # What Redis keeps holds the placeholder, never a reader's token.
    client = portal_redis.get_client()
    stored = b"".join(
        client.get(key) for key in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*page:*")
    )
    assert versions.CSRF_PLACEHOLDER.encode() in stored
    assert not any(t.encode() in stored for found in tokens for t in found)


def test_a_signed_in_reporter_never_gets_or_leaves_a_cached_page(client, article):
    anonymous = _html(Client(), article.get_absolute_url())
    assert "reporter-box__form" in anonymous
    count = cached_page_count()
    client.force_login(make_reporter())
    html = _html(client, article.get_absolute_url())
    assert "Xin chào, <strong>Lan" in html and "reporter-box__form" not in html
    assert cached_page_count() == count
    other = Client()
    assert "Xin chào" not in _html(other, article.get_absolute_url())


def test_a_reader_with_a_message_waiting_gets_a_fresh_page(client, article):
    _html(client, "/")
    client.cookies["messages"] = "x"
    assert client.get("/", **BROWSER).status_code == 200
    assert cached_page_count() == 1  # the reader with a message neither read nor wrote


def test_login_box_next_is_this_pages_escaped_path(client):
    html = _html(client, "/tim-kiem/?q=tuyên giáo&page=2")
    path = "/tim-kiem/?q=tuy%C3%AAn+gi%C3%A1o&page=2"
    assert f'name="next" value="{escape(path)}"' in html


# Keys ----------------------------------------------------------------------------------------


def test_unknown_query_parameters_neither_grow_the_cache_nor_reach_the_page(client, article):
    _html(client, "/")
    for extra in ("?utm_source=zalo", "?fbclid=abc&x=1", "?q=<b>chen</b>", "?page=2"):
        html = _html(client, "/" + extra)
        assert "chen" not in html  # the header's search box shows no foreign ?q=
    assert cached_page_count() == 1
    _html(client, "/tin-tuc/?page=abc")  # garbage is page 1
    _html(client, "/tin-tuc/?page=1&utm_medium=email")
    _html(client, "/tin-tuc/")
    assert cached_page_count() == 2


def test_same_parameters_in_another_order_share_an_entry(client):
    _html(client, "/van-ban/?year=2025&q=ke+hoach")
    _html(client, "/van-ban/?q=ke+hoach&year=2025")
    assert cached_page_count() == 1


def test_posts_previews_and_errors_are_not_kept(client, admin_client, article):
    assert client.get("/tin-tuc/khong-co-chuyen-muc/", **BROWSER).status_code == 404
    _html(admin_client, f"/tin-tuc/xem-truoc/{article.pk}/")
    client.post(article.get_absolute_url() + "danh-gia/", {"score": "5"}, **BROWSER)
    assert cached_page_count() == 0


# Editors' changes ----------------------------------------------------------------------------


def test_publish_edit_and_unpublish_show_on_the_next_request(client, article):
    draft = ArticleFactory(title="Thông báo lịch tiếp công dân", status=Article.Status.DRAFT)
    assert "lịch tiếp công dân" not in _html(client, "/")
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "lịch tiếp công dân" in _html(client, "/")
    _html(client, article.get_absolute_url())
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert "Tiêu đề đã sửa" in _html(client, article.get_absolute_url())
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url(), **BROWSER).status_code == 404
    assert "Tiêu đề đã sửa" not in _html(client, "/")


def test_category_rename_banner_and_site_settings_show_on_the_next_request(client, article):
    _html(client, "/")
    category = article.category
    category.name = "Chuyên mục đổi tên"
    category.save()
    assert "Chuyên mục đổi tên" in _html(client, "/")
    BannerFactory(title="Banner đại hội Đảng bộ tỉnh")
    assert "Banner đại hội Đảng bộ tỉnh" in _html(client, "/")
    site = SiteSettings.get_solo()
    site.site_name = "Trang tin điện tử Tuyên giáo tỉnh"
    site.save()
    assert "Trang tin điện tử Tuyên giáo tỉnh" in _html(client, article.get_absolute_url())


def test_pagecache_bump_command_makes_every_page_fresh(client, article):
    from django.core.management import call_command

    _html(client, "/")
    Article.objects.filter(pk=article.pk).update(title="Sửa thẳng trong cơ sở dữ liệu")
    assert "Sửa thẳng" not in _html(client, "/")  # update() sends no signal
    call_command("pagecache_bump")
    assert "Sửa thẳng trong cơ sở dữ liệu" in _html(client, "/")


def test_scheduled_and_expiring_articles_appear_and_go_on_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 3600  # only the schedule can make the copies stale
    now = timezone.now()
    ArticleFactory(title="Bài hẹn giờ đăng", published_at=now + datetime.timedelta(minutes=10))
    ArticleFactory(title="Bài sắp hết hạn", expires_at=now + datetime.timedelta(minutes=20))
    with time_machine.travel(now, tick=False) as traveller:
        html = _html(client, "/")
        assert "Bài hẹn giờ đăng" not in html and "Bài sắp hết hạn" in html
        traveller.shift(datetime.timedelta(minutes=10, seconds=1))
        html = _html(client, "/")
        assert "Bài hẹn giờ đăng" in html and "Bài sắp hết hạn" in html
        traveller.shift(datetime.timedelta(minutes=10))
        html = _html(client, "/")
        assert "Bài hẹn giờ đăng" in html and "Bài sắp hết hạn" not in html


def test_shown_figures_refresh_after_the_page_cache_time(client, article):
    _html(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(view_count=4321)
    assert 'data-views="4321"' not in _html(client, article.get_absolute_url())
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert 'data-views="4321"' in _html(client, article.get_absolute_url())


def test_while_one_request_renders_a_page_the_others_get_its_last_copy(
    client, article, django_assert_num_queries
):
    _html(client, article.get_absolute_url())
    article.title = "Tiêu đề mới sau khi sửa"
    article.save()
    redis = portal_redis.get_client()
    (page_key,) = redis.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*:pagecache:page:*")
    rendering = page_key.replace(b":page:", b":rendering:", 1)
    redis.set(rendering, 1, ex=10)  # another worker is rendering the new version right now
    with django_assert_num_queries(0):
        assert "Hội nghị báo cáo viên" in _html(client, article.get_absolute_url())
    redis.delete(rendering)  # that render has finished
    assert "Tiêu đề mới sau khi sửa" in _html(client, article.get_absolute_url())
    assert not redis.exists(rendering)  # a render takes the lock and gives it back


# Stale beats broken --------------------------------------------------------------------------


@pytest.fixture
def unreachable_database(transactional_db):
    """PostgreSQL unreachable for this process: the connection points at a closed port."""
    original = dict(connection.settings_dict)

    def cut():
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")

    yield cut
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(original)


def test_database_down_serves_cached_pages_and_the_500_page_otherwise(unreachable_database):
    make_singletons()
    article = ArticleFactory(title="Bài vẫn đọc được khi cơ sở dữ liệu hỏng")
    other = ArticleFactory(title="Bài chưa ai đọc")
    reader = Client(raise_request_exception=False)
    _html(reader, article.get_absolute_url())
    _html(reader, "/")
    versions.bump_all()  # the copies are stale now: served only because the database is down
    unreachable_database()
    assert "Bài vẫn đọc được" in _html(reader, article.get_absolute_url())
    assert "Bài vẫn đọc được" in _html(reader, "/")
    response = reader.get(other.get_absolute_url(), **BROWSER)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html and 'class="site-header"' in html
    health = reader.get("/healthz")
    assert health.status_code == 503 and "database" in health.json()["down"]


def test_a_taken_down_article_stays_down_when_the_database_fails(unreachable_database):
    make_singletons()
    article = ArticleFactory(title="Bài bị gỡ theo yêu cầu")
    reader = Client(raise_request_exception=False)
    _html(reader, article.get_absolute_url())
    article.status = Article.Status.DRAFT
    article.save()
    assert reader.get(article.get_absolute_url(), **BROWSER).status_code == 404
    unreachable_database()
    response = reader.get(article.get_absolute_url(), **BROWSER)
    assert response.status_code == 500 and "Bài bị gỡ" not in response.content.decode()


# Redis down ----------------------------------------------------------------------------------


def test_pages_render_when_redis_is_down(client, redis_down):
    article = ArticleFactory(title="Bài viết khi Redis hỏng")
    for url in (article.get_absolute_url(), article.category.get_absolute_url(), "/van-ban/"):
        assert client.get(url).status_code == 200
    assert "Bài viết khi Redis hỏng" in client.get(article.get_absolute_url()).content.decode()


def test_cache_reuses_one_redis_client_per_pool():
    from django.core.cache import cache

    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads share the pool


def test_a_save_bumps_its_version_again_once_after_the_commit(transactional_db, monkeypatch):
    """A reader between the save and the commit may render the old rows under the first new
    version; the bump after the commit leaves that entry behind (once per transaction)."""
    from django.db import transaction

    article = ArticleFactory()
    writes = []
    real = versions._write_versions
    monkeypatch.setattr(versions, "_write_versions", lambda d: writes.append(set(d)) or real(d))
    with transaction.atomic():
        article.title = "Sửa trong giao dịch"
        article.save()
        article.save()
        during = versions.current_versions()
        assert len(writes) == 2  # at each save: the saving request sees its change
    assert writes[2:] == [{"news"}]  # and once after the commit
    after = versions.current_versions()
    assert after["news"] != during["news"] and after["documents"] == during["documents"]


def test_unused_category_is_404_not_cached(client):
    CategoryFactory()
    assert client.get("/tin-tuc/khong-co/", **BROWSER).status_code == 404
    assert cached_page_count() == 0


def test_content_length_matches_the_served_copy_with_its_token(client):
    PollFactory()
    for _ in range(2):  # rendered, then from the cache
        response = client.get("/", **BROWSER)
        assert int(response["Content-Length"]) == len(response.content)
