"""What the self-hosted endpoint writes to its logs, and how.

* Every line is one line: control characters (CR, LF, ESC, ...) in a message
  are written as escapes (`\\x0d`), so nothing a client sends (a path, a
  header, an intent name echoed by a log line) can forge a log line or drive a
  terminal. `EscapeControlCharacters` does it; it sits on the handlers the
  endpoint installs (the root handler when nothing else configured logging,
  and gunicorn's error and access logs through `GunicornLogger`).
* Every line written while a request is handled carries its request id
  (`RequestIdFilter`), the same id the answer carries in `X-Request-Id` and
  the access log prints, so one request can be followed through the logs.
  The id is generated for each request (or taken from a well-formed
  `X-Request-Id` set by a proxy in front); it is never the Alexa requestId
  or anything else from the body.
* The access log (`skill.hosting.serving.ACCESS_LOG_FORMAT`) holds time, client address, method,
  path, status, duration and request id: no query string, no response size,
  no user agent, no referer, no body.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import g, has_request_context
from gunicorn.glogging import Logger as _GunicornBaseLogger

REQUEST_ID_HEADER = "X-Request-Id"

LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s [%(request_id)s]: %(message)s"

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_control_characters(text: str) -> str:
    """`text` with every control character written as a visible escape."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


class EscapeControlCharacters(logging.Filter):
    """A handler filter: the record's message, with its arguments filled in,
    with control characters escaped. A traceback (multi-line by nature) is
    left as it is; the endpoint writes them at DEBUG only."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_control_characters(message)
        if escaped != message:
            record.msg, record.args = escaped, None
        return True


class RequestIdFilter(logging.Filter):
    """A handler filter: `record.request_id`, the id of the request being
    handled, or "-" outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request_id = g.get("request_id") if has_request_context() else None
            record.request_id = request_id or "-"
        return True


def add_filters(handler: logging.Handler) -> None:
    """Give `handler` the endpoint's filters (once)."""
    for kind in (RequestIdFilter, EscapeControlCharacters):
        if not any(isinstance(existing, kind) for existing in handler.filters):
            handler.addFilter(kind())


def configure_logging() -> None:
    """Under gunicorn (or any bare process) nothing configures the root
    logger: give it one stderr handler with the endpoint's format and
    filters. A host that configured logging itself keeps its configuration
    (add `add_filters` to its handlers for the same guarantees)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        add_filters(handler)
        root.addHandler(handler)
        root.setLevel(logging.INFO)


class GunicornLogger(_GunicornBaseLogger):
    """gunicorn's logger with control characters escaped in its error and
    access logs (`logger_class` in gunicorn.conf.py and `back-spasm serve`)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(existing, EscapeControlCharacters) for existing in handler.filters):
                    handler.addFilter(EscapeControlCharacters())


class DropSdkFailureRecords(logging.Filter):
    """A filter for the Flask app's logger: flask-ask-sdk logs each refused
    or failed request there at ERROR with its traceback (and a
    deserialisation error's message quotes the body). The app's error
    handlers log every such request once, by reason or exception type, so
    these records are dropped."""

    def __init__(self, *exception_types: type[BaseException]):
        super().__init__()
        self.exception_types = exception_types

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        return not (exc_info and isinstance(exc_info[1], self.exception_types))
