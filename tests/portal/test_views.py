import pytest
from django.test import Client
from django.urls import path

from portal import redis as portal_redis
from portal.urls import urlpatterns as portal_urlpatterns


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urlpatterns, path("hong/", broken_view)]
handler500 = "portal.views.server_error"

pytestmark = pytest.mark.django_db


def test_home_page_has_the_frame(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#noi-dung"' in html
    assert '<main id="noi-dung"' in html
    assert "Thứ " in html and "tháng" in html  # today's date in the header
    assert '<aside class="sidebar"' in html


def test_unknown_url_gets_the_sites_own_404(client):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'class="site-header"' in html


@pytest.mark.urls(__name__)
def test_server_error_page_is_vietnamese_and_needs_no_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/hong/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


def test_healthz_reports_every_service_up(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["database"] == "ok"
    assert body["redis"] == "ok"
    assert body["broker"] == "ok"
    assert "last_flush_age_s" in body
    assert body["down"] == []


def test_healthz_names_redis_when_redis_is_down(client, settings):
    closed_port = "redis://127.0.0.1:1/0"
    settings.REDIS_URL = closed_port
    settings.CELERY_BROKER_URL = closed_port
    portal_redis.reset_client()
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["redis"].startswith("error")
    assert set(body["down"]) == {"redis", "broker"}
    assert body["database"] == "ok"


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
