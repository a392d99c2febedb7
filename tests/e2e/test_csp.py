"""Content-Security-Policy on: the public pages and the admin's article form (CKEditor 5)
work, and no page reports a violation (new_page fails the test on any; see conftest.py)."""

import io
import re

import pytest
from playwright.sync_api import expect

from news import demo
from news.models import Article
from tests.documents.factories import DocumentFactory, DocumentFileFactory
from tests.e2e.helpers import admin_login, photo
from tests.multimedia.factories import PhotoFactory, VideoFactory
from tests.news.factories import CHIEF_EDITORS, staff_user
from tests.polls.factories import PollFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db(transaction=True)
def test_public_pages_work_under_the_policy(live_server, new_page):
    demo.seed(io.StringIO())
    article = Article.objects.published().first()
    document = DocumentFactory(code="KH.12.BTGTU")
    DocumentFileFactory(document=document)
    poll = PollFactory()
    album = PhotoFactory().album
    video = VideoFactory()
    base = live_server.url
    page = new_page("desktop")

    response = page.goto(base + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy and "base-uri 'self'" in policy
    assert "form-action 'self'" in policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    # Inline code never runs; only the sanitised style attributes of article bodies are allowed.
    assert "unsafe-inline" not in directives["script-src"] + directives["style-src"]
    assert directives["style-src-attr"] == "'unsafe-inline'"
    assert "camera=()" in response.headers["permissions-policy"]

    for path in [
        "/tin-tuc/",
        article.category.get_absolute_url(),
        "/tim-kiem/?q=hoi+nghi",
        "/van-ban/",
        document.get_absolute_url(),
        album.get_absolute_url(),
        video.get_absolute_url(),
        "/tai-khoan/dang-nhap/",
        "/khong-co-trang-nay/",
        "/api/v1/docs/",
    ]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")

    # The article: rating and the comment form, whose captcha arrives when the reader writes.
    page.goto(base + article.get_absolute_url())
    count = int(page.locator("[data-rating-count]").get_attribute("data-rating-count"))
    page.get_by_role("button", name="4 sao").click()
    expect(page.locator("[data-rating-count]")).to_have_attribute(
        "data-rating-count", str(count + 1)
    )
    page.locator("form textarea").first.click()
    expect(page.locator("input[name=captcha_0]")).to_have_value(re.compile(r"\w+"))

    # A poll answered in place: its results bars are drawn without inline styles.
    page.goto(base + f"/tham-do/{poll.pk}/")
    main = page.locator("#noi-dung")
    main.get_by_label("Rất hữu ích").check()
    main.get_by_role("button", name="Bình chọn").click()
    expect(main.locator(".poll-results__bar").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_admin_article_form_and_ckeditor_work_under_the_policy(live_server, new_page, tmp_path):
    demo.seed(io.StringIO())
    staff_user("thuky", CHIEF_EDITORS)
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "thuky")
    response = page.goto(base + "/admin/news/article/add/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_title", "Bài viết dưới chính sách bảo mật nội dung")
    page.select_option("#id_category", index=1)
    page.fill("#id_lead", "Tóm tắt.")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Nội dung soạn trong CKEditor 5.")
    page.get_by_role("button", name="Đậm").click()
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
        photo(tmp_path, name="anh-csp.png")
    )
    page.wait_for_selector(".ck-editor__editable figure.image img[src*='/media/news/anh/']")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_selector(".messagelist")
    assert Article.objects.filter(title__startswith="Bài viết dưới chính sách").exists()
    for path in ["/admin/", "/admin/news/article/", "/admin/documents/document/add/"]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
