"""The try page's layout in headless Chromium: no sideways scroll in the
common laptop widths (the Echo Show screen scales down to its column), and a
missing piece (Graphviz for the decision flow) shown as its message where the
piece would be, never as a broken image. Screenshots go where
tests/test_try_browser.py puts its own (TRY_SCREENSHOTS=docs/try for the docs)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests import test_try_browser as browser
from tests.test_chat import back_spasm
from tests.test_try_browser import WINDOW, Page, free_port

# The browser, the page's server and the loaded page: test_try_browser's fixtures, one of each here too.
driver, server, screenshots, loaded_page, page = browser.driver, browser.server, browser.screenshots, browser.loaded_page, browser.page

WIDTHS = (1280, 1400)


def overflow(page: Page) -> dict:
    """How far the page and its widest parts reach past the window, in CSS pixels (0: they fit)."""
    return page.js("""
        const width = document.documentElement.clientWidth;
        const reach = (id) => Math.max(0, Math.ceil(document.getElementById(id).getBoundingClientRect().right - width));
        return {page: Math.max(0, document.documentElement.scrollWidth - width),
                device: reach('card'), screen: reach('screen-frame'), said: reach('said')};
    """)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scroll(page, width):
    page.driver.set_window_size(width, 900)
    try:
        page.start_over()
        page.say("yes")  # a question on the Echo Show screen, its buttons beside the text
        page.assert_screen_rendered()
        deadline = time.monotonic() + 5
        while overflow(page) != {"page": 0, "device": 0, "screen": 0, "said": 0}:
            assert time.monotonic() < deadline, f"at {width} px the page reaches past the window: {overflow(page)}"
            time.sleep(0.1)
        frame = page.driver.find_element(By.ID, "screen-frame")
        assert frame.size["width"] > 400, "the screen shrank to nothing"
        page.screenshot(f"width-{width}")
    finally:
        page.driver.set_window_size(*WINDOW)


@pytest.fixture(scope="module")
def server_without_graphviz() -> Iterator[str]:
    # The command's own folder only on PATH: Graphviz's dot is not found, as on a machine without it.
    port = free_port()
    env = {"PATH": str(Path(back_spasm()).parent), "HOME": str(Path.home())}
    process = subprocess.Popen([back_spasm(), "try", "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        assert f"http://127.0.0.1:{port}/" in process.stdout.readline()
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_without_graphviz_the_flow_says_why_in_its_place(driver, server_without_graphviz, screenshots):
    page = Page(driver, server_without_graphviz, screenshots)
    deadline = time.monotonic() + 20
    while "Graphviz" not in page.text("flow-note"):
        assert time.monotonic() < deadline, f"no message where the flow would be: {page.text('flow-note')!r}"
        time.sleep(0.2)
    assert "apt-get install graphviz" in page.text("flow-note")
    assert not driver.find_element(By.ID, "flow").is_displayed()  # no broken image
    assert page.js("return document.getElementById('flow').hasAttribute('src')") is False
    page.js("document.getElementById('flow-note').scrollIntoView()")
    driver.save_screenshot(str(screenshots / "no-graphviz.png"))
