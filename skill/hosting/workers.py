"""gunicorn's gevent worker, answering the requests gunicorn itself refuses
(oversized headers or request line, malformed HTTP) with short JSON instead of
its HTML error page.

gunicorn parses the request line and headers before any application code
runs, so these errors never reach Flask. `handle_error` lets gunicorn decide
status, logging and access log exactly as it always does, and only changes
what is written to the client: `{"error": "<reason, lower case>"}` with the
same status.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from gunicorn import util
from gunicorn.http.errors import UnsupportedTransferCoding
from gunicorn.workers.ggevent import GeventWorker


class _CapturedError:
    """Stands in for the client socket while gunicorn writes its error page."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0

    def setblocking(self, flag: bool) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.data += data

    def send(self, data: bytes) -> int:
        self.data += data
        return len(data)


def json_error_response(page: bytes) -> bytes | None:
    """The JSON answer for gunicorn's HTML error `page` (a whole HTTP
    response), or None if it cannot be read."""
    status_line = page.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split(" ", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    status, reason = int(parts[1]), parts[2]
    body = json.dumps({"error": reason.lower()}, separators=(",", ":")).encode() + b"\n"
    return (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode(
        "latin-1"
    ) + body


class JsonErrorGeventWorker(GeventWorker):
    """gevent worker whose own error answers are JSON."""

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: BaseException) -> None:
        captured = _CapturedError()
        super().handle_error(req, captured, addr, exc)  # a duck-typed socket
        if isinstance(exc, UnsupportedTransferCoding) and captured.data:
            # gunicorn says 501 to `Transfer-Encoding: xchunked`: a malformed request, so 400.
            captured.data = b"HTTP/1.1 400 Bad Request" + captured.data[captured.data.find(b"\r\n") :]
        answer = json_error_response(captured.data) if captured.data else None
        try:
            util.write_nonblock(client, answer if answer is not None else captured.data)
        except Exception:
            self.log.debug("Failed to send error message.")
