"""In Chromium: a document found by a phrase from its file; a reporter's e-mail choices."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from documents import demo
from tests.documents.factories import PASSWORD, make_reporter
from tests.e2e.helpers import no_sideways_scroll


@pytest.mark.django_db(transaction=True)
def test_search_by_a_phrase_from_the_file_shows_a_highlighted_passage(
    live_server, new_page, viewport, screenshot, axe_violations
):
    demo.seed(io.StringIO())
    call_command("documents_reindex", stdout=io.StringIO(), stderr=io.StringIO())
    page = new_page(viewport)
    page.goto(live_server.url + "/van-ban/")
    page.get_by_role("searchbox", name="Từ khóa").fill("tinh hinh thuc te")
    page.get_by_role("button", name="Lọc văn bản").click()

    snippet = page.locator(".document-item__snippet").first
    expect(snippet).to_contain_text("tình hình thực tế")
    expect(snippet.locator("mark").first).to_have_text("tình")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"documents-search-snippet-{viewport}")


@pytest.mark.django_db(transaction=True)
def test_reporter_chooses_document_types_for_emails(
    live_server, new_page, viewport, screenshot, axe_violations
):
    demo.seed(io.StringIO())
    reporter = make_reporter("baocaovien_thu")
    page = new_page(viewport)
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/tai-khoan/thu-bao/")
    page.fill("#id_username", "baocaovien_thu")
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")

    expect(page.locator("h1")).to_have_text("Thư báo văn bản mới")
    page.get_by_label("Đề cương tuyên truyền").check()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lưu lựa chọn").click()

    expect(page.locator("body")).to_contain_text("Đã lưu lựa chọn nhận thư báo")
    expect(page.get_by_label("Đề cương tuyên truyền")).to_be_checked()
    names = [t.name for t in reporter.document_subscription.document_types.all()]
    assert names == ["Đề cương tuyên truyền"]
    screenshot(page, f"reporter-subscription-{viewport}")
