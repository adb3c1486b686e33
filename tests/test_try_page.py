"""`back-spasm try`, below the browser: the real Flask app and its JSON API
(each line through the chat matcher into the real lambda_handler), the
refusals for bad input and foreign origins, and the command's arguments run
as a user runs them."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

import pytest

from skill.core import speech
from skill.core.rules import QUESTIONS
from skill.tools import paths, try_page
from tests.support import LAMBDA_HANDLER, PHONE
from tests.test_chat import back_spasm

PORT = 18801
BASE = f"http://127.0.0.1:{PORT}"
WORDS = speech.for_locale("en-US")


def question(number: int) -> str:
    return WORDS.text(f"questions.{QUESTIONS[number - 1].id}.ask")


def reprompt(number: int) -> str:
    """Question `number` again, then the emergency line."""
    return f"{question(number)} {WORDS.text('reprompt_safety')}"


@pytest.fixture
def client():
    app = try_page.create_app(try_page.TryPage(LAMBDA_HANDLER), PORT)
    return app.test_client()


def post(client, path: str, body, **headers):
    return client.post(path, json=body, base_url=BASE, headers=headers)


def start(client, device: str = "voice") -> str:
    response = post(client, "/api/session", {"locale": "en-US", "device": device})
    assert response.status_code == 200, response.json
    assert response.json["speech"].startswith(WORDS.text("welcome"))
    return response.json["session"]


def say(client, session: str, text: str):
    return post(client, "/api/say", {"session": session, "text": text})


def test_an_emergency_line_is_understood_and_answered_with_911(client):
    session = start(client)
    turn = say(client, session, "I can't feel my legs").json
    assert turn["heard"]["intent"] == "ReportSymptomIntent"
    assert [(slot["name"], slot["value"]) for slot in turn["heard"]["slots"]] == [("symptom", "LIMB_NUMBNESS")]
    assert "feel my legs" in turn["heard"]["slots"][0]["said"]
    assert turn["speech"].startswith("Call 911 now.")
    assert turn["card"]["title"] == "Call 911 now" and PHONE in turn["card"]["text"]
    assert turn["ended"] is True


def test_one_session_carries_the_answers_from_line_to_line(client):
    session = start(client)
    assert say(client, session, "yes").json["reprompt"] == reprompt(1)
    assert say(client, session, "no").json["reprompt"] == reprompt(2)
    turn = say(client, session, "no").json
    assert turn["heard"]["intent"] == "AMAZON.NoIntent"
    assert turn["reprompt"] == reprompt(3)
    # Another page's session is its own conversation.
    other = start(client)
    assert say(client, other, "yes").json["reprompt"] == reprompt(1)


def test_all_no_gives_self_care_and_a_closed_skill_opens_again(client):
    session = start(client)
    say(client, session, "yes")
    for _ in QUESTIONS:
        turn = say(client, session, "no").json
    assert not turn["ended"] and WORDS.text("advice.SELF_CARE.speech") in turn["speech"]  # and the reminder offer
    turn = say(client, session, "no").json
    assert turn["ended"]
    again = say(client, session, "open back spasm helper").json
    assert again["heard"]["intent"] == "LaunchRequest" and again["speech"].startswith(WORDS.text("welcome"))


def test_a_line_said_to_alexa_opens_or_reaches_the_skill(client):
    session = start(client)
    say(client, session, "yes")
    turn = say(client, session, "ask back spasm helper what causes back spasms").json
    assert turn["heard"]["intent"] == "CausesIntent"
    turn = say(client, session, "open back spasm helper").json
    assert turn["heard"]["intent"] == "LaunchRequest" and turn["speech"].startswith(WORDS.text("welcome"))


def test_voice_only_requests_declare_no_screen(client):
    seen = []
    page = try_page.TryPage(lambda event, context: seen.append(event) or LAMBDA_HANDLER(event, context))
    client = try_page.create_app(page, PORT).test_client()
    start(client, "voice")
    start(client, "screen")
    voice, screen = (event["context"]["System"]["device"]["supportedInterfaces"] for event in seen)
    assert voice == {}
    assert "Alexa.Presentation.APL" in screen
    assert seen[1]["context"]["Viewport"]["pixelWidth"] == try_page.SCREEN["width"]


@pytest.mark.parametrize(
    "text, status, message",
    [
        ("", 400, "Type (or say) something first"),
        ("   ", 400, "Type (or say) something first"),
        ("x" * 10_000, 400, "10,000 characters"),
        (None, 400, "Type (or say) something first"),
        (["a list"], 400, "Type (or say) something first"),
    ],
)
def test_bad_lines_get_a_clear_json_answer(client, text, status, message):
    session = start(client)
    response = say(client, session, text)
    assert response.status_code == status
    assert message in response.json["error"]


def test_html_in_a_line_is_only_text_to_the_skill(client):
    session = start(client)
    response = say(client, session, "<script>alert(1)</script><b>fever</b>")
    assert response.status_code == 200
    assert response.json["heard"]["intent"]  # understood as something, or the fallback
    assert "<" not in response.json["speech"]


@pytest.mark.parametrize(
    "headers, message",
    [
        ({"Host": "evil.example:80"}, "answers only at http://127.0.0.1:18801/"),
        ({"Host": "127.0.0.1:9999"}, "answers only at"),
        ({"Origin": "http://evil.example"}, "requests from 'http://evil.example' are not allowed"),
        ({"Origin": "http://127.0.0.1:9999"}, "are not allowed"),
    ],
)
def test_requests_from_elsewhere_are_refused(client, headers, message):
    response = post(client, "/api/session", {"device": "voice"}, **headers)
    assert response.status_code == 403
    assert message in response.json["error"]
    assert client.get("/", base_url=BASE, headers=headers).status_code == 403


def test_the_page_s_own_origin_is_accepted(client):
    for origin in (BASE, f"http://localhost:{PORT}"):
        assert post(client, "/api/session", {"device": "voice"}, Origin=origin).status_code == 200


def test_malformed_requests_get_json_errors_never_a_trace(client):
    checks = [
        (client.post("/api/say", data="text=hi", content_type="application/x-www-form-urlencoded", base_url=BASE), 415, "Send JSON"),
        (client.post("/api/say", data="{not json", content_type="application/json", base_url=BASE), 400, "Send a JSON object"),
        (client.post("/api/say", data="[1, 2]", content_type="application/json", base_url=BASE), 400, "Send a JSON object"),
        (client.post("/api/say", data="x" * 100_000, content_type="application/json", base_url=BASE), 413, "too large"),
        (say(client, "no-such-session", "hello"), 404, "expired"),
        (post(client, "/api/session", {"locale": "xx-XX"}), 400, "Unknown locale 'xx-XX'"),
        (post(client, "/api/session", {"device": "toaster"}), 400, "Unknown device 'toaster'"),
        (post(client, "/api/session", {"device": ["screen"], "locale": {"en": 1}}), 400, "Unknown"),
        (post(client, "/api/touch", {"session": [], "arguments": ["answer", "no"]}), 404, "expired"),
        (client.get("/nowhere", base_url=BASE), 404, "not found"),
        (client.get("/static/../try_page.py", base_url=BASE), 404, ""),
        (client.get("/api/say", base_url=BASE), 405, "not allowed"),
    ]
    for response, status, message in checks:
        assert response.status_code == status, (response.status_code, response.data[:200])
        assert response.is_json and message.lower() in response.json["error"].lower()
        assert b"Traceback" not in response.data


def test_touch_needs_a_screen_and_sane_arguments(client):
    voice = start(client, "voice")
    response = post(client, "/api/touch", {"session": voice, "arguments": ["answer", "no"], "source": {}, "token": ""})
    assert response.status_code == 400 and "voice only" in response.json["error"]
    screen = start(client, "screen")
    response = post(client, "/api/touch", {"session": screen, "arguments": "answer no"})
    assert response.status_code == 400 and "arguments" in response.json["error"]


def test_the_page_its_scripts_and_the_flow_are_served_locally(client):
    page = client.get("/", base_url=BASE)
    assert page.status_code == 200 and b'<script src="/static/try.js">' in page.data
    assert b"https://" not in page.data and b"http://" not in page.data  # nothing from the network
    assert client.get("/static/try.js", base_url=BASE).status_code == 200
    assert client.get("/static/try.css", base_url=BASE).mimetype == "text/css"
    flow = client.get("/flow.svg?locale=en-US", base_url=BASE)
    assert flow.mimetype == "image/svg+xml" and flow.data == (paths.PROJECT_ROOT / "docs" / "decision-flow.svg").read_bytes()
    config = client.get("/api/config", base_url=BASE).json
    assert config["locales"] == speech.supported_locales()


# ---- the command, as a user runs it -----------------------------------------------


def run_try(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([back_spasm(), "try", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "port, message",
    [("0", "port 0 is out of range"), ("70000", "port 70000 is out of range"), ("eighty", "not a port number: 'eighty'"), ("", "not a port number")],
)
def test_a_bad_port_is_a_one_line_error(port, message):
    result = run_try("--port", port)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_a_busy_port_is_a_one_line_error():
    with socket.create_server(("127.0.0.1", PORT + 1)):
        result = run_try("--port", str(PORT + 1))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot listen on 127.0.0.1:18802" in result.stderr, result.stderr


def test_the_command_serves_the_page_on_localhost_only():
    port = PORT + 2
    server = subprocess.Popen([back_spasm(), "try", "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert b"Try Back Spasm Helper" in response.read()
        # Listening on the loopback address only.
        addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
        for address in addresses:
            with socket.socket() as probe:
                probe.settimeout(1)
                assert probe.connect_ex((address, port)) != 0
    finally:
        server.terminate()
        server.wait(timeout=10)
        time.sleep(0)


def test_the_page_script_never_parses_text_as_markup():
    script = (paths.PROJECT_ROOT / "skill" / "tools" / "try_static" / "try.js").read_text()
    for markup_sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert markup_sink not in script


def test_denials_and_calls_for_help_reach_the_skill_through_the_page(client):
    session = start(client)
    say(client, session, "yes")
    turn = say(client, session, "I don't have a fever").json
    assert turn["heard"]["intent"] == "DenySymptomIntent" and not turn["ended"]
    turn = say(client, session, "call 911 for me").json
    assert turn["heard"]["intent"] == "CallForHelpIntent"
    assert "911" in turn["speech"]


def test_without_the_renderer_the_page_says_how_to_install_it(client, monkeypatch, tmp_path):
    monkeypatch.setattr(try_page, "VIEWHOST_JS", tmp_path / "missing" / "index.js")
    response = client.get("/viewhost.js", base_url=BASE)
    assert response.status_code == 404 and "npm ci --prefix renderer" in response.json["error"]
    assert client.get("/api/config", base_url=BASE).json["viewhost"] is False
