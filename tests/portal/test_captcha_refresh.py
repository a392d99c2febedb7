"""The captcha refresh endpoint writes a row per call: one address gets a bounded number."""

import pytest
from captcha.models import CaptchaStore


@pytest.mark.django_db
def test_captcha_refresh_is_rate_limited_per_address(client):
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
