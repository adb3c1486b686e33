"""gunicorn settings for the self-hosted Alexa endpoint (skill.hosting.app).

    gunicorn -c gunicorn.conf.py                      # 127.0.0.1:5000, verification on
    gunicorn -c gunicorn.conf.py -b 0.0.0.0:8443 \\
        --certfile fullchain.pem --keyfile privkey.pem  # HTTPS directly (Alexa needs 443 in front)

Command-line flags override anything here. The skill id comes from
ALEXA_SKILL_ID; the worker count from WEB_CONCURRENCY. The app is stateless
(the conversation travels in Alexa's session attributes), so scale by adding
workers here and machines behind any load balancer. The settings shared with
`back-spasm serve` live in skill/hosting/serving.py.
"""

import os

from skill.hosting import serving

wsgi_app = "skill.hosting.app:create_app()"

bind = ["127.0.0.1:5000"]

# gevent workers (the gevent package, in the [web] extra): a slow client
# waits in a greenlet instead of holding a whole worker, so slow or stalled
# connections cannot starve /alexa or /healthz. A client has `keepalive`
# seconds to send its request headers; each worker serves up to
# `worker_connections` connections at once. Requests are ~1 ms of CPU:
# a few more workers than cores.
workers = int(os.environ.get("WEB_CONCURRENCY", serving.default_workers()))
worker_class = serving.WORKER_CLASS
worker_connections = serving.WORKER_CONNECTIONS
keepalive = serving.KEEPALIVE_SECONDS
timeout = serving.TIMEOUT_SECONDS
graceful_timeout = 10

# Alexa's requests are small; oversized request lines and headers are refused
# by gunicorn before the app runs, with a short JSON error (431 for headers,
# 414 for the request line). The app itself caps the body at 128 KiB (413).
limit_request_line = serving.LIMIT_REQUEST_LINE
limit_request_fields = serving.LIMIT_REQUEST_FIELDS
limit_request_field_size = serving.LIMIT_REQUEST_FIELD_SIZE

# What is logged. The access log has one line per request: time, client
# address, method, path (without the query string), status, duration in ms
# and the request id that the answer carries in X-Request-Id and every app
# log line of that request shows. It has no response size, no user agent, no
# referer, no headers and no body. Control characters in any line (error or
# access log) are written as escapes (\x0d), so a request cannot forge a
# line. The app logs refusals with their reason, never anything from the
# request body.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = serving.ACCESS_LOG_FORMAT
logger_class = serving.LOGGER_CLASS

# gunicorn 25.1+ opens a control socket at one fixed per-user path, which a
# second instance on the same machine fights over; `gunicornc` is not needed
# here. Delete this line to get it back. (Older gunicorns ignore it.)
control_socket_disable = True
