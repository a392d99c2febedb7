"""Reading aids in Chromium: text size and contrast remembered across pages, the listen button
only with a Vietnamese voice (speechSynthesis stubbed per test), nothing sent off the site."""

import pytest
from playwright.sync_api import expect

from tests.documents.factories import DocumentFactory
from tests.e2e.helpers import no_sideways_scroll
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "".join(
    f"<p>Đoạn {n}: Ban Tuyên giáo và Dân vận Tỉnh ủy triển khai nhiệm vụ trọng tâm. "
    "Các đảng ủy xã, phường tổ chức học tập nghị quyết.</p>"
    for n in range(12)
)

# A speechSynthesis of our own: the voices the test chooses, and a log of what was asked.
FAKE_SPEECH = """(voices) => {
  window.__speech = {spoken: [], calls: []};
  const synth = {
    paused: false, speaking: false,
    getVoices: () => voices,
    speak(u) {
      const voice = u.voice && u.voice.name;
      window.__speech.spoken.push({text: u.text, lang: u.lang, voice: voice});
      this.speaking = true;
    },
    pause() { this.paused = true; window.__speech.calls.push("pause"); },
    resume() { this.paused = false; window.__speech.calls.push("resume"); },
    cancel() { this.speaking = false; window.__speech.calls.push("cancel"); },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
}"""


def stub_voices(page, voices):
    page.add_init_script(f"({FAKE_SPEECH})({voices!r})".replace("'", '"'))


def keep_on_site(page, base):
    """Every request to another host is refused and recorded."""
    outside = []
    page.route(
        lambda url: not url.startswith(base),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    return outside


def body_font_size(page, selector=".news-article__body"):
    return page.locator(selector).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def test_text_size_and_contrast_persist_across_pages(live_server, new_page, viewport):
    first = ArticleFactory(body=BODY)
    second = ArticleFactory(body=BODY)
    document = DocumentFactory()
    page = new_page(viewport)
    outside = keep_on_site(page, live_server.url)
    page.goto(live_server.url + first.get_absolute_url())
    normal = body_font_size(page)
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    assert body_font_size(page) == pytest.approx(normal * 1.3, rel=0.02)
    page.get_by_role("button", name="Tương phản cao").click()
    expect(page.locator("html")).to_have_class("high-contrast")

    page.goto(live_server.url + second.get_absolute_url())
    assert body_font_size(page) == pytest.approx(normal * 1.3, rel=0.02)
    expect(page.locator("html")).to_have_class("high-contrast")
    expect(page.get_by_role("button", name="Tương phản cao")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert no_sideways_scroll(page)

    page.goto(live_server.url + document.get_absolute_url())
    assert page.evaluate("document.documentElement.dataset.readingSize") == "3"
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    page.goto(live_server.url + first.get_absolute_url())
    assert body_font_size(page) == pytest.approx(normal, rel=0.02)
    assert outside == []


def test_listen_button_reads_in_vietnamese_with_pause_and_resume(live_server, new_page):
    article = ArticleFactory(title="Hội nghị báo cáo viên", body=BODY)
    page = new_page()
    outside = keep_on_site(page, live_server.url)
    stub_voices(
        page, [{"name": "English", "lang": "en-US"}, {"name": "Tiếng Việt", "lang": "vi-VN"}]
    )
    page.goto(live_server.url + article.get_absolute_url())
    listen = page.get_by_role("button", name="Nghe đọc bài")
    expect(listen).to_be_visible()
    listen.click()
    spoken = page.evaluate("window.__speech.spoken")
    assert spoken[0]["lang"] == "vi-VN" and spoken[0]["voice"] == "Tiếng Việt"
    assert spoken[0]["text"].startswith("Hội nghị báo cáo viên")
    assert all(len(item["text"]) <= 240 for item in spoken)
    pause = page.locator("[data-listen-pause]")
    expect(pause).to_have_text("Tạm dừng")
    pause.click()
    expect(pause).to_have_text("Tiếp tục")
    pause.click()
    expect(pause).to_have_text("Tạm dừng")
    assert page.evaluate("window.__speech.calls").count("pause") == 1
    assert "resume" in page.evaluate("window.__speech.calls")
    page.get_by_role("button", name="Dừng đọc").click()
    expect(listen).to_be_visible()
    assert outside == []


@pytest.mark.parametrize(
    "voices", [[], [{"name": "English", "lang": "en-US"}]], ids=["none", "no-vi"]
)
def test_listen_button_is_hidden_without_a_vietnamese_voice(live_server, new_page, voices):
    article = ArticleFactory(body=BODY)
    page = new_page()
    stub_voices(page, voices)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("button", name="Tăng cỡ chữ")).to_be_visible()
    expect(page.locator("[data-listen]")).to_be_hidden()
