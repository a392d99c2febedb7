import pytest
from django.core.exceptions import ValidationError

from pages.models import Page

from .factories import LeaderFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_nested_pages_have_stable_vietnamese_urls(client):
    intro = PageFactory(title="Giới thiệu")
    child = PageFactory(title="Cơ cấu tổ chức", parent=intro)
    assert intro.get_absolute_url() == "/gioi-thieu/"
    assert child.get_absolute_url() == "/gioi-thieu/co-cau-to-chuc/"
    html = client.get("/gioi-thieu/").content.decode()
    assert '<h1 class="news-section__title">Giới thiệu</h1>' in html
    assert 'href="/gioi-thieu/co-cau-to-chuc/"' in html  # the subpage list
    child_html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in child_html  # breadcrumb


def test_renaming_a_parent_moves_its_children():
    intro = PageFactory(title="Giới thiệu")
    child = PageFactory(title="Lãnh đạo", parent=intro)
    intro.slug = "ve-chung-toi"
    intro.save()
    child.refresh_from_db()
    assert child.path == "ve-chung-toi/lanh-dao"


def test_unpublished_and_unknown_pages_are_404(client):
    PageFactory(title="Bản nháp", is_published=False)
    assert client.get("/ban-nhap/").status_code == 404
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert client.get("/gioi-thieu/khong-co/").status_code == 404


def test_page_body_is_sanitised():
    page = PageFactory(body='<p onclick="x()">Chào</p><script>alert(1)</script>')
    assert page.body == "<p>Chào</p>"


def test_a_page_cannot_take_an_address_of_the_portal():
    page = Page(title="Tin tức", slug="tin-tuc")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "đã được dùng cho phần khác của cổng" in str(error.value)


def test_a_page_cannot_be_its_own_ancestor():
    top = PageFactory(title="Giới thiệu")
    child = PageFactory(title="Con", parent=top)
    top.parent = child
    with pytest.raises(ValidationError, match="không thể nằm trong chính nó"):
        top.full_clean()


def test_duplicate_address_is_refused_with_a_message():
    PageFactory(title="Liên hệ")
    with pytest.raises(ValidationError, match="Đã có trang ở địa chỉ /lien-he/"):
        Page(title="Liên hệ").full_clean()


def test_leaders_page_lists_active_leaders_in_order(client):
    PageFactory(title="Lãnh đạo", layout=Page.Layout.LEADERS)
    LeaderFactory(name="Người thứ hai", order=2)
    LeaderFactory(name="Người thứ nhất", order=1)
    LeaderFactory(name="Đã nghỉ hưu", is_active=False)
    html = client.get("/lanh-dao/").content.decode()
    assert html.index("Người thứ nhất") < html.index("Người thứ hai")
    assert "Đã nghỉ hưu" not in html
    assert 'alt="Ảnh chân dung Người thứ nhất"' in html


def test_menu_shows_top_pages_marked_for_it(client):
    PageFactory(title="Giới thiệu", show_in_menu=True)
    PageFactory(title="Chính sách bảo mật", show_in_menu=False)
    nav = client.get("/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/gioi-thieu/"' in nav
    assert "/chinh-sach-bao-mat/" not in nav


def test_menu_follows_an_editors_change(client):
    page = PageFactory(title="Giới thiệu", show_in_menu=False)
    client.get("/")
    page.show_in_menu = True
    page.save()
    assert 'href="/gioi-thieu/"' in client.get("/").content.decode().split("</nav>")[0]


def test_footer_links_to_the_privacy_notice(client):
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert 'href="/chinh-sach-bao-mat/"' in footer


def test_pages_are_in_the_sitemap(client):
    PageFactory(title="Giới thiệu")
    PageFactory(title="Ẩn", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/gioi-thieu/</loc>" in xml
    assert "/an/</loc>" not in xml


def test_site_search_finds_pages_without_accents(client):
    PageFactory(title="Chính sách bảo mật", body="<p>Bảo vệ dữ liệu cá nhân của bạn đọc.</p>")
    html = client.get("/tim-kiem/", {"q": "du lieu ca nhan"}).content.decode()
    assert 'href="/chinh-sach-bao-mat/"' in html
    assert "Không tìm thấy kết quả" not in html
