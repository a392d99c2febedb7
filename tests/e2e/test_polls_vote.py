import pytest

from polls.models import Vote
from tests.polls.factories import MultiplePollFactory, PollFactory


def make_polls():
    single = PollFactory(
        question="Bạn thường đọc tin trên Cổng thông tin vào lúc nào?",
        choices=["Buổi sáng", "Buổi trưa", "Buổi tối"],
    )
    multiple = MultiplePollFactory(
        question="Bạn muốn Cổng thông tin bổ sung nội dung nào?",
        max_choices=2,
        choices=["Hỏi - đáp pháp luật", "Tài liệu sinh hoạt chi bộ", "Video, phóng sự ảnh"],
    )
    return single, multiple


@pytest.mark.django_db(transaction=True)
def test_reader_votes_from_the_home_page_right_column_and_sees_the_results(
    live_server, new_page, viewport, screenshot
):
    single, multiple = make_polls()
    page = new_page(viewport)
    page.goto(live_server.url + "/")
    block = page.locator("aside.sidebar .polls-block")
    block.scroll_into_view_if_needed()
    assert block.locator("legend").all_inner_texts() == [multiple.question, single.question]
    screenshot(page, f"polls-home-before-{viewport}")

    form = block.locator(f'form[data-poll="{single.pk}"]')
    form.get_by_label("Buổi tối").check()
    form.get_by_role("button", name="Bình chọn").click()

    poll = block.locator(f'.poll[data-poll="{single.pk}"]')
    poll.locator(".poll-results").wait_for()
    assert "Cảm ơn bạn đã tham gia bình chọn!" in poll.inner_text()
    assert poll.locator(".poll-results__total").get_attribute("data-total") == "1"
    assert poll.locator('[data-percent="100"]').inner_text().startswith("Buổi tối")
    assert page.url == live_server.url + "/"  # no reload

    assert "poll-form__status" in page.evaluate("document.activeElement.className")

    # The other poll by keyboard only: Space ticks a box, Tab moves on, Enter submits.
    other = block.locator(f'form[data-poll="{multiple.pk}"]')
    other.get_by_label("Hỏi - đáp pháp luật").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert other.get_by_label("Video, phóng sự ảnh").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    block.locator(f'.poll[data-poll="{multiple.pk}"] .poll-results').wait_for()
    percents = block.locator(f'.poll[data-poll="{multiple.pk}"] [data-percent]')
    assert [int(p.get_attribute("data-percent")) for p in percents.all()] == [50, 0, 50]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    block.scroll_into_view_if_needed()
    screenshot(page, f"polls-home-after-{viewport}")

    # Back on any page, the block shows this reader the results (the voted cookie says so).
    page.goto(live_server.url + "/")
    block = page.locator("aside.sidebar")
    results = block.locator(f'.poll-results[data-poll="{single.pk}"]')
    results.wait_for()
    assert results.locator("[data-percent]").count() == len(single.choices.all())
    assert Vote.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_reader_without_javascript_votes_and_lands_on_the_results(
    live_server, new_page, viewport, screenshot
):
    single, _ = make_polls()
    page = new_page(viewport, java_script_enabled=False)
    page.goto(live_server.url + "/")
    form = page.locator(f'aside.sidebar form[data-poll="{single.pk}"]')
    form.get_by_role("button", name="Bình chọn").click()  # nothing chosen
    assert page.url == live_server.url + f"/tham-do/{single.pk}/binh-chon/"
    assert page.get_by_role("alert").inner_text() == "Vui lòng chọn ít nhất một phương án."

    page.locator("main").get_by_label("Buổi sáng").check()
    page.locator("main").get_by_role("button", name="Bình chọn").click()
    assert page.url == live_server.url + f"/tham-do/{single.pk}/"
    main = page.locator("main")
    assert "Cảm ơn bạn đã tham gia bình chọn!" in page.locator(".messages").inner_text()
    assert "100% (1 phiếu)" in main.inner_text()
    assert main.locator("[data-total]").get_attribute("data-total") == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"polls-results-nojs-{viewport}")

    # Voting again from the right column answers "already voted" and shows the results.
    page.locator(f'aside.sidebar form[data-poll="{single.pk}"]').get_by_label("Buổi trưa").check()
    page.locator(f'aside.sidebar form[data-poll="{single.pk}"]').get_by_role(
        "button", name="Bình chọn"
    ).click()
    assert "Bạn đã bình chọn cho cuộc thăm dò này." in page.locator(".messages").inner_text()
    assert Vote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_poll_block_form_and_results_pass_axe(live_server, new_page, axe_violations):
    single, multiple = make_polls()
    page = new_page("desktop")
    page.goto(live_server.url + "/")
    assert axe_violations(page, ".polls-block") == []
    page.goto(live_server.url + f"/tham-do/{multiple.pk}/")
    assert axe_violations(page, "main") == []
    page.goto(live_server.url + f"/tham-do/{single.pk}/ket-qua/")
    assert axe_violations(page, "main") == []
