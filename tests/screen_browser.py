"""The skill's screens in a real browser: Amazon's APL web renderer
(apl-viewhost-web, the try page's, pinned in renderer/package-lock.json) in
headless Chromium, driven by selenium, on a static page (tests/browser/)
served from 127.0.0.1.

A missing browser, driver or renderer is an error, not a skip: the screen tests
must run wherever the suite runs (`.ci/run` installs all three).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from skill.tools.paths import RENDERER_INSTALL, VIEWHOST_JS
from tests.ports import test_ports

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
RENDERER = VIEWHOST_JS  # served as /viewhost.js
# Where screenshots go: a temporary folder, so a test run leaves the work tree
# as it was; `ECHO_SHOW_SCREENSHOTS=docs/echo-show python -m pytest
# tests/test_echo_show.py` re-makes the ones docs/echo-show.md shows.
SCREENSHOTS_DIR = Path(os.environ.get("ECHO_SHOW_SCREENSHOTS") or tempfile.mkdtemp(prefix="echo-show-"))
# This project's test ports on the shared machine (BACK_SPASM_TEST_PORTS="FIRST-LAST" gives others: the lower half).
PORTS = test_ports(range(18600, 18700), half=0)
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
ECHO_SHOW_8 = (1280, 800)


class ScreenBrowserError(RuntimeError):
    """The browser, its driver or the renderer is missing or failed."""


def render_directive(response_envelope: dict) -> dict:
    """The response's RenderDocument directive; fails if there is none."""
    directives = response_envelope["response"].get("directives") or []
    found = [directive for directive in directives if directive.get("type") == RENDER_DOCUMENT]
    assert len(found) == 1, f"expected one RenderDocument directive, got {directives}"
    return found[0]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.split("?", 1)[0] == "/viewhost.js":
            return str(RENDERER)
        return super().translate_path(path)


def _serve(directory: Path) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server
    raise ScreenBrowserError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def _free_port(after: int) -> int:
    import socket

    for port in range(after + 1, PORTS.stop):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ScreenBrowserError("no free port for chromedriver")


class ScreenBrowser:
    """One headless Chromium with the renderer page loaded; renders one
    response's screen at a time."""

    def __init__(self) -> None:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver")
        if not chromium or not driver:
            raise ScreenBrowserError("Chromium and chromedriver are needed: apt-get install chromium chromium-driver")
        if not RENDERER.is_file():
            raise ScreenBrowserError(f"the APL renderer is not installed: run `{RENDERER_INSTALL}`")
        self.server = _serve(BROWSER_DIR)
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
            options.add_argument(argument)
        service = Service(driver, port=_free_port(self.server.server_address[1]))
        try:
            self.driver = webdriver.Chrome(options=options, service=service)
        except Exception:
            self.server.shutdown()
            raise
        self.driver.set_script_timeout(30)
        self.driver.get(f"http://127.0.0.1:{self.server.server_address[1]}/screen.html")
        self.size = ECHO_SHOW_8

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.server.shutdown()
            self.server.server_close()

    def show(self, response_envelope: dict, size: tuple[int, int] = ECHO_SHOW_8) -> str:
        """Render the response's screen; returns the words on it."""
        directive = render_directive(response_envelope)
        self.size = size
        outcome = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.aplEvents = [];"
            "renderScreen(arguments[0], arguments[1], arguments[2], arguments[3])"
            ".then(() => done('rendered'), (error) => done('error: ' + error));",
            directive["document"],
            directive.get("datasources") or {},
            *size,
        )
        if outcome != "rendered":
            raise ScreenBrowserError(f"the renderer failed: {outcome}")
        return self.text()

    def text(self) -> str:
        return str(self.driver.find_element(By.ID, "screen").text)

    def click(self, label: str, timeout: float = 5.0) -> dict:
        """Touch the button showing `label`; returns the SendEvent it raised."""
        button = self.driver.find_element(By.XPATH, f"//div[@id='screen']//p[normalize-space(.)={_xpath_string(label)}]")
        # The renderer ignores mouse events for its first 500 ms.
        self.driver.execute_async_script("const done = arguments[0]; setTimeout(done, Math.max(0, window.renderedAt + 600 - Date.now()));")
        ActionChains(self.driver).move_to_element(button).click().perform()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            events = self.driver.execute_script("return window.aplEvents")
            if events:
                assert len(events) == 1, events
                self.driver.execute_script("window.aplEvents = []")
                return dict(events[0])
            time.sleep(0.02)
        raise AssertionError(f"touching {label!r} raised no event")

    def screenshot(self, name: str) -> Path:
        """Save what the screen shows as SCREENSHOTS_DIR/<name>.png."""
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS_DIR / f"{name}.png"
        path.write_bytes(self.driver.find_element(By.ID, "screen").screenshot_as_png)
        return path


def _xpath_string(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in text.split("'")) + ")"
