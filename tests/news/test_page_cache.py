"""The news pages in the page cache: no query when warm, editors' changes at once."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.versions import current_versions
from news import services
from news.models import Article, Comment
from tests.pagecache import cached_page_count, make_singletons

from .factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def singletons():
    make_singletons()


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article():
    category = CategoryFactory(name="Hội nghị - Sự kiện")
    now = timezone.now()
    older = ArticleFactory(
        category=category,
        title="Bài cũ hơn cùng chuyên mục",
        published_at=now - datetime.timedelta(hours=5),
    )
    article = ArticleFactory(category=category, title="Bài đang xem")
    tag = TagFactory(name="chuyển đổi số")
    article.tags.add(tag)
    older.tags.add(tag)
    CommentFactory(article=article, text="Ý kiến đã duyệt", status="approved")
    return article


def test_warm_article_page_costs_no_query(client, article, django_assert_num_queries):
    _html(client, article.get_absolute_url())
    with django_assert_num_queries(0):
        html = _html(client, article.get_absolute_url())
    assert "Bài đang xem" in html
    assert "Bài cũ hơn cùng chuyên mục" in html  # neighbours
    assert "chuyển đổi số" in html  # tags
    assert "Ý kiến đã duyệt" in html  # approved comments
    assert 'name="csrfmiddlewaretoken"' in html  # the forms still carry a token


def test_edited_article_shows_at_once(client, article):
    _html(client, article.get_absolute_url())
    article.title = "Tiêu đề đã sửa"
    article.body = "<p>Nội dung đã biên tập lại.</p>"
    article.save()
    html = _html(client, article.get_absolute_url())
    assert "Tiêu đề đã sửa" in html and "Nội dung đã biên tập lại." in html
    assert "Bài đang xem" not in html


@pytest.mark.parametrize("change", ["unpublish", "delete", "expire"])
def test_unpublished_deleted_or_expired_article_is_404_at_once(client, article, change):
    url = article.get_absolute_url()
    _html(client, url)
    if change == "unpublish":
        article.status = Article.Status.DRAFT
        article.save()
    elif change == "expire":
        article.expires_at = timezone.now() + datetime.timedelta(minutes=5)
        article.save()
        _html(client, url)  # cached again, until the expiry at most
        with time_machine.travel(article.expires_at + datetime.timedelta(seconds=1)):
            assert client.get(url).status_code == 404
        return
    else:
        article.delete()
    assert client.get(url).status_code == 404


def test_newly_published_article_shows_among_neighbours_at_once(client, article):
    _html(client, article.get_absolute_url())
    ArticleFactory(category=article.category, title="Bài mới đăng sau đó")
    assert "Bài mới đăng sau đó" in _html(client, article.get_absolute_url())


def test_view_and_rating_counts_lag_by_the_page_cache_time_at_most(client, article):
    _html(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(view_count=4321, rating_total=9, rating_count=2)
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS)
    with time_machine.travel(later):
        html = _html(client, article.get_absolute_url())
    assert 'data-views="4321"' in html
    assert 'data-rating-total="9"' in html


def test_comment_moderation_shows_at_once_and_a_new_comment_keeps_the_cache(client, article):
    url = article.get_absolute_url()
    _html(client, url)
    version = current_versions()["news"]
    pending = services.submit_comment(
        article, name="Bạn đọc", email="", text="Ý kiến chờ duyệt", visitor="v", ip_hash="h"
    )
    assert current_versions()["news"] == version  # a pending comment changes nothing shown
    pending.status = Comment.Status.APPROVED
    pending.save()  # the admin's change form
    assert "Ý kiến chờ duyệt" in _html(client, url)
    pending.delete()
    assert "Ý kiến chờ duyệt" not in _html(client, url)


def test_renamed_tag_shows_at_once(client, article):
    _html(client, article.get_absolute_url())
    tag = article.tags.get()
    tag.name = "kinh tế số"
    tag.save()
    assert "kinh tế số" in _html(client, article.get_absolute_url())
    article.tags.clear()
    assert "kinh tế số" not in _html(client, article.get_absolute_url())


def test_staff_preview_is_not_cached(admin_client, article):
    url = reverse("news:preview", args=[article.pk])
    assert "Bài đang xem" in _html(admin_client, url)
    assert cached_page_count() == 0


def test_warm_category_page_costs_no_query(client, article, django_assert_num_queries):
    url = article.category.get_absolute_url()
    _html(client, url)
    with django_assert_num_queries(0):
        html = _html(client, url)
    assert "Bài đang xem" in html and "Bài cũ hơn cùng chuyên mục" in html


def test_category_and_latest_pages_show_a_new_article_at_once(client, article):
    category_url = article.category.get_absolute_url()
    latest_url = reverse("news:latest")
    _html(client, category_url)
    _html(client, latest_url)
    ArticleFactory(category=article.category, title="Tin vừa xuất bản")
    assert "Tin vừa xuất bản" in _html(client, category_url)
    assert "Tin vừa xuất bản" in _html(client, latest_url)


def test_warm_latest_page_costs_no_query(client, article, django_assert_num_queries):
    _html(client, reverse("news:latest"))
    with django_assert_num_queries(0):
        assert "Bài đang xem" in _html(client, reverse("news:latest"))


def test_cached_listing_keeps_page_numbers_and_titles(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(30, category=category)
    url = category.get_absolute_url()
    for _ in range(2):  # cold, then from the cache
        html = _html(client, url + "?page=2")
        assert 'aria-current="page">2<' in html
        assert "- Trang 2 |" in html
        assert f'href="http://testserver{url}?page=2"' in html
        # Out of range: the last page, whose number the cache remembers.
        assert "- Trang 3 |" in _html(client, url + "?page=99")


def test_warm_search_costs_no_query_and_sees_new_articles(
    client, article, django_assert_num_queries
):
    url = reverse("search") + "?q=bai+dang+xem"
    assert article.get_absolute_url() in _html(client, url)
    with django_assert_num_queries(0):
        assert article.get_absolute_url() in _html(client, url)
    newer = ArticleFactory(title="Bài đang xem số hai")
    assert newer.get_absolute_url() in _html(client, url)


def test_search_errors_and_results_do_not_share_an_entry(client, article):
    long_query = "a" * 101
    assert "Từ khóa quá dài" in _html(client, reverse("search") + "?q=" + long_query)
    html = _html(client, reverse("search") + "?q=" + long_query[:100])
    assert "Từ khóa quá dài" not in html
