"""Alexa's certificate chains on disk: shared by every gunicorn worker of a
machine and kept across restarts, with the URLs whose download failed for
good and a per-URL lock, so that one worker downloads a URL while the others
wait for its result.

The directory (`BACK_SPASM_CERT_CACHE_DIR`; by default
`$XDG_CACHE_HOME/back-spasm/alexa-certificates`, i.e.
`~/.cache/back-spasm/alexa-certificates`) holds:

    chains/<name>.json   {"url", "pem", "saved"}: a chain that validated when it was saved
    failed/<name>.json   {"url", "retry_after", "reason"}: a URL not to download again before then
    fetch.lock           one byte per URL, locked (fcntl.lockf) while a worker downloads it

where <name> is the first 32 hex digits of the SHA-256 of the URL's canonical
spelling. It is created private (0700) and refused if another user owns it or
others may write to it.

Nothing read from here is trusted: a chain is validated again, in full,
before its key is used (expiry, a path to a trusted root, the name
echo-api.amazon.com), a file must name the URL it is read for, and a
failure's retry time is capped. Every write is atomic (a temporary file in the
same directory, fsync, rename): a reader sees a whole file or none. Only
chains that validated are written (at most MAX_CHAINS kept) and failures only
after a download the budget allowed (at most MAX_FAILURES kept), so a stranger
cannot fill the disk. A write that fails (a full disk) is logged and
otherwise ignored: the cache is an optimisation, the memory cache still works.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

CACHE_DIR_ENV = "BACK_SPASM_CERT_CACHE_DIR"
MAX_CHAINS = 32  # Amazon publishes a handful; only chains that validated are ever written
MAX_FAILURES = 512
MAX_FAILURE_SECONDS = 3600.0  # a failure read from disk is never kept longer than this
MAX_FILE_BYTES = 256 * 1024  # a chain is at most 64 KiB (certificates.MAX_CHAIN_BYTES)
LOCK_POLL_SECONDS = 0.02  # under gevent, time.sleep lets the worker serve others meanwhile


class StoreUnavailableError(Exception):
    """The directory cannot be used (the message says why)."""


def default_directory() -> Path:
    """$BACK_SPASM_CERT_CACHE_DIR, else $XDG_CACHE_HOME (or ~/.cache)/back-spasm/alexa-certificates."""
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except (RuntimeError, KeyError):
        raise StoreUnavailableError(f"no home directory; set {CACHE_DIR_ENV}") from None
    return root / "back-spasm" / "alexa-certificates"


def _name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def _private_directory(path: Path) -> None:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError as error:
        raise StoreUnavailableError(f"{path}: {error.strerror or error}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreUnavailableError(f"{path} is not a directory")
    if info.st_uid != os.geteuid():
        raise StoreUnavailableError(f"{path} belongs to another user")
    if info.st_mode & 0o022:
        raise StoreUnavailableError(f"{path} may be written by other users (chmod 700 it)")
    if not os.access(path, os.W_OK | os.X_OK):
        raise StoreUnavailableError(f"{path} is not writable")


def _lock_byte(descriptor: int, offset: int, timeout: float) -> bool | None:
    """Lock one byte of the file, trying again until `timeout` while another
    process holds it: True (locked), False (still held by another), None (this
    file system cannot lock: go ahead without)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
            return True
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                return None
            if time.monotonic() >= deadline:
                return False
        time.sleep(LOCK_POLL_SECONDS)


class CertificateStore:
    """The chains, failures and fetch locks in one directory (see the module)."""

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)
        self._chains, self._failed = self.directory / "chains", self.directory / "failed"
        for path in (self.directory, self._chains, self._failed):
            _private_directory(path)
        self._lock_path = self.directory / "fetch.lock"
        self._lock_fd: int | None = None
        self._lock_pid = 0
        self._guard = threading.Lock()
        self._remove_stale_temporaries()

    # -- chains ----------------------------------------------------------------

    def load_chain(self, url: str) -> bytes | None:
        """The PEM saved for `url` (to be validated again by the caller), or None."""
        data = self._read(self._chains / f"{_name(url)}.json")
        if data is None or data.get("url") != url or not isinstance(data.get("pem"), str):
            return None
        try:
            return data["pem"].encode("ascii")
        except UnicodeEncodeError:
            return None

    def save_chain(self, url: str, pem: bytes) -> None:
        """Keep a chain that validated; the oldest go past MAX_CHAINS."""
        record = {"url": url, "pem": pem.decode("ascii", "replace"), "saved": time.time()}
        if self._write(self._chains / f"{_name(url)}.json", record):
            self._prune(self._chains, MAX_CHAINS)

    def discard_chain(self, url: str) -> None:
        """Forget a saved chain that no longer validates."""
        with contextlib.suppress(OSError):
            (self._chains / f"{_name(url)}.json").unlink()

    # -- failures --------------------------------------------------------------

    def failure(self, url: str, now: float) -> tuple[float, str] | None:
        """(retry after, reason) while a failure recorded for `url` lasts."""
        data = self._read(self._failed / f"{_name(url)}.json")
        if data is None or data.get("url") != url:
            return None
        retry_after, reason = data.get("retry_after"), data.get("reason")
        if not isinstance(retry_after, int | float) or not isinstance(reason, str) or retry_after <= now:
            return None
        return min(float(retry_after), now + MAX_FAILURE_SECONDS), reason[:200]

    def save_failure(self, url: str, retry_after: float, reason: str) -> None:
        record = {"url": url, "retry_after": retry_after, "reason": reason[:200]}
        if self._write(self._failed / f"{_name(url)}.json", record):
            self._prune(self._failed, MAX_FAILURES)

    # -- one download per URL across processes ---------------------------------

    @contextlib.contextmanager
    def fetch_lock(self, url: str, timeout: float) -> Iterator[bool]:
        """Holds the URL's byte of fetch.lock for the block; yields False if
        another process held it for `timeout` seconds. Without a lock file
        (it cannot be opened) it yields True: this process goes ahead alone."""
        descriptor = self._lock_descriptor()
        if descriptor is None:
            yield True
            return
        offset = int(_name(url)[:12], 16)
        locked = _lock_byte(descriptor, offset, timeout)
        if locked is not True:
            yield locked is None
            return
        try:
            yield True
        finally:
            with contextlib.suppress(OSError):
                fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, offset)

    def _lock_descriptor(self) -> int | None:
        """fetch.lock, opened once per process (POSIX locks belong to the
        process, and closing any descriptor of the file would drop them)."""
        with self._guard:
            if self._lock_fd is None or self._lock_pid != os.getpid():
                try:
                    self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
                except OSError as error:
                    logger.warning("certificate cache lock %s unusable (%s)", self._lock_path, error.strerror)
                    self._lock_fd = None
                self._lock_pid = os.getpid()
            return self._lock_fd

    # -- files -----------------------------------------------------------------

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            with os.fdopen(descriptor, "rb") as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(content) > MAX_FILE_BYTES:
            return None
        try:
            data = json.loads(content)
        except (ValueError, RecursionError):
            return None
        return data if isinstance(data, dict) else None

    def _write(self, path: Path, record: dict[str, Any]) -> bool:
        """Atomically: the whole file, or the one that was there before."""
        payload = json.dumps(record).encode("utf-8")
        try:
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        except OSError as error:
            logger.warning("certificate cache: cannot write in %s (%s)", path.parent, error.strerror)
            return False
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            logger.warning("certificate cache: cannot write %s (%s)", path, error.strerror)
            return False
        return True

    def _prune(self, directory: Path, keep: int) -> None:
        """Past `keep` files, the least recently written go."""
        try:
            entries = [entry for entry in os.scandir(directory) if entry.name.endswith(".json") and not entry.name.startswith(".")]
            if len(entries) <= keep:
                return
            entries.sort(key=lambda entry: entry.stat().st_mtime)
            for entry in entries[: len(entries) - keep]:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        except OSError:
            return

    def _remove_stale_temporaries(self, older_than: float = 3600.0) -> None:
        """Temporary files a killed worker left behind."""
        cutoff = time.time() - older_than
        for directory in (self._chains, self._failed):
            with contextlib.suppress(OSError):
                for entry in os.scandir(directory):
                    if entry.name.startswith(".tmp-") and entry.stat().st_mtime < cutoff:
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
