"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# The flags a closed network needs: no background connections, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/system-packages --test installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


_axe = Axe()


PHONE_WIDTH = 390

# What sticks out at phone width: the widest elements beyond the viewport's right edge.
_WIDE = """() => {
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (['auto', 'hidden', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; }
    return false; };
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(e => !clipped(e))
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (typeof e.className === 'string' && e.className
         ? '.' + e.className.split(' ').join('.') : ''));
}"""


def check_accessibility(page, name: str) -> None:
    """No serious or critical axe violation; no horizontal scroll at 390 px (a phone); a
    screenshot for people to look at (and one at phone width)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"{name} ({page.url}):\n" + "\n".join(bad)
    check_phone_width(page, name)


def check_phone_width(page, name: str) -> None:
    """At 390 px wide the document does not scroll sideways; the viewport is restored."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": viewport["height"]})
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        inner_width = page.evaluate("window.innerWidth")
        if scroll_width > inner_width:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-390.png"), full_page=True)
        wide = page.evaluate(_WIDE) if scroll_width > inner_width else []
        assert scroll_width <= inner_width, (
            f"{name} ({page.url}) scrolls sideways at {PHONE_WIDTH} px: "
            f"{scroll_width} > {inner_width}; too wide: {wide}"
        )
    finally:
        page.set_viewport_size(viewport)
