"""What readers see of their own actions, and the phone layout (issue 18), in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.polls.factories import MultiplePollFactory, PollFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_right_column_shows_the_results_after_voting_and_after_a_reload(live_server, new_page):
    poll = PollFactory(
        question="Bạn thường đọc tin của tỉnh vào lúc nào?",
        choices=["Buổi sáng", "Buổi trưa", "Buổi tối"],
        results_visibility="after_vote",
    )
    page = new_page("mobile")
    page.goto(live_server.url + "/")
    block = page.locator("aside.sidebar .polls-block")
    block.get_by_label("Buổi tối").check()
    block.get_by_role("button", name="Bình chọn").click()
    expect(block.locator("[data-total]")).to_have_attribute("data-total", "1")

    page.reload()
    block = page.locator("aside.sidebar .polls-block")
    expect(block.locator(f'.poll-results[data-poll="{poll.pk}"] [data-total]')).to_have_attribute(
        "data-total", "1"
    )
    expect(block.locator('[data-percent="100"]')).to_contain_text("Buổi tối")
    expect(block.get_by_role("button", name="Bình chọn")).to_have_count(0)


def test_ticking_stops_at_the_allowed_number_of_choices(live_server, new_page):
    poll = MultiplePollFactory(
        question="Bạn quan tâm những chuyên mục nào?",
        choices=["Thời sự", "Xây dựng Đảng", "Văn hóa", "Kinh tế"],
        max_choices=2,
    )
    page = new_page("mobile")
    page.goto(live_server.url + poll.get_absolute_url())
    form = page.locator("main form.poll-form")
    form.get_by_label("Thời sự").check()
    expect(form.get_by_label("Kinh tế")).to_be_enabled()
    form.get_by_label("Văn hóa").check()
    expect(form.get_by_label("Kinh tế")).to_be_disabled()
    expect(form.get_by_label("Xây dựng Đảng")).to_be_disabled()
    expect(form.locator(".poll-form__hint")).to_contain_text("Bạn đã chọn đủ 2 phương án")
    form.get_by_label("Thời sự").uncheck()
    expect(form.get_by_label("Kinh tế")).to_be_enabled()
