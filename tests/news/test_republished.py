import datetime

import pytest
from django.core.exceptions import ValidationError

from news.models import Article, Comment
from tests.readers import BROWSER

from .factories import EDITORS, ArticleFactory, CategoryFactory, staff_user
from .test_admin import ADD_URL, article_form
from .test_comments import post_comment

pytestmark = pytest.mark.django_db

SOURCE = {
    "republished": True,
    "source": "Báo Nhân Dân điện tử",
    "original_author": "Hoàng Minh",
    "original_published_on": datetime.date(2025, 9, 2),
    "source_url": "https://nhandan.vn/bai-goc-123.html",
}


def test_republished_article_requires_its_source_fields():
    article = ArticleFactory.build(category=CategoryFactory(), republished=True)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) == {
        "source",
        "original_author",
        "original_published_on",
        "source_url",
    }
    assert "Bài đăng lại phải ghi tác giả bài gốc." in error.value.message_dict["original_author"]


def test_original_date_cannot_be_in_the_future():
    article = ArticleFactory.build(
        category=CategoryFactory(),
        **{**SOURCE, "original_published_on": datetime.date.today() + datetime.timedelta(days=3)},
    )
    with pytest.raises(ValidationError, match="không thể ở tương lai"):
        article.full_clean()


def test_admin_refuses_a_republished_article_without_source(client):
    client.force_login(staff_user("bientap", EDITORS))
    category = CategoryFactory()
    response = client.post(ADD_URL, article_form(category, republished="on"))
    assert response.status_code == 200
    assert "Bài đăng lại phải ghi đường dẫn bài gốc." in response.content.decode()
    assert not Article.objects.exists()
    data = article_form(
        category,
        republished="on",
        source=SOURCE["source"],
        original_author=SOURCE["original_author"],
        original_published_on="02/09/2025",
        source_url=SOURCE["source_url"],
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.republished and not article.allow_comments


def test_republished_article_shows_its_source_and_no_comment_form(client):
    article = ArticleFactory(**SOURCE)
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    box = html.split('class="news-article__republished"')[1].split("</aside>")[0]
    assert "<cite>Báo Nhân Dân điện tử</cite>" in box
    assert "Tác giả: Hoàng Minh" in box
    assert '<time datetime="2025-09-02">02/09/2025</time>' in box
    assert 'href="https://nhandan.vn/bai-goc-123.html"' in box
    assert 'id="binh-luan"' not in html
    assert "không nhận bình luận" in html


def test_republished_article_refuses_a_comment_post(client):
    article = ArticleFactory(**SOURCE)
    Article.objects.filter(pk=article.pk).update(allow_comments=True)  # even if the flag says so
    response = post_comment(client, article)
    assert "Bài viết này không nhận bình luận." in response.content.decode()
    assert not Comment.objects.exists()
