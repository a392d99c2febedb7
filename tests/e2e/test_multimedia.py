"""Albums and videos in Chromium: the lightbox by keyboard, YouTube only after a click."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import no_sideways_scroll
from tests.multimedia.factories import AlbumFactory, PhotoFactory, VideoFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_lightbox_works_with_the_keyboard(live_server, new_page, viewport):
    album = AlbumFactory(title="Hội nghị báo cáo viên")
    for order in (1, 2, 3):
        PhotoFactory(album=album, caption=f"Chú thích {order}", order=order)
    page = new_page(viewport)
    page.goto(live_server.url + album.get_absolute_url())
    assert no_sideways_scroll(page)
    first = page.locator("[data-gallery-item]").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[data-lightbox]")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[data-lightbox-counter]")).to_have_text("Ảnh 1/3")
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text("Chú thích 1")
    page.keyboard.press("ArrowRight")
    expect(dialog.locator("[data-lightbox-counter]")).to_have_text("Ảnh 2/3")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(dialog.locator("[data-lightbox-counter]")).to_have_text("Ảnh 3/3")
    assert dialog.locator("[data-lightbox-image]").evaluate("img => img.alt") == "Chú thích 3"
    # Focus stays inside the open dialog, on its buttons.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('data-caption')") == "Chú thích 1"


def test_youtube_is_requested_only_after_the_readers_click(live_server, new_page):
    video = VideoFactory(file="", captions="", youtube_url="https://youtu.be/dQw4w9WgXcQ")
    page = new_page()
    outside = []
    # Nothing may leave the machine: record and refuse every request to another host.
    page.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    page.goto(live_server.url + video.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert outside == []
    page.get_by_role("button", name="Xem video").click()
    frame = page.locator(".video-frame iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"
    )
    page.wait_for_timeout(0)
    assert (
        any(url.startswith("https://www.youtube-nocookie.com/") for url in outside)
        or frame.count() == 1
    )


def test_uploaded_video_has_the_browsers_player_and_captions(live_server, new_page):
    video = VideoFactory()
    page = new_page("mobile")
    page.goto(live_server.url + video.get_absolute_url())
    player = page.locator("video")
    expect(player).to_have_attribute("controls", "")
    assert page.locator("video track[kind=captions]").count() == 1
    assert no_sideways_scroll(page)
