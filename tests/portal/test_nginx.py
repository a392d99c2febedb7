"""The production setup of deploy/, tested: Debian's nginx with deploy/nginx/portal.conf in
front of gunicorn with deploy/gunicorn.conf.py and the environment of deploy/portal.env.example.

Only ports and paths change (loopback ports, a temporary directory, a self-signed certificate).
"""

import getpass
import http.client
import http.cookies
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from documents.models import Document
from news.models import Article
from stats.flush import flush
from tests.devtools.test_launcher import BASE_DIR, free_port
from tests.documents.factories import PASSWORD, DocumentFactory, DocumentFileFactory, make_reporter
from tests.news.factories import ArticleFactory
from tests.pagecache import make_singletons

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = BASE_DIR / "deploy"
HOST = "tuyengiao.example.vn"
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)

# The module's gunicorn lives across tests and caches content type ids (the audit log writes
# them): with sequences reset, the flush after each test recreates them with the same ids.
NGINX_DB = pytest.mark.django_db(transaction=True, reset_sequences=True)

pytestmark = pytest.mark.skipif(
    not os.access(NGINX, os.X_OK) or not shutil.which("openssl"),
    reason="nginx or openssl not installed (apt-get install nginx-light openssl): "
    "the production setup in deploy/ was NOT tested",
)


def example_environment():
    lines = (DEPLOY / "portal.env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return dict(pairs)


def site_config(gunicorn, https_port, http_port, root, static_root):
    """deploy/nginx/portal.conf with loopback ports and temporary paths; nothing else changes."""
    text = (DEPLOY / "nginx" / "portal.conf").read_text()
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    for production, test in {
        "127.0.0.1:8000": gunicorn,
        "listen 443 ssl": f"listen 127.0.0.1:{https_port} ssl",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        f"/etc/letsencrypt/live/{HOST}/": f"{root}/",
        "/var/www/letsencrypt": f"{root}/acme",
        "/var/lib/portal/static/": f"{static_root}/",
        "/var/lib/portal/media/": f"{settings.MEDIA_ROOT}/",
        "/var/lib/portal/private/": f"{settings.PRIVATE_MEDIA_ROOT}/",
    }.items():
        assert production in text, production
        text = text.replace(production, test)
    return text


def main_config(root, site):
    temp = "\n".join(
        f"    {kind}_temp_path {root}/{kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    return f"""
user {getpass.getuser()};
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {root}/access.log;
{temp}
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {site};
}}
"""


def wait_for_port(port, process, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, Path(log).read_text()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}: {Path(log).read_text()}")


@pytest.fixture(scope="module")
def stack(django_db_setup, tmp_path_factory):
    root = tmp_path_factory.mktemp("nginx")
    static_root = root / "static"
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("TEST_DATABASE_NAME", None)
    env.update(example_environment())
    env.update(
        SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=(
            f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}"
            f"@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        REDIS_URL=settings.REDIS_URL,
        REDIS_KEY_PREFIX=settings.REDIS_KEY_PREFIX,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
        STATIC_ROOT=str(static_root),
        STATIC_MANIFEST="1",
        BACKUP_DIR=str(root / "backups"),
        WEB_CONCURRENCY="1",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={HOST}", "-keyout", root / "privkey.pem", "-out", root / "fullchain.pem"],
        check=True,
        capture_output=True,
    )
    app_port, https_port, http_port = free_port(), free_port(), free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{app_port}"
    gunicorn_log = root / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi"]
        + ["--config", str(DEPLOY / "gunicorn.conf.py")],
        cwd=BASE_DIR,
        env=env,
        stdout=gunicorn_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    site = root / "portal.conf"
    site.write_text(site_config(f"127.0.0.1:{app_port}", https_port, http_port, root, static_root))
    (root / "nginx.conf").write_text(main_config(root, site))
    nginx_log = root / "nginx.out"
    nginx = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
        stdout=nginx_log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(app_port, gunicorn, gunicorn_log)
        wait_for_port(https_port, nginx, nginx_log)
        yield {"https": https_port, "http": http_port, "root": root, "gunicorn_log": gunicorn_log}
    finally:
        for process in (nginx, gunicorn):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(15)


class Browser:
    """HTTPS to nginx on loopback from a chosen source address, cookies kept by hand."""

    def __init__(self, stack, address="127.0.0.1", cookies=True):
        self.port = stack["https"]
        self.address = address
        self.keep_cookies = cookies
        self.cookies = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPSConnection(
            "127.0.0.1",
            self.port,
            context=self.context,
            source_address=(self.address, 0),
            timeout=30,
        )
        sent = {"Host": HOST, "User-Agent": CHROME, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
        if self.keep_cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        conn.close()
        return response, content

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post_form(self, path, fields, **headers):
        token = self.cookies["csrftoken"]
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields})
        return self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{HOST}{path}",
                **headers,
            },
        )

    def log_in(self, username, password):
        self.get("/tai-khoan/dang-nhap/")
        response, _ = self.post_form(
            "/tai-khoan/dang-nhap/", {"username": username, "password": password}
        )
        assert response.status == 302, response.status


@pytest.fixture(autouse=True)
def singletons(transactional_db):
    """The settings rows exist before the long-lived gunicorn reads them (its cache of them is
    emptied with Redis between tests): created there, their audit entry could name a content
    type id that process cached before the flush."""
    make_singletons()


@NGINX_DB
def test_pages_and_static_files_come_through_nginx_with_cache_headers(stack):
    article = ArticleFactory(title="Hội nghị qua nginx")
    browser = Browser(stack)
    home, html = browser.get("/")
    assert home.status == 200
    assert home.getheader("Server").startswith("nginx")
    page, body = browser.get(article.get_absolute_url())
    assert page.status == 200
    assert "Hội nghị qua nginx" in body.decode()

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html.decode()).group(1)
    static, css = browser.get(stylesheet)
    assert static.status == 200
    assert css
    assert "max-age=2592000" in static.getheader("Cache-Control")
    assert "immutable" in static.getheader("Cache-Control")
    assert static.getheader("Expires")

    plain = http.client.HTTPConnection("127.0.0.1", stack["http"], timeout=10)
    plain.request("GET", "/tin-tuc/", headers={"Host": HOST})
    redirect = plain.getresponse()
    assert redirect.status == 301
    assert redirect.getheader("Location") == f"https://{HOST}/tin-tuc/"


@NGINX_DB
def test_a_reporters_only_file_is_sent_by_nginx_after_login_with_range(stack):
    data = b"%PDF-1.4\n" + bytes(range(256)) * 40
    document = DocumentFactory(access=Document.Access.REPORTERS)
    document_file = DocumentFileFactory(document=document, data=data)
    make_reporter("baocaovien1")
    url = document_file.get_download_url()

    anonymous, _ = Browser(stack).get(url)
    assert anonymous.status == 302
    assert anonymous.getheader("Location").startswith("/tai-khoan/dang-nhap/")

    reporter = Browser(stack)
    reporter.log_in("baocaovien1", PASSWORD)
    whole, body = reporter.get(url)
    assert whole.status == 200
    assert body == data
    assert whole.getheader("X-Accel-Redirect") is None
    # nginx's static file module sent the bytes: Django's responses carry no ETag.
    assert whole.getheader("ETag") and whole.getheader("Last-Modified")
    assert whole.getheader("Content-Type") == "application/pdf"
    part, chunk = reporter.get(url, Range="bytes=100-1123")
    assert part.status == 206
    assert chunk == data[100:1124]
    assert part.getheader("Content-Range") == f"bytes 100-1123/{len(data)}"


@NGINX_DB
def test_a_public_file_downloads_and_private_files_are_not_reachable_directly(stack):
    data = b"%PDF-1.4\n" + b"cong khai " * 300
    document_file = DocumentFileFactory(data=data)
    browser = Browser(stack)
    response, body = browser.get(document_file.get_download_url())
    assert response.status == 200
    assert body == data

    name = urllib.parse.quote(document_file.file.name)
    for path in (f"/_private/{name}", f"/media/../private/{name}", f"/static/../private/{name}"):
        direct, content = browser.get(path)
        assert direct.status in (400, 404), path
        assert data not in content


@NGINX_DB
def test_rate_limits_and_counting_see_the_client_address_not_nginx(stack):
    # Password reset allows 5 posts per client address per hour.
    first = Browser(stack, address="127.0.0.2")
    first.get("/tai-khoan/quen-mat-khau/")
    statuses = [
        first.post_form("/tai-khoan/quen-mat-khau/", {"email": "a@example.com"})[0].status
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    forged, _ = first.post_form(
        "/tai-khoan/quen-mat-khau/", {"email": "a@example.com"}, **{"X-Real-IP": "203.0.113.9"}
    )
    assert forged.status == 429
    second = Browser(stack, address="127.0.0.3")
    second.get("/tai-khoan/quen-mat-khau/")
    other, _ = second.post_form("/tai-khoan/quen-mat-khau/", {"email": "a@example.com"})
    assert other.status == 302

    # Without cookies a visitor is its address + browser: two addresses, two views.
    article = ArticleFactory()
    for address in ("127.0.0.2", "127.0.0.2", "127.0.0.3"):
        response, _ = Browser(stack, address=address, cookies=False).get(article.get_absolute_url())
        assert response.status == 200
    flush()
    assert Article.objects.get(pk=article.pk).view_count == 2


@NGINX_DB
def test_uploads_up_to_the_document_limit_pass_and_larger_ones_are_refused(stack):
    browser = Browser(stack)
    browser.get("/tai-khoan/dang-nhap/")
    # Above nginx's 1 MB default, under client_max_body_size: Django answers (CSRF refusal).
    passed, _ = browser.request(
        "POST",
        "/tai-khoan/dang-nhap/",
        body=b"x" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert passed.status == 403
    limit = settings.DOCUMENT_MAX_UPLOAD_BYTES + 10 * 1024 * 1024
    conn = http.client.HTTPSConnection(
        "127.0.0.1", stack["https"], context=browser.context, timeout=30
    )
    conn.putrequest("POST", "/admin/documents/document/add/", skip_host=True)
    conn.putheader("Host", HOST)
    conn.putheader("Content-Length", str(limit + 1))
    conn.endheaders()
    refused = conn.getresponse()
    assert refused.status == 413
