"""Page caching helpers: the reused Redis client, per-process memos, CSRF tokens kept out
of cached HTML, prefetched fragments, and pages still answering with Redis down."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils.html import escape

from core import redis as portal_redis
from portal import pagecache
from portal.models import SiteSettings
from tests.news.factories import ArticleFactory
from tests.polls.factories import PollFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_cache_reuses_one_redis_client_per_pool():
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads share the pool


def test_memo_serves_from_the_process_until_its_time_is_up(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: now[0])
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert pagecache.memoized("test-memo", compute) == 1
    now[0] += pagecache.MEMO_SECONDS - 0.1
    assert pagecache.memoized("test-memo", compute) == 1
    now[0] += 0.2
    assert pagecache.memoized("test-memo", compute) == 2
    pagecache.forget_memo("test-memo")
    assert pagecache.memoized("test-memo", compute) == 3


def test_site_settings_change_shows_at_once_in_the_saving_process(client):
    site = SiteSettings.get_solo()
    client.get("/")
    site.site_name = "Trang tin điện tử Tuyên giáo tỉnh"
    site.save()
    assert "Trang tin điện tử Tuyên giáo tỉnh" in client.get("/").content.decode()


def test_memoized_right_column_gives_each_reader_their_own_csrf_token():
    PollFactory(question="Bạn đọc tin mỗi ngày mấy lần?")
    tokens = []
    for _ in range(2):
        reader = Client(enforce_csrf_checks=True)
        html = reader.get("/").content.decode()
        assert pagecache.CSRF_PLACEHOLDER not in html
        found = set(TOKEN.findall(html))
        assert len(TOKEN.findall(html)) >= 2  # login box and poll form
        tokens.append(found)
        # The token on the page is valid for this reader: the login form is not refused.
        token = TOKEN.search(html).group(1)
        response = reader.post(
            "/tai-khoan/dang-nhap/",
            {"username": "khong-co", "password": "sai", "csrfmiddlewaretoken": token},
        )
        assert response.status_code != 403
    assert not tokens[0] & tokens[1]
    # What the process keeps holds the placeholder, never a reader's token.
    cached = "".join(str(value) for value, _ in pagecache._memos.values())
    assert pagecache.CSRF_PLACEHOLDER in cached
    assert not any(token in cached for token in tokens[0] | tokens[1])


def test_login_box_next_is_this_pages_escaped_path(client):
    html = client.get("/tim-kiem/", {"q": "tuyên giáo", "page": "2"}).content.decode()
    path = "/tim-kiem/?q=tuy%C3%AAn+gi%C3%A1o&page=2"
    assert f'name="next" value="{escape(path)}"' in html


def test_fragment_tag_uses_prefetched_fragments_and_renders_on_a_miss():
    template = Template(
        "{% load fragments %}{% fragment 60 test_fragment key %}{{ body }}{% endfragment %}"
    )
    prefetched = pagecache.prefetch_fragments(("test_fragment", ["a"]))
    context = {"key": "a", "body": "mới", "prefetched_fragments": prefetched}
    assert template.render(Context(context)) == "mới"  # a miss: rendered and stored
    prefetched = pagecache.prefetch_fragments(("test_fragment", ["a"]))
    assert list(prefetched.values()) == ["mới"]
    context.update(body="khác", prefetched_fragments=prefetched)
    assert template.render(Context(context)) == "mới"  # served from what was prefetched


CLOSED = "redis://127.0.0.1:1/0"


def test_cached_pages_render_when_redis_is_down(client):
    article = ArticleFactory(title="Bài viết khi Redis hỏng")
    caches = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": CLOSED,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(REDIS_URL=CLOSED, CACHES=caches):
        portal_redis.reset_client()
        for url in (article.get_absolute_url(), article.category.get_absolute_url(), "/van-ban/"):
            response = client.get(url)
            assert response.status_code == 200
        assert "Bài viết khi Redis hỏng" in client.get(article.get_absolute_url()).content.decode()
    portal_redis.reset_client()
