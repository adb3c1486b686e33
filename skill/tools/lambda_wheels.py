"""The Lambda's dependencies as `back-spasm package` installs them: the lock
(`lambda/requirements.txt`, exact pins with sha256 hashes), the local wheel
cache, and pip run for pure-Python wheels of the Lambda runtime's Python.

- `read_lock` parses the lock; `update_lock` re-resolves it from
  pyproject.toml's ranges for ask-sdk-core and isodate.
- `install_dependencies` installs exactly the pinned wheels into a folder,
  offline and hash-checked, from the cache when it holds every one, otherwise
  after one download; pip's bookkeeping and console scripts are dropped.

Only the standard library and pip, like `skill.tools.package` (hooks/build.sh
runs that with any Python 3.11+).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from skill.tools.paths import LAMBDA_DIR, PROJECT_ROOT, display

LOCK_FILE = LAMBDA_DIR / "requirements.txt"
# Distributions (from pyproject's dependencies) the Lambda needs at run time.
LAMBDA_DISTRIBUTIONS = ("ask-sdk-core", "isodate", "snowballstemmer")
# Installed-by-pip bookkeeping that the running Lambda never reads.
DIST_INFO_DROPPED = frozenset({"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"})

_WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$")


class PackageError(Exception):
    """Building the zip failed for a reason the user can fix."""


@dataclass(frozen=True)
class Pin:
    name: str  # normalised (PEP 503)
    version: str
    hashes: tuple[str, ...]  # sha256 hex digests


def read_lock(lock_file: Path | str) -> list[Pin]:
    """Parse `name==version --hash=sha256:...` lines (pip's hash-checking format)."""
    lock_file = Path(lock_file)
    try:
        text = lock_file.read_text(encoding="utf-8")
    except OSError as error:
        raise PackageError(f"cannot read {display(lock_file)}: {error.strerror}") from None
    pins = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)\s*(.*)$", line)
        if not match:
            raise PackageError(f"{display(lock_file)}: not an exact pin: {line!r}")
        hashes = tuple(re.findall(r"--hash=sha256:([0-9a-f]{64})", match.group(3)))
        if not hashes:
            raise PackageError(f"{display(lock_file)}: {match.group(1)} has no --hash=sha256:...")
        pins.append(Pin(_normalise(match.group(1)), match.group(2), hashes))
    if not pins:
        raise PackageError(f"{display(lock_file)} pins nothing")
    return pins


def default_wheel_cache() -> Path:
    configured = os.environ.get("BACK_SPASM_WHEEL_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "back-spasm" / "wheels"


def _cached_wheels(pins: list[Pin], cache: Path) -> list[Path] | None:
    """The cached wheel for every pin (checked against the lock's hashes), or None."""
    if not cache.is_dir():
        return None
    found = []
    candidates = sorted(cache.glob("*.whl"))
    for pin in pins:
        for wheel in candidates:
            match = _WHEEL_NAME.match(wheel.name)
            if not match or _normalise(match.group("name")) != pin.name or match.group("version") != pin.version:
                continue
            if _sha256(wheel) in pin.hashes:
                found.append(wheel)
                break
        else:
            return None
    return found


def _pip_target_options(python_version: str) -> list[str]:
    # Pure-Python wheels only: the zip then runs on either Lambda architecture.
    return [
        "--only-binary=:all:",
        "--platform", "any",
        "--implementation", "py",
        "--abi", "none",
        "--python-version", python_version,
    ]  # fmt: skip


def install_dependencies(pins: list[Pin], lock_file: Path, target: Path, cache: Path, python_version: str) -> None:
    wheels = _cached_wheels(pins, cache)
    if wheels is None:
        cache.mkdir(parents=True, exist_ok=True)
        _pip(
            "download", "--no-deps", "--require-hashes", "--dest", str(cache),
            *_pip_target_options(python_version), "-r", str(lock_file),
        )  # fmt: skip
        wheels = _cached_wheels(pins, cache)
        if wheels is None:
            raise PackageError(f"pip did not download every wheel pinned in {display(lock_file)}")
    with tempfile.TemporaryDirectory(prefix="back-spasm-wheels-") as tmp:
        # Install exactly the pinned files, offline, hash-checked.
        links = Path(tmp)
        for wheel in wheels:
            shutil.copyfile(wheel, links / wheel.name)
        _pip(
            "install", "--no-deps", "--no-compile", "--no-index", "--require-hashes",
            "--find-links", str(links), "--target", str(target),
            *_pip_target_options(python_version), "-r", str(lock_file),
        )  # fmt: skip
    shutil.rmtree(target / "bin", ignore_errors=True)  # console scripts (normalizer, ...)
    for dist_info in target.glob("*.dist-info"):
        for name in DIST_INFO_DROPPED:
            (dist_info / name).unlink(missing_ok=True)
    for cache_dir in target.rglob("__pycache__"):
        shutil.rmtree(cache_dir)


def _pip(*arguments: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "--quiet", *arguments]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        errors = [line for line in detail if "ERROR" in line] or detail[-3:]
        raise PackageError(f"pip {arguments[0]} failed: {' '.join(errors)[:500]}")


def update_lock(python_version: str, lock_file: Path = LOCK_FILE) -> list[Pin]:
    """Resolve the newest allowed Lambda dependencies and rewrite the lock with hashes."""
    requirements = lambda_requirements()
    with tempfile.TemporaryDirectory(prefix="back-spasm-lock-") as tmp:
        _pip("download", "--dest", tmp, *_pip_target_options(python_version), *requirements)
        pins = []
        for wheel in sorted(Path(tmp).glob("*.whl")):
            match = _WHEEL_NAME.match(wheel.name)
            if not match:
                raise PackageError(f"unexpected download {wheel.name}")
            pins.append(Pin(_normalise(match.group("name")), match.group("version"), (_sha256(wheel),)))
    pins.sort(key=lambda pin: pin.name)
    lines = [
        "# The AWS Lambda's runtime dependencies, pinned with hashes (pure-Python wheels).",
        "# Read by `back-spasm package` (and so by `ask deploy` through hooks/build.sh).",
        f"# Regenerate: back-spasm package --update-lock   (from: {', '.join(requirements)})",
    ]
    for pin in pins:
        lines.append(f"{pin.name}=={pin.version} \\")
        lines.append(f"    --hash=sha256:{pin.hashes[0]}")
    Path(lock_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pins


def lambda_requirements() -> list[str]:
    """The Lambda's top-level requirements, with pyproject.toml's version ranges."""
    import tomllib

    try:
        project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    except OSError:
        return list(LAMBDA_DISTRIBUTIONS)
    chosen = []
    for requirement in project.get("project", {}).get("dependencies", []):
        name = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
        if _normalise(name) in LAMBDA_DISTRIBUTIONS:
            chosen.append(requirement.replace(" ", ""))
    return chosen or list(LAMBDA_DISTRIBUTIONS)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
