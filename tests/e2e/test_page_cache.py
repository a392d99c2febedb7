"""Readers rate, comment and vote on pages served whole from the page cache, with and
without JavaScript (docs/caching.md)."""

import pytest
from playwright.sync_api import expect

from news.models import Comment, Rating
from polls.models import Vote
from tests.e2e.helpers import solve_captcha
from tests.news.factories import ArticleFactory
from tests.pagecache import cached_page_count, make_singletons
from tests.polls.factories import PollFactory

TITLE = "Hội nghị báo cáo viên quý IV"


@pytest.fixture
def article(transactional_db):
    make_singletons()
    PollFactory(question="Bạn đọc tin vào lúc nào?", choices=["Buổi sáng", "Buổi tối"])
    return ArticleFactory(title=TITLE)


@pytest.mark.django_db(transaction=True)
def test_with_javascript_a_reader_rates_comments_and_votes_on_the_cached_page(
    live_server, new_page, article
):
    url = live_server.url + article.get_absolute_url()
    first = new_page("desktop")
    first.goto(url)  # renders and keeps the page
    count = cached_page_count()
    assert count >= 1

    page = new_page("desktop")  # another reader: served from the cache
    page.goto(url)
    assert cached_page_count() == count
    expect(page.locator("h1")).to_have_text(TITLE)
    page.get_by_role("button", name="4 sao").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá")

    form = page.locator("form.news-comment-form")
    form.get_by_label("Họ và tên").fill("Trần Văn Bình")
    form.locator("textarea").fill("Bài viết rõ ràng, mong được phổ biến tới chi bộ.")
    solve_captcha(form)
    form.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("#binh-luan-da-gui")).to_contain_text("sẽ được biên tập")

    # Later, the same cached page as everyone's: the script shows this reader's own score.
    page.goto(url)
    expect(page.locator(".news-rating__done")).to_have_text("Bạn đã đánh giá bài viết này (4 sao)")
    expect(page.locator(".news-rating__form")).to_have_count(0)
    expect(first.locator(".news-rating__form")).to_have_count(1)

    block = page.locator("aside.sidebar .polls-block")
    block.get_by_label("Buổi tối").check()
    block.get_by_role("button", name="Bình chọn").click()
    expect(block.locator(".poll-results")).to_contain_text("100% (1 phiếu)")
    expect(block).to_contain_text("Cảm ơn bạn đã tham gia bình chọn!")

    assert Rating.objects.filter(article=article, score=4).count() == 1
    assert Comment.objects.filter(article=article, name="Trần Văn Bình").exists()
    assert Vote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_reader_rates_comments_and_votes_on_the_cached_page(
    live_server, new_page, article
):
    url = live_server.url + article.get_absolute_url()
    new_page("desktop").goto(url)  # another reader put the page in the cache
    page = new_page("desktop", java_script_enabled=False)
    page.goto(url)

    page.get_by_role("button", name="5 sao").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá")
    expect(page.locator(".news-rating__done")).to_contain_text("5 sao")
    page.goto(url)  # the cached page again: the form, and the server refuses a second score
    page.get_by_role("button", name="1 sao").click()
    expect(page.locator(".messages")).to_contain_text("Bạn đã đánh giá bài viết này rồi")

    # The comment form without a script asks for the captcha after the first send.
    form = page.locator("form.news-comment-form")
    form.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    form.locator("textarea").fill("Đề nghị đăng thêm tài liệu sinh hoạt chi bộ.")
    form.get_by_role("button", name="Gửi ý kiến").click()
    form = page.locator("form.news-comment-form")
    solve_captcha(form)
    form.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("#binh-luan-da-gui")).to_contain_text("sẽ được biên tập")

    page.goto(url)
    page.locator("aside.sidebar .polls-block").get_by_label("Buổi sáng").check()
    page.locator("aside.sidebar .polls-block").get_by_role("button", name="Bình chọn").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã tham gia bình chọn!")

    assert Rating.objects.get(article=article).score == 5
    assert Comment.objects.filter(article=article, name="Lê Thị Hoa").exists()
    assert Vote.objects.count() == 1
