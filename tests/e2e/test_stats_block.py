import io
import re

import pytest

from stats.models import StatsSettings
from stats.services import clear_block_cache
from tests.e2e.helpers import pass_second_factor


@pytest.mark.django_db(transaction=True)
def test_counter_block_shows_figures_and_counts_the_browser_once(
    live_server, new_page, viewport, screenshot
):
    StatsSettings.objects.create(total_offset=31_569_182)
    clear_block_cache()
    page = new_page(viewport)
    page.goto(live_server.url + "/")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["vid"]["httpOnly"] is True and cookies["vid"]["sameSite"] == "Lax"
    clear_block_cache()
    page.goto(live_server.url + "/")  # the browser's second request, now with its cookie
    block = page.locator(".stats-block")
    assert block.is_visible()
    assert block.locator('[data-stat="today"]').get_attribute("data-value") == "1"
    assert block.locator('[data-stat="guests"]').get_attribute("data-value") == "1"
    assert block.locator('[data-stat="total"] dd').inner_text() == "31.569.183"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    block.scroll_into_view_if_needed()
    screenshot(page, f"stats-block-{viewport}")


@pytest.mark.django_db(transaction=True)
def test_admin_dashboard_draws_charts(live_server, new_page, admin_user, screenshot):
    from stats import demo

    demo.seed(type("Quiet", (), {"write": lambda *a: None})())
    page = new_page("desktop")
    page.goto(live_server.url + "/admin/login/?next=/admin/stats/dashboard/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    pass_second_factor(page, "admin")
    page.wait_for_url(re.compile(r"/admin/stats/dashboard/$"))
    assert page.locator("svg.stats-chart").count() == 2
    screenshot(page, "stats-dashboard-desktop")


@pytest.mark.django_db(transaction=True)
def test_admin_exports_the_articles_report_by_keyboard(
    live_server, new_page, admin_user, axe_violations
):
    from openpyxl import load_workbook

    from tests.news.factories import ArticleFactory

    ArticleFactory(title="Hội nghị báo cáo viên quý I")
    page = new_page("mobile")
    page.goto(live_server.url + "/admin/login/?next=/admin/stats/dashboard/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    pass_second_factor(page, "admin")
    page.wait_for_url(re.compile(r"/admin/stats/dashboard/$"))
    assert axe_violations(page, "#stats-report + p + form") == []
    page.get_by_label("Báo cáo", exact=True).select_option("articles")
    page.get_by_label("Định dạng").select_option("xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất báo cáo").focus()
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet["A3"].value == "Hội nghị báo cáo viên quý I"
