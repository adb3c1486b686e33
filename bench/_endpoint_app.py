"""gunicorn app module for bench/endpoint.py only (never production).

The production app factory, `skill.hosting.app.create_app`, with the two substitutions
the tests also make: the benchmark's test root CA as the trust store, and the
certificate chain served from a local file instead of s3.amazonaws.com.
Everything else (verifiers, cache, adapter, skill) is the production code.

    BENCH_PKI_DIR=<dir with root.pem, chain.pem> BENCH_SKILL_ID=... \\
        gunicorn --pythonpath bench '_endpoint_app:create_app(verify=True)'
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509

from skill.hosting import app as web


def create_app(verify: bool = True):
    pki_dir = Path(os.environ["BENCH_PKI_DIR"])
    roots = x509.load_pem_x509_certificates((pki_dir / "root.pem").read_bytes())
    chain = (pki_dir / "chain.pem").read_bytes()
    return web.create_app(
        skill_id=os.environ["BENCH_SKILL_ID"],
        verify=verify,
        trust_roots=roots,
        fetch_certificate=lambda url: chain,
        certificate_cache=pki_dir / "certificate-cache",  # the benchmark's own, never ~/.cache
    )
