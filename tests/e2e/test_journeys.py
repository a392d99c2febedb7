"""The four journeys of issue 7, end to end in Chromium, at 1280 px and at 360 px.

Each journey builds only the rows it needs (factories, not the whole demo) so the file
stays fast; the pages' finer behaviour is tested by each app's own browser tests.
"""

import re

import pytest
from playwright.sync_api import expect

from documents.models import Document
from news.models import Article, Comment
from polls.models import Vote
from tests.documents.factories import (
    DocumentFactory,
    DocumentFileFactory,
    make_reporter,
)
from tests.e2e.helpers import admin_login, no_sideways_scroll, photo, solve_captcha
from tests.news.factories import (
    CHIEF_EDITORS,
    EDITORS,
    ArticleFactory,
    CategoryFactory,
    staff_user,
)
from tests.polls.factories import PollFactory

READER_PASSWORD = "MatKhau#2024"  # tests.documents.factories.make_user


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Sign-ins are steps of the journeys, not the subject: skip the slow password hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Small steps shared by the journeys.


def menu_link(page, name):
    """The main menu's link; at 360 px the menu is folded behind its "Danh mục" toggle."""
    nav = page.get_by_role("navigation", name="Chuyên mục chính")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        more = nav.get_by_role("button", name="Thêm")
        # On a wide screen what does not fit on one row is under "Thêm".
        (more if more.is_visible() else nav.locator(".main-nav__toggle-label")).click()
        expect(link).to_be_visible()
    return link


def login_from_box(page, username):
    box = page.locator("aside.sidebar .reporter-box")
    expect(box).to_contain_text("Đăng nhập để sử dụng tài liệu Báo cáo viên")
    box.get_by_label("Tên đăng nhập").fill(username)
    box.get_by_label("Mật khẩu").fill(READER_PASSWORD)
    box.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".reporter-box")).to_contain_text("Xin chào")


def download(page, link):
    with page.expect_download() as info:
        link.click()
    result = info.value
    with open(result.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    return result


# The reader.

ARTICLE_TITLE = "Tổng kết công tác tuyên giáo năm 2026 tại huyện Thuận Châu"
PUBLIC_FILE = "Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng bộ tỉnh.pdf"


@pytest.mark.django_db(transaction=True)
def test_reader_reads_rates_comments_searches_and_downloads(
    live_server, new_page, viewport, screenshot
):
    category = CategoryFactory(name="Sơ kết - Tổng kết", order=0)
    ArticleFactory.create_batch(3, category=category)
    article = ArticleFactory(
        title=ARTICLE_TITLE,
        category=category,
        lead="Hội nghị đánh giá kết quả công tác tuyên giáo và đề ra nhiệm vụ năm tới.",
    )
    document = DocumentFactory(
        code="KH.120.BTGTU", summary="Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng bộ tỉnh"
    )
    DocumentFileFactory(document=document, original_name=PUBLIC_FILE)
    base = live_server.url
    page = new_page(viewport)

    page.goto(base + "/")
    screenshot(page, f"journey-reader-1-home-{viewport}")
    menu_link(page, category.name).click()
    expect(page).to_have_url(base + category.get_absolute_url())
    expect(page.locator("h1")).to_contain_text(category.name)
    assert no_sideways_scroll(page)
    screenshot(page, f"journey-reader-2-category-{viewport}")

    page.locator("main").get_by_role("link", name=ARTICLE_TITLE).first.click()
    expect(page).to_have_url(base + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text(ARTICLE_TITLE)

    page.get_by_role("button", name="4 sao").click()
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá")
    expect(page.locator("[data-rating-total]")).to_have_attribute("data-rating-total", "4")

    form = page.locator("form.news-comment-form")
    form.get_by_label("Họ và tên").fill("Trần Văn Bình")
    form.locator("textarea").fill("Bài viết nêu rõ kết quả, mong được phổ biến tới cơ sở.")
    solve_captcha(form)
    form.get_by_role("button", name="Gửi ý kiến").click()
    # The thank-you is next to the form, in view, focused so that screen readers read it.
    sent = page.locator("#binh-luan-da-gui")
    expect(sent).to_contain_text("sẽ được biên tập trước khi đăng")
    expect(sent).to_be_in_viewport()
    expect(sent).to_be_focused()
    expect(page.locator(".messages")).not_to_contain_text("bình luận")
    assert Comment.objects.filter(article=article, name="Trần Văn Bình").exists()
    assert no_sideways_scroll(page)
    screenshot(page, f"journey-reader-3-article-{viewport}")

    # Typed without diacritics, as many readers do on a phone.
    search = page.locator("header").get_by_role("searchbox")
    search.fill("tuyen giao thuan chau")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=tuyen\+giao"))
    result = page.locator(".news-search__result").filter(has_text=ARTICLE_TITLE)
    expect(result).to_have_count(1)
    screenshot(page, f"journey-reader-4-search-{viewport}")

    menu_link(page, "Văn bản").click()
    page.locator("main").get_by_role("link", name=document.summary).click()
    expect(page.locator("h1")).to_contain_text(document.code)
    got = download(page, page.locator("main a.document-file__download").first)
    assert got.suggested_filename == PUBLIC_FILE
    screenshot(page, f"journey-reader-5-document-{viewport}")


# The reporter.


@pytest.mark.django_db(transaction=True)
def test_reporter_signs_in_from_the_box_downloads_and_stays_signed_in(
    live_server, new_page, viewport, screenshot
):
    make_reporter("baocaovien_hanh")
    document = DocumentFactory(
        code="ĐC.09.BTGTU",
        summary="Đề cương tuyên truyền kỷ niệm ngày thành lập Đảng bộ tỉnh",
        access=Document.Access.REPORTERS,
    )
    DocumentFileFactory(document=document, original_name="Đề cương tuyên truyền.pdf")
    base = live_server.url
    page = new_page(viewport)
    # The countdown runs on the page's own clock (30 minutes, warned 60 s before).
    page.clock.install()

    page.goto(base + "/")
    login_from_box(page, "baocaovien_hanh")
    expect(page).to_have_url(base + "/")
    screenshot(page, f"journey-reporter-1-signed-in-{viewport}")

    page.locator("aside.sidebar .new-documents").get_by_role("link", name=document.code).click()
    expect(page.locator("h1")).to_contain_text(document.code)
    got = download(page, page.locator("main a.document-file__download").first)
    assert got.suggested_filename == "Đề cương tuyên truyền.pdf"

    dialog = page.get_by_role("alertdialog")
    page.wait_for_load_state()  # the countdown starts with the page's script
    page.clock.run_for("29:05")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Thời gian chờ")
    assert no_sideways_scroll(page)
    screenshot(page, f"journey-reporter-2-countdown-{viewport}")
    with page.expect_response(re.compile(r"/tai-khoan/gia-han/$")) as keepalive:
        dialog.get_by_role("button", name="Tiếp tục làm việc").click()
    assert keepalive.value.status == 200
    expect(dialog).to_be_hidden()

    # The next warning comes after the first deadline had passed: still signed in.
    page.clock.run_for("29:05")
    expect(dialog).to_be_visible()
    page.reload()
    expect(page.locator(".reporter-box")).to_contain_text("Xin chào")
    download(page, page.locator("main a.document-file__download").first)


# The citizen.


@pytest.mark.django_db(transaction=True)
def test_citizen_votes_from_the_home_page_and_sees_the_results(
    live_server, new_page, viewport, screenshot
):
    poll = PollFactory(
        question="Bạn thường theo dõi tin tức của tỉnh qua kênh nào?",
        choices=["Cổng thông tin điện tử", "Mạng xã hội", "Báo in, phát thanh"],
    )
    base = live_server.url
    page = new_page(viewport)

    page.goto(base + "/")
    block = page.locator("aside.sidebar .polls-block")
    block.scroll_into_view_if_needed()
    block.get_by_label("Cổng thông tin điện tử").check()
    block.get_by_role("button", name="Bình chọn").click()
    expect(block.locator(f'.poll[data-poll="{poll.pk}"]')).to_contain_text(
        "Cảm ơn bạn đã tham gia bình chọn!"
    )
    results = block.locator(".poll-results")
    expect(results.locator("[data-total]")).to_have_attribute("data-total", "1")
    screenshot(page, f"journey-citizen-1-voted-{viewport}")

    results.get_by_role("link", name="Xem chi tiết").click()
    expect(page).to_have_url(re.compile(rf"/tham-do/{poll.pk}/"))
    main = page.locator("main")
    expect(main).to_contain_text(poll.question)
    expect(main.locator('[data-percent="100"]')).to_contain_text("Cổng thông tin điện tử")
    assert Vote.objects.filter(poll=poll).count() == 1
    assert no_sideways_scroll(page)
    screenshot(page, f"journey-citizen-2-results-{viewport}")


# The editor and the chief editor.

NEW_TITLE = "Ra mắt Tổ báo cáo viên cơ sở tại xã Mường Khiêng"
CAPTION = "Các báo cáo viên nhận quyết định tại buổi ra mắt"


@pytest.mark.django_db(transaction=True)
def test_editor_writes_with_a_captioned_photo_chief_publishes_home_shows_it(
    live_server, new_page, viewport, tmp_path, screenshot
):
    staff_user("bientap_lan", EDITORS)
    staff_user("thuky_hung", CHIEF_EDITORS)
    category = CategoryFactory(name="Tin hoạt động", order=0)
    ArticleFactory.create_batch(2, category=category)
    base = live_server.url

    # An anonymous reader puts the home page in the page cache first.
    reader = new_page(viewport)
    reader.goto(base + "/")
    expect(reader.locator("main")).not_to_contain_text(NEW_TITLE)

    editor = new_page(viewport)
    admin_login(editor, base, "bientap_lan")
    editor.goto(base + "/admin/news/article/add/")
    editor.fill("#id_title", NEW_TITLE)
    editor.select_option("#id_category", label=category.name)
    editor.fill("#id_lead", "Sáng nay, xã Mường Khiêng ra mắt Tổ báo cáo viên cơ sở.")
    editor.locator(".ck-editor__editable").first.click()
    editor.keyboard.type("Tổ gồm 12 báo cáo viên là cán bộ xã, trưởng bản và giáo viên.")
    editor.keyboard.press("Enter")
    if not editor.locator(".ck-file-dialog-button").count():
        # At 360 px CKEditor folds the toolbar's tail into a "more items" dropdown.
        editor.locator(".ck-toolbar__grouped-dropdown > button").first.click()
    upload = editor.locator(".ck-file-dialog-button input[type=file]").first
    upload.set_input_files(photo(tmp_path, variant=4))
    image = editor.locator(".ck-editor__editable figure.image img[src*='/media/news/']")
    image.wait_for()
    image.click()
    editor.get_by_role("button", name="Hiện chú thích").click()
    editor.keyboard.type(CAPTION)
    screenshot(editor, f"journey-editor-1-writing-{viewport}")
    editor.get_by_role("button", name="Gửi duyệt").click()
    expect(editor.locator(".messagelist")).to_be_visible()
    article = Article.objects.get(title=NEW_TITLE)
    assert article.status == Article.Status.PENDING
    assert f"<figcaption>{CAPTION}</figcaption>" in article.body

    chief = new_page(viewport)
    admin_login(chief, base, "thuky_hung")
    chief.goto(base + "/admin/news/article/?status__exact=pending")
    chief.check(f"input[name=_selected_action][value='{article.pk}']")
    chief.select_option("select[name=action]", "publish_selected")
    chief.click("button[name=index]")
    expect(chief.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    # Publishing bumped the news version: the next reader gets the new article.
    reader.goto(base + "/")
    link = reader.locator("main").get_by_role("link", name=NEW_TITLE).first
    expect(link).to_be_visible()
    screenshot(reader, f"journey-editor-2-home-{viewport}")
    link.click()
    expect(reader.locator("main figure figcaption")).to_have_text(CAPTION)
    assert no_sideways_scroll(reader)
    screenshot(reader, f"journey-editor-3-article-{viewport}")
