from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article
from portal.models import SiteSettings
from stats.models import StatsSettings
from tests.news.factories import ArticleFactory, CategoryFactory
from tests.readers import make_reader
from tests.stats.helpers import live

pytestmark = pytest.mark.django_db

# Cold: maintenance notices, menu, the department's pages in the menu, featured, latest,
# categories, the category tree, category blocks (one windowed query), albums, videos, then the
# right column once: documents, polls, statistics, banners; and the page cache's next
# scheduled publication and next expiry (two index reads, once per news version). Site
# settings: django-solo's cache.
COLD_QUERY_BUDGET = 16


@pytest.fixture
def content():
    SiteSettings.get_solo()  # singletons exist on any site that has served a page
    StatsSettings.get_solo()
    conference = CategoryFactory(name="Hội nghị - Sự kiện", order=1)
    reviews = CategoryFactory(name="Sơ kết - Tổng kết", order=2)
    sub = CategoryFactory(name="Cấp huyện", parent=reviews, order=3)
    now = timezone.now()
    for i in range(12):
        ArticleFactory(
            category=[conference, reviews, sub][i % 3],
            title=f"Hội nghị tuyên giáo lần {i}",
            featured=i < 3,
            published_at=now - timedelta(hours=i + 1),
        )
    return conference, reviews


def test_home_shows_featured_latest_and_a_block_per_main_category(client, content):
    conference, reviews = content
    html = client.get("/").content.decode()
    assert "Tin nổi bật" in html
    assert "Tin mới nhất" in html
    assert f'href="{conference.get_absolute_url()}"' in html
    # A sub-category's articles appear in its parent's block.
    assert html.count('class="home-category"') == 2


def test_home_query_count_is_pinned_cold_and_zero_warm(
    client, content, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(COLD_QUERY_BUDGET):
        assert client.get("/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_cold_query_count_does_not_grow_with_categories(
    client, content, django_assert_max_num_queries
):
    for i in range(6):
        ArticleFactory(category=CategoryFactory(name=f"Chuyên mục thêm {i}", order=10 + i))
    with django_assert_max_num_queries(COLD_QUERY_BUDGET):
        client.get("/")


def test_publishing_an_article_refreshes_the_cached_home_page(client, content):
    client.get("/")
    draft = ArticleFactory(
        title="Thông báo lịch tiếp công dân tháng mười hai",
        status=Article.Status.DRAFT,
        category=content[0],
    )
    assert "lịch tiếp công dân" not in client.get("/").content.decode()
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "lịch tiếp công dân" in client.get("/").content.decode()


def test_a_home_page_served_from_cache_is_still_counted(content):
    reader = make_reader()
    reader.get("/")
    reader.get("/")  # from the page cache
    today = timezone.localdate()
    assert live(today)["page_views"] == 2
