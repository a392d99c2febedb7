"""Every form that takes personal data links the privacy notice."""

import pytest

from tests.news.factories import ArticleFactory
from tests.polls.factories import PollFactory

pytestmark = pytest.mark.django_db
LINK = 'href="/chinh-sach-bao-mat/"'


def test_comment_poll_login_and_footer_link_the_privacy_notice(client):
    article = ArticleFactory()
    poll = PollFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    comments = html.split('id="binh-luan"')[-1] if 'id="binh-luan"' in html else html
    assert comments.count(LINK) >= 2  # the comment form and the footer
    poll_html = client.get(f"/tham-do/{poll.pk}/").content.decode()
    assert "Phiếu bình chọn không ghi tên" in poll_html and LINK in poll_html
    login = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "Nhật ký đăng nhập được lưu theo" in login


def test_the_privacy_notice_lists_each_retention_period_from_the_settings(client, settings):
    from pages.models import Page

    settings.PRIVACY_RETENTION_DAYS = 400
    settings.IP_HASH_RETENTION_DAYS = 21
    settings.TRASH_DAYS = 95
    settings.AUDIT_RETENTION_DAYS = 800
    settings.STAFF_SESSION_IDLE_SECONDS = 900
    Page.objects.get_or_create(
        path="chinh-sach-bao-mat",
        defaults={"title": "Chính sách bảo mật", "slug": "chinh-sach-bao-mat", "body": "<p>…</p>"},
    )
    html = client.get("/chinh-sach-bao-mat/").content.decode()
    assert "Thời hạn lưu giữ" in html
    for period in ("400 ngày", "21 ngày", "95 ngày", "800 ngày", "30 phút", "15 phút"):
        assert period in html, period
    assert "Đổi mỗi ngày" in html and "Không ghi" in html
