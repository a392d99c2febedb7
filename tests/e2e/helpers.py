"""Small steps that several browser tests take."""

import io
import re

from captcha.models import CaptchaStore
from PIL import Image
from playwright.sync_api import expect

from news import demo as news_demo

STAFF_PASSWORD = "mat-khau-rat-dai-123"  # tests.news.factories.staff_user


def no_sideways_scroll(page):
    """True when nothing sticks out sideways (the 360 px layout holds)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def load_lazy_images(page):
    """Scroll through the page so lazy images load before a full-page screenshot."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.images].every((image) => image.complete)")
    page.evaluate("window.scrollTo(0, 0)")


def admin_login(page, base, username, password=STAFF_PASSWORD):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


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
