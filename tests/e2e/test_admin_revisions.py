"""The admin's revisions, takedown and keep-alive in Chromium, with CSP on (new_page fails the
test on any violation)."""

import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.e2e.helpers import admin_login
from tests.news.factories import CHIEF_EDITORS, ArticleFactory, staff_user
from tests.readers import BROWSER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_typing_in_ckeditor_pings_the_keepalive_and_an_untouched_form_does_not(
    live_server, new_page
):
    staff_user("thuky", CHIEF_EDITORS)
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "thuky")
    page.goto(base + "/admin/news/article/add/")
    page.wait_for_selector(".ck-editor__editable")
    pings = []
    page.on("request", lambda r: pings.append(r) if "/tai-khoan/gia-han/" in r.url else None)
    # Nothing typed: the timer's ping sends nothing.
    page.evaluate("window.portalKeepalive.ping()")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Một bài dài, soạn hơn mười lăm phút.")
    with page.expect_response("**/tai-khoan/gia-han/") as answer:
        page.evaluate("window.portalKeepalive.ping()")
    response = answer.value
    assert response.request.method == "POST" and response.status == 200
    assert response.json()["ok"] is True
    assert len(pings) == 1


def test_a_chief_editor_takes_an_article_down_and_restores_a_revision(
    live_server, new_page, screenshot
):
    staff_user("thuky", CHIEF_EDITORS)
    article = ArticleFactory(title="Bài đăng nhầm thông tin")
    base = live_server.url
    reader = new_page("desktop", extra_http_headers={"User-Agent": BROWSER["HTTP_USER_AGENT"]})
    assert reader.goto(base + article.get_absolute_url()).status == 200

    page = new_page("desktop")
    admin_login(page, base, "thuky")
    page.goto(base + f"/admin/news/article/{article.pk}/change/")
    page.fill("#id_title", "Bài đăng nhầm thông tin (đã sửa)")
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.wait_for_selector(".messagelist")

    page.get_by_role("link", name="Phiên bản").click()
    page.get_by_role("link", name="So sánh với hiện tại, khôi phục").first.click()
    expect(page.locator("table.diff")).to_contain_text("(đã sửa)")
    screenshot(page, "admin-revision-diff")
    page.get_by_role("button", name="Khôi phục phiên bản này").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã khôi phục")
    assert Article.objects.get(pk=article.pk).title == "Bài đăng nhầm thông tin"

    page.get_by_role("link", name="Gỡ ngay").click()
    page.fill("#id_reason", "Thông tin chưa được kiểm chứng")
    screenshot(page, "admin-takedown")
    page.get_by_role("button", name="Gỡ ngay").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gỡ bài")
    assert reader.goto(base + article.get_absolute_url()).status == 404
    assert Article.objects.get(pk=article.pk).takedown_reason == "Thông tin chưa được kiểm chứng"

    page.goto(base + "/admin/news/article/")
    page.get_by_role("link", name="Thùng rác").click()
    expect(page.locator("#content-main")).to_contain_text("Thùng rác trống")
