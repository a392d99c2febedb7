"""The planned-downtime notice in a real browser: readable at 360 px, no axe violation."""

import datetime

import pytest
from django.utils import timezone

from portal.models import MaintenanceNotice


@pytest.mark.django_db(transaction=True)
def test_the_notice_fits_a_phone_and_passes_axe(
    live_server, new_page, viewport, axe_violations, screenshot
):
    starts = timezone.now() + datetime.timedelta(days=10)
    MaintenanceNotice.objects.create(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        message="để nâng cấp hệ thống máy chủ. Bạn đọc vẫn xem được tin đã đăng.",
    )
    page = new_page(viewport)
    page.goto(live_server.url + "/")
    notice = page.get_by_role("region", name="Thông báo tạm dừng hoạt động")
    assert notice.is_visible()
    assert "để nâng cấp hệ thống máy chủ." in notice.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    screenshot(page, f"maintenance-notice-{viewport}")
