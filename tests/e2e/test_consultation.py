"""A reader sends an opinion on a draft in Chromium; the draft pages hold at 360 px."""

import io

import pytest
from playwright.sync_api import expect

from documents import demo
from documents.models import ConsultationOpinion, Document
from tests.e2e.helpers import no_sideways_scroll, solve_captcha


@pytest.mark.django_db(transaction=True)
def test_reader_sends_an_opinion_on_an_open_draft(
    live_server, new_page, viewport, screenshot, axe_violations
):
    demo.seed(io.StringIO())
    page = new_page(viewport)
    page.goto(live_server.url + "/van-ban/du-thao/")
    expect(page.locator("h1")).to_have_text("Dự thảo lấy ý kiến")
    expect(page.locator("#consultations-open + ul")).to_contain_text("DT.02.BTGTU")
    expect(page.locator("#consultations-closed + ul")).to_contain_text("DT.01.BTGTU")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    screenshot(page, f"consultations-{viewport}")

    page.locator("#noi-dung").get_by_role("link", name="DT.02.BTGTU").click()
    section = page.locator("#gop-y")
    expect(section).to_contain_text("Hạn góp ý")
    expect(section).to_contain_text("Đã nhận 0 ý kiến")
    page.get_by_role("textbox", name="Họ và tên").fill("Phạm Văn Long")
    page.get_by_role("textbox", name="Cơ quan, tổ chức").fill("Đoàn Thanh niên xã")
    page.get_by_role("textbox", name="Thư điện tử").fill("long@example.vn")
    opinion = "Đề nghị làm rõ trách nhiệm của từng cơ quan."
    page.get_by_role("textbox", name="Ý kiến góp ý").fill(opinion)
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Gửi góp ý").click()

    form = page.locator("form.consultation__form")
    expect(page.get_by_role("textbox", name="Ý kiến góp ý")).to_have_value(opinion)
    solve_captcha(form)
    form.get_by_role("button", name="Gửi góp ý").click()

    expect(page.locator(".messages, [role=status], .message").first).to_be_visible()
    expect(page.locator("#gop-y")).to_contain_text("Đã nhận 1 ý kiến")
    expect(page.locator("body")).to_contain_text("Cảm ơn bạn đã gửi ý kiến góp ý")
    expect(page.locator("body")).not_to_contain_text("trách nhiệm của từng cơ quan")
    draft = Document.objects.get(code="DT.02.BTGTU")
    assert ConsultationOpinion.objects.filter(document=draft, name="Phạm Văn Long").count() == 1
    screenshot(page, f"consultation-sent-{viewport}")
