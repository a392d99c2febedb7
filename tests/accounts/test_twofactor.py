"""Staff sign in with a second factor (TOTP app or a backup code); enrolment at first login."""

import base64
import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import current_token, totp_device
from tests.news.factories import EDITORS, staff_user

PASSWORD = "mat-khau-rat-dai-123"  # tests.news.factories.staff_user

pytestmark = pytest.mark.django_db


def password_login(username):
    """A browser-like client that signs in with the password only (no force_login)."""
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_an_editor_without_2fa_is_sent_to_enrolment_and_cannot_reach_the_admin():
    staff_user("bientap", EDITORS)
    client = password_login("bientap")
    for path in ["/admin/", "/admin/news/article/", "/tin-tuc/xem-truoc/1/", "/thong-ke/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/xac-thuc/dang-ky/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "Bật xác thực hai lớp" in page and 'src="data:image/svg+xml;base64,' in page


def test_enrolment_with_a_totp_code_opens_the_admin_and_shows_backup_codes_once():
    staff_user("bientap", EDITORS)
    client = password_login("bientap")
    page = client.get("/tai-khoan/xac-thuc/dang-ky/?next=/admin/news/article/").content.decode()
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    wrong = client.post("/tai-khoan/xac-thuc/dang-ky/", {"token": "000000", "next": "/admin/"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # A wrong code makes the next try wait a moment (django-otp's throttle).
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        response = client.post(
            "/tai-khoan/xac-thuc/dang-ky/",
            {"token": current_token(base64.b32decode(secret)), "next": "/admin/news/article/"},
        )
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user__username="bientap").confirmed
    assert client.get("/admin/news/article/").status_code == 200


def test_a_second_login_asks_for_the_app_code_or_a_backup_code():
    user = staff_user("bientap", EDITORS)
    device = totp_device(user)
    client = password_login("bientap")
    response = client.get("/admin/")
    assert response["Location"].startswith("/tai-khoan/xac-thuc/?next=")
    assert client.post("/tai-khoan/xac-thuc/", {"token": "123456"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        response = client.post(
            "/tai-khoan/xac-thuc/", {"token": current_token(device), "next": "/admin/"}
        )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    # Without the phone: a backup code works once.
    from accounts.twofactor import new_backup_codes

    code = new_backup_codes(user)[0]
    other = password_login("bientap")
    assert other.post("/tai-khoan/xac-thuc/", {"token": code})["Location"] == "/admin/"
    assert other.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()


def test_next_never_leaves_the_site():
    user = staff_user("bientap", EDITORS)
    client = password_login("bientap")
    response = client.post(
        "/tai-khoan/xac-thuc/",
        {"token": current_token(totp_device(user)), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


def test_readers_pages_do_not_ask_for_a_second_factor(client):
    staff_user("bientap", EDITORS)
    client = password_login("bientap")
    assert client.get("/").status_code == 200
