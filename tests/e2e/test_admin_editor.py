"""The admin as a NukeViet editor meets it: the dashboard, the list and the form at 1280 px."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news import demo
from news.models import Article
from tests.e2e.helpers import admin_login
from tests.news.factories import CHIEF_EDITORS, EDITORS, ArticleFactory, CommentFactory, staff_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    demo.seed(io.StringIO())
    editor = staff_user("bientap", EDITORS, first_name="Lan", last_name="Nguyễn Thị")
    staff_user("thuky", CHIEF_EDITORS, first_name="Hùng", last_name="Trần Văn")
    article = Article.objects.first()
    for index in range(3):
        ArticleFactory(
            title=f"Hội nghị quán triệt, triển khai Nghị quyết Trung ương lần thứ {index + 2}",
            category=article.category,
            author=editor,
            status=Article.Status.PENDING,
            published_at=None,
        )
    ArticleFactory(
        title="Lễ kỷ niệm ngày thành lập ngành Tuyên giáo của Đảng",
        category=article.category,
        author=editor,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    CommentFactory.create_batch(2, article=article)
    return editor


def test_chief_editor_dashboard_list_and_form_at_1280(live_server, new_page, screenshot, newsroom):
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "thuky")
    page.goto(base + "/admin/")
    tile = page.locator("[data-tile=pending]")
    expect(tile).to_contain_text("Bài chờ duyệt")
    assert tile.get_attribute("data-count") == "3"
    screenshot(page, "admin-dashboard")
    page.screenshot(path="docs/screenshots/admin-dashboard-1280.png")

    tile.locator("a").click()
    page.wait_for_url("**trang_thai=pending**")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    # The navigation sidebar starts collapsed: the list has the whole width.
    assert page.locator("#nav-sidebar").get_attribute("aria-expanded") == "false"
    assert not page.locator("#nav-sidebar").is_visible()
    # Titles are readable: no column cut off, the title cell wide enough for a line of words.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    title_width = page.locator("#result_list tbody tr .field-title").first.bounding_box()["width"]
    assert title_width > 300
    page.goto(base + "/admin/news/article/")
    expect(page.locator("[data-status=scheduled]").first).to_have_text("Hẹn giờ")
    page.screenshot(path="docs/screenshots/admin-article-list-1280.png")

    pending = Article.objects.filter(status=Article.Status.PENDING).first()
    page.goto(base + f"/admin/news/article/{pending.pk}/change/")
    buttons = page.locator(".workflow-row")
    for label in ("Lưu nháp", "Gửi duyệt", "Duyệt đăng", "Hẹn giờ đăng", "Trả lại…"):
        expect(buttons).to_contain_text(label)
    buttons.scroll_into_view_if_needed()
    page.screenshot(path="docs/screenshots/admin-article-form-1280.png")
    page.get_by_role("button", name="Duyệt đăng").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã duyệt và đăng bài")
    pending.refresh_from_db()
    assert pending.is_public
