import os
import socket

import pytest
from django.test import Client
from django.urls import path

from core import redis as portal_redis
from devtools.embedded import EmbeddedValkey
from portal.urls import urlpatterns as portal_urlpatterns


def broken_view(request):
    raise RuntimeError("boom")


# Before the portal's own: its last pattern takes any path for the department's pages.
urlpatterns = [path("hong/", broken_view), *portal_urlpatterns]
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


@pytest.fixture
def own_redis(tmp_path, settings):
    """A Redis server of this test's own, which the test may stop."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = EmbeddedValkey(tmp_path, port)
    server.ensure_started()
    settings.REDIS_URL = settings.CELERY_BROKER_URL = server.url
    portal_redis.reset_client()
    yield server
    server.stop()
    portal_redis.reset_client()


def test_healthz_names_redis_when_redis_is_stopped(client, own_redis):
    assert client.get("/healthz").status_code == 200
    own_redis.stop()
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["redis"].startswith("error")
    assert set(body["down"]) == {"redis", "broker"}
    assert body["database"] == "ok"


def test_pages_still_render_when_redis_is_stopped(client, own_redis, settings):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": own_redis.url},
    }
    assert client.get("/").status_code == 200
    own_redis.stop()
    assert client.get("/").status_code == 200
    assert client.get("/khong-ton-tai/").status_code == 404
    assert portal_redis.failure_count() >= 1


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_healthz_reports_the_age_of_the_last_backup(client, settings, tmp_path):
    import datetime

    import time_machine

    settings.BACKUP_DIR = tmp_path / "backups"
    assert client.get("/healthz").json()["last_backup_age_s"] is None
    made = datetime.datetime(2026, 11, 27, 2, 30, tzinfo=datetime.UTC)
    with time_machine.travel(made, tick=False):
        settings.BACKUP_DIR.mkdir()
        archive = settings.BACKUP_DIR / "20261127-093000.tar.gz"
        archive.write_bytes(b"archive")
        os.utime(archive, (made.timestamp(), made.timestamp()))
    with time_machine.travel(made + datetime.timedelta(hours=3), tick=False):
        assert client.get("/healthz").json()["last_backup_age_s"] == 3 * 3600


def test_healthz_counts_the_counting_failures_since_start(client, own_redis):
    from stats import clock, recorder

    assert client.get("/healthz").json()["counting_failures"] == 0
    own_redis.stop()
    portal_redis.reset_client()
    moment = clock.now()
    counted = recorder.record(
        moment=moment, day=clock.local_day(moment), kind="guest", visitor="a" * 32, track=True
    )
    assert counted is None
    body = client.get("/healthz").json()
    # The failed view counts; healthz's own failed ping does not.
    assert body["counting_failures"] == 1
    assert body["down"] == ["redis", "broker"]
