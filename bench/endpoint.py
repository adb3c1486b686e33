"""Benchmark of the self-hosted endpoint (not a test): `python bench/endpoint.py`.

Prints, in one run:

1. per-request verification cost: skill.hosting.verification.AlexaRequestVerifier
   against the SDK's stock ask_sdk_webservice_support RequestVerifier, on
   the same signed request (both warm: the stock one with the certificate
   already in its own download cache; it still re-validates the chain with
   certvalidator every time). The stock verifier's trust list is the system
   CA bundle plus the benchmark's test root (via SSL_CERT_FILE, how oscrypto
   finds roots on Linux); ours trusts the test root.
2. requests per second of the endpoint under gunicorn (production
   gunicorn.conf.py, 127.0.0.1, a few client threads): verified (signed
   requests, test CA as trust root, chain served locally) against the same
   app with verify=False. Measurement windows alternate between the two
   servers, and the median window counts.

Targets: verification >= 20x cheaper than stock; verified
throughput >= 80% of unverified.

`run(**options) -> dict` is importable (the overall benchmark calls it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from skill.testing.local_gunicorn import free_port, running_gunicorn

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SKILL_ID = "amzn1.ask.skill.bench0000-0000-4000-8000-000000000000"
SYSTEM_BUNDLES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem")

TARGET_SPEEDUP = 20.0
TARGET_THROUGHPUT_RATIO = 0.80


def _import_test_pki():
    from skill.testing import signing

    return signing


def _signed_request(pki, pki_module) -> tuple[bytes, dict]:
    """A fresh LaunchRequest (timestamp now) and its Alexa headers."""
    from skill.tools.alexa import envelopes

    body = json.dumps(envelopes.launch_request(skill_id=SKILL_ID)).encode()
    return body, pki.headers(body, url=pki_module.CERT_URL)


def _write_pki(directory: Path) -> tuple[object, object, Path]:
    _pki = _import_test_pki()
    pki = _pki.make_pki()
    (directory / "root.pem").write_bytes(_pki.pem(pki.root))
    (directory / "chain.pem").write_bytes(pki.chain_pem())
    system = next((Path(p) for p in SYSTEM_BUNDLES if Path(p).is_file()), None)
    if system is None:
        import certifi

        system = Path(certifi.where())
    bundle = directory / "stock-trust-list.pem"
    bundle.write_bytes(system.read_bytes() + b"\n" + _pki.pem(pki.root))
    return pki, _pki, bundle


# ---- 1. verification cost -------------------------------------------------------------


def verification_cost(pki_dir: Path, bundle: Path, pki, pki_module, iterations: int = 4000) -> dict:
    body, headers = _signed_request(pki, pki_module)
    (pki_dir / "request.json").write_text(json.dumps({
        "headers": headers, "body": body.decode(), "url": pki_module.CERT_URL, "skill_id": SKILL_ID,
    }))
    result = subprocess.run(
        [sys.executable, str(BENCH / "_verify_cost.py"), str(pki_dir), str(iterations)],
        cwd=ROOT, env={**os.environ, "SSL_CERT_FILE": str(bundle)}, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"verification benchmark failed:\n{result.stderr}")
    cost = json.loads(result.stdout)
    cost["stock_trust_roots"] = bundle.read_bytes().count(b"BEGIN CERTIFICATE")
    return cost


# ---- 2. throughput under gunicorn ----------------------------------------------------


@contextlib.contextmanager
def _gunicorn(verify: bool, pki_dir: Path, workers: int, log_dir: Path):
    log_path = log_dir / f"gunicorn-{'verified' if verify else 'unverified'}.log"
    env = {"BENCH_PKI_DIR": str(pki_dir), "BENCH_SKILL_ID": SKILL_ID}
    port = free_port()
    with open(log_path, "w+") as log, running_gunicorn(f"_endpoint_app:create_app(verify={verify})", "--workers", str(workers),
                                                      "--pythonpath", str(BENCH), port=port, env=env, stderr=log) as process:
        yield port, process.pid


def _children(pid: int) -> list[int]:
    """Worker processes of a gunicorn master (Linux /proc; [] elsewhere)."""
    children = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry.parent.name))
    return children


def _cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time used so far by `pids` (Linux /proc)."""
    total = 0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _raw_request(body: bytes, headers: dict) -> bytes:
    """The HTTP/1.1 request as bytes, built once: the client's per-request work
    is then one connect, one send and reading to EOF, so the (Python) client
    takes as little as possible of the CPU the server is measured on."""
    lines = [b"POST /alexa HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close",
             b"Content-Length: " + str(len(body)).encode()]
    lines += [f"{name}: {value}".encode("latin-1") for name, value in headers.items()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _post(port: int, request: bytes) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        response = bytearray()
        while chunk := connection.recv(65536):
            response += chunk
    try:
        return int(response[9:12])  # "HTTP/1.1 200 OK"
    except ValueError:
        return 0


def _load(port: int, request: bytes, seconds: float, clients: int) -> dict:
    """`clients` threads posting back to back for `seconds`."""
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        ok = failed = 0
        while time.monotonic() < stop_at:
            if _post(port, request) == 200:
                ok += 1
            else:
                failed += 1
        with lock:
            counts["ok"] += ok
            counts["failed"] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {**counts, "seconds": elapsed, "rps": counts["ok"] / elapsed}


def throughput(pki_dir: Path, pki, pki_module, *, workers: int = 1, clients: int = 2, seconds: float = 0.5,
               rounds: int = 20, warmup_requests: int = 100) -> dict:
    """Both servers run side by side; short windows alternate between them
    (verified, unverified, unverified, verified, ...) so that background load
    on the machine hits both alike; each round gives one ratio and the median
    ratio counts. Besides requests per second, the workers' CPU time per
    request (from /proc) is reported: a second estimate, less sensitive to
    other processes competing for the CPU."""
    windows: dict[str, list[float]] = {"verified": [], "unverified": []}
    cpu_per_request: dict[str, list[float]] = {"verified": [], "unverified": []}
    failures = {"verified": 0, "unverified": 0}
    with tempfile.TemporaryDirectory(prefix="bench-logs-") as logs, \
            _gunicorn(True, pki_dir, workers, Path(logs)) as (verified_port, verified_master), \
            _gunicorn(False, pki_dir, workers, Path(logs)) as (unverified_port, unverified_master):
        ports = {"verified": verified_port, "unverified": unverified_port}
        for mode, port in ports.items():  # warm every worker: imports, the certificate cache
            request = _raw_request(*_signed_request(pki, pki_module))
            statuses = {_post(port, request) for _ in range(warmup_requests)}
            if statuses != {200}:
                raise RuntimeError(f"{mode} endpoint answered {statuses} to a signed request")
        worker_pids = {"verified": _children(verified_master), "unverified": _children(unverified_master)}
        for number in range(rounds):
            # Both get the same signed request, re-signed each round (fresh timestamp).
            request = _raw_request(*_signed_request(pki, pki_module))
            order = ("verified", "unverified") if number % 2 == 0 else ("unverified", "verified")
            for mode in order:
                cpu_before = _cpu_seconds(worker_pids[mode])
                window = _load(ports[mode], request, seconds, clients)
                cpu_after = _cpu_seconds(worker_pids[mode])
                windows[mode].append(window["rps"])
                failures[mode] += window["failed"]
                if cpu_before is not None and cpu_after is not None and window["ok"]:
                    cpu_per_request[mode].append((cpu_after - cpu_before) / window["ok"] * 1e6)
    ratios = [v / u for v, u in zip(windows["verified"], windows["unverified"], strict=False)]
    cpu = None
    if cpu_per_request["verified"] and cpu_per_request["unverified"]:
        cpu = {mode: statistics.median(values) for mode, values in cpu_per_request.items()}
        cpu["capacity_ratio"] = cpu["unverified"] / cpu["verified"]
    return {
        "verified_rps": statistics.median(windows["verified"]),
        "unverified_rps": statistics.median(windows["unverified"]),
        "ratio": statistics.median(ratios),
        "round_ratios": ratios,
        "windows_rps": windows,
        "worker_cpu_us_per_request": cpu,
        "failed_requests": failures,
        "workers": workers,
        "clients": clients,
        "window_seconds": seconds,
        "rounds": rounds,
    }


# ---- together -------------------------------------------------------------------------


def run(*, iterations: int = 4000, workers: int = 1, clients: int = 2, seconds: float = 0.5,
        rounds: int = 20) -> dict:
    """Both measurements; nothing left running, nothing left on disk."""
    with tempfile.TemporaryDirectory(prefix="bench-endpoint-") as directory:
        pki_dir = Path(directory)
        pki, pki_module, bundle = _write_pki(pki_dir)
        cost = verification_cost(pki_dir, bundle, pki, pki_module, iterations)
        rates = throughput(pki_dir, pki, pki_module, workers=workers, clients=clients, seconds=seconds,
                           rounds=rounds)
    return {
        "verification": cost,
        "throughput": rates,
        "targets": {
            "verification_speedup": {"target": TARGET_SPEEDUP, "actual": cost["speedup"],
                                     "met": cost["speedup"] >= TARGET_SPEEDUP},
            "throughput_ratio": {"target": TARGET_THROUGHPUT_RATIO, "actual": rates["ratio"],
                                 "met": rates["ratio"] >= TARGET_THROUGHPUT_RATIO},
        },
    }


def _quartiles(values: list[float]) -> str:
    if len(values) < 4:
        return ", ".join(f"{v:.0%}" for v in values)
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{q1:.0%}-{q3:.0%}"


def report(result: dict) -> str:
    cost, rates, targets = result["verification"], result["throughput"], result["targets"]

    def met(name):
        return "met" if targets[name]["met"] else "NOT MET"

    return "\n".join([
        "Alexa request verification, per request (warm, same signed LaunchRequest):",
        f"  stock RequestVerifier (certvalidator, {cost['stock_trust_roots']} trust roots) "
        f"{cost['stock_us']:9.1f} us",
        f"  skill.hosting.verification.AlexaRequestVerifier             {cost['ours_us']:9.1f} us"
        f"   -> {cost['speedup']:.0f}x cheaper (target >= {TARGET_SPEEDUP:.0f}x: {met('verification_speedup')})",
        f"  one RSA-2048 PKCS#1 v1.5 verify (the floor)          {cost['rsa_verify_floor_us']:9.1f} us",
        f"  all checks: stock signature+timestamp {cost['stock_all_checks_us']:.1f} us, "
        f"ours skill id+timestamp+signature {cost['ours_all_checks_us']:.1f} us "
        f"({cost['speedup_all_checks']:.0f}x)",
        f"  ours, cold (first request per certificate URL: parse + chain validation) "
        f"{cost['ours_cold_us'] / 1000:.2f} ms",
        "",
        f"Endpoint under gunicorn ({rates['workers']} worker(s), {rates['clients']} client threads, "
        f"{rates['rounds']} alternating rounds of {rates['window_seconds']:g} s windows, 127.0.0.1, medians):",
        f"  verified   {rates['verified_rps']:8.0f} requests/s",
        f"  unverified {rates['unverified_rps']:8.0f} requests/s",
        f"  verified / unverified = {rates['ratio']:.1%}, median of the per-round ratios "
        f"(middle half {_quartiles(rates['round_ratios'])}) (target >= {TARGET_THROUGHPUT_RATIO:.0%}: "
        f"{met('throughput_ratio')})",
        *([
            f"  worker CPU per request: verified {cpu['verified']:.0f} us, unverified {cpu['unverified']:.0f} us "
            f"-> capacity ratio {cpu['capacity_ratio']:.1%}"
        ] if (cpu := rates["worker_cpu_us_per_request"]) else []),
        f"  failed requests: {rates['failed_requests']}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=4000, help="verifications per timing batch (ours)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument("--clients", type=int, default=2, help="client threads")
    parser.add_argument("--seconds", type=float, default=0.5, help="length of one measurement window")
    parser.add_argument("--rounds", type=int, default=20, help="windows per mode, alternating")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead")
    args = parser.parse_args(argv)
    result = run(iterations=args.iterations, workers=args.workers, clients=args.clients, seconds=args.seconds,
                 rounds=args.rounds)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if all(target["met"] for target in result["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
