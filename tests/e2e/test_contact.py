"""A reader writes to the department from the contact page in Chromium."""

import pytest
from playwright.sync_api import expect

from pages.models import ContactMessage, Page
from portal.models import SiteSettings
from tests.e2e.helpers import no_sideways_scroll, solve_captcha
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_sends_a_message_with_the_captcha(live_server, new_page, viewport, mailoutbox):
    site = SiteSettings.get_solo()
    site.email = "vanphong@bantuyengiao.vn"
    site.save()
    PageFactory(title="Liên hệ", layout=Page.Layout.CONTACT)
    page = new_page(viewport)
    page.goto(live_server.url + "/lien-he/")
    assert no_sideways_scroll(page)
    form = page.locator("form.news-comment-form")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Thư điện tử").fill("binh@example.vn")
    page.get_by_label("Tiêu đề").fill("Đề nghị cung cấp tài liệu")
    page.get_by_label("Nội dung").fill("Xin gửi tài liệu hội nghị báo cáo viên quý IV.")
    solve_captcha(form)
    form.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".message--success")).to_contain_text("Cảm ơn bạn đã gửi ý kiến")
    message = ContactMessage.objects.get()
    assert message.subject == "Đề nghị cung cấp tài liệu"
    assert [mail.to for mail in mailoutbox] == [["vanphong@bantuyengiao.vn"]]
