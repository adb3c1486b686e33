"""How the endpoint is served: the gunicorn settings `gunicorn.conf.py` and
`back-spasm serve` share, so that the quick start and production behave
alike. Importing this module imports neither Flask nor gevent.

Worker model: gevent workers (`workers.JsonErrorGeventWorker`). A sync
worker gives itself to one connection from the first byte to the last, so as
many slow clients (dripping headers or a body) as there are workers stall the
whole endpoint, `/healthz` included. A gevent worker holds each connection in
a greenlet of a few KiB and serves the others while one waits for bytes; a
connection that has not sent its headers within `keepalive` seconds is
closed. Each request is about a millisecond of CPU, and the rare certificate
download (2 s at most) waits without blocking the worker either.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

WORKER_CLASS = "skill.hosting.workers.JsonErrorGeventWorker"
LOGGER_CLASS = "skill.hosting.logs.GunicornLogger"
WORKER_CONNECTIONS = 1000  # per worker: open connections served at once, slow ones included
KEEPALIVE_SECONDS = 5  # also the time a client has to send its request headers
TIMEOUT_SECONDS = 30
# Alexa's requests are small: request line and headers are limited early, by
# gunicorn, and answered with a short JSON error (the body limit, 128 KiB,
# is the app's).
LIMIT_REQUEST_LINE = 4094
LIMIT_REQUEST_FIELDS = 50
LIMIT_REQUEST_FIELD_SIZE = 8190
# One line per request: time, client address, method, path without the query
# string, status, duration, request id (X-Request-Id). No response size, user
# agent, referer, headers or body.
ACCESS_LOG_FORMAT = '%(t)s %(h)s "%(m)s %(U)s" %(s)s %(M)sms id=%({x-request-id}o)s'


def default_workers() -> int:
    return 2 * multiprocessing.cpu_count() + 1


def gunicorn_settings() -> dict[str, Any]:
    """The settings both entry points use (gunicorn setting name -> value)."""
    return {
        "worker_class": WORKER_CLASS,
        "worker_connections": WORKER_CONNECTIONS,
        "keepalive": KEEPALIVE_SECONDS,
        "timeout": TIMEOUT_SECONDS,
        "limit_request_line": LIMIT_REQUEST_LINE,
        "limit_request_fields": LIMIT_REQUEST_FIELDS,
        "limit_request_field_size": LIMIT_REQUEST_FIELD_SIZE,
        "logger_class": LOGGER_CLASS,
        "access_log_format": ACCESS_LOG_FORMAT,
    }
