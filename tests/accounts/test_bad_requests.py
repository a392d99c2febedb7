"""Undecodable bodies and traversal paths get the site's own Vietnamese pages, never a 500."""

import pytest
from django.test import Client


@pytest.fixture
def csrf_client(db):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/tai-khoan/dang-nhap/")
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
@pytest.mark.parametrize("url", ["/tai-khoan/dang-nhap/", "/admin/login/", "/lien-he/"])
def test_a_form_posted_in_another_charset_gets_a_vietnamese_400(csrf_client, url, charset):
    client, token = csrf_client
    response = client.post(
        url,
        data=f"csrfmiddlewaretoken={token}&username=a&password=b".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert '<html lang="vi"' in html


@pytest.mark.django_db
def test_a_traversal_path_gets_the_sites_own_page(client):
    client.raise_request_exception = False
    for path in ["/media/..%2f..%2fportal%2fsettings.py", "/media/..%2fprivate/x.pdf"]:
        response = client.get(path)
        assert response.status_code in (400, 404)
        html = response.content.decode()
        assert '<html lang="vi"' in html
        assert "Bad Request" not in html and "SECRET" not in html


def test_a_missing_csrf_token_gets_a_vietnamese_page(csrf_client):
    client, _ = csrf_client
    response = client.post("/tai-khoan/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Phiên gửi biểu mẫu đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_a_forged_host_gets_the_vietnamese_400_not_a_500():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert "evil.example" not in html
