"""Small steps that several browser tests take."""

import base64
import io
import re

from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from news import demo as news_demo
from tests.accounts.helpers import current_token, totp_device

STAFF_PASSWORD = "mat-khau-rat-dai-123"  # tests.news.factories.staff_user


def no_sideways_scroll(page):
    """True when nothing sticks out sideways (the 360 px layout holds)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def wait_until(page, expression, arg=None, timeout_ms=15_000):
    """page.wait_for_function without its in-page polling, whose repeated eval the pages'
    Content-Security-Policy refuses: the condition is evaluated through the driver instead."""
    for _ in range(timeout_ms // 50):
        if page.evaluate(expression, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


def load_lazy_images(page):
    """Load every lazy image before a full-page screenshot (a jump to the bottom skips
    those in the middle)."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
    )
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # expect() polls from Playwright's own world: the page's CSP forbids wait_for_function's eval.
    for image in page.locator("img").all():
        expect(image).to_have_js_property("complete", True)
    page.evaluate("window.scrollTo(0, 0)")


def admin_login(page, base, username, password=STAFF_PASSWORD):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_selector("#user-tools")


def pass_second_factor(page, username):
    """The staff sign-in's second step, as a person with an authenticator app takes it: at
    the first sign-in enrol (scan the key, type its code, keep the backup codes), later type
    the app's current code."""
    page.wait_for_url(re.compile(r"/admin/|/tai-khoan/xac-thuc/"))
    if "/tai-khoan/xac-thuc/dang-ky/" in page.url:
        secret = page.locator("[data-secret]").inner_text().replace(" ", "")
        page.fill("#id_token", current_token(base64.b32decode(secret)))
        page.get_by_role("button", name="Xác nhận và bật").click()
        page.wait_for_selector("[data-backup-codes]")
        page.get_by_role("link", name="Tiếp tục").click()
    elif "/tai-khoan/xac-thuc/" in page.url:
        user = get_user_model().objects.get(username=username)
        page.fill("#id_token", current_token(totp_device(user)))
        page.get_by_role("button", name="Xác nhận").click()


def photo(tmp_path, variant=3, name="anh.png"):
    """A demo photo on disk, for CKEditor's upload button."""
    path = tmp_path / name
    Image.open(io.BytesIO(news_demo.photo_placeholder("", variant, size=(900, 600)))).save(path)
    return path


def solve_captcha(form):
    """django-simple-captcha: read the expected answer for the hashkey rendered in the form."""
    key_input = form.locator("input[name=captcha_0]")
    # The comment form fetches its challenge when the reader starts writing.
    expect(key_input).to_have_value(re.compile(r"\w+"))
    key = key_input.input_value()
    form.locator("input[name=captcha_1]").fill(CaptchaStore.objects.get(hashkey=key).response)
