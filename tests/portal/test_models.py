from datetime import timedelta

import pytest
from django.utils import timezone

from portal.models import Banner, SiteSettings
from portal.templatetags.portal_tags import banners

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
    site.licence = "Giấy phép số 08/GP-TTĐT ngày 12/04/2022"
    site.responsible_person = "Nguyễn Văn An"
    site.address = "18 Trần Phú"
    site.phone = "0260 3 862 415"
    site.fax = "0260 3 862 416"
    site.email = "btg@example.vn"
    site.save()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in [
        "Giấy phép số 08/GP-TTĐT ngày 12/04/2022",
        "Chịu trách nhiệm chính: Nguyễn Văn An",
        "Địa chỉ: 18 Trần Phú",
        "Điện thoại:",
        "Fax: 0260 3 862 416",
        "btg@example.vn",
        "khi phát hành lại thông tin",
    ]:
        assert text in footer
