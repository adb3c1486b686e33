"""The serving stack as production runs it: real gunicorn processes with
gunicorn.conf.py (worker model, limits, logs), on a free 127.0.0.1 port."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest

from skill.hosting.logs import EscapeControlCharacters, escape_control_characters
from skill.testing.local_gunicorn import free_port, running_gunicorn
from skill.tools.alexa import envelopes

SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"


def exchange(port: int, raw: bytes, timeout: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(raw)
        answer = bytearray()
        while chunk := connection.recv(65536):
            answer += chunk
    return bytes(answer)


def split(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def request(method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


@contextlib.contextmanager
def gunicorn(app: str = "skill.hosting.app:create_app(verify=False)", workers: int = 1) -> Iterator[tuple[int, dict]]:
    """gunicorn -c gunicorn.conf.py, one worker; yields (port, logs) where
    logs gets "out" (access log) and "err" once it has stopped."""
    port = free_port()
    logs: dict[str, str] = {}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        try:
            with running_gunicorn(app, "--workers", str(workers), port=port, env={"ALEXA_SKILL_ID": SKILL_ID}, stdout=out, stderr=err):
                yield port, logs
        finally:
            out.seek(0)
            err.seek(0)
            logs["out"], logs["err"] = out.read(), err.read()


# ---- slow clients do not starve the endpoint --------------------------------------


def _drip(port: int, head: bytes, stop: threading.Event) -> None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(head)
            while not stop.wait(0.3):
                connection.sendall(b"a")
    except OSError:
        pass  # dropped by the server: allowed


def test_healthz_and_alexa_answer_while_50_slow_clients_drip():
    """One worker; 25 connections drip headers, 25 a body, for ~4 s. A sync
    worker answers nothing meanwhile; the configured worker model answers."""
    with gunicorn() as (port, _):
        stop = threading.Event()
        heads = [
            b"POST /alexa HTTP/1.1\r\nHost: x\r\nX-Slow: ",
            b"POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n",
        ]
        drippers = [threading.Thread(target=_drip, args=(port, heads[n % 2], stop), daemon=True) for n in range(50)]
        for thread in drippers:
            thread.start()
        time.sleep(0.5)
        answered = {"healthz": 0, "alexa": 0}
        probes = 0
        unsigned = json.dumps(envelopes.launch_request(skill_id=SKILL_ID)).encode()
        try:
            for _ in range(12):
                probes += 1
                with contextlib.suppress(OSError, ValueError, IndexError):
                    answered["healthz"] += split(exchange(port, request("GET", "/healthz"), timeout=1))[0] == 200
                with contextlib.suppress(OSError, ValueError, IndexError):
                    status = split(exchange(port, request("POST", "/alexa", unsigned), timeout=1))[0]
                    answered["alexa"] += status == 200
                time.sleep(0.25)
        finally:
            stop.set()
            for thread in drippers:
                thread.join(timeout=5)
    assert answered["healthz"] >= probes - 1, (answered, probes)
    assert answered["alexa"] >= probes - 1, (answered, probes)


# ---- gunicorn's own refusals are short JSON ------------------------------------------


@pytest.mark.parametrize(
    "raw, status, error",
    [
        (request("GET", "/healthz", headers={"X-Big": "a" * 9000}), 431, "request header fields too large"),
        (request("GET", "/healthz", headers={f"X-H{n}": "a" for n in range(60)}), 431, "request header fields too large"),
        (request("GET", "/" + "a" * 5000), 414, "uri too long"),
        (b"GARBAGE\r\n\r\n", 400, "bad request"),
    ],
)
def test_requests_gunicorn_refuses_get_short_json(raw, status, error):
    with gunicorn() as (port, _):
        got, headers, body = split(exchange(port, raw))
    assert (got, headers["content-type"], json.loads(body)) == (status, "application/json", {"error": error})
    assert b"<html" not in body


# ---- what is logged --------------------------------------------------------------------


def test_access_log_has_request_ids_and_no_size_agent_referer_or_query():
    marker = "ZEBRA-MARKER"
    with gunicorn() as (port, logs):
        answer = exchange(port, request("GET", f"/healthz?who={marker}", headers={"User-Agent": f"agent-{marker}", "Referer": f"http://{marker}/"}))
        status, headers, body = split(answer)
        unsigned = json.dumps(envelopes.intent_request("ContactIntent", skill_id=SKILL_ID)).encode()
        alexa_status, alexa_headers, _ = split(exchange(port, request("POST", "/alexa", unsigned)))
    assert status == 200 and alexa_status == 200
    access = [line for line in logs["out"].splitlines() if '"GET /healthz"' in line or '"POST /alexa"' in line][-2:]
    assert f"id={headers['x-request-id']}" in access[0] and f"id={alexa_headers['x-request-id']}" in access[1]
    for line in access:
        assert marker not in line and "agent" not in line
        assert not re.search(rf'" {status} \d+ ', line) and str(len(body)) + " " not in line.split('"')[-1]
    assert marker not in logs["err"] and marker not in logs["out"]
    # Every line of the app about that request carries the same id.
    app_lines = [line for line in logs["err"].splitlines() if "skill." in line and alexa_headers["x-request-id"] in line]
    assert app_lines, logs["err"]
    hosting_info = [line for line in logs["err"].splitlines() if "skill.hosting" in line and "INFO" in line]
    assert not [line for line in hosting_info if "ContactIntent" in line]


def test_control_characters_cannot_forge_log_lines():
    """Verification off: an intent name with CR/LF (logged by the skill) and
    a path with encoded CR/LF (in the access log) stay on their own line."""
    envelope = envelopes.intent_request("Contact\r\nFORGED-INTENT-LINE", skill_id=SKILL_ID)
    with gunicorn() as (port, logs):
        exchange(port, request("POST", "/alexa", json.dumps(envelope).encode()))
        exchange(port, request("GET", "/alexa%0d%0aFORGED-PATH-LINE%1b[31m"))
    lines = (logs["out"] + logs["err"]).splitlines()
    assert not [line for line in lines if line.startswith("FORGED")], lines
    assert "\x1b" not in logs["out"] + logs["err"]
    assert any("\\x0d\\x0aFORGED-PATH-LINE\\x1b" in line for line in lines), logs["out"]


def test_escape_filter_in_process(caplog):
    assert escape_control_characters("a\r\nb\x00c\u2028d\té") == "a\\x0d\\x0ab\\x00c\\u2028d\\x09é"
    record = logging.LogRecord("skill.hosting.x", logging.WARNING, __file__, 1, "intent %s", ("A\nB",), None)
    assert EscapeControlCharacters().filter(record) and record.getMessage() == "intent A\\x0aB"
