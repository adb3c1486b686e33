"""A newcomer's first ten minutes, for real: fresh virtual environments with
exactly the installs the README names, and the commands it tells them to run.

- the plain install (`pip install -e .`): chat, validate, profile, package and
  flow run to completion; serve and try say in one line that they need [web];
  every module a wheel ships imports, except the hosting room's (the [web]
  extra's; tests/test_install_boundaries.py checks the same from the source);
- the `[web]` install: serve answers /healthz and try serves its page.

Nothing is shared with the environment running the suite (no
--system-site-packages, no --no-deps): a dependency missing from pyproject.toml
fails here. SLOW: each install resolves and installs from the package index
(pip's cache makes it quicker after the first run): about 30 s for the plain
install and 50 s for [web] on the project's 2-core machine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# This checkout, found from this file: the installs below are of the code beside the test.
PROJECT = Path(__file__).resolve().parents[1]
INSTALL_SECONDS = 600
START_SECONDS = 60


def fresh_venv(where: Path, requirement: str) -> Path:
    """A new virtual environment at `where` with `pip install -e <requirement>`; its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=120)
    bin_dir = where / "bin"
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    started = time.monotonic()
    installed = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "-e", requirement],
        capture_output=True, text=True, timeout=INSTALL_SECONDS, env=env, cwd=where,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    print(f"\n{requirement}: installed in {time.monotonic() - started:.0f} s")
    return bin_dir


def run(bin_dir: Path, *args: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([str(bin_dir / "back-spasm"), *args], input=stdin, capture_output=True, text=True, timeout=300, env=env, cwd=cwd)


def completed(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    return fresh_venv(tmp_path_factory.mktemp("plain") / "venv", str(PROJECT))


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Path:
    return fresh_venv(tmp_path_factory.mktemp("web") / "venv", f"{PROJECT}[web]")


def test_plain_install_runs_chat_validate_profile_package_and_flow(plain, tmp_path):
    chat = completed(run(plain, "chat", stdin="i have a fever\nno\nno\nno\n", cwd=tmp_path))
    assert chat.stdout.count("Alexa: ") >= 4 and "You: i have a fever" in chat.stdout

    completed(run(plain, "validate", cwd=tmp_path))

    profile = completed(run(plain, "profile", "I can't feel my legs", cwd=tmp_path))
    assert json.loads(profile.stdout.splitlines()[0])["intent"] == "ReportSymptomIntent"

    package = completed(run(plain, "package", "--output", str(tmp_path / "lambda.zip"), cwd=tmp_path))
    assert (tmp_path / "lambda.zip").stat().st_size > 0
    assert "Lambda runtime" in package.stdout

    flow = completed(run(plain, "flow", cwd=tmp_path))  # no --output: flow.svg here, and it says so
    assert (tmp_path / "flow.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert str(tmp_path / "flow.svg") in flow.stdout


# Imports, in a fresh interpreter, every module of the `skill` package a wheel ships (skill.testing is not
# shipped) and prints each that fails, with why.
_IMPORT_EVERY_MODULE = """
import importlib, json, pkgutil, skill
failed, imported = {}, []
for found in pkgutil.walk_packages(skill.__path__, "skill."):
    if found.name.startswith("skill.testing"):
        continue
    try:
        importlib.import_module(found.name)
        imported.append(found.name)
    except Exception as error:
        failed[found.name] = [type(error).__name__, getattr(error, "name", None)]
print(json.dumps({"failed": failed, "imported": imported}))
"""


def test_plain_install_imports_every_module_outside_the_web_room(plain, tmp_path):
    """Every module a plain install ships imports with it, except the hosting room's, which
    need the [web] extra's packages (and only `serve` and `try` reach them, after saying so)."""
    from tests.test_install_boundaries import WEB_ROOM, web_only_packages

    result = subprocess.run([str(plain / "python"), "-I", "-c", _IMPORT_EVERY_MODULE], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    failed = report["failed"]
    assert {"skill.core.builder", "skill.tools.cli", "skill.tools.chat", "skill.tools.try_page", "skill.tools.serve"} <= set(report["imported"])
    assert {name: why for name, why in failed.items() if not name.startswith(WEB_ROOM + ".")} == {}
    web = web_only_packages()
    assert all(kind == "ModuleNotFoundError" and str(missing).split(".")[0] in web for kind, missing in failed.values()), failed


@pytest.mark.parametrize("command", ["serve", "try"])
def test_plain_install_says_in_one_line_that_serve_and_try_need_web(plain, tmp_path, command):
    result = run(plain, command, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"back-spasm {command}: error: needs the [web] extra")
    assert "pip install -e '.[web]'" in lines[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(process: subprocess.Popen, url: str) -> bytes:
    """The body at `url` once the server started by `process` answers; fails with its output if it exits first."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"exited {process.returncode} before answering {url}:\n{out[-1500:]}\n{err[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                out, err = process.communicate()
                pytest.fail(f"no answer at {url} within {START_SECONDS} s:\n{err[-3000:]}")
            time.sleep(0.2)


def start(bin_dir: Path, *args: str, cwd: Path) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    return subprocess.Popen([str(bin_dir / "back-spasm"), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.communicate()


def test_web_install_serves_healthz(web, tmp_path):
    port = free_port()
    process = start(web, "serve", "--port", str(port), "--workers", "1", cwd=tmp_path)
    try:
        assert json.loads(wait_for(process, f"http://127.0.0.1:{port}/healthz")) == {"status": "ok"}
    finally:
        stop(process)


def test_web_install_serves_the_try_page(web, tmp_path):
    port = free_port()
    process = start(web, "try", "--port", str(port), cwd=tmp_path)
    try:
        config = json.loads(wait_for(process, f"http://127.0.0.1:{port}/api/config"))
        assert "en-US" in config["locales"]
    finally:
        stop(process)
