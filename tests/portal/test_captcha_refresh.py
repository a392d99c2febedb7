"""The captcha refresh endpoint writes a row per call: one address gets a bounded number."""

import datetime

import pytest
import time_machine
from captcha.models import CaptchaStore

# Inside one of django-ratelimit's clock-aligned windows: a run that crossed into the next
# window would start a new count half-way.
IN_ONE_WINDOW = datetime.datetime(2026, 12, 4, 9, 0, 5, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_captcha_refresh_is_rate_limited_per_address(client):
    with time_machine.travel(IN_ONE_WINDOW, tick=False):
        statuses = [
            client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code
            for _ in range(25)
        ]
        assert statuses[:20] == [200] * 20
        assert set(statuses[20:]) == {429}
        assert CaptchaStore.objects.count() == 20
        # Another address is not punished for the first one's clicks.
        other = client.get(
            "/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest", REMOTE_ADDR="10.1.2.3"
        )
        assert other.status_code == 200
        assert "Vui lòng đợi" in client.get("/captcha/refresh/").content.decode()
