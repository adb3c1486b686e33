"""Slow clients against the self-hosted endpoint (not a test):
`python bench/slow_clients.py`.

Starts the endpoint under gunicorn with the production `gunicorn.conf.py`
(verified, the benchmark's test PKI, 127.0.0.1), opens 200 connections that
send their request a byte at a time for 20 s (half drip the headers, half
send complete headers and then drip the body), and meanwhile probes
`GET /healthz` and a signed `POST /alexa` a few times a second, each probe
with a 2 s timeout. It prints the share of probes answered (target: at
least 95% of /healthz probes).

    python bench/slow_clients.py                        # 200 connections, 20 s
    python bench/slow_clients.py --worker-class sync    # the same with sync workers
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from endpoint import _raw_request, _signed_request, _write_pki
from load import gunicorn

TARGET_HEALTHZ = 0.95


def drip(port: int, seconds: float, part: str, stop: threading.Event, interval: float = 0.5) -> None:
    """One slow client: a request sent a byte every `interval` s for `seconds`."""
    if part == "headers":
        head = b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        drip_bytes = b"X-Slow: " + b"a" * 4000
    else:
        head = b"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
        drip_bytes = b" " * 4000
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(head)
            ends = time.monotonic() + seconds
            for byte in drip_bytes:
                if stop.is_set() or time.monotonic() >= ends:
                    break
                connection.sendall(bytes([byte]))
                stop.wait(interval)
    except OSError:
        pass  # the server hung up on us: that is its right


def probe(port: int, request: bytes, timeout: float) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.settimeout(timeout)
            connection.sendall(request)
            answer = bytearray()
            deadline = time.monotonic() + timeout
            while (chunk := connection.recv(65536)) and time.monotonic() < deadline:
                answer += chunk
        return answer.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def measure(port: int, alexa_request: bytes, *, connections: int, seconds: float, probe_every: float = 0.25,
            probe_timeout: float = 2.0) -> dict:
    """Slow connections on `port` for `seconds`, probing meanwhile."""
    healthz = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    stop = threading.Event()
    slow = [threading.Thread(target=drip, args=(port, seconds, "headers" if n % 2 else "body", stop), daemon=True)
            for n in range(connections)]
    for thread in slow:
        thread.start()
    time.sleep(min(1.0, seconds / 4))  # let them all connect and start dripping
    results: dict[str, list[bool]] = {"healthz": [], "alexa": []}
    probes: list[threading.Thread] = []

    def one(kind: str, request: bytes) -> None:
        results[kind].append(probe(port, request, probe_timeout))

    ends = time.monotonic() + seconds - min(1.0, seconds / 4)
    while time.monotonic() < ends:
        for kind, request in (("healthz", healthz), ("alexa", alexa_request)):
            thread = threading.Thread(target=one, args=(kind, request), daemon=True)
            thread.start()
            probes.append(thread)
        time.sleep(probe_every)
    for thread in probes:
        thread.join()
    stop.set()
    for thread in slow:
        thread.join(timeout=10)
    return {kind: {"probes": len(values), "answered": sum(values),
                   "share": sum(values) / len(values) if values else 0.0} for kind, values in results.items()}


def run(*, connections: int = 200, seconds: float = 20.0, worker_class: str | None = None,
        workers: int | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-slow-") as directory:
        pki_dir = Path(directory)
        pki, pki_module, _ = _write_pki(pki_dir)
        with gunicorn(pki_dir, worker_class=worker_class, workers=workers) as port:
            body, headers = _signed_request(pki, pki_module)
            result = measure(port, _raw_request(body, headers), connections=connections, seconds=seconds)
    return {"connections": connections, "seconds": seconds, "worker_class": worker_class or "(gunicorn.conf.py)",
            **result, "target_met": result["healthz"]["share"] >= TARGET_HEALTHZ}


def report(result: dict) -> str:
    return "\n".join([
        f"{result['connections']} slow connections for {result['seconds']:g} s (half drip headers, half a body), "
        f"worker class {result['worker_class']}:",
        *(f"  {kind:8} answered {r['answered']}/{r['probes']} probes ({r['share']:.0%}) within 2 s"
          for kind in ("healthz", "alexa") if (r := result[kind])),
        f"  target: /healthz >= {TARGET_HEALTHZ:.0%}: {'met' if result['target_met'] else 'NOT MET'}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--worker-class", help="override gunicorn.conf.py's worker class")
    parser.add_argument("--workers", type=int, help="override gunicorn.conf.py's worker count")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(connections=args.connections, seconds=args.seconds, worker_class=args.worker_class,
                 workers=args.workers)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
