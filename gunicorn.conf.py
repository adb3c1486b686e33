"""gunicorn settings for the self-hosted Alexa endpoint (skill.hosting.app).

    gunicorn -c gunicorn.conf.py                      # 127.0.0.1:5000, verification on
    gunicorn -c gunicorn.conf.py -b 0.0.0.0:8443 \\
        --certfile fullchain.pem --keyfile privkey.pem  # HTTPS directly (Alexa needs 443 in front)

Command-line flags override anything here. The skill id comes from
ALEXA_SKILL_ID; the worker count from WEB_CONCURRENCY. The app is stateless
(the conversation travels in Alexa's session attributes), so scale by adding
workers here and machines behind any load balancer.
"""

import multiprocessing
import os

wsgi_app = "skill.hosting.app:create_app()"

bind = ["127.0.0.1:5000"]

# Sync workers: each request is ~1 ms of CPU. A worker blocks at most
# 2 s on the rare certificate download (once per certificate URL per worker),
# hence a few more workers than cores.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 10
keepalive = 5

# Alexa's requests are small; refuse oversized request lines and headers
# early (the app itself caps the body at 128 KiB with a 413).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# The access log holds method, path, status and timing only: never bodies.
accesslog = "-"
errorlog = "-"
loglevel = "info"

# gunicorn 25.1+ opens a control socket at one fixed per-user path, which a
# second instance on the same machine fights over; `gunicornc` is not needed
# here. Delete this line to get it back. (Older gunicorns ignore it.)
control_socket_disable = True
