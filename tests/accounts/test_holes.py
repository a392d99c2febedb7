"""The holes a probe found (issue 13, item 6), each shut and kept shut."""

import re

import pytest
from django.core import mail

from devtools.launcher import allowed_hosts
from tests.documents.factories import PASSWORD, make_reporter


def test_make_run_on_every_interface_never_accepts_every_host():
    hosts = allowed_hosts("0.0.0.0").split(",")
    assert "*" not in hosts
    assert {"127.0.0.1", "localhost"} <= set(hosts)
    assert allowed_hosts("::") != "*"


def test_make_run_keeps_the_configured_hosts_and_adds_its_own_address():
    assert allowed_hosts("0.0.0.0", "tuyengiao.example.vn") == "tuyengiao.example.vn"
    assert allowed_hosts("10.0.0.5", "tuyengiao.example.vn") == "tuyengiao.example.vn,10.0.0.5"
    assert allowed_hosts("127.0.0.1") == "127.0.0.1,localhost"


@pytest.mark.django_db
def test_password_reset_link_uses_site_url_not_the_request_host(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    settings.SITE_URL = "https://tuyengiao.example.vn"
    reporter = make_reporter()
    response = client.post(
        "/tai-khoan/quen-mat-khau/", {"email": reporter.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert re.search(r"https://tuyengiao\.example\.vn/tai-khoan/dat-lai-mat-khau/\S+/", body)


@pytest.mark.django_db
def test_password_spraying_over_many_accounts_locks_the_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    users = [make_reporter(f"bcv{n}") for n in range(6)]
    statuses = []
    for attempt in range(24):
        user = users[attempt % 6]
        response = client.post(
            "/tai-khoan/dang-nhap/", {"username": user.username, "password": f"sai{attempt}"}
        )
        statuses.append(response.status_code)
    # Four tries per account never reach the per-account limit; the address limit does.
    assert statuses[:19] == [200] * 19
    assert statuses[19] == 429
    html = response.content.decode()
    assert "đã nhập sai mật khẩu 20 lần" in html
    # A right password from that address is refused too while it is locked.
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": users[0].username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_account_lockout_message_states_the_real_number_of_tries(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    reporter = make_reporter()
    for attempt in range(5):
        response = client.post(
            "/tai-khoan/dang-nhap/", {"username": reporter.username, "password": f"sai{attempt}"}
        )
    assert response.status_code == 429
    assert "đã nhập sai mật khẩu 5 lần" in response.content.decode()
