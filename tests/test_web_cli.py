"""`back-spasm serve`: flag parsing, one-line errors, and the real thing
(gunicorn on a free 127.0.0.1 port, driven with urllib, then stopped)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from skill.testing.local_gunicorn import free_port
from skill.tools.alexa import envelopes
from skill.tools.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
OTHER_SKILL_ID = "amzn1.ask.skill.99999999-2222-4333-8444-555555555555"


# ---- parsing and errors (in process, nothing started) -----------------------------


def test_defaults_verify_on_localhost_5000(monkeypatch):
    monkeypatch.delenv("ALEXA_SKILL_ID", raising=False)
    args = build_parser("serve").parse_args(["serve"])
    assert (args.host, args.port, args.no_verify, args.skill_id) == ("127.0.0.1", 5000, False, "")


def test_skill_id_flag_defaults_to_environment(monkeypatch):
    monkeypatch.setenv("ALEXA_SKILL_ID", SKILL_ID)
    assert build_parser("serve").parse_args(["serve"]).skill_id == SKILL_ID
    assert build_parser("serve").parse_args(["serve", "--skill-id", "x"]).skill_id == "x"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["serve", "--port", "99999"], "port out of range"),
        (["serve", "--port", "http"], "not a port number"),
        (["serve", "--workers", "0"], "not a positive whole number"),
    ],
)
def test_bad_flags_are_one_line_errors(capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_certfile_without_keyfile(capsys, tmp_path):
    cert = tmp_path / "cert.pem"
    cert.write_text("x")
    assert main(["serve", "--port", str(free_port()), "--certfile", str(cert)]) == 2
    assert capsys.readouterr().err == "back-spasm serve: error: --certfile and --keyfile go together\n"


def test_port_in_use(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"back-spasm serve: error: cannot listen on 127.0.0.1:{port}") and err.count("\n") == 1


# ---- the real server -----------------------------------------------------------------


@contextlib.contextmanager
def serving(*flags: str, env: dict | None = None):
    port = free_port()
    command = [sys.executable, "-c", "import sys; from skill.tools.cli import main; sys.exit(main())", "serve", "--port", str(port), "--workers", "1", *flags]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    output: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise AssertionError(f"serve exited early: {process.communicate()[1]}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                    assert json.load(response) == {"status": "ok"}
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield base, output
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output["stdout"], output["stderr"] = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            output["stdout"], output["stderr"] = process.communicate()
        output["returncode"] = process.returncode


def post(base: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base}/alexa", data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def test_serve_no_verify_answers_unsigned_requests_and_warns_loudly():
    with serving("--no-verify", env={"ALEXA_SKILL_ID": SKILL_ID}) as (base, output):
        status, answer = post(base, json.dumps(envelopes.launch_request(skill_id=SKILL_ID)).encode())
        assert status == 200 and answer["response"]["outputSpeech"]["ssml"].startswith("<speak>")
        # The skill id from the environment is enforced even without verification.
        status, answer = post(base, json.dumps(envelopes.launch_request(skill_id=OTHER_SKILL_ID)).encode())
        assert (status, answer) == (400, {"error": "request verification failed"})
        assert post(base, b"{")[0] == 400
        # A chunked body (no Content-Length) over the limit, through gunicorn.
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        chunks = (b" " * 8192 for _ in range(40))
        connection.request("POST", "/alexa", body=chunks, encode_chunked=True, headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        response = connection.getresponse()
        assert response.status == 413 and json.loads(response.read()) == {"error": "request body too large"}
        connection.close()
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{base}/alexa", timeout=5)  # GET
        assert caught.value.code == 405
        caught.value.close()  # an open client socket would hold up gunicorn's shutdown
    assert output["returncode"] == 0
    err = output["stderr"]
    banner = err.index("REQUEST VERIFICATION IS OFF")
    assert banner < err.index("Listening at")  # said before serving anything
    assert "!!!!!!!!" in err and "verification OFF" in err
    assert "rejected POST /alexa (400): request is for another skill id" in err.replace("verification failed: ", "")


def test_serve_verifies_by_default():
    with serving(env={"ALEXA_SKILL_ID": ""}) as (base, output):
        status, answer = post(base, json.dumps(envelopes.launch_request()).encode())
        assert (status, answer) == (400, {"error": "request verification failed"})
    err = output["stderr"]
    assert "verification ON" in err and "VERIFICATION IS OFF" not in err
    assert "missing SignatureCertChainUrl header" in err
