"""A local stand-in for Alexa's Reminders API: HTTPS on 127.0.0.1 with a
certificate from a throwaway certificate authority, which the skill's HTTP
client trusts through REQUESTS_CA_BUNDLE. It records every request exactly as
it arrived and answers as the test tells it to: created, an error status, or
no answer at all (to make the client time out).
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from skill.testing import signing

HOST = "127.0.0.1"
PORTS = range(18700, 18800)  # this project's test ports for the fake Reminders API
REMINDERS_PATH = "/v1/alerts/reminders"

# What the real API answers to a created reminder (the fields ask-sdk-model reads).
CREATED = {
    "alertToken": "amzn1.alert.test-alert-token",
    "createdTime": "2026-01-01T00:00:00.000Z",
    "updatedTime": "2026-01-01T00:00:00.000Z",
    "status": "ON",
    "version": "1",
    "href": "/v1/alerts/reminders/amzn1.alert.test-alert-token",
}
ERRORS = {
    400: {"code": "INVALID_REQUEST", "message": "Invalid request"},
    401: {"code": "UNAUTHORIZED", "message": "Unauthorized"},
    403: {"code": "USER_HAS_NOT_GRANTED_PERMISSION", "message": "Forbidden"},
    429: {"code": "RATE_EXCEEDED", "message": "Too many requests"},
    500: {"code": "INTERNAL_SERVER_ERROR", "message": "Internal error"},
    503: {"code": "SERVICE_UNAVAILABLE", "message": "Service unavailable"},
}


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class FakeRemindersApi:
    """The server's state: what to answer next, and what arrived."""

    url: str = ""
    ca_bundle: Path = Path()
    status: int = 200
    hang: bool = False
    received: list[Received] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    hanging: int = 0  # requests held without an answer right now

    def reset(self) -> None:
        self.status, self.hang = 200, False
        self.received.clear()
        self.release.set()  # free any handler still hanging from the last test
        self.release = threading.Event()


def _handler(api: FakeRemindersApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            api.received.append(Received("POST", self.path, dict(self.headers.items()), body))
            if api.hang:
                api.hanging += 1
                api.release.wait(10)
                api.hanging -= 1
                return
            status = api.status if self.path == REMINDERS_PATH else 404
            answer = CREATED if status == 200 else ERRORS.get(status, {"code": "ERROR", "message": "error"})
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def free_port() -> int:
    """A port of this project's range that nothing listens on."""
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


@contextlib.contextmanager
def serve(directory: Path):
    """Run the fake API until the block ends; yields its FakeRemindersApi."""
    ca_key, server_key = signing.key("reminders-test-ca"), signing.key("reminders-test-server")
    ca = signing.make_ca("Reminders Test CA", ca_key)
    server_cert = signing.make_leaf(ca, ca_key, server_key, dns_names=("localhost",), ip_addresses=(HOST,))
    ca_bundle, cert_file, key_file = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_bundle.write_bytes(signing.pem(ca))
    cert_file.write_bytes(signing.pem(server_cert))
    key_file.write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)

    api = FakeRemindersApi(ca_bundle=ca_bundle)
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer((HOST, port), _handler(api))
            break
        except OSError:
            continue
    if server is None:
        raise RuntimeError(f"no free port in {PORTS}")
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    api.url = f"https://{HOST}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        api.release.set()
        server.shutdown()
        server.server_close()
