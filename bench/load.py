"""Load figures for the self-hosted endpoint (not a test): `python bench/load.py`.

Starts the endpoint under gunicorn with the production `gunicorn.conf.py`
(worker class and worker count as configured there, unless overridden),
verified, with the benchmark's test PKI (bench/_endpoint_app.py), on
127.0.0.1. For each concurrency level, that many client threads post the same
signed LaunchRequest back to back (one connection per request) for a fixed
time, and the script prints requests per second, median and 99th-percentile
latency, and errors (any answer but 200, refused or reset connections,
timeouts).

The clients run on the same machine as the server and take CPU from it: the
figures compare worker models on one machine, they are not a capacity
forecast.

    python bench/load.py                       # concurrency 10, 50, 200; 5 s each
    python bench/load.py --worker-class sync   # the same with another worker class
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from endpoint import SKILL_ID, _raw_request, _signed_request, _write_pki

from skill.testing.local_gunicorn import free_port, running_gunicorn

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


@contextlib.contextmanager
def gunicorn(pki_dir: Path, *, worker_class: str | None = None, workers: int | None = None,
             app: str = "_endpoint_app:create_app(verify=True)", extra: tuple[str, ...] = ()):
    """The production config, the bench app; yields the port."""
    port = free_port()
    options = ["--pythonpath", str(BENCH), "--access-logfile", "/dev/null", *extra]
    if worker_class:
        options += ["--worker-class", worker_class]
    if workers:
        options += ["--workers", str(workers)]
    env = {"BENCH_PKI_DIR": str(pki_dir), "BENCH_SKILL_ID": SKILL_ID}
    with tempfile.TemporaryFile("w+") as log, running_gunicorn(app, *options, port=port, env=env, stderr=log):
        yield port


def _exchange(port: int, request: bytes, timeout: float) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        response = bytearray()
        while chunk := connection.recv(65536):
            response += chunk
    try:
        return int(response[9:12])
    except ValueError:
        return 0


def load(port: int, request: bytes, clients: int, seconds: float, timeout: float = 10.0) -> dict:
    """`clients` threads, one request at a time each, for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = 0.0

    def client() -> None:
        nonlocal errors
        mine: list[float] = []
        failed = 0
        start.wait()
        while time.monotonic() < stop_at:
            began = time.monotonic()
            try:
                ok = _exchange(port, request, timeout) == 200
            except OSError:
                ok = False
            if ok:
                mine.append(time.monotonic() - began)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    stop_at = time.monotonic() + seconds
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    result = {"clients": clients, "ok": len(latencies), "errors": errors, "rps": len(latencies) / elapsed}
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100)
        result |= {"p50_ms": cuts[49] * 1000, "p99_ms": cuts[98] * 1000}
    else:
        result |= {"p50_ms": float("nan"), "p99_ms": float("nan")}
    return result


def run(*, levels: tuple[int, ...] = (10, 50, 200), seconds: float = 5.0, worker_class: str | None = None,
        workers: int | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as directory:
        pki_dir = Path(directory)
        pki, pki_module, _ = _write_pki(pki_dir)
        with gunicorn(pki_dir, worker_class=worker_class, workers=workers) as port:
            request = _raw_request(*_signed_request(pki, pki_module))
            for _ in range(50):  # warm every worker: imports, certificate cache
                _exchange(port, request, 10)
            rows = []
            for clients in levels:
                request = _raw_request(*_signed_request(pki, pki_module))  # fresh timestamp
                rows.append(load(port, request, clients, seconds))
    return {"worker_class": worker_class or "(gunicorn.conf.py)", "workers": workers or "(gunicorn.conf.py)",
            "seconds": seconds, "levels": rows}


def report(result: dict) -> str:
    lines = [f"Endpoint load, gunicorn.conf.py, worker class {result['worker_class']}, workers {result['workers']}, "
             f"{result['seconds']:g} s per level, signed LaunchRequest, 127.0.0.1:",
             f"  {'concurrency':>11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"]
    for row in result["levels"]:
        lines.append(f"  {row['clients']:>11} {row['rps']:>8.0f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} "
                     f"{row['errors']:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="10,50,200", help="comma-separated concurrency levels")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per level")
    parser.add_argument("--worker-class", help="override gunicorn.conf.py's worker class")
    parser.add_argument("--workers", type=int, help="override gunicorn.conf.py's worker count")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead")
    args = parser.parse_args(argv)
    levels = tuple(int(level) for level in args.levels.split(","))
    result = run(levels=levels, seconds=args.seconds, worker_class=args.worker_class, workers=args.workers)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
