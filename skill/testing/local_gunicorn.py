"""The endpoint under gunicorn on 127.0.0.1, with the project's
gunicorn.conf.py, for the benchmarks and the serving tests: started, ready
once /healthz answers, and stopped (SIGTERM, then kill) on the way out."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from typing import IO

from skill.tools.paths import PROJECT_ROOT

START_SECONDS = 30


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_gunicorn(
    app: str, *options: str, port: int, stderr: IO[str], stdout: IO[str] | int = subprocess.DEVNULL, env: Mapping[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """`gunicorn -c gunicorn.conf.py --bind 127.0.0.1:PORT OPTIONS APP` from the
    project root. `stderr` must be readable: its end is quoted when gunicorn
    exits before it answers."""
    command = [sys.executable, "-m", "gunicorn", "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}", *options, app]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, stdout=stdout, stderr=stderr, text=True)
    try:
        _wait_until_healthy(process, port, stderr)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(process: subprocess.Popen, port: int, stderr: IO[str]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            stderr.seek(0)
            raise RuntimeError(f"gunicorn exited early:\n{stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz within {START_SECONDS} s") from None
            time.sleep(0.05)
