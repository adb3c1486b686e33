"""One HTTPS call to an Alexa API with one deadline, connect to last byte.

Per-operation socket timeouts do not bound a call: a server that trickles a
byte a second keeps every read alive, and a client that follows redirects
sends the request (and its token) wherever a 307 says. Here every step (TCP
connect, TLS handshake, sending, each read of the status line, headers and
body) gets only what is left of one budget; redirects are answers like any
other (the caller treats a 3xx as a failure); the body is capped; and only
Amazon's documented API hosts are called, unless a caller names others
explicitly (tests, a local stand-in).

Imported at the first reminder, never at cold start.
"""

from __future__ import annotations

import http.client
import io
import os
import select
import socket
import ssl
import time
from urllib.parse import urlsplit

# Amazon's Alexa API endpoints (the apiEndpoint of a request is one of these, by region).
AMAZON_API_HOSTS = frozenset({"api.amazonalexa.com", "api.eu.amazonalexa.com", "api.fe.amazonalexa.com"})
MAX_RESPONSE_BYTES = 64 * 1024  # a created reminder's answer is well under 1 KB


class ApiCallError(Exception):
    """The call did not get an answer in time, in size, or from an allowed host."""


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each given only what is left until `deadline`."""

    def __init__(self, sock: ssl.SSLSocket, deadline: float):
        self._sock, self._deadline = sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


class _DeadlineSocket:
    """What http.client.HTTPResponse needs of a socket: `makefile`."""

    def __init__(self, sock: ssl.SSLSocket, deadline: float):
        self._sock, self._deadline = sock, deadline

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("deadline passed")
    return remaining


def _context() -> ssl.SSLContext:
    # The CA bundle `requests` would use (REQUESTS_CA_BUNDLE), else the system's.
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE")
    if bundle:
        return ssl.create_default_context(cafile=bundle)
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:
        return ssl.create_default_context()


def _handshake(sock: ssl.SSLSocket, deadline: float) -> None:
    sock.setblocking(False)
    while True:
        try:
            sock.do_handshake()
            break
        except ssl.SSLWantReadError:
            ready = select.select([sock], [], [], _remaining(deadline))[0]
        except ssl.SSLWantWriteError:
            ready = select.select([], [sock], [], _remaining(deadline))[1]
        if not ready:
            raise TimeoutError("TLS handshake timed out")
    sock.setblocking(True)


def call(
    method: str,
    url: str,
    headers: dict[str, str],
    body: bytes | None,
    *,
    budget: float,
    allowed_hosts: frozenset[str] = AMAZON_API_HOSTS,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> tuple[int, list[tuple[str, str]], str]:
    """(status, headers, body text) of one request, all of it within `budget`
    seconds; raises ApiCallError (or OSError) otherwise. 3xx answers are
    returned as they are, never followed."""
    deadline = time.monotonic() + budget
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or host not in allowed_hosts:
        raise ApiCallError("not an allowed API host")
    if host in AMAZON_API_HOSTS and parts.port not in (None, 443):
        raise ApiCallError("not an allowed API port")
    port = parts.port or 443
    raw = socket.create_connection((host, port), timeout=min(2.0, _remaining(deadline)))
    try:
        sock = _context().wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
        _handshake(sock, deadline)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = [f"{method} {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
        request += [f"{name}: {value}" for name, value in headers.items() if "\n" not in value and "\r" not in value]
        if body is not None:
            request.append(f"Content-Length: {len(body)}")
        sock.settimeout(_remaining(deadline))
        sock.sendall(("\r\n".join(request) + "\r\n\r\n").encode("latin-1") + (body or b""))
        response = http.client.HTTPResponse(_DeadlineSocket(sock, deadline), method=method)  # type: ignore[arg-type]
        response.begin()
        length = response.getheader("Content-Length")
        if length is not None and length.isdigit() and int(length) > max_bytes:
            raise ApiCallError("answer too large")
        content = response.read(max_bytes + 1)
        if len(content) > max_bytes:
            raise ApiCallError("answer too large")
        return response.status, list(response.getheaders()), content.decode("utf-8", "replace")
    except (http.client.HTTPException, ValueError) as error:
        raise ApiCallError(type(error).__name__) from error
    finally:
        raw.close()
