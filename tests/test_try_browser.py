"""`back-spasm try` in a real browser: Debian's headless Chromium driven by
selenium, against the command started as a user starts it. What a reviewer
does on the page is done here: type lines, read what the skill understood,
what Alexa says and the card, switch the device, type bad input.

The browser is required: without Chromium and its driver these tests fail,
they are never skipped. Screenshots of the page are saved in a temporary
folder, or in the folder named by TRY_SCREENSHOTS (the ones in docs/try/ come
from `TRY_SCREENSHOTS=docs/try python -m pytest tests/test_try_browser.py`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from skill.core import speech
from skill.core.rules import QUESTIONS
from skill.tools.paths import RENDERER_INSTALL
from tests.ports import test_ports
from tests.test_chat import back_spasm

# BACK_SPASM_TEST_PORTS="FIRST-LAST" gives others: the upper half.
PORTS = test_ports(range(18810, 18850), half=1)
WORDS = speech.for_locale("en-US")
WINDOW = (1600, 1400)
# Recorded instead of spoken: what the page asks the browser to say.
RECORD_SPEECH = """
window.spoken = [];
const synth = window.speechSynthesis || (window.speechSynthesis = {cancel() {}});
synth.speak = (utterance) => window.spoken.push(utterance.text);
// A microphone that always hears the same words, in the shape of the Web Speech API's results.
window.SpeechRecognition = window.webkitSpeechRecognition = class {
  start() { setTimeout(() => { this.onresult({results: [[{transcript: window.heardByMicrophone}]]}); this.onend(); }, 50); }
};
"""


def question(number: int) -> str:
    return WORDS.text(f"questions.{QUESTIONS[number - 1].id}.ask")


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise AssertionError(f"no free port in {PORTS}")


def find(program: str, *fallbacks: str) -> str:
    found = shutil.which(program) or next((path for path in fallbacks if Path(path).is_file()), None)
    if not found:
        pytest.fail(f"{program} not found: these tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([back_spasm(), "try", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert f"http://127.0.0.1:{port}/" in process.stdout.readline()
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = find("chromium", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(find("chromedriver", "/usr/bin/chromedriver")), options=options)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_SPEECH})
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("TRY_SCREENSHOTS") or tmp_path_factory.mktemp("try"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Page:
    """The try page in the browser, driven as a person would."""

    def __init__(self, driver: webdriver.Chrome, url: str, screenshots: Path):
        self.driver = driver
        self.screenshots = screenshots
        driver.get(url)
        self.wait_turns(1)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    @property
    def turns(self) -> int:
        return int(self.js("return document.body.dataset.turns || '0'"))

    def wait_turns(self, count: int, timeout: float = 30) -> None:
        try:
            WebDriverWait(self.driver, timeout).until(lambda _: self.turns >= count)
        except TimeoutException:
            raise AssertionError(f"the page did not answer (turns {self.turns}, wanted {count}): {self.transcript()[-3:]}") from None

    def say(self, line: str) -> None:
        before = self.turns
        box = self.driver.find_element(By.ID, "line")
        box.send_keys(line)
        box.send_keys(Keys.ENTER)
        self.wait_turns(before + 1)

    def say_long(self, line: str) -> None:
        """Put a long line in the box at once (typing 10,000 keys takes minutes), then press Enter."""
        before = self.turns
        box = self.driver.find_element(By.ID, "line")
        self.js("arguments[0].value = arguments[1]", box, line)
        box.send_keys(Keys.ENTER)
        self.wait_turns(before + 1)

    def choose(self, select_id: str, value: str) -> None:
        before = self.turns
        Select(self.driver.find_element(By.ID, select_id)).select_by_value(value)
        self.wait_turns(before + 1)

    def text(self, element_id: str) -> str:
        return self.driver.find_element(By.ID, element_id).text

    def transcript(self) -> list[tuple[str, str]]:
        """(kind, text) of every line in the conversation."""
        return [
            (item.get_attribute("class") or "", item.find_element(By.CLASS_NAME, "text").text)
            for item in self.driver.find_elements(By.CSS_SELECTOR, "#transcript li")
        ]

    @property
    def spoken(self) -> list[str]:
        return self.js("return window.spoken")

    def screen_state(self) -> str:
        return self.driver.find_element(By.ID, "screen").get_attribute("data-state") or ""

    def assert_screen_rendered(self) -> None:
        """The Echo Show screen is drawn; if Amazon's renderer is missing, the failure says how to install it."""
        state = self.screen_state()
        if state == "unavailable":
            pytest.fail(f"Amazon's APL renderer is not installed: run `{RENDERER_INSTALL}` (needs Node.js and npm)")
        assert state == "rendered", f"the Echo Show screen is {state!r}: {self.text('screen-note')!r}"

    def start_over(self) -> None:
        """Back to how the page opens: Echo Show, voice on, a new session."""
        if self.driver.find_element(By.ID, "mute").is_selected():
            self.driver.find_element(By.ID, "mute").click()
        if Select(self.driver.find_element(By.ID, "device")).first_selected_option.get_attribute("value") != "screen":
            self.choose("device", "screen")
            return
        before = self.turns
        self.driver.find_element(By.ID, "new-session").click()
        self.wait_turns(before + 1)

    def screen_text(self) -> str:
        """The words on the drawn Echo Show screen, one line each."""
        return self.driver.find_element(By.ID, "screen").text

    def touch(self, label: str, timeout: float = 15) -> None:
        """Click the screen's button showing `label`, as a finger on an Echo Show."""
        self.assert_screen_rendered()
        buttons = [
            element
            for element in self.driver.find_elements(By.CSS_SELECTOR, "#screen *")
            if element.text.strip() == label and not element.find_elements(By.XPATH, "./*")
        ]
        assert len(buttons) == 1, f"{len(buttons)} elements read {label!r} on the screen: {self.screen_text()!r}"
        before = self.turns
        deadline = time.monotonic() + timeout
        while self.turns == before:
            # The renderer ignores touches for a moment after it draws: touch again.
            assert time.monotonic() < deadline, f"touching {label!r} got no answer"
            ActionChains(self.driver).move_to_element(buttons[0]).click().perform()
            answered_by = time.monotonic() + 1.5
            while self.turns == before and time.monotonic() < answered_by:
                time.sleep(0.05)
        self.wait_turns(before + 1)

    def screenshot(self, name: str) -> Path:
        self.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        path = self.screenshots / f"{name}.png"
        assert self.driver.save_screenshot(str(path))
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000, f"{path}: not a page screenshot"
        return path


@pytest.fixture(scope="module")
def loaded_page(driver, server, screenshots) -> Page:
    # Loaded once: the renderer is 5 MB of script; each test starts a new session instead.
    return Page(driver, server, screenshots)


@pytest.fixture
def page(loaded_page) -> Page:
    loaded_page.start_over()
    return loaded_page


def test_an_emergency_line_shows_call_911(page):
    page.say("I can't feel my legs")
    assert page.text("said").startswith("Call 911 now.")
    assert "ReportSymptomIntent" in page.text("heard") and "LIMB_NUMBNESS" in page.text("heard")
    assert page.text("card").startswith("Call 911 now")
    assert "(518) 489-2663" in page.text("card")
    assert page.spoken[-1] == page.text("said")  # read aloud by the browser
    assert page.transcript()[-1][0] == "note"  # the skill closed
    # The Echo Show's emergency screen, drawn by Amazon's renderer.
    page.assert_screen_rendered()
    assert "Call 911 now" in page.screen_text()
    assert "loss of feeling in your limbs" in page.screen_text()
    page.screenshot("emergency")


def test_touching_no_on_the_screen_answers_the_question(page):
    page.say("yes")
    assert page.text("said").endswith(question(1))
    assert question(1) in page.screen_text()
    page.touch(WORDS.text("screen.labels.no"))
    # The touch went through lambda_handler as a UserEvent, like a finger on a device.
    assert "Alexa.Presentation.APL.UserEvent" in page.text("heard") and "answer, no" in page.text("heard")
    assert page.text("said").endswith(question(2))
    assert question(2) in page.screen_text().replace("\n", " ")
    assert [text for kind, text in page.transcript() if kind == "you"][-1] == "(touches no)"
    page.screenshot("touch")
    page.touch(WORDS.text("screen.labels.yes"))
    assert page.text("said").startswith("Call 911 now.")
    assert "Call 911 now" in page.screen_text()


def test_answers_move_through_the_questions(page):
    page.say("should I see a doctor")
    assert page.text("said").endswith(question(1))
    page.say("no")
    assert "AMAZON.NoIntent" in page.text("heard")
    assert page.text("said").endswith(question(2))
    page.say("I'm not sure")
    assert "NotSureIntent" in page.text("heard")
    assert page.text("said") == WORDS.text(f"questions.{QUESTIONS[1].id}.explain")
    page.screenshot("questions")


def test_html_in_a_line_is_shown_as_text(page):
    line = '<img src=x onerror="window.injected=1"><b>bold</b> fever'
    page.say(line)
    you = [text for kind, text in page.transcript() if kind == "you"]
    assert you[-1] == line
    assert page.driver.find_elements(By.CSS_SELECTOR, "#transcript img, #transcript b") == []
    assert page.js("return window.injected === undefined")
    page.screenshot("html-as-text")


def test_empty_and_overlong_lines_get_a_clear_answer(page):
    page.say("")
    assert page.transcript()[-1] == ("error", "Type (or say) something first: the line was empty.")
    page.say_long("a" * 10_000)
    kind, text = page.transcript()[-1]
    assert kind == "error" and "10,000 characters" in text
    # The conversation goes on.
    page.say("what causes back spasms")
    assert "CausesIntent" in page.text("heard")
    page.screenshot("bad-input")


def test_voice_only_shows_no_screen(page):
    page.choose("device", "voice")
    assert page.text("said").startswith(WORDS.text("welcome"))
    assert page.screen_state() == "none"
    assert page.text("screen-note") == "Voice only: this device has no screen."
    page.say("yes")
    assert page.text("said").endswith(question(1))
    assert page.screen_state() == "none"
    page.screenshot("voice-only")


def test_mute_stops_the_voice(page):
    page.say("what helps")
    assert page.spoken[-1] == page.text("said")
    count = len(page.spoken)
    page.driver.find_element(By.ID, "mute").click()
    page.say("how long do back spasms last")
    assert "HowLongIntent" in page.text("heard")
    assert len(page.spoken) == count


def test_new_session_starts_over_and_the_locales_are_the_skill_s(page):
    page.say("I have a fever")
    assert "FEVER" in page.text("heard")
    page.start_over()
    assert page.transcript()[0] == ("you", "Alexa, open back spasm helper")
    assert len(page.transcript()) == 2
    options = [o.get_attribute("value") for o in Select(page.driver.find_element(By.ID, "locale")).options]
    assert options == speech.supported_locales()


def test_the_decision_flow_is_on_the_page(page):
    deadline = time.monotonic() + 20
    while not page.js("const i = document.getElementById('flow'); return i.complete && i.naturalWidth > 0"):
        assert time.monotonic() < deadline, "the decision flow image did not load"
        time.sleep(0.2)
    assert page.driver.find_element(By.ID, "flow").get_attribute("src").startswith("blob:")  # fetched, so a refusal can be shown
    assert page.text("flow-note") == ""


def test_the_microphone_button_says_what_it_heard(page):
    page.js("window.heardByMicrophone = 'I have a fever'")
    before = page.turns
    page.driver.find_element(By.ID, "mic").click()
    page.wait_turns(before + 1)
    assert [text for kind, text in page.transcript() if kind == "you"][-1] == "I have a fever"
    assert "FEVER" in page.text("heard")
