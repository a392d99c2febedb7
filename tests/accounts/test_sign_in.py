import re
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail

from accounts.access import is_reporter
from accounts.middleware import LAST_ACTIVITY_KEY
from tests.documents.factories import PASSWORD


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_reporter_group_exists_from_data_migration():
    assert Group.objects.filter(name="Báo cáo viên").exists()


@pytest.mark.django_db
def test_is_reporter(reporter, staff, plain_user):
    from django.contrib.auth.models import AnonymousUser

    assert is_reporter(reporter) and is_reporter(staff)
    assert not is_reporter(plain_user) and not is_reporter(AnonymousUser())


@pytest.mark.django_db
def test_login_page_renders_in_vietnamese(client):
    response = client.get("/tai-khoan/dang-nhap/?next=/van-ban/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập báo cáo viên" in html
    assert 'name="next" value="/van-ban/"' in html


@pytest.mark.django_db
def test_reporter_logs_in_and_returns_to_next(client, reporter, restricted_doc):
    url = restricted_doc.get_download_url()
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": reporter.username, "password": PASSWORD, "next": url}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_login_refuses_offsite_next(client, reporter):
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"username": reporter.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_wrong_password_shows_vietnamese_error(client, reporter):
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": reporter.username, "password": "sai"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(client, reporter):
    statuses = []
    for attempt in range(10):
        response = client.post(
            "/tai-khoan/dang-nhap/",
            {"username": reporter.username, "password": f"sai-{attempt}"},
        )
        statuses.append(response.status_code)
    assert statuses[:4] == [200] * 4
    assert statuses[-1] == 429
    html = response.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "nhập sai mật khẩu 5 lần" in html
    assert "30 phút" in html
    # Even the right password is refused while locked.
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": reporter.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_logout_requires_post(client, reporter):
    client.force_login(reporter)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "Bạn đã đăng xuất." in messages_of(response)


@pytest.mark.django_db
def test_idle_logout_says_why(client, reporter):
    client.force_login(reporter)
    response = client.post(
        "/tai-khoan/dang-xuat/", {"reason": "idle", "next": "/tai-khoan/dang-nhap/?next=/van-ban/"}
    )
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/van-ban/"
    assert any("Phiên làm việc đã kết thúc" in m for m in messages_of(response))


@pytest.mark.django_db
def test_password_change(client, reporter):
    assert client.get("/tai-khoan/doi-mat-khau/").status_code == 302  # login first
    client.force_login(reporter)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Moi#Mat2025khau",
            "new_password2": "Moi#Mat2025khau",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/doi-mat-khau/xong/"
    reporter.refresh_from_db()
    assert reporter.check_password("Moi#Mat2025khau")


@pytest.mark.django_db
def test_password_reset_sends_vietnamese_email_with_working_link(client, reporter, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": reporter.email})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Đặt lại mật khẩu" in message.subject
    site = re.escape(settings.SITE_URL)
    link = re.search(site + r"(/tai-khoan/dat-lai-mat-khau/\S+)", message.body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "Moi#Mat2025khau", "new_password2": "Moi#Mat2025khau"}
    )
    assert response["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    reporter.refresh_from_db()
    assert reporter.check_password("Moi#Mat2025khau")


# Idle timeout ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_keepalive_refreshes_session(client, reporter):
    client.force_login(reporter)
    assert client.get("/tai-khoan/gia-han/").status_code == 405
    response = client.post("/tai-khoan/gia-han/")
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 5


@pytest.mark.django_db
def test_keepalive_for_a_signed_out_visitor_says_so(client):
    response = client.post("/tai-khoan/gia-han/")
    assert response.status_code == 401
    assert "Phiên làm việc đã kết thúc" in response.json()["message"]


def _set_last_activity(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


@pytest.mark.django_db
def test_idle_middleware_ends_idle_reporter_session(client, reporter, settings):
    settings.SESSION_IDLE_SECONDS = 1800
    client.force_login(reporter)
    client.get("/van-ban/")
    assert LAST_ACTIVITY_KEY in client.session
    _set_last_activity(client, 1800 + 61)
    response = client.get("/van-ban/")
    assert "_auth_user_id" not in client.session
    assert any("Phiên làm việc đã kết thúc" in m for m in messages_of(response))


@pytest.mark.django_db
def test_idle_middleware_keeps_recent_sessions_and_writes_at_most_once_a_minute(
    client, reporter, settings
):
    settings.SESSION_IDLE_SECONDS = 1800
    client.force_login(reporter)
    _set_last_activity(client, 30)
    stored = client.session[LAST_ACTIVITY_KEY]
    client.get("/van-ban/")
    # Less than a minute old: not rewritten (no session write for this request).
    assert client.session[LAST_ACTIVITY_KEY] == stored
    _set_last_activity(client, 1790)
    client.get("/van-ban/")
    assert client.session["_auth_user_id"] == str(reporter.pk)
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5


@pytest.mark.django_db
def test_idle_middleware_signs_staff_out_after_their_shorter_idle_time(client, staff, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 15 * 60
    client.force_login(staff)
    _set_last_activity(client, 10 * 60)
    client.get("/van-ban/")
    assert client.session["_auth_user_id"] == str(staff.pk)
    _set_last_activity(client, 17 * 60)
    client.get("/van-ban/")
    assert "_auth_user_id" not in client.session
