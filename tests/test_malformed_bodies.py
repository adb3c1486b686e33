"""Malformed transfer encodings and bodies get a short JSON 400: on /alexa
under real gunicorn (the configured worker), and on the try page."""

from __future__ import annotations

import json

import pytest

from skill.tools import try_page
from tests.support import LAMBDA_HANDLER
from tests.test_serving import exchange, gunicorn, split


def _post(head_lines: list[str], body: bytes) -> bytes:
    lines = ["POST /alexa HTTP/1.1", "Host: 127.0.0.1", "Connection: close", "Content-Type: application/json", *head_lines]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


MALFORMED = {
    "chunk size zz": _post(["Transfer-Encoding: chunked"], b"zz\r\n{}\r\n0\r\n\r\n"),
    "transfer-encoding xchunked": _post(["Transfer-Encoding: xchunked"], b"2\r\n{}\r\n0\r\n\r\n"),
    "chunk without its terminator": _post(["Transfer-Encoding: chunked"], b"2\r\n{}XX0\r\n\r\n"),
    "deep JSON, chunked": _post(["Transfer-Encoding: chunked"], b"7530\r\n" + b"[" * 30000 + b"\r\n0\r\n\r\n"),
    "deep JSON": _post([f"Content-Length: {30000}"], b"[" * 30000),
}


@pytest.fixture(scope="module")
def endpoint():
    with gunicorn() as (port, logs):
        yield port, logs


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_body_on_alexa_is_a_short_json_400(endpoint, case):
    port, _ = endpoint
    status, headers, body = split(exchange(port, MALFORMED[case]))
    assert status == 400, (status, body[:200])
    assert headers["content-type"].startswith("application/json")
    assert len(body) < 200 and isinstance(json.loads(body).get("error"), str)


@pytest.mark.parametrize("route", ["/api/say", "/api/session", "/api/touch"])
def test_deep_json_on_the_try_page_is_a_short_json_400(route):
    client = try_page.create_app(try_page.TryPage(LAMBDA_HANDLER), 8080).test_client()
    response = client.post(route, data="[" * 30000, headers={"Content-Type": "application/json", "Host": "127.0.0.1:8080"})
    assert response.status_code == 400, response.get_data(as_text=True)[:200]
    assert response.is_json and isinstance(response.get_json().get("error"), str)
