"""The public pages on a 360 px phone and a 1280 px desktop, on the demo content (issue 18).

With PORTAL_README_SCREENSHOTS=1 the run also saves docs/screenshots/readers-*.png.
"""

import io
import os
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e import test_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = 740  # the 360 px viewport's height (tests/e2e/conftest.VIEWPORTS)
# The right column's statistics block is reached within this many phone screens.
STATS_WITHIN_SCREENS = 7
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
README_SHOTS = os.environ.get("PORTAL_README_SCREENSHOTS") == "1"


def seed_demo():
    """The demo without its photo albums and videos (slow to make, not needed here)."""
    from pages import demo as pages_demo

    test_accessibility.seed_demo()
    pages_demo.seed(io.StringIO())


def top(page, selector):
    return page.eval_on_selector(selector, "(e) => e.getBoundingClientRect().top + window.scrollY")


def bottom(page, selector):
    return page.eval_on_selector(
        selector, "(e) => e.getBoundingClientRect().bottom + window.scrollY"
    )


def save_shot(page, name):
    """docs/screenshots/readers-<name>.png: what the phone shows, as a small palette PNG."""
    if not README_SHOTS:
        return
    from PIL import Image

    SHOTS.mkdir(exist_ok=True)
    raw = Image.open(io.BytesIO(page.screenshot()))
    small = raw.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(SHOTS / f"readers-{name}.png", optimize=True)


def test_phone_home_reaches_the_news_and_the_right_column_early(live_server, new_page, screenshot):
    seed_demo()
    page = new_page("mobile")
    page.goto(live_server.url + "/")
    header = bottom(page, ".main-nav")
    first_news = bottom(page, "main .news-card__title")
    stats = top(page, ".stats-block")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(
        f"\nphone home: header+menu {header:.0f} px, first news title ends at {first_news:.0f}"
        f" px, statistics at {stats:.0f} px ({stats / SCREEN:.1f} screens), page {height} px"
    )
    screenshot(page, "phone-home")
    assert header < 200
    assert first_news < SCREEN
    assert stats < STATS_WITHIN_SCREENS * SCREEN
    screenshot(page, "phone-home")
    save_shot(page, "home-360")

    # One tap from the top of the page to the statistics.
    page.locator(".quick-links").get_by_role("link", name="Thống kê").click()
    expect(page.locator(".stats-block")).to_be_in_viewport()


def test_phone_documents_list_folds_its_filters_and_esc_closes_the_menu(live_server, new_page):
    seed_demo()
    page = new_page("mobile")
    page.goto(live_server.url + "/van-ban/")
    more = page.locator("details.document-filter__more")
    expect(more).not_to_have_attribute("open", "")
    assert top(page, ".document-list .document-item") < SCREEN
    save_shot(page, "documents-360")
    more.locator("summary").click()
    expect(page.get_by_label("Loại văn bản")).to_be_visible()

    page.locator(".main-nav__toggle-label").click()
    menu = page.locator(".main-nav__list")
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(page.locator("#nav-toggle")).to_be_focused()


def test_without_a_pdf_viewer_the_preview_is_a_download_button(live_server, new_page):
    from documents.models import Document

    seed_demo()
    document = Document.objects.filter(
        access=Document.Access.PUBLIC, files__original_name__contains="V/v"
    ).first()
    page = new_page("mobile")
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'pdfViewerEnabled', {get: () => false})"
    )
    page.goto(live_server.url + document.get_absolute_url())
    expect(page.locator("iframe[data-pdf-preview]")).to_have_count(0)
    button = page.get_by_role("link", name="Tải tệp PDF về máy")
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    # "V/v" keeps its slash's look, and the summary is cut between words.
    summary = textwrap.shorten(document.summary, 60, placeholder="…").replace("/", "∕")
    assert info.value.suggested_filename == f"{document.code} - {summary}.pdf"
    assert "V∕v" in summary


def test_desktop_menu_fits_one_row_featured_image_first_and_print_shows_the_site(
    live_server, new_page
):
    seed_demo()
    page = new_page("desktop")
    page.goto(live_server.url + "/")
    rows = page.eval_on_selector_all(
        ".main-nav__list > li:not([hidden])",
        "(items) => new Set(items.map((li) => li.offsetTop)).size",
    )
    assert rows == 1
    # What did not fit is one click away, and Esc closes it.
    more = page.locator(".main-nav__more")
    more.get_by_role("button", name="Thêm").click()
    expect(more.get_by_role("link", name="Liên hệ")).to_be_visible()
    page.keyboard.press("Escape")
    expect(more.get_by_role("link", name="Liên hệ")).to_be_hidden()
    featured = page.locator(".home-featured .news-card--large img")
    expect(featured).to_have_attribute("fetchpriority", "high")
    assert featured.get_attribute("loading") is None

    page.locator(".main-nav__list a").first.focus()
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(255, 255, 255)"  # on #850b16: 9.6:1

    page.emulate_media(media="print")
    expect(page.locator(".site-header .brand__name")).to_be_visible()
    expect(page.locator(".site-footer address")).to_be_visible()
    expect(page.locator(".site-footer address")).to_contain_text("Địa chỉ")


def test_phone_comment_and_vote_are_confirmed_in_view(live_server, new_page):
    from news.models import Article
    from polls.models import Poll
    from tests.e2e.helpers import solve_captcha

    seed_demo()
    article = Article.objects.published().filter(allow_comments=True, republished=False).first()
    page = new_page("mobile")
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("form.news-comment-form")
    form.get_by_label("Họ và tên").fill("Lò Thị Hoa")
    form.locator("textarea").fill("Mong ban tổ chức thêm lớp tập huấn cho báo cáo viên ở xã.")
    solve_captcha(form)
    form.get_by_role("button", name="Gửi ý kiến").click()
    sent = page.locator("#binh-luan-da-gui")
    expect(sent).to_be_in_viewport()
    expect(sent).to_be_focused()
    save_shot(page, "article-commented-360")

    poll = Poll.objects.open_now().filter(kind=Poll.Kind.SINGLE).first()
    page.goto(live_server.url + poll.get_absolute_url())
    main = page.locator("main")
    main.locator("input[name=choice]").first.check()
    main.get_by_role("button", name="Bình chọn").click()
    expect(main.locator(".poll-results [data-total]")).to_be_visible()
    page.reload()
    results = main.locator(".poll-results [data-total]")
    expect(results).to_be_visible()
    results.scroll_into_view_if_needed()
    save_shot(page, "poll-voted-360")


def test_search_ranking_on_the_demo_content(client):
    """The phrase first on the demo's own texts; the figures are printed for the notes."""
    from django.utils.html import strip_tags

    from news import services

    seed_demo()

    for query in ("dang bo", "hoi nghi bao cao vien", "nghi quyet"):
        page = services.search_page(query, 1, 5)
        print(f"\n{query!r} ({page.paginator.count} bài viết):")
        for article in page.object_list:
            print(f"  {article.rank:.3f}  {article.title}")
    for query in ("dang bo", "hoi nghi bao cao vien"):
        top = services.search_page(query, 1, 5).object_list[0]
        text = strip_tags(f"{top.title} {top.lead} {top.body}")
        assert query in " ".join(services.query_terms(text)), (query, top.title)
