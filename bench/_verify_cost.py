"""Per-request verification cost, ours against the SDK's stock verifier.

Run by bench/endpoint.py in a fresh interpreter (oscrypto chooses its trust
list once per process; SSL_CERT_FILE must point at a bundle that includes the
benchmark's test root). Prints one JSON object.

    python bench/_verify_cost.py <pki_dir> [iterations]
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from cryptography import x509

from skill.hosting.verification import AlexaRequestVerifier, SkillIdVerifier, TimestampVerifier


def per_call_us(function, iterations: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        function()
    best = float("inf")
    for _ in range(3):  # best of three batches: the least disturbed by the rest of the machine
        started = time.perf_counter()
        for _ in range(iterations):
            function()
        best = min(best, (time.perf_counter() - started) / iterations)
    return best * 1e6


def main(pki_dir: Path, iterations: int) -> dict:
    # The stock verifier imports oscrypto: only after skill.hosting (imported
    # above) has installed the oscrypto workaround. Imported here so that no
    # import sorter can move it ahead of that.
    from ask_sdk_webservice_support.verifier import RequestVerifier
    from ask_sdk_webservice_support.verifier import TimestampVerifier as StockTimestampVerifier

    warnings.simplefilter("ignore")  # the stock verifier uses datetime.utcnow and naive certificate dates
    request = json.loads((pki_dir / "request.json").read_text())
    headers, body, url = request["headers"], request["body"], request["url"]
    chain = (pki_dir / "chain.pem").read_bytes()
    roots = x509.load_pem_x509_certificates((pki_dir / "root.pem").read_bytes())
    envelope = DefaultSerializer().deserialize(body, RequestEnvelope)

    stock = RequestVerifier()
    stock._cert_cache[url] = chain  # its own download cache, pre-filled: no network
    stock_timestamp = StockTimestampVerifier()

    ours = AlexaRequestVerifier(trust_roots=roots, fetch_certificate=lambda _url: chain)
    our_checks = [SkillIdVerifier(request["skill_id"]), TimestampVerifier(), ours]

    def run_stock():
        stock.verify(headers, body, envelope)

    def run_stock_all():
        stock_timestamp.verify(headers, body, envelope)
        stock.verify(headers, body, envelope)

    def run_ours():
        ours.verify(headers, body, envelope)

    def run_ours_all():
        for verifier in our_checks:
            verifier.verify(headers, body, envelope)

    public_key = ours.signing_key(url)
    signature = __import__("base64").b64decode(headers["Signature-256"])
    data = body.encode()
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.hashes import SHA256

    pad, digest = PKCS1v15(), SHA256()

    def run_floor():
        public_key.verify(signature, data, pad, digest)

    def run_cold():
        AlexaRequestVerifier(trust_roots=roots, fetch_certificate=lambda _url: chain).signing_key(url)

    run_stock()  # fails loudly here if the stock verifier rejects the request
    run_ours_all()
    stock_iterations = max(20, iterations // 20)
    result = {
        "stock_us": per_call_us(run_stock, stock_iterations),
        "ours_us": per_call_us(run_ours, iterations),
        "stock_all_checks_us": per_call_us(run_stock_all, stock_iterations),
        "ours_all_checks_us": per_call_us(run_ours_all, iterations),
        "rsa_verify_floor_us": per_call_us(run_floor, iterations),
        "ours_cold_us": per_call_us(run_cold, max(20, iterations // 50)),
    }
    result["speedup"] = result["stock_us"] / result["ours_us"]
    result["speedup_all_checks"] = result["stock_all_checks_us"] / result["ours_all_checks_us"]
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 4000)))
