"""A certificate-URL flood against the self-hosted endpoint (not a test):
`python bench/certificate_flood.py`.

Starts fresh gunicorn workers (the production `gunicorn.conf.py`, 127.0.0.1,
verification on, the test PKI of skill.testing.signing as the trust root) and
a local HTTPS server standing in for s3.amazonaws.com: it serves the test
signing chain at the genuine URL, answers 404 to anything else, and counts
every download. Then, for `--seconds` (60):

- a stranger who knows the skill id posts `--junk-rate` (10) requests a
  second, each with a fresh timestamp and a never-seen certificate URL
  `https://s3.amazonaws.com/echo.api/junk-<n>.pem` (signed with their own
  key); the flood starts `--head-start` (10) seconds before Alexa's first
  request, so it is under way when Alexa arrives, and goes on to the end;
- Alexa posts `--genuine-rate` (2) correctly signed requests a second, all
  naming the genuine URL.

It prints genuine requests accepted / sent (target: at least 95%), junk
requests accepted (must be 0), the downloads made (junk and genuine) and the
refusal reasons the endpoint logged.

Scenarios: `--scenario cold` (default): an empty certificate cache, as on a
first deployment or when Amazon moves to a new certificate URL;
`--scenario restart`: one genuine request is served first, gunicorn is
stopped and started again on the same certificate cache directory, then the
flood.

    python bench/certificate_flood.py                       # 60 s, cold, gunicorn.conf.py's worker count
    python bench/certificate_flood.py --seconds 5 --json    # short, machine-readable
    python bench/certificate_flood.py --scenario restart

`run(**options) -> dict` is importable (tests/test_certificate_flood.py runs a short one).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.server
import json
import re
import socket
import ssl
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from skill.hosting import serving
from skill.testing import signing
from skill.testing.local_gunicorn import free_port, running_gunicorn
from skill.tools.alexa import envelopes

BENCH = Path(__file__).resolve().parent
SKILL_ID = "amzn1.ask.skill.flood000-0000-4000-8000-000000000000"
GENUINE_PATH = "/echo.api/echo-api-cert-test.pem"
TARGET_ACCEPTED = 0.95
_REASON = re.compile(r"\[(genuine|junk)-\d+\]: rejected .*verification failed: (.*)$")


# ---- the stand-in for s3.amazonaws.com -------------------------------------------------


class CertificateServer:
    """HTTPS on 127.0.0.1 with a certificate from its own throwaway CA: the
    genuine chain at GENUINE_PATH, 404 elsewhere; every GET is counted."""

    def __init__(self, directory: Path, chain: bytes, port: int):
        ca_key, server_key = signing.key("flood-tls-ca"), signing.key("flood-tls-server")
        ca = signing.make_ca("Flood Bench TLS CA", ca_key)
        server_cert = signing.make_leaf(ca, ca_key, server_key, dns_names=("localhost",), ip_addresses=("127.0.0.1",))
        self.ca_file, cert_file, key_file = directory / "tls-ca.pem", directory / "tls.pem", directory / "tls.key"
        self.ca_file.write_bytes(signing.pem(ca))
        cert_file.write_bytes(signing.pem(server_cert))
        key_file.write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                      serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self.downloads: collections.Counter[str] = collections.Counter()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.downloads["genuine" if self.path == GENUINE_PATH else "junk"] += 1
                body = chain if self.path == GENUINE_PATH else None
                signing.answer_download(self, body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._http = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._http.daemon_threads = True
        self._http.socket = context.wrap_socket(self._http.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> CertificateServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()


# ---- requests -------------------------------------------------------------------------


def _raw(body: bytes, headers: dict[str, str], request_id: str) -> bytes:
    """The request, with an X-Request-Id (kind-number) that the endpoint's log lines repeat."""
    lines = ["POST /alexa HTTP/1.1", "Host: 127.0.0.1", "Connection: close", f"Content-Length: {len(body)}",
             f"X-Request-Id: {request_id}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


def genuine_request(pki: signing.TestPKI, n: int = 0) -> bytes:
    """What Alexa sends: a fresh LaunchRequest signed with the chain's key."""
    body = json.dumps(envelopes.launch_request(skill_id=SKILL_ID)).encode()
    return _raw(body, pki.headers(body, url=f"https://s3.amazonaws.com{GENUINE_PATH}"), f"genuine-{n:05d}")


def junk_request(n: int) -> bytes:
    """What the stranger sends: a fresh request for the skill naming a new certificate URL."""
    body = json.dumps(envelopes.launch_request(skill_id=SKILL_ID)).encode()
    return _raw(body, {"SignatureCertChainUrl": f"https://s3.amazonaws.com/echo.api/junk-{n}.pem",
                       "Signature-256": signing.sign(body, signing.key("flood-attacker")),
                       "Content-Type": "application/json"}, f"junk-{n:05d}")


def post(port: int, request: bytes, timeout: float = 10.0) -> int:
    """The status of the answer (0: no answer)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(request)
            answer = bytearray()
            while chunk := connection.recv(65536):
                answer += chunk
        return int(answer[9:12])
    except (OSError, ValueError):
        return 0


# ---- the run --------------------------------------------------------------------------


@contextlib.contextmanager
def endpoint(pki_dir: Path, cache_dir: Path, certificates: CertificateServer, port: int, workers: int, log):
    env = {"BENCH_PKI_DIR": str(pki_dir), "BENCH_SKILL_ID": SKILL_ID, "BENCH_CERT_SERVER": certificates.url,
           "SSL_CERT_FILE": str(certificates.ca_file), "BACK_SPASM_CERT_CACHE_DIR": str(cache_dir),
           "WEB_CONCURRENCY": str(workers)}
    with running_gunicorn("_flood_app:create_app()", "--workers", str(workers), "--pythonpath", str(BENCH),
                          port=port, env=env, stderr=log):
        yield


def flood(port: int, pki: signing.TestPKI, *, seconds: float, junk_rate: float, genuine_rate: float,
          head_start: float) -> dict:
    """Junk from t=0, genuine from t=head_start, both until head_start + seconds."""
    events = [(n / junk_rate, "junk", n) for n in range(int((head_start + seconds) * junk_rate))]
    events += [(head_start + n / genuine_rate, "genuine", n) for n in range(int(seconds * genuine_rate))]
    events.sort()
    statuses: dict[str, collections.Counter[int]] = {"junk": collections.Counter(), "genuine": collections.Counter()}
    lock = threading.Lock()

    def send(kind: str, n: int) -> None:
        status = post(port, genuine_request(pki, n) if kind == "genuine" else junk_request(n))
        with lock:
            statuses[kind][status] += 1

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for at, kind, n in events:
            delay = started + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, kind, n)
    return {kind: dict(counts) for kind, counts in statuses.items()}


def reasons(log_text: str) -> dict[str, dict[str, int]]:
    """The refusals the endpoint logged, by kind of request (genuine, junk) and reason."""
    counts: dict[str, collections.Counter[str]] = {"genuine": collections.Counter(), "junk": collections.Counter()}
    for line in log_text.splitlines():
        found = _REASON.search(line)
        if found:
            counts[found.group(1)][re.sub(r"\d+", "N", found.group(2))] += 1
    return {kind: dict(reasons.most_common()) for kind, reasons in counts.items()}


def run(*, seconds: float = 60.0, junk_rate: float = 10.0, genuine_rate: float = 2.0, head_start: float = 10.0,
        workers: int | None = None, scenario: str = "cold", port: int | None = None, cert_port: int | None = None) -> dict:
    workers = workers or serving.default_workers()
    pki = signing.make_pki()
    with tempfile.TemporaryDirectory(prefix="certificate-flood-") as temp:
        directory = Path(temp)
        (directory / "root.pem").write_bytes(signing.pem(pki.root))
        cache_dir, log_path = directory / "certificate-cache", directory / "gunicorn.log"
        port = port or free_port()
        with CertificateServer(directory, pki.chain_pem(), cert_port or 0) as certificates, open(log_path, "w+") as log:
            warm_up = None
            if scenario == "restart":
                with endpoint(directory, cache_dir, certificates, port, workers, log):
                    warm_up = post(port, genuine_request(pki))
                certificates.downloads.clear()
                log.seek(0)
                log.truncate()
            with endpoint(directory, cache_dir, certificates, port, workers, log):
                statuses = flood(port, pki, seconds=seconds, junk_rate=junk_rate, genuine_rate=genuine_rate,
                                 head_start=head_start)
            log.seek(0)
            logged = reasons(log.read())
            downloads = dict(certificates.downloads)
    genuine, junk = statuses["genuine"], statuses["junk"]
    sent = sum(genuine.values())
    return {
        "scenario": scenario, "seconds": seconds, "workers": workers, "junk_rate": junk_rate,
        "genuine_rate": genuine_rate, "head_start": head_start, "warm_up_status": warm_up,
        "genuine_sent": sent, "genuine_accepted": genuine.get(200, 0),
        "genuine_share": genuine.get(200, 0) / sent if sent else 0.0,
        "genuine_statuses": genuine, "junk_sent": sum(junk.values()), "junk_accepted": junk.get(200, 0),
        "junk_statuses": junk, "junk_downloads": downloads.get("junk", 0),
        "genuine_downloads": downloads.get("genuine", 0), "refusal_reasons": logged,
    }


def report(result: dict) -> str:
    share = result["genuine_share"]
    lines = [
        f"certificate-URL flood: {result['junk_rate']:g} junk URLs/s for {result['seconds']:g} s "
        f"(head start {result['head_start']:g} s), genuine {result['genuine_rate']:g}/s, "
        f"{result['workers']} gunicorn workers, scenario {result['scenario']}",
        f"genuine accepted: {result['genuine_accepted']} / {result['genuine_sent']} ({share:.1%}; "
        f"target >= {TARGET_ACCEPTED:.0%}: {'met' if share >= TARGET_ACCEPTED else 'NOT met'})",
        f"junk accepted: {result['junk_accepted']} / {result['junk_sent']}",
        f"downloads made: junk {result['junk_downloads']}, genuine {result['genuine_downloads']}",
        "refusals logged:",
    ]
    for kind in ("genuine", "junk"):
        lines.append(f"  {kind}:")
        lines += [f"    {count:5d}  {reason}" for reason, count in result["refusal_reasons"][kind].items()] or ["    none"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long Alexa's requests arrive (default 60)")
    parser.add_argument("--junk-rate", type=float, default=10.0, help="junk URLs a second (default 10)")
    parser.add_argument("--genuine-rate", type=float, default=2.0, help="genuine requests a second (default 2)")
    parser.add_argument("--head-start", type=float, default=10.0,
                        help="seconds of flood before Alexa's first request (default 10)")
    parser.add_argument("--workers", type=int, default=None,
                        help=f"gunicorn workers (default: gunicorn.conf.py's, {serving.default_workers()} here)")
    parser.add_argument("--scenario", choices=("cold", "restart"), default="cold")
    parser.add_argument("--port", type=int, default=None, help="the endpoint's port (default: a free one)")
    parser.add_argument("--cert-port", type=int, default=None, help="the certificate server's port (default: a free one)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    options = parser.parse_args(argv)
    result = run(seconds=options.seconds, junk_rate=options.junk_rate, genuine_rate=options.genuine_rate,
                 head_start=options.head_start, workers=options.workers, scenario=options.scenario,
                 port=options.port, cert_port=options.cert_port)
    print(json.dumps(result, indent=2) if options.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
