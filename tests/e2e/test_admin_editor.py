"""The admin as a NukeViet editor meets it: the dashboard, the list and the form at 1280 px."""

import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news import demo
from news.models import Article
from tests.e2e.helpers import admin_login
from tests.news.factories import CHIEF_EDITORS, EDITORS, ArticleFactory, CommentFactory, staff_user

pytestmark = pytest.mark.django_db(transaction=True)
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture
def newsroom():
    demo.seed(io.StringIO())
    editor = staff_user("bientap", EDITORS, first_name="Lan", last_name="Nguyễn Thị")
    staff_user("thuky", CHIEF_EDITORS, first_name="Hùng", last_name="Trần Văn")
    article = Article.objects.first()
    for index in range(3):
        ArticleFactory(
            title=f"Hội nghị quán triệt, triển khai Nghị quyết Trung ương lần thứ {index + 2}",
            category=article.category,
            author=editor,
            status=Article.Status.PENDING,
            published_at=None,
        )
    ArticleFactory(
        title="Lễ kỷ niệm ngày thành lập ngành Tuyên giáo của Đảng",
        category=article.category,
        author=editor,
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    CommentFactory.create_batch(2, article=article)
    return editor


def test_chief_editor_dashboard_list_and_form_at_1280(
    live_server, new_page, newsroom, axe_violations
):
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "thuky")
    page.goto(base + "/admin/")
    tile = page.locator("[data-tile=pending]")
    expect(tile).to_contain_text("Bài chờ duyệt")
    assert tile.get_attribute("data-count") == "3"
    # Looked at, then copied (quantised) to docs/screenshots/admin-*.png.
    page.screenshot(path=str(ARTIFACTS / "admin-dashboard-1280.png"))
    assert axe_violations(page, ".work-dashboard") == []

    tile.locator("a").click()
    page.wait_for_url("**trang_thai=pending**")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    # The navigation sidebar starts collapsed: the list has the whole width.
    assert page.locator("#nav-sidebar").get_attribute("aria-expanded") == "false"
    assert not page.locator("#nav-sidebar").is_visible()
    # Titles are readable: no column cut off, the title cell wide enough for a line of words.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    title_width = page.locator("#result_list tbody tr .field-title").first.bounding_box()["width"]
    assert title_width > 300
    page.goto(base + "/admin/news/article/")
    expect(page.locator("[data-status=scheduled]").first).to_have_text("Hẹn giờ")
    page.screenshot(path=str(ARTIFACTS / "admin-article-list-1280.png"))

    pending = Article.objects.filter(status=Article.Status.PENDING).first()
    page.goto(base + f"/admin/news/article/{pending.pk}/change/")
    buttons = page.locator(".workflow-row")
    for label in ("Lưu nháp", "Gửi duyệt", "Duyệt đăng", "Hẹn giờ đăng", "Trả lại…"):
        expect(buttons).to_contain_text(label)
    buttons.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "admin-article-form-1280.png"))
    assert axe_violations(page, ".workflow-row") == []
    page.get_by_role("button", name="Duyệt đăng").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã duyệt và đăng bài")
    pending.refresh_from_db()
    assert pending.is_public


PASTED = (
    '<p style="text-align:center">Hội nghị <span style="color:#b3101f">thành công tốt đẹp</span>'
    '</p><p style="text-align:right; font-size:40px">Ban Tuyên giáo</p><hr><p>© 2026 – “trích”</p>'
)


def paste_html(page, html):
    page.locator(".ck-editor__editable").first.click()
    page.evaluate(
        """(html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "x");
            document.querySelector(".ck-editor__editable").dispatchEvent(
                new ClipboardEvent(
                    "paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def test_pasted_alignment_and_colour_reach_the_reader_as_the_editor_showed_them(
    live_server, new_page, newsroom
):
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "bientap")
    page.goto(base + "/admin/news/article/add/")
    page.fill("#id_title", "Bài có căn giữa và chữ màu")
    page.select_option("#id_category", index=1)
    paste_html(page, PASTED)
    editable = page.locator(".ck-editor__editable")
    expect(editable.locator("hr")).to_have_count(1)
    centred = editable.locator("p", has_text="Hội nghị")
    assert centred.evaluate("(p) => getComputedStyle(p).textAlign") == "center"
    red = editable.locator("span", has_text="thành công")
    assert red.evaluate("(s) => getComputedStyle(s).color") == "rgb(179, 16, 31)"
    shown = page.evaluate("window.editors.id_body.getData()")
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gửi bài")
    article = Article.objects.get(title="Bài có căn giữa và chữ màu")
    assert article.body == shown
    assert 'style="text-align:center;"' in article.body and "color:#b3101f" in article.body
    assert "font-size" not in shown  # the editor did not show the pasted size either

    page.goto(base + f"/tin-tuc/xem-truoc/{article.pk}/")
    body = page.locator(".news-article__body")
    paragraph = body.locator("p", has_text="Hội nghị")
    assert paragraph.evaluate("(p) => getComputedStyle(p).textAlign") == "center"
    span = body.locator("span", has_text="thành công")
    assert span.evaluate("(s) => getComputedStyle(s).color") == "rgb(179, 16, 31)"
    expect(body.locator("hr")).to_have_count(1)
    right = body.locator("p", has_text="Ban Tuyên giáo")
    assert right.evaluate("(p) => getComputedStyle(p).textAlign") == "right"


def test_typed_text_survives_leaving_the_page_and_is_offered_back(live_server, new_page, newsroom):
    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "bientap")
    page.goto(base + "/admin/news/article/add/")
    page.fill("#id_title", "Bài đang viết dở")
    page.locator(".ck-editor__editable").click()
    page.keyboard.type("Đoạn văn bản quan trọng chưa lưu.")
    page.wait_for_function(
        "() => (localStorage.getItem('portal-autosave:/admin/news/article/add/') || '')"
        ".includes('quan trọng')"
    )
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.goto(base + "/admin/")
    assert dialogs == ["beforeunload"]
    page.remove_listener("dialog", answer)

    page.goto(base + "/admin/news/article/add/")
    notice = page.locator(".autosave-notice")
    expect(notice).to_contain_text("Có bản lưu tạm")
    notice.get_by_role("button", name="Khôi phục bản lưu tạm").click()
    expect(page.locator("#id_title")).to_have_value("Bài đang viết dở")
    expect(page.locator(".ck-editor__editable")).to_contain_text("quan trọng chưa lưu")
    # Saving clears the copy: the next form starts clean, without an offer.
    page.select_option("#id_category", index=1)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã lưu nháp")
    page.goto(base + "/admin/news/article/add/")
    expect(page.locator("#id_title")).to_be_visible()
    assert page.locator(".autosave-notice").count() == 0


def test_media_chooser_inserts_a_library_image_with_its_description(
    live_server, new_page, newsroom
):
    from django.core.files.base import ContentFile

    from news.models import MediaImage
    from tests.news.test_uploads import image_bytes

    described = MediaImage(alt_text="Đại biểu dự hội nghị tổng kết")
    described.image.save("hoi-nghi.png", ContentFile(image_bytes(size=(300, 200))), save=True)
    bare = MediaImage()
    bare.image.save("le-hoi.png", ContentFile(image_bytes(size=(300, 200))), save=True)

    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "bientap")
    page.goto(base + "/admin/news/article/add/")
    page.fill("#id_title", "Bài có ảnh từ thư viện")
    page.select_option("#id_category", index=1)
    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    page.fill("#media-chooser-q", "hoi nghi tong ket")
    items = page.locator(".media-chooser .media-item")
    expect(items).to_have_count(1)
    items.first.click()
    expect(page.locator("#media-chooser-alt")).to_have_value(described.alt_text)
    page.get_by_role("button", name="Chèn ảnh", exact=True).click()
    image = page.locator(".ck-editor__editable figure.image img")
    expect(image).to_have_attribute("alt", described.alt_text)

    # An image without a description asks for one, which the library then keeps.
    page.get_by_role("button", name="Chèn ảnh từ thư viện").click()
    page.fill("#media-chooser-q", "")
    expect(items).to_have_count(2)
    page.locator(f".media-item[data-id='{bare.pk}']").click()
    page.get_by_role("button", name="Chèn ảnh", exact=True).click()
    expect(page.locator(".media-chooser-error")).to_contain_text("Hãy nhập mô tả ảnh")
    page.fill("#media-chooser-alt", "Lễ hội đường phố")
    page.get_by_role("button", name="Chèn ảnh", exact=True).click()
    expect(page.locator(".ck-editor__editable img[alt='Lễ hội đường phố']")).to_have_count(1)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã lưu nháp")
    article = Article.objects.get(title="Bài có ảnh từ thư viện")
    assert f'alt="{described.alt_text}"' in article.body
    assert described.image.url in article.body
    bare.refresh_from_db()
    assert bare.alt_text == "Lễ hội đường phố"


def test_slugs_appear_as_the_editor_types_and_match_the_server(live_server, new_page, newsroom):
    from tests.portal.test_slugs import SAMPLES

    base = live_server.url
    page = new_page("desktop")
    admin_login(page, base, "thuky")
    page.goto(base + "/admin/news/category/add/")
    page.locator("#id_name").press_sequentially("Chỉ thị 11/2026")
    expect(page.locator("#id_slug")).to_have_value("chi-thi-11-2026")
    for text, slug in SAMPLES.items():
        assert page.evaluate("(text) => window.vnSlug(text)", text) == slug, text
