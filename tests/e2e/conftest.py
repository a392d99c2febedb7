"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Skipped, with a plain message, when /usr/bin/chromium is absent (`.ci/run` installs it).
Screenshots go to tests/e2e/artifacts/ (not committed).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Headless Chromium announces itself as "HeadlessChrome", which the bot filter refuses.
READER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36"
)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 360, "height": 740}}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason=f"browser tests skipped: Chromium not found at {CHROMIUM}")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            if not Path(CHROMIUM).exists():
                item.add_marker(skip)


def pytest_collection_finish(session):
    if not Path(CHROMIUM).exists() and any("e2e" in i.keywords for i in session.items):
        print(f"\n*** Browser tests SKIPPED: Chromium not found at {CHROMIUM} ***")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request):
    return request.param


# Every page of every browser test reports Content-Security-Policy violations to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}` +
    ` (${event.sourceFile || ""}:${event.lineNumber || ""} ${event.sample || ""})`
  );
});
"""


def watch_csp(context, violations):
    context.expose_binding("__reportCspViolation", lambda source, text: violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.on(
        "console",
        lambda message: (
            violations.append(f"{message.text} [{message.page and message.page.url}]")
            if "Content Security Policy" in message.text
            else None
        ),
    )


@pytest.fixture
def csp_violations():
    """The CSP violations reported by every page this test opened (new_page adds them)."""
    return []


@pytest.fixture
def new_page(browser, csp_violations):
    """new_page(viewport_name) -> a fresh page in its own context (own cookies). At the end
    of the test, any Content-Security-Policy violation on its pages fails the test."""
    contexts = []

    def make(viewport="desktop", **kwargs):
        kwargs.setdefault("user_agent", READER_USER_AGENT)
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **kwargs
        )
        context.set_default_timeout(15_000)
        watch_csp(context, csp_violations)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not csp_violations, "Content-Security-Policy violations:\n" + "\n".join(
        dict.fromkeys(csp_violations)
    )


@pytest.fixture
def screenshot():
    """screenshot(page, name): saves tests/e2e/artifacts/<name>.png (full page)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_violations():
    """axe_violations(page, context=None) -> serious and critical axe-core violations, as
    readable lines; ``context`` (a CSS selector) limits the check to part of the page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context=None):
        results = axe.run(page, context=context)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(node["target"][0] for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return check
