"""Planned downtime: staff announce it, every page shows it until it ends."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.models import MaintenanceNotice, working_days_between
from tests.readers import BROWSER

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Announced Monday 23/11/2026 09:00 for Saturday 05/12/2026 22:00 to Sunday 06:00.
ANNOUNCED = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
STARTS = datetime.datetime(2026, 12, 5, 22, 0, tzinfo=TZ)
ENDS = datetime.datetime(2026, 12, 6, 6, 0, tzinfo=TZ)
PAGES = ["/", "/tin-tuc/", "/van-ban/", "/tai-khoan/dang-nhap/", "/khong-co-trang-nay/"]


@pytest.fixture
def notice(db):
    return MaintenanceNotice.objects.create(
        starts_at=STARTS,
        ends_at=ENDS,
        shown_from=ANNOUNCED,
        message="để nâng cấp hệ thống máy chủ.",
    )


def notice_on(client, path):
    html = client.get(path, **BROWSER).content.decode()
    if 'class="maintenance-notice"' not in html:
        return None
    return html.split('class="maintenance-notice"', 1)[1].split("</section>", 1)[0]


def test_the_notice_shows_on_every_page_from_its_announcement_until_it_ends(client, notice):
    with time_machine.travel(ANNOUNCED - datetime.timedelta(minutes=1), tick=False):
        assert notice_on(client, "/") is None
    with time_machine.travel(ANNOUNCED + datetime.timedelta(days=3), tick=False):
        for path in PAGES:
            shown = notice_on(client, path)
            assert shown is not None, path
            assert "Thông báo tạm dừng hoạt động" in shown
            assert "Thứ Bảy, 05/12/2026 22:00" in shown
            assert "Chủ Nhật, 06/12/2026 06:00" in shown
            assert "để nâng cấp hệ thống máy chủ." in shown
    with time_machine.travel(STARTS + datetime.timedelta(hours=1), tick=False):
        assert "Cổng thông tin đang bảo trì" in notice_on(client, "/van-ban/")
    with time_machine.travel(ENDS, tick=False):
        for path in PAGES:
            assert notice_on(client, path) is None, path


def test_a_switched_off_notice_is_not_shown(client, notice):
    notice.is_active = False
    notice.save()
    with time_machine.travel(STARTS, tick=False):
        assert notice_on(client, "/") is None


def test_a_new_notice_shows_at_once_on_a_warm_page(client, db):
    with time_machine.travel(ANNOUNCED, tick=False):
        assert notice_on(client, "/tin-tuc/") is None
        MaintenanceNotice.objects.create(starts_at=STARTS, ends_at=ENDS, shown_from=ANNOUNCED)
        assert "05/12/2026 22:00" in notice_on(client, "/tin-tuc/")


def test_working_days_skip_weekends():
    friday = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=TZ)
    assert working_days_between(friday, friday + datetime.timedelta(days=3)) == 1
    assert working_days_between(ANNOUNCED, STARTS) == 9


def admin_add(admin_client, **fields):
    data = {
        "starts_at_0": "05/12/2026",
        "starts_at_1": "22:00",
        "ends_at_0": "06/12/2026",
        "ends_at_1": "06:00",
        "shown_from_0": "30/11/2026",
        "shown_from_1": "09:00",
        "message": "để nâng cấp hệ thống.",
        "is_active": "on",
        **fields,
    }
    return admin_client.post(reverse("admin:portal_maintenancenotice_add"), data, follow=True)


def test_staff_are_warned_when_the_notice_is_shorter_than_the_rules_ask(admin_client):
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=TZ), tick=False):
        page = admin_add(admin_client).content.decode()
    assert MaintenanceNotice.objects.count() == 1
    assert "chưa đủ 7 ngày làm việc" in page


def test_an_end_before_the_start_is_refused_in_vietnamese(admin_client):
    page = admin_add(admin_client, ends_at_0="04/12/2026").content.decode()
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in page
    assert MaintenanceNotice.objects.count() == 0
