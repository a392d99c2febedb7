"""Accessibility of the public pages: axe-core, alt text, labels, visible focus (the idle
countdown dialog is checked in tests/e2e/test_documents_pages.py).

Runs on the demo content (photos, inline figures, tables, polls with votes), at 1280 px and
360 px. With PORTAL_README_SCREENSHOTS=1 the run also refreshes the README's screenshots in
docs/ (viewport crops, palette PNGs to keep them small).
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from documents.models import Document
from news.models import Article, Category
from polls.models import Poll
from tests.e2e.helpers import wait_until

DOCS = Path(__file__).resolve().parents[2] / "docs"
README_SHOTS = os.environ.get("PORTAL_README_SCREENSHOTS") == "1"
README_NAMES = {
    ("home", "desktop"): "screenshot-home",
    ("article", "desktop"): "screenshot-article",
    ("home", "mobile"): "screenshot-mobile",
}

# Fields and images a reader or a screen reader meets without a name.
UNLABELLED_FIELDS = """() => [...document.querySelectorAll("input, select, textarea")]
  .filter((el) => !["hidden", "submit", "button", "reset", "image"].includes(el.type))
  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
                  && !el.getAttribute("aria-labelledby") && !el.title)
  .map((el) => el.outerHTML.slice(0, 120))"""
IMAGES_WITHOUT_ALT = """() => [...document.images]
  .filter((img) => !img.hasAttribute("alt")).map((img) => img.src)"""
# The focus ring of the focused element, or of the label that stands in for a hidden input.
FOCUS_RING = """() => {
  let el = document.activeElement;
  if (el.classList.contains("visually-hidden") && el.labels && el.labels.length) el = el.labels[0];
  const style = getComputedStyle(el);
  return {tag: el.tagName, text: (el.textContent || el.name || "").trim().slice(0, 40),
          outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
          shadow: style.boxShadow !== "none"};
}"""
VIEWPORT_IMAGES_LOADED = """() => [...document.images]
  .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
  .every((img) => img.complete && img.naturalWidth > 0)"""


def seed_demo():
    from documents import demo as documents_demo
    from news import demo as news_demo
    from polls import demo as polls_demo
    from portal import demo as portal_demo
    from stats import demo as stats_demo

    for module in (portal_demo, news_demo, documents_demo, polls_demo, stats_demo):
        module.seed(io.StringIO())


def public_pages():
    article = (
        Article.objects.published().exclude(cover="").filter(body__contains="<figcaption").first()
    )
    category = Category.objects.filter(parent=None, show_in_menu=True).order_by("order").first()
    document = Document.objects.filter(access=Document.Access.PUBLIC, files__isnull=False).first()
    poll = Poll.objects.order_by("pk").first()
    # The results page shows figures to anyone only for such polls; the demo's hide them
    # until the reader has voted.
    Poll.objects.filter(pk=poll.pk).update(results_visibility=Poll.ResultsVisibility.ALWAYS)
    return {
        "home": "/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "documents": "/van-ban/",
        "document": document.get_absolute_url(),
        "poll-results": f"/tham-do/{poll.pk}/ket-qua/",
        "login": "/tai-khoan/dang-nhap/",
    }


def save_readme_shot(page, name):
    """docs/<name>.png: what the browser shows (no full page), as a small palette PNG."""
    wait_until(page, VIEWPORT_IMAGES_LOADED)
    raw = Image.open(io.BytesIO(page.screenshot()))
    small = raw.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(DOCS / f"{name}.png", optimize=True)


@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_serious_axe_violation_and_name_every_image_and_field(
    live_server, new_page, viewport, axe_violations, screenshot
):
    seed_demo()
    page = new_page(viewport)
    found = {}
    for name, url in public_pages().items():
        page.goto(live_server.url + url)
        problems = [f"no alt: {src}" for src in page.evaluate(IMAGES_WITHOUT_ALT)]
        problems += [f"no label: {field}" for field in page.evaluate(UNLABELLED_FIELDS)]
        if name != "login":  # see test_login_page_has_no_serious_axe_violation
            problems += axe_violations(page)
        found[name] = problems
        readme_name = README_NAMES.get((name, viewport))
        if README_SHOTS and readme_name:
            save_readme_shot(page, readme_name)
        screenshot(page, f"a11y-{name}-{viewport}")
    assert found == {name: [] for name in found}


@pytest.mark.django_db(transaction=True)
def test_login_page_has_no_serious_axe_violation(live_server, new_page, axe_violations):
    page = new_page("desktop")
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_keyboard_focus_is_always_visible(live_server, new_page, viewport):
    from tests.news.factories import ArticleFactory

    ArticleFactory.create_batch(3)
    page = new_page(viewport)
    page.goto(live_server.url + "/")
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        seen.append(ring)
        if ring["tag"] == "A" and page.evaluate(
            "document.querySelector('main').contains(document.activeElement)"
        ):
            break
    invisible = [ring for ring in seen if ring["outline"] < 2 and not ring["shadow"]]
    assert invisible == []
    # The walk reached a link of the main column, and its ring is a real outline.
    assert seen[-1]["tag"] == "A" and seen[-1]["outline"] >= 2
