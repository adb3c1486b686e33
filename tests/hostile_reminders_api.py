"""Reminders APIs that misbehave, over HTTPS on 127.0.0.1 (ports 22400-22499),
with a throwaway certificate authority the skill's client trusts through
REQUESTS_CA_BUNDLE: one that stalls, trickles its answer, redirects (to
another port, to plain http, to itself) or sends a huge body. A recording
server stands at the redirect targets, to show nothing reaches it."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from skill.testing import signing
from tests.fake_reminders_api import CREATED, HOST

PORTS = range(22400, 22500)
MODES = ("stall", "trickle", "redirect_port", "redirect_http", "loop", "huge")


@dataclass
class Hostile:
    url: str = ""
    ca_bundle: Path = Path()
    mode: str = "stall"
    redirect_code: int = 307
    hits: int = 0  # requests that reached the hostile server
    target_hits: int = 0  # requests that reached a redirect target
    target_port: int = 0  # HTTPS
    plain_target_port: int = 0  # plain http
    release: threading.Event = field(default_factory=threading.Event)


def _hostile_handler(api: Hostile) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            api.hits += 1
            mode = api.mode
            if mode == "stall":
                api.release.wait(30)
                return
            if mode in ("redirect_port", "redirect_http", "loop"):
                scheme = "http" if mode == "redirect_http" else "https"
                port = api.plain_target_port if mode == "redirect_http" else api.target_port
                port = int(self.server.server_address[1]) if mode == "loop" else port  # type: ignore[index]
                self.send_response(api.redirect_code)
                self.send_header("Location", f"{scheme}://{HOST}:{port}{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if mode == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(300 * 1024 * 1024))
                self.end_headers()
                chunk = b" " * 65536
                with contextlib.suppress(OSError):
                    for _ in range(300 * 16):
                        if api.release.is_set():
                            return
                        self.wfile.write(chunk)
                return
            # trickle: a valid answer, a byte every half second
            payload = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + f"Content-Length: {len(str(CREATED)) + 2}\r\n\r\n".encode()
            with contextlib.suppress(OSError):
                for byte in payload + b'{"' + b"x" * 200:
                    if api.release.wait(0.5):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _target_handler(api: Hostile) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            api.target_hits += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST  # noqa: N815 - http.server dispatches by this name

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _bind(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    for port in PORTS:
        try:
            server = ThreadingHTTPServer((HOST, port), handler)
        except OSError:
            continue
        server.daemon_threads = True
        return server
    raise RuntimeError(f"no free port in {PORTS}")


@contextlib.contextmanager
def serve(directory: Path):
    """The hostile server (HTTPS) and two redirect targets (HTTPS, plain http)."""
    ca_key, server_key = signing.key("hostile-test-ca"), signing.key("hostile-test-server")
    ca = signing.make_ca("Hostile Reminders Test CA", ca_key)
    cert = signing.make_leaf(ca, ca_key, server_key, dns_names=("localhost",), ip_addresses=(HOST,))
    (directory / "ca.pem").write_bytes(signing.pem(ca))
    (directory / "server.pem").write_bytes(signing.pem(cert))
    (directory / "server.key").write_bytes(
        server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "server.pem", directory / "server.key")
    api = Hostile(ca_bundle=directory / "ca.pem")
    hostile, target, plain = _bind(_hostile_handler(api)), _bind(_target_handler(api)), _bind(_target_handler(api))
    hostile.socket = context.wrap_socket(hostile.socket, server_side=True)
    target.socket = context.wrap_socket(target.socket, server_side=True)
    api.url, api.target_port = f"https://{HOST}:{hostile.server_address[1]}", target.server_address[1]
    api.plain_target_port = plain.server_address[1]
    servers = [hostile, target, plain]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield api
    finally:
        api.release.set()
        time.sleep(0.05)
        for server in servers:
            server.shutdown()
            server.server_close()
