import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import Banner, SiteSettings
from portal.templatetags.portal_tags import banners
from tests.readers import BROWSER

from .factories import BannerFactory

pytestmark = pytest.mark.django_db


def test_banner_outside_its_date_window_is_not_shown():
    now = timezone.now()
    day = timedelta(days=1)
    current = BannerFactory(active_from=now - day, active_until=now + day)
    BannerFactory(active_from=now + timedelta(days=1))  # not yet
    BannerFactory(active_until=now - timedelta(minutes=1))  # over
    BannerFactory(is_active=False)
    open_ended = BannerFactory()
    assert set(Banner.objects.active()) == {current, open_ended}


def test_banner_window_is_half_open_at_its_end():
    start = timezone.now()
    banner = BannerFactory(active_from=start, active_until=start + timedelta(hours=1))
    assert list(Banner.objects.active(at=start)) == [banner]
    assert list(Banner.objects.active(at=start + timedelta(hours=1))) == []


def test_banners_tag_is_cached_and_forgotten_when_an_editor_saves(django_assert_num_queries):
    banner = BannerFactory(title="Chuyển đổi số")
    assert banners("right")["banners"] == [banner]
    with django_assert_num_queries(0):
        assert banners("right")["banners"] == [banner]
    banner.is_active = False
    banner.save()
    assert banners("right")["banners"] == []


def test_site_settings_cost_no_query_after_the_first(client, django_assert_num_queries):
    site = SiteSettings.get_solo()
    site.licence = "Giấy phép số 08/GP-TTĐT"
    site.save()
    client.get("/")  # warms the cache
    with django_assert_num_queries(0):
        assert SiteSettings.get_solo().licence == "Giấy phép số 08/GP-TTĐT"


def test_footer_shows_the_site_settings(client):
    site = SiteSettings.get_solo()
    site.managing_body = "Tỉnh ủy"
    site.licence = "08/GP-TTĐT"
    site.licence_issued_on = datetime.date(2022, 4, 12)
    site.licence_issuer = "Sở Thông tin và Truyền thông"
    site.tin_nhiem_mang_url = "https://tinnhiemmang.vn/xac-nhan/123"
    site.responsible_person = "Nguyễn Văn An"
    site.address = "18 Trần Phú"
    site.phone = "0260 3 862 415"
    site.fax = "0260 3 862 416"
    site.email = "btg@example.vn"
    site.save()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in [
        "Cơ quan chủ quản: Tỉnh ủy",
        "Giấy phép số 08/GP-TTĐT ngày 12/04/2022 của Sở Thông tin và Truyền thông",
        'href="https://tinnhiemmang.vn/xac-nhan/123"',
        'alt="Chứng nhận Tín Nhiệm Mạng"',
        "Chịu trách nhiệm chính: Nguyễn Văn An",
        "Địa chỉ: 18 Trần Phú",
        "Điện thoại:",
        "Fax: 0260 3 862 416",
        "btg@example.vn",
        "khi phát hành lại thông tin",
    ]:
        assert text in footer


def test_admin_home_warns_while_a_required_field_is_empty(admin_client):
    site = SiteSettings.get_solo()
    site.managing_body = ""
    site.licence_issuer = ""
    site.save()
    html = admin_client.get("/admin/").content.decode()
    assert "chưa đủ thông tin bắt buộc" in html
    assert "cơ quan chủ quản" in html and "cơ quan cấp giấy phép" in html
    for name, value in {
        "managing_body": "Tỉnh ủy",
        "responsible_person": "Nguyễn Văn An",
        "licence": "08/GP-TTĐT",
        "licence_issued_on": datetime.date(2022, 4, 12),
        "licence_issuer": "Sở Thông tin và Truyền thông",
        "address": "18 Trần Phú",
        "phone": "0260 3 862 415",
        "email": "btg@example.vn",
    }.items():
        setattr(site, name, value)
    site.save()
    assert "chưa đủ thông tin bắt buộc" not in admin_client.get("/admin/").content.decode()


def test_top_and_bottom_banners_frame_the_page_and_right_ones_sit_in_the_column(client):
    BannerFactory(title="Chào mừng Đại hội Đảng bộ tỉnh", position=Banner.Position.TOP)
    BannerFactory(title="Báo điện tử Đảng Cộng sản", position=Banner.Position.RIGHT)
    BannerFactory(title="Cổng dịch vụ công quốc gia", position=Banner.Position.BOTTOM)
    html = client.get("/tin-tuc/", **BROWSER).content.decode()
    places = [
        'alt="Chào mừng Đại hội Đảng bộ tỉnh"',
        '<main id="noi-dung"',
        '<aside class="sidebar"',
        'alt="Báo điện tử Đảng Cộng sản"',
        'alt="Cổng dịch vụ công quốc gia"',
        '<footer class="site-footer"',
    ]
    found = [html.find(place) for place in places]
    assert -1 not in found and found == sorted(found)
