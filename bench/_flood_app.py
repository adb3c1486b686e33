"""gunicorn app module for bench/certificate_flood.py and its test only (never production).

The production app factory, `skill.hosting.app.create_app`, with the two
substitutions the tests also make: the benchmark's test root CA as the trust
store, and certificate downloads sent to a local HTTPS server instead of
s3.amazonaws.com. The download itself is the production one
(`download_certificate_chain`: TLS-verified, 2 s, 64 KiB, no redirects); the
local server's TLS certificate is trusted through SSL_CERT_FILE, which the
benchmark sets for gunicorn. Everything else (URL rules, caches, budget,
verifiers, adapter, skill) is the production code.

    BENCH_PKI_DIR=<dir with root.pem> BENCH_SKILL_ID=... BENCH_CERT_SERVER=https://127.0.0.1:PORT \\
        SSL_CERT_FILE=<the local server's CA> gunicorn --pythonpath bench '_flood_app:create_app()'
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509

from skill.hosting import app as web
from skill.hosting.certificates import download_certificate_chain


def create_app():
    roots = x509.load_pem_x509_certificates((Path(os.environ["BENCH_PKI_DIR"]) / "root.pem").read_bytes())
    server = os.environ["BENCH_CERT_SERVER"]

    def fetch(url: str) -> bytes:  # the real download, from the local server instead of S3
        return download_certificate_chain(server + urlsplit(url).path)

    return web.create_app(skill_id=os.environ["BENCH_SKILL_ID"], trust_roots=roots, fetch_certificate=fetch)
