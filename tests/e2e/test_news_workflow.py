"""An article's whole life: written in CKEditor 5, published, read, rated, commented."""

import io
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from news import demo
from news.models import Article, Category, Comment
from tests.e2e.helpers import admin_login, load_lazy_images, photo, wait_until
from tests.news.factories import CHIEF_EDITORS, EDITORS, staff_user

ARTIFACTS = Path(__file__).parent / "artifacts"
TITLE = "Hội nghị tuyên truyền kỷ niệm ngày thành lập Đảng bộ tỉnh"
CAPTION = "Đại biểu biểu quyết thông qua kế hoạch tuyên truyền"


def write_article(page, base, tmp_path):
    page.goto(base + "/admin/news/article/add/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", label="Hội nghị - Sự kiện")
    page.fill("#id_lead", "Sáng nay, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị triển khai kế hoạch.")
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.type("Hội nghị đã thống nhất kế hoạch tuyên truyền trong toàn tỉnh.")
    page.keyboard.press("Enter")
    page.locator(".ck-file-dialog-button input[type=file]").first.set_input_files(
        photo(tmp_path, name="hoi-nghi.png")
    )
    page.wait_for_selector(".ck-editor__editable figure.image img[src*='/media/news/anh/']")
    page.locator(".ck-editor__editable figure.image img").first.click()
    page.get_by_role("button", name="Hiện chú thích").click()
    page.keyboard.type(CAPTION)
    page.fill("#id_byline", "Tin, ảnh: Minh Anh")
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_selector(".messagelist")


@pytest.mark.django_db(transaction=True)
def test_editor_writes_chief_publishes_reader_finds_rates_and_comments(
    live_server, new_page, screenshot, tmp_path
):
    demo.seed(io.StringIO())
    staff_user("bientap", EDITORS)
    staff_user("thuky", CHIEF_EDITORS)
    base = live_server.url

    editor = new_page("desktop")
    admin_login(editor, base, "bientap")
    write_article(editor, base, tmp_path)
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert f"<figcaption>{CAPTION}</figcaption>" in article.body

    chief = new_page("desktop")
    admin_login(chief, base, "thuky")
    chief.goto(base + "/admin/news/article/?status__exact=pending")
    chief.check(f"input[name=_selected_action][value='{article.pk}']")
    chief.select_option("select[name=action]", "publish_selected")
    chief.click("button[name=index]")
    chief.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    reader = new_page("desktop")
    category = Category.objects.get(name="Hội nghị - Sự kiện")
    reader.goto(base + category.get_absolute_url())
    reader.get_by_role("link", name=TITLE).first.click()
    reader.wait_for_url(f"**{article.get_absolute_url()}")
    assert reader.locator(".news-article__body figcaption").inner_text() == CAPTION

    reader.goto(base + "/tim-kiem/?q=ky niem thanh lap dang bo")
    result = reader.locator(".news-search__result").first
    assert TITLE in result.inner_text()
    assert result.locator("mark").count() >= 2
    result.locator(".news-search__title a").click()

    reader.get_by_role("button", name="4 sao").click()
    assert "Cảm ơn bạn đã đánh giá" in reader.locator(".messages").inner_text()
    assert reader.locator("[data-rating-count]").get_attribute("data-rating-count") == "1"
    assert reader.locator("[data-rating-total]").get_attribute("data-rating-total") == "4"

    # Reading the page created no captcha challenge; starting a comment fetches one.
    assert reader.locator("input[name=captcha_0]").count() == 0
    assert not CaptchaStore.objects.exists()
    reader.fill("#id_name", "Nguyễn Thị Lan")
    text = "Kế hoạch rất thiết thực, mong sớm triển khai ở cơ sở."
    reader.fill("#id_text", text)
    # Retried: the reloaded page's script may run just after the fields are filled.
    counter = reader.locator(".news-comment-form__counter")
    expect(counter).to_contain_text(f"Còn lại {1000 - len(text)} ký tự")
    answer = reader.get_by_label("Mã xác nhận")
    answer.wait_for()
    image = reader.locator(".news-comment-form img[data-captcha-image]")
    wait_until(reader, "(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    key = reader.locator("input[name=captcha_0]").input_value()
    assert CaptchaStore.objects.filter(hashkey=key).exists()
    reader.get_by_role("button", name="Đổi mã khác").click()
    wait_until(
        reader, "(key) => document.querySelector('input[name=captcha_0]').value !== key", key
    )
    key = reader.locator("input[name=captcha_0]").input_value()
    reader.locator(".news-comment-form").screenshot(path=str(ARTIFACTS / "news-comment-form.png"))
    answer.fill(CaptchaStore.objects.get(hashkey=key).response)
    reader.get_by_role("button", name="Gửi ý kiến").click()
    expect(reader.locator("#binh-luan-da-gui")).to_contain_text("sẽ được biên tập trước khi đăng")
    assert "Kế hoạch rất thiết thực" not in reader.locator(".news-comments__list").all_inner_texts()

    comment = Comment.objects.get(article=article)
    chief.goto(base + "/admin/news/comment/")
    chief.check(f"input[name=_selected_action][value='{comment.pk}']")
    chief.select_option("select[name=action]", "approve_selected")
    chief.click("button[name=index]")
    chief.wait_for_selector(".messagelist")

    reader.goto(base + article.get_absolute_url())
    assert "Kế hoạch rất thiết thực" in reader.locator(".news-comments__list").inner_text()

    for viewport in ("mobile", "desktop"):
        page = new_page(viewport)
        page.goto(base + article.get_absolute_url())
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        load_lazy_images(page)
        screenshot(page, f"news-article-{viewport}")
    page.goto(base + category.get_absolute_url())
    screenshot(page, "news-category-desktop")
    # A demo article with its cover, inline photo, tags and related articles.
    rich = Article.objects.published().exclude(cover="").filter(tags__isnull=False).first()
    page.goto(base + rich.get_absolute_url())
    load_lazy_images(page)
    screenshot(page, "news-article-demo-desktop")
