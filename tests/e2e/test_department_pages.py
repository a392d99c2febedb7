"""The department's pages, albums, videos and reading aids on the demo content: axe-core finds
no serious violation, every image and field has a name, the 360 px layout holds.

With PORTAL_README_SCREENSHOTS=1 the run also refreshes docs/screenshots/ (viewport crops at
1280 and 360 px, palette PNGs to keep them small).
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from multimedia.models import Album, Video
from news.models import Article
from tests.e2e.helpers import no_sideways_scroll, wait_until
from tests.e2e.test_accessibility import (
    IMAGES_WITHOUT_ALT,
    UNLABELLED_FIELDS,
)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
README_SHOTS = os.environ.get("PORTAL_README_SCREENSHOTS") == "1"
# Images shown in the viewport (hidden ones, like the closed lightbox's, have no box).
SHOWN_IMAGES_LOADED = """() => [...document.images]
  .filter((img) => { const box = img.getBoundingClientRect();
                     return box.height > 0 && box.top < window.innerHeight; })
  .every((img) => img.complete && img.naturalWidth > 0)"""
SHOT_NAMES = {"introduction", "leaders", "album", "video", "article"}


def seed_demo():
    from multimedia import demo as multimedia_demo
    from news import demo as news_demo
    from pages import demo as pages_demo
    from portal import demo as portal_demo

    for module in (portal_demo, news_demo, pages_demo, multimedia_demo):
        module.seed(io.StringIO())


def department_pages():
    article = Article.objects.published().filter(republished=False).exclude(cover="").first()
    return {
        "introduction": "/gioi-thieu/",
        "organisation": "/gioi-thieu/co-cau-to-chuc/",
        "leaders": "/gioi-thieu/lanh-dao/",
        "contact": "/lien-he/",
        "privacy": "/chinh-sach-bao-mat/",
        "albums": "/thu-vien-anh/",
        "album": Album.objects.order_by("pk").first().get_absolute_url(),
        "videos": "/video/",
        "video": Video.objects.exclude(file="").get().get_absolute_url(),
        "youtube": Video.objects.filter(file="").get().get_absolute_url(),
        "article": article.get_absolute_url(),
        "republished": Article.objects.get(republished=True).get_absolute_url(),
    }


def save_shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    wait_until(page, SHOWN_IMAGES_LOADED)
    raw = Image.open(io.BytesIO(page.screenshot()))
    small = raw.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(SHOTS / f"{name}.png", optimize=True)


@pytest.mark.django_db(transaction=True)
def test_department_pages_have_no_serious_axe_violation(
    live_server, new_page, viewport, axe_violations, screenshot
):
    seed_demo()
    page = new_page(viewport)
    # A Vietnamese voice, so that the listen button shows in the article's toolbar.
    page.add_init_script(
        "Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {"
        "getVoices: () => [{name: 'Tiếng Việt', lang: 'vi-VN'}], addEventListener() {},"
        "speak() {}, cancel() {}, pause() {}, resume() {}}});"
    )
    found = {}
    for name, url in department_pages().items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        problems = [f"no alt: {src}" for src in page.evaluate(IMAGES_WITHOUT_ALT)]
        problems += [f"no label: {field}" for field in page.evaluate(UNLABELLED_FIELDS)]
        problems += axe_violations(page)
        if not no_sideways_scroll(page):
            problems.append("sideways scroll")
        found[name] = problems
        if README_SHOTS and name in SHOT_NAMES:
            save_shot(page, f"{name}-{VIEWPORT_WIDTHS[viewport]}")
        screenshot(page, f"department-{name}-{viewport}")
    assert found == {name: [] for name in found}


VIEWPORT_WIDTHS = {"desktop": 1280, "mobile": 360}


@pytest.mark.django_db(transaction=True)
def test_open_lightbox_has_no_serious_axe_violation(live_server, new_page, axe_violations):
    seed_demo()
    page = new_page("mobile")
    page.goto(live_server.url + Album.objects.order_by("pk").first().get_absolute_url())
    page.locator("[data-gallery-item]").nth(1).click()
    wait_until(page, "document.querySelector('[data-lightbox-image]').complete")
    assert axe_violations(page, "dialog[data-lightbox]") == []
    if README_SHOTS:
        save_shot(page, "album-lightbox-360")
