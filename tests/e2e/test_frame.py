import pytest

from tests.e2e.helpers import no_sideways_scroll


@pytest.mark.django_db(transaction=True)
def test_home_frame_renders_at_mobile_and_desktop(live_server, new_page, viewport, screenshot):
    page = new_page(viewport)
    page.goto(live_server.url + "/")
    assert page.locator("header.site-header").is_visible()
    assert "Thứ" in page.locator(".today").inner_text()
    assert no_sideways_scroll(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    screenshot(page, f"frame-home-{viewport}")
