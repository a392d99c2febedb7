import datetime

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from portal.models import SiteSettings
from portal.pagecache import forget_pages
from stats.models import StatsSettings

from .factories import ArticleFactory, CategoryFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_article_page_shows_furniture(client):
    category = CategoryFactory(name="Hội nghị - Sự kiện")
    when = timezone.make_aware(datetime.datetime(2020, 7, 23, 8, 28))
    article = ArticleFactory(category=category, published_at=when, view_count=1334)
    Article.objects.filter(pk=article.pk).update(rating_total=12, rating_count=3)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thứ năm - 23/07/2020 08:28" in html
    assert 'data-views="1334"' in html
    assert 'data-rating-total="12"' in html and 'data-rating-count="3"' in html
    assert "Tổng số điểm của bài viết là: 12 trong 3 đánh giá" in html
    assert "facebook.com/sharer" in html and "zalo.me" in html and "data-copy-link" in html
    assert "data-print" in html
    assert 'property="og:title"' in html
    assert f'rel="canonical" href="http://testserver{article.get_absolute_url()}"' in html
    assert "Tin, ảnh: Minh Anh" in html
    assert "Hội nghị - Sự kiện" in html  # breadcrumb
    assert "Bình luận của bạn sẽ được biên tập trước khi đăng" in html


def test_wrong_slug_redirects_permanently(client):
    article = ArticleFactory()
    url = reverse(
        "news:article",
        kwargs={"category": article.category.slug, "slug": "sai-duong-dan", "pk": article.pk},
    )
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},
        {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},
    ],
    ids=["draft", "pending", "scheduled", "expired"],
)
def test_unpublished_scheduled_expired_are_404(client, changes):
    article = ArticleFactory(**changes)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_by_itself(client):
    article = ArticleFactory(published_at=timezone.now() + datetime.timedelta(seconds=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    later = timezone.now() + datetime.timedelta(seconds=5)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


def test_staff_preview_shows_draft(admin_client):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Bản nháp bí mật")
    response = admin_client.get(reverse("news:preview", args=[article.pk]))
    assert response.status_code == 200
    assert "Bản nháp bí mật" in response.content.decode()
    assert "noindex" in response.content.decode()


def test_preview_is_not_for_the_public(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    response = client.get(reverse("news:preview", args=[article.pk]))
    assert response.status_code == 302


def test_newer_and_older_are_five_of_the_same_category(client):
    category = CategoryFactory()
    now = timezone.now()
    articles = [
        ArticleFactory(category=category, published_at=now - datetime.timedelta(hours=i + 1))
        for i in range(13)
    ]
    ArticleFactory(published_at=now - datetime.timedelta(minutes=30))  # another category
    middle = articles[6]
    response = client.get(middle.get_absolute_url())
    assert [a.pk for a in response.context["newer"]] == [a.pk for a in articles[1:6]]
    assert [a.pk for a in response.context["older"]] == [a.pk for a in articles[7:12]]
    html = response.content.decode()
    assert "Những tin mới hơn" in html and "Những tin cũ hơn" in html


def test_related_articles_share_tags(client):
    tag = TagFactory()
    article = ArticleFactory()
    article.tags.add(tag)
    other = ArticleFactory()
    other.tags.add(tag)
    response = client.get(article.get_absolute_url())
    assert [a.pk for a in response.context["related"]] == [other.pk]


def _category_of(count, category):
    now = timezone.now()
    return [
        ArticleFactory(category=category, published_at=now - datetime.timedelta(hours=i + 1))
        for i in range(count)
    ]


def test_related_articles_are_topped_up_with_the_newest_of_the_category(client):
    tag = TagFactory()
    category = CategoryFactory()
    article, *older = _category_of(10, category)  # the newest: no newer, five older
    article.tags.add(tag)
    tagged = ArticleFactory()  # another category, same tag
    tagged.tags.add(tag)
    ArticleFactory(category=category, status=Article.Status.DRAFT)
    response = client.get(article.get_absolute_url())
    assert [a.pk for a in response.context["older"]] == [a.pk for a in older[:5]]
    # Tags first, then the newest of the category not already listed as newer/older.
    assert [a.pk for a in response.context["related"]] == [tagged.pk] + [a.pk for a in older[5:]]
    assert "Tin liên quan" in response.content.decode()


def test_article_without_tags_shows_the_newest_of_its_category(client):
    category = CategoryFactory()
    article = _category_of(3, category)[0]
    response = client.get(article.get_absolute_url())
    assert response.context["related"] == []  # both others are already "older"
    articles = _category_of(13, CategoryFactory())
    related = client.get(articles[6].get_absolute_url()).context["related"]
    # Five newer and five older are listed already: the newest and the oldest remain.
    assert [a.pk for a in related] == [articles[0].pk, articles[12].pk]


def test_category_top_up_costs_one_query_only_when_needed(client):
    tag = TagFactory()
    full, short = CategoryFactory(), CategoryFactory()
    rich = ArticleFactory(category=full)
    poor = ArticleFactory(category=short)
    rich.tags.add(tag)
    poor.tags.add(TagFactory())
    for article in ArticleFactory.create_batch(5):
        article.tags.add(tag)
    assert len(client.get(rich.get_absolute_url()).context["related"]) == 5
    assert (
        _queries(client, poor.get_absolute_url()) == _queries(client, rich.get_absolute_url()) + 1
    )


def test_only_approved_comments_are_shown_as_text(client):
    article = ArticleFactory()
    CommentFactory(article=article, text="<script>alert(1)</script>", status="approved")
    CommentFactory(article=article, text="Chưa duyệt", status="pending")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Chưa duyệt" not in html


def test_category_page_paginates_with_numbers(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(30, category=category)
    response = client.get(category.get_absolute_url() + "?page=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-current="page">2<' in html
    assert 'aria-label="Trang 3"' in html
    assert client.get(category.get_absolute_url() + "?page=abc").status_code == 200


def test_category_includes_subcategories_and_hides_drafts(client):
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    shown = ArticleFactory(category=child)
    hidden = ArticleFactory(category=parent, status=Article.Status.DRAFT)
    articles = list(client.get(parent.get_absolute_url()).context["articles"])
    assert shown in articles and hidden not in articles


def test_unknown_category_is_404(client):
    assert client.get("/tin-tuc/khong-co/").status_code == 404


def test_latest_page_lists_published(client):
    article = ArticleFactory()
    response = client.get(reverse("news:latest"))
    assert article.title in response.content.decode()


def _queries(client, url):
    """Queries of ``url`` rendered afresh (blocks and thumbnails warm, as in steady state)."""
    SiteSettings.get_solo()  # singletons exist on any site that has served a page
    StatsSettings.get_solo()
    client.get(url)
    forget_pages()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _sidebar_queries(rf):
    """Queries of the shared right column (other apps' blocks), rendered alone and warm."""
    request = rf.get("/")
    request.user = AnonymousUser()
    template = get_template("includes/sidebar.html")
    template.render({}, request)
    with CaptureQueriesContext(connection) as context:
        template.render({}, request)
    return len(context.captured_queries)


# The news part of each page; the sidebar's own blocks come on top.
CATEGORY_QUERIES = 4  # category, its sub-category ids, count, one page of cards
# article (with this visitor's rating), tags, newer, older, related by tags, newest of the
# category when tags give fewer than five, comments. No captcha challenge (no write).
ARTICLE_QUERIES = 8


def test_category_page_queries_stay_flat(client, rf):
    counts = []
    for count in (1, 12):
        category = CategoryFactory()
        tag = TagFactory()
        for article in ArticleFactory.create_batch(count, category=category):
            article.tags.add(tag)
        counts.append(_queries(client, category.get_absolute_url()))
    assert counts[0] == counts[1]
    assert counts[1] <= CATEGORY_QUERIES + _sidebar_queries(rf)


def test_article_page_queries_stay_flat(client, rf):
    counts = []
    for count in (1, 12):
        category = CategoryFactory()
        tags = TagFactory.create_batch(3)
        articles = ArticleFactory.create_batch(count + 1, category=category)
        for article in articles:
            article.tags.add(*tags)
            CommentFactory.create_batch(count, article=article, status="approved")
        counts.append(_queries(client, articles[len(articles) // 2].get_absolute_url()))
    assert counts[0] == counts[1]
    assert counts[1] <= ARTICLE_QUERIES + _sidebar_queries(rf)


def test_article_page_get_writes_nothing_to_the_database(client, rf, django_assert_num_queries):
    tag = TagFactory()
    article = ArticleFactory()
    article.tags.add(tag)
    ArticleFactory(category=article.category).tags.add(tag)
    CommentFactory(article=article, status="approved")
    client.get(article.get_absolute_url())  # warm caches, as in steady state
    forget_pages()  # but the page itself cold
    expected = ARTICLE_QUERIES + _sidebar_queries(rf)
    with django_assert_num_queries(expected) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    statements = [query["sql"].lstrip().split(None, 1)[0].upper() for query in captured]
    assert set(statements) == {"SELECT"}, statements
    assert not CaptchaStore.objects.exists()


def test_article_view_is_counted_through_stats(client):
    from stats.flush import flush

    article = ArticleFactory()
    agent = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
    client.get(article.get_absolute_url(), **agent)
    client.get(article.get_absolute_url(), **agent)  # same visitor within 30 minutes
    flush()
    article.refresh_from_db()
    assert article.view_count == 1
    forget_pages()  # shown figures lag by the page cache's time at most
    assert 'data-views="1"' in client.get(article.get_absolute_url(), **agent).content.decode()


def test_huge_ids_and_bad_pages_are_404_not_500(client):
    assert client.get("/tin-tuc/a/b-99999999999999999999999/").status_code == 404
    assert client.get("/tin-tuc/xem-truoc/99999999999999999999/").status_code in (302, 404)


def test_open_graph_uses_the_cover_image(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#b3101f").save(buffer, "JPEG")
    article = ArticleFactory(
        cover=SimpleUploadedFile("bia.jpg", buffer.getvalue(), "image/jpeg"),
        cover_caption="Toàn cảnh hội nghị",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:image" content="http://testserver/media/' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    assert "Toàn cảnh hội nghị" in html


def test_comment_without_csrf_is_refused():
    from django.test import Client

    from news.models import Comment

    article = ArticleFactory()
    response = Client(enforce_csrf_checks=True).post(
        article.get_absolute_url() + "binh-luan/", {"name": "A", "text": "B"}
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()
