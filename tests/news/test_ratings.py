import threading

import pytest
from django.db import connection

from news.models import Article, Rating
from news.services import rate_article
from stats.visitors import sign
from tests.readers import BROWSER

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def rate_url(article):
    return article.get_absolute_url() + "danh-gia/"


def test_visitor_rates_once_and_second_is_refused_politely(client):
    article = ArticleFactory()
    client.cookies["vid"] = sign("a" * 32)
    response = client.post(rate_url(article), {"score": "4"}, follow=True, **BROWSER)
    assert "Cảm ơn bạn đã đánh giá" in response.content.decode()
    response = client.post(rate_url(article), {"score": "5"}, follow=True, **BROWSER)
    assert "Bạn đã đánh giá bài viết này rồi" in response.content.decode()
    article.refresh_from_db()
    assert (article.rating_total, article.rating_count) == (4, 1)
    assert Rating.objects.count() == 1


def test_rated_visitor_sees_own_score_instead_of_the_stars(client):
    article = ArticleFactory()
    client.cookies["vid"] = sign("c" * 32)
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert 'aria-label="4 sao"' in html and "Bạn đã đánh giá" not in html
    client.post(rate_url(article), {"score": "4"}, **BROWSER)
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert "Bạn đã đánh giá bài viết này (4 sao)" in html
    assert 'aria-label="4 sao"' not in html and "news-rating__form" not in html
    client.cookies["vid"] = sign("d" * 32)  # another visitor still gets the stars
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert 'aria-label="4 sao"' in html and "Bạn đã đánh giá" not in html


def test_rater_gets_the_cached_page_and_a_cookie_with_their_score(client):
    article = ArticleFactory()
    client.cookies["vid"] = sign("e" * 32)
    client.get(article.get_absolute_url(), **BROWSER)  # cached for every reader
    response = client.post(rate_url(article), {"score": "3"}, **BROWSER)
    assert response.cookies["news_rated"].value == f"{article.pk}-3"
    del client.cookies["messages"]  # the thanks shown, the reader comes back later
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    # The same page as everyone's: news.js shows the score from the cookie.
    assert 'aria-label="3 sao"' in html and f'data-rating-article="{article.pk}"' in html


def test_rating_is_per_visitor_on_the_server_not_a_cookie_flag(client):
    article = ArticleFactory()
    rate_article(article, "v1", 5)
    assert rate_article(article, "v1", 1) is False
    assert rate_article(article, "v2", 1) is True
    article.refresh_from_db()
    assert (article.rating_total, article.rating_count) == (6, 2)


@pytest.mark.parametrize("score", ["0", "9", "abc", ""])
def test_bad_scores_get_a_message(client, score):
    article = ArticleFactory()
    response = client.post(rate_url(article), {"score": score}, follow=True, **BROWSER)
    assert response.status_code == 200
    assert "1 đến 5" in response.content.decode()
    assert Rating.objects.count() == 0


def test_rating_a_missing_article_is_404(client):
    response = client.post("/tin-tuc/khong-co/bai-viet-999999/danh-gia/", {"score": "3"}, **BROWSER)
    assert response.status_code == 404


def test_rating_without_csrf_is_refused():
    from django.test import Client

    article = ArticleFactory()
    response = Client(enforce_csrf_checks=True).post(rate_url(article), {"score": "3"}, **BROWSER)
    assert response.status_code == 403
    assert Rating.objects.count() == 0


def test_bots_may_not_rate(client):
    article = ArticleFactory()
    response = client.post(
        rate_url(article), {"score": "5"}, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com)"
    )
    assert response.status_code == 403
    assert Rating.objects.count() == 0


def test_rating_counters_survive_an_admin_save():
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    rate_article(article, "v1", 5)
    stale.title = "Đổi tiêu đề"
    stale.save()
    article.refresh_from_db()
    assert (article.rating_total, article.rating_count, article.title) == (5, 1, "Đổi tiêu đề")


@pytest.mark.django_db(transaction=True)
def test_totals_are_exact_under_concurrent_ratings():
    article = ArticleFactory()
    threads_count = 12
    barrier = threading.Barrier(threads_count)
    results = []

    def worker(index):
        try:
            barrier.wait()
            # Half the threads are the same visitor: only one of those may count.
            visitor = "same" if index % 2 else f"visitor-{index}"
            results.append(rate_article(article, visitor, (index % 5) + 1))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    article.refresh_from_db()
    ratings = list(Rating.objects.filter(article=article).values_list("score", flat=True))
    assert results.count(True) == len(ratings) == threads_count // 2 + 1
    assert article.rating_count == len(ratings)
    assert article.rating_total == sum(ratings)


def test_with_redis_down_ratings_are_refused_politely_not_unlimited(client, redis_down):
    article = ArticleFactory()
    for n in range(25):
        reader = type(client)()
        reader.cookies["vid"] = sign(f"{n:032x}")
        response = reader.post(rate_url(article), {"score": "5"}, follow=True, **BROWSER)
        assert response.status_code == 200
        assert "tạm thời chưa nhận đánh giá" in response.content.decode()
    article.refresh_from_db()
    assert (article.rating_count, Rating.objects.count()) == (0, 0)


def test_stars_show_the_average(client):
    article = ArticleFactory(rating_total=13, rating_count=3)  # 4.3
    html = client.get(article.get_absolute_url(), **BROWSER).content.decode()
    assert 'data-rating-average="4.3"' in html and ">4,3</strong>/5" in html
    assert html.count("news-rating__star--full") == 4
    assert html.count("news-rating__star--half") == 1
    assert html.count("news-rating__star--empty") == 0
