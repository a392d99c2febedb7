"""Browser tests for the documents pages, reporter login, downloads and the idle countdown."""

import io
import re

import pytest
from playwright.sync_api import expect

from documents import demo
from documents.models import Document
from tests.documents.factories import PASSWORD, make_reporter


@pytest.fixture
def seeded(db):
    demo.seed(io.StringIO())
    return Document.objects


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.django_db(transaction=True)
def test_document_list_and_page_render_at_mobile_and_desktop(
    live_server, new_page, viewport, screenshot, seeded, axe_violations
):
    page = new_page(viewport)
    page.goto(live_server.url + "/van-ban/")
    expect(page.locator("h1")).to_have_text("Văn bản")
    expect(page.locator(".document-item").first).to_be_visible()
    expect(page.locator(".document-item .doc-lock").first).to_contain_text("Dành cho báo cáo viên")
    expect(page.locator(".new-documents")).to_contain_text("Lượt xem:")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"documents-list-{viewport}")

    more = page.locator("details.document-filter__more")
    if viewport == "mobile":  # folded on phones, so the documents come first
        expect(more).not_to_have_attribute("open", "")
        more.locator("summary").click()
    page.select_option("#id_body", "VPTU")
    page.get_by_role("button", name="Lọc văn bản").click()
    expect(page).to_have_url(re.compile(r"body=VPTU"))
    codes = page.locator(".document-item__code").all_inner_texts()
    assert codes and all(code.endswith("VPTU") for code in codes)

    document = seeded.get(code="CV.2453.VPTU")
    page.goto(live_server.url + document.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("CV.2453.VPTU")
    expect(page.locator(".document-meta")).to_contain_text("Văn phòng Tỉnh ủy")
    expect(page.locator(".document-file__info")).to_contain_text("PDF, ")
    expect(page.locator("iframe.document-preview__frame")).to_have_attribute(
        "src", re.compile(r"/tai-ve/\d+/\?inline=1$")
    )
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"documents-detail-{viewport}")


@pytest.mark.django_db(transaction=True)
def test_reporter_logs_in_from_the_right_column_and_downloads_a_restricted_pdf(
    live_server, new_page, seeded, screenshot
):
    from stats.flush import flush

    make_reporter("baocaovien_e2e")
    document = seeded.get(code="ĐC.07.BTGTU")
    assert document.is_restricted
    before = document.download_count

    page = new_page("desktop")
    page.goto(live_server.url + document.get_absolute_url())
    expect(page.locator(".document-files__notice")).to_contain_text("đăng nhập")
    box = page.locator(".reporter-box")
    expect(box).to_contain_text("Đăng nhập để sử dụng tài liệu Báo cáo viên")
    box.get_by_label("Tên đăng nhập").fill("baocaovien_e2e")
    box.get_by_label("Mật khẩu").fill(PASSWORD)
    box.get_by_role("button", name="Đăng nhập").click()

    # Back on the same document, now signed in.
    expect(page).to_have_url(re.compile(re.escape(document.get_absolute_url()) + "$"))
    expect(page.locator(".reporter-box")).to_contain_text("Xin chào")
    link = page.locator("a.document-file__download").first
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "Đề cương" in download.suggested_filename or "ĐC.07" in download.suggested_filename
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    screenshot(page, "documents-reporter-signed-in")

    # The count shown rises after the next flush.
    flush()
    page.reload()
    shown = int(page.locator("article.document").get_attribute("data-downloads"))
    assert shown == before + 1
    expect(page.locator(".document__stats")).to_contain_text(f"lượt tải: {before + 1}")


@pytest.mark.django_db(transaction=True)
def test_idle_countdown_warns_keeps_alive_and_logs_out_at_zero(
    live_server, new_page, viewport, seeded, screenshot, axe_violations
):
    """The real limits (30 minutes, warned 60 s before) on the page's own clock: no waiting."""
    make_reporter("baocaovien_idle")
    page = new_page(viewport)
    page.clock.install()
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/van-ban/")
    form = page.locator("main form.account-form")
    form.get_by_label("Tên đăng nhập").fill("baocaovien_idle")
    form.get_by_label("Mật khẩu").fill(PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/van-ban/$"))
    # The countdown starts when the page's script runs: time moves only after that.
    page.wait_for_load_state()

    dialog = page.get_by_role("alertdialog")
    page.clock.run_for("28:00")
    expect(dialog).to_be_hidden()
    page.clock.run_for("01:05")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Bạn đã không sử dụng trang")
    expect(dialog).to_contain_text("Thời gian chờ: 55 giây")
    # Focus starts on "Tiếp tục làm việc" and Tab stays inside the dialog, both ways.
    assert page.evaluate("document.activeElement.id") == "idle-dialog-stay"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "idle-dialog-logout"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "idle-dialog-stay"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "idle-dialog-logout"
    page.keyboard.press("Shift+Tab")
    screenshot(page, f"documents-idle-dialog-{viewport}")
    assert axe_violations(page) == []

    with page.expect_response(re.compile(r"/tai-khoan/gia-han/$")) as keepalive:
        page.keyboard.press("Enter")
    assert keepalive.value.status == 200
    expect(dialog).to_be_hidden()
    expect(page.locator(".reporter-box")).to_contain_text("Xin chào")

    # Left alone this time: the dialog comes back and at zero the page logs out.
    page.clock.run_for("29:05")
    expect(dialog).to_be_visible()
    with page.expect_navigation():
        page.clock.run_for("01:00")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next="))
    expect(page.locator(".messages")).to_contain_text("Phiên làm việc đã kết thúc")
    expect(page.locator(".reporter-box")).to_contain_text(
        "Đăng nhập để sử dụng tài liệu Báo cáo viên"
    )
