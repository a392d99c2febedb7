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
