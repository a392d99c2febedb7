import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from portal.models import SiteSettings, contrast
from tests.readers import BROWSER

pytestmark = pytest.mark.django_db


def png(size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def identity():
    row = SiteSettings.get_solo()
    row.site_name = "Cổng thông tin Ban Tuyên giáo Tỉnh ủy Hòa Bình"
    row.primary_color = "#0b4f8a"
    row.accent_color = "#ffd166"
    row.emblem.save("huy-hieu.png", ContentFile(png()), save=False)
    row.header_image.save("dau-trang.png", ContentFile(png((1200, 160))), save=False)
    row.save()
    return row


def test_the_public_site_and_the_admin_use_the_departments_identity(client, admin_client, identity):
    home = client.get("/", **BROWSER).content.decode()
    theme_url = f"{reverse('theme_css')}?v={identity.theme_version}"
    assert theme_url in home
    assert identity.emblem.url in home and "Hòa Bình" in home
    admin_page = admin_client.get(reverse("admin:index")).content.decode()
    assert theme_url in admin_page and identity.emblem.url in admin_page
    assert "Quản trị Cổng thông tin Ban Tuyên giáo Tỉnh ủy Hòa Bình" in admin_page

    css = client.get(theme_url, **BROWSER)
    assert css["Content-Type"].startswith("text/css")
    text = css.content.decode()
    assert "--red: #0b4f8a;" in text and "--gold: #ffd166;" in text
    assert "--header-bg: #0b4f8a;" in text and identity.header_image.url in text


def test_the_theme_url_changes_with_the_colours(identity):
    before = identity.theme_version
    identity.primary_color = "#7a1020"
    assert identity.theme_version != before


def test_favicon_is_the_emblem(client, identity):
    response = client.get("/favicon.ico", **BROWSER)
    assert response.status_code == 302 and response.url == identity.emblem.url


def test_favicon_falls_back_to_the_default_emblem(client):
    response = client.get("/favicon.ico", **BROWSER)
    assert response.status_code == 302 and response.url.endswith("emblem.svg")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("primary_color", "#f5d0d0", "Màu chính quá nhạt"),
        ("accent_color", "#222222", "Màu nhấn quá đậm"),
        ("primary_color", "đỏ", "Nhập mã màu dạng #RRGGBB"),
    ],
)
def test_unreadable_or_malformed_colours_are_refused_in_vietnamese(
    admin_client, field, value, message
):
    from django.forms.models import model_to_dict

    row = SiteSettings.get_solo()
    data = {
        k: v
        for k, v in model_to_dict(row).items()
        if v is not None and k not in ("emblem", "header_image")
    }
    data[field] = value
    response = admin_client.post(reverse("admin:portal_sitesettings_change"), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_contrast_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#b3101f", "#ffffff") > 4.5
