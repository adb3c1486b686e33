"""Where a certificate chain comes from when it is not in a worker's memory:
the disk cache every worker shares (and a restart keeps), validated again on
every read; the failures remembered there; one download per URL across
processes; the download budget's lanes; and the URL shapes refused before any
download. The flood itself, under gunicorn, is test_certificate_flood.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest

from skill.hosting import certificate_store, download_budget, verification
from skill.hosting.app import create_app
from skill.hosting.certificate_store import CertificateStore, StoreUnavailableError, default_directory
from skill.hosting.certificates import download_certificate_chain
from skill.hosting.download_budget import DownloadBudget
from skill.hosting.verification import AlexaRequestVerifier, VerificationException
from skill.testing.signing import TestPKI, answer_download, key, make_ca, make_leaf, make_pki, pem

ROOT = Path(__file__).resolve().parent.parent
BODY = json.dumps({"version": "1.0", "request": {"type": "LaunchRequest"}})
GOOD = "https://s3.amazonaws.com/echo.api/good.pem"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def pki() -> TestPKI:
    return make_pki()


class _Server(http.server.BaseHTTPRequestHandler):
    """Plain HTTP standing in for S3: `chains` by path, 404 otherwise; counts GETs."""

    chains: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[str]] = []
    delay: ClassVar[float] = 0.0

    def do_GET(self):
        type(self).requests.append(self.path)
        time.sleep(self.delay)
        body = self.chains.get(self.path)
        answer_download(self, body)

    def log_message(self, *args):
        pass


@pytest.fixture
def s3(pki):
    """(fetch, downloads, base URL): the real download, from a local server instead of S3."""
    _Server.chains, _Server.requests, _Server.delay = {"/echo.api/good.pem": pki.chain_pem()}, [], 0.0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def fetch(url: str) -> bytes:
        return download_certificate_chain(base + urlsplit(url).path)

    yield fetch, _Server.requests, base
    server.shutdown()
    server.server_close()


def verifier_for(pki, fetch, directory: Path | None = None, **options) -> AlexaRequestVerifier:
    store = CertificateStore(directory) if directory is not None else None
    return AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch, store=store, **options)


def attempt(verifier, pki, url: str) -> str | None:
    """None if a request naming `url` verifies, else the reason it was refused."""
    try:
        verifier.verify(pki.headers(BODY, url=url), BODY, None)
    except VerificationException as error:
        return str(error)
    return None


def no_download(url: str) -> bytes:
    raise AssertionError(f"downloaded {url}")


# ---- the disk cache -----------------------------------------------------------------


def test_a_chain_one_worker_validated_is_used_by_another_without_a_download(pki, s3, tmp_path):
    fetch, downloads, _ = s3
    assert attempt(verifier_for(pki, fetch, tmp_path), pki, GOOD) is None
    assert attempt(verifier_for(pki, no_download, tmp_path), pki, GOOD) is None
    assert downloads == ["/echo.api/good.pem"]


def _write_request_files(pki, directory: Path, url: str) -> None:
    (directory / "root.pem").write_bytes(pem(pki.root))
    (directory / "request.json").write_text(json.dumps({"url": url, "body": BODY, "headers": pki.headers(BODY, url=url)}))


VERIFY_IN_A_NEW_PROCESS = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from urllib.parse import urlsplit
    from cryptography import x509
    from skill.hosting.certificate_store import CertificateStore
    from skill.hosting.certificates import download_certificate_chain
    from skill.hosting.verification import AlexaRequestVerifier, VerificationException
    files, cache, base = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    request = json.loads((files / "request.json").read_text())
    def fetch(url):
        if base == "-":
            raise OSError("no network in this process")
        return download_certificate_chain(base + urlsplit(url).path)
    verifier = AlexaRequestVerifier(trust_roots=x509.load_pem_x509_certificates((files / "root.pem").read_bytes()),
                                    fetch_certificate=fetch, store=CertificateStore(cache))
    try:
        verifier.verify(request["headers"], request["body"], None)
        print("accepted")
    except VerificationException as error:
        print("refused:", error)
""")


def verify_in_new_processes(files: Path, cache: Path, base: str, count: int = 1) -> list[str]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", VERIFY_IN_A_NEW_PROCESS, str(files), str(cache), base], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    answers = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        answers.append(out.strip())
    return answers


def test_a_restart_keeps_the_chains(pki, s3, tmp_path):
    """A new process on the same directory verifies with no network at all."""
    fetch, downloads, _ = s3
    cache = tmp_path / "cache"
    assert attempt(verifier_for(pki, fetch, cache), pki, GOOD) is None
    _write_request_files(pki, tmp_path, GOOD)
    assert verify_in_new_processes(tmp_path, cache, "-") == ["accepted"]
    assert downloads == ["/echo.api/good.pem"]


def test_workers_starting_together_download_a_url_once(pki, s3, tmp_path):
    """Four processes ask for a new URL at once; the server is slow; one downloads, the others wait for it."""
    _, downloads, base = s3
    _Server.delay = 0.5
    _write_request_files(pki, tmp_path, GOOD)
    assert verify_in_new_processes(tmp_path, tmp_path / "cache", base, count=4) == ["accepted"] * 4
    assert downloads == ["/echo.api/good.pem"]


def _rogue_chain(pki) -> bytes:
    rogue_root = make_ca("Rogue Root", key("rogue-root"))
    rogue_intermediate = make_ca("Rogue Intermediate", key("intermediate"), issuer=rogue_root, issuer_key=key("rogue-root"))
    return pem(make_leaf(rogue_intermediate, key("intermediate"), key("leaf")), rogue_intermediate)


@pytest.mark.parametrize("planted", ["untrusted root", "expired", "wrong name", "not PEM", "another URL's file"])
def test_what_is_read_from_disk_is_validated_again(pki, s3, tmp_path, planted):
    """A chain planted in the directory (or gone stale there) is not trusted: the URL is downloaded afresh."""
    fetch, downloads, _ = s3
    store = CertificateStore(tmp_path)
    if planted == "another URL's file":
        other = "https://s3.amazonaws.com/echo.api/other.pem"
        store.save_chain(other, pki.chain_pem())
        name = certificate_store._name
        os.replace(tmp_path / "chains" / f"{name(other)}.json", tmp_path / "chains" / f"{name(GOOD)}.json")
    else:
        chains = {
            "untrusted root": _rogue_chain(pki),
            "expired": pem(
                make_leaf(pki.intermediate, key("intermediate"), key("leaf"), not_before=NOW - dt.timedelta(days=60), not_after=NOW - dt.timedelta(seconds=5)),
                pki.intermediate,
            ),
            "wrong name": pem(make_leaf(pki.intermediate, key("intermediate"), key("leaf"), dns_names=("evil.example",)), pki.intermediate),
            "not PEM": b"<html>hello</html>",
        }
        store.save_chain(GOOD, chains[planted])
    assert attempt(verifier_for(pki, fetch, tmp_path), pki, GOOD) is None
    assert downloads == ["/echo.api/good.pem"]
    assert store.load_chain(GOOD) == pki.chain_pem()  # the bad file was replaced by the validated chain


def test_a_failed_write_leaves_the_previous_file_whole_and_no_temporary(pki, tmp_path, monkeypatch):
    store = CertificateStore(tmp_path)
    store.save_chain(GOOD, pki.chain_pem())
    before = (tmp_path / "chains").iterdir().__next__().read_bytes()

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(certificate_store.os, "replace", broken_replace)
    store.save_chain(GOOD, b"-----BEGIN CERTIFICATE-----\nhalf")
    files = list((tmp_path / "chains").iterdir())
    assert [file.read_bytes() for file in files] == [before]
    assert store.load_chain(GOOD) == pki.chain_pem()


def test_the_directory_must_be_private_and_an_unusable_one_is_a_warning(pki, tmp_path, caplog):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(StoreUnavailableError, match="other users"):
        CertificateStore(shared)
    app = create_app(skill_id="", trust_roots=pki.trust_roots, fetch_certificate=pki.fetch, certificate_cache=shared)
    assert app is not None
    assert any("certificate cache unusable" in record.getMessage() for record in caplog.records)


def test_the_directory_comes_from_the_environment_else_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("BACK_SPASM_CERT_CACHE_DIR", str(tmp_path / "configured"))
    assert default_directory() == tmp_path / "configured"
    monkeypatch.delenv("BACK_SPASM_CERT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_directory() == tmp_path / "xdg" / "back-spasm" / "alexa-certificates"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_directory() == Path.home() / ".cache" / "back-spasm" / "alexa-certificates"


# ---- failures remembered ------------------------------------------------------------


def test_a_url_that_failed_for_good_is_not_downloaded_again_by_any_worker_for_ten_minutes(pki, s3, tmp_path, monkeypatch):
    fetch, downloads, _ = s3
    junk = "https://s3.amazonaws.com/echo.api/junk.pem"
    first, second = verifier_for(pki, fetch, tmp_path), verifier_for(pki, fetch, tmp_path)
    assert "could not download" in (attempt(first, pki, junk) or "")  # a 404: final
    assert "recent failure" in (attempt(second, pki, junk) or "")  # another worker: no download
    later = time.time() + verification.FINAL_FAILURE_SECONDS - 60
    monkeypatch.setattr(verification, "_clock", lambda: later)
    assert "recent failure" in (attempt(first, pki, junk) or "")
    assert "recent failure" in (attempt(verifier_for(pki, fetch, tmp_path), pki, junk) or "")  # after a restart
    assert downloads == ["/echo.api/junk.pem"]
    much_later = time.time() + verification.FINAL_FAILURE_SECONDS + 1
    monkeypatch.setattr(verification, "_clock", lambda: much_later)
    assert "could not download" in (attempt(first, pki, junk) or "")
    assert downloads == ["/echo.api/junk.pem"] * 2


def test_a_failure_worth_retrying_is_retried_soon_and_not_shared(pki, tmp_path, monkeypatch):
    """A time-out or refused connection (here: OSError) is remembered 30 s, in this worker only."""
    attempts = []

    def flaky(url: str) -> bytes:
        attempts.append(url)
        if len(attempts) == 1:
            raise OSError("connection refused")
        return pki.chain_pem()

    first = verifier_for(pki, flaky, tmp_path)
    assert "could not download" in (attempt(first, pki, GOOD) or "")
    assert "recent failure" in (attempt(first, pki, GOOD) or "")
    assert attempt(verifier_for(pki, flaky, tmp_path), pki, GOOD) is None  # another worker tries at once
    later = time.time() + verification.FAILURE_CACHE_SECONDS + 1
    monkeypatch.setattr(verification, "_clock", lambda: later)
    assert attempt(first, pki, GOOD) is None  # the disk has it now: no third download
    assert len(attempts) == 2


# ---- refused shapes cost nothing ----------------------------------------------------


REFUSED_SHAPES = [
    "http://s3.amazonaws.com/echo.api/good.pem",  # scheme
    "https://s3.amazonaws.com.evil.example/echo.api/good.pem",  # host
    "https://s3.amazonaws.com./echo.api/good.pem",
    "https://user@s3.amazonaws.com/echo.api/good.pem",
    "https://s3.amazonaws.com:8443/echo.api/good.pem",  # port
    "https://s3.amazonaws.com/invalid.path/good.pem",  # path
    "https://s3.amazonaws.com/echo.api/../invalid.path/good.pem",  # .. out of /echo.api/
    "https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/good.pem",  # .. spelt so a server may decode it
    "https://s3.amazonaws.com/echo.api/..%2finvalid.path/good.pem",
    "https://s3.amazonaws.com/echo.api/..\\invalid.path\\good.pem",
    "https://s3.amazonaws.com/EcHo.aPi/good.pem",  # case tricks
    "https://s3.amazonaws.com/echo.api/../ECHO.API/good.pem",
    "https://s3.amazonaws.com/%65cho.api/good.pem",
    "https://s3.amazonaws.com/echo.api/good.pem;x",
    "https://s3.amazonaws.com/echo.api/g\u00f6od.pem",
    "https://s3.amazonaws.com/echo.api/good.pem?n=1",
    "https://s3.amazonaws.com/echo.api/go\tod.pem",
]


def test_no_refused_url_shape_costs_a_download(pki, s3):
    fetch, downloads, _ = s3
    verifier = verifier_for(pki, fetch)
    reasons = {url: attempt(verifier, pki, url) for url in REFUSED_SHAPES}
    assert [url for url, reason in reasons.items() if not reason or "certificate URL" not in reason] == []
    assert downloads == []


# ---- the budget's lanes -------------------------------------------------------------


def junk(n: int) -> str:
    return f"https://s3.amazonaws.com/echo.api/junk-{n}.pem"


def test_a_flood_of_new_urls_leaves_capacity_for_the_url_asked_for_again(pki, s3):
    """The flood spends the first-come lane; Alexa's URL, asked for a second time, still gets its download."""
    fetch, downloads, _ = s3
    verifier = verifier_for(pki, fetch)
    flood = [attempt(verifier, pki, junk(n)) for n in range(200)]
    assert sum("budget" in (reason or "") for reason in flood) == 200 - download_budget.NEW_BURST
    assert "budget" in (attempt(verifier, pki, GOOD) or "")  # asked once, like each junk URL
    assert attempt(verifier, pki, junk(1000)) is not None
    assert attempt(verifier, pki, GOOD) is None  # asked again: the lane the flood cannot spend
    assert downloads.count("/echo.api/good.pem") == 1
    assert len(downloads) == download_budget.NEW_BURST + 1


def test_a_url_that_validated_before_has_a_lane_of_its_own(pki, s3):
    """With room for one chain in memory and no disk, two genuine URLs evict each other;
    each download again uses the known lane, which the flood has not spent."""
    fetch, downloads, _ = s3
    _Server.chains["/echo.api/good-2.pem"] = pki.chain_pem()
    good_2 = "https://s3.amazonaws.com/echo.api/good-2.pem"
    verifier = verifier_for(pki, fetch, cache_size=1)
    assert attempt(verifier, pki, GOOD) is None and attempt(verifier, pki, good_2) is None
    for n in range(100):
        attempt(verifier, pki, junk(n))
    assert attempt(verifier, pki, GOOD) is None and attempt(verifier, pki, good_2) is None
    assert verifier.cache_info()["known_urls"] == [GOOD, good_2]
    assert downloads.count("/echo.api/good.pem") == 2


def test_no_flood_gets_more_than_the_lanes_downloads_a_minute(pki):
    """Over a minute of a simulated clock: fresh URLs, URLs asked twice, one URL asked a thousand times."""
    fetched: list[str] = []
    clock = [time.time()]
    budget = DownloadBudget(clock[0])
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=lambda url: fetched.append(url) or b"", budget=budget)
    original = verification._clock
    verification._clock = lambda: clock[0]
    try:
        for n in range(3000):
            clock[0] += 0.02
            with contextlib.suppress(VerificationException):  # the key is all a request's URL costs
                verifier.signing_key(junk(n // 2) if n % 3 else junk(10**6))
    finally:
        verification._clock = original
    lanes = download_budget
    most = lanes.NEW_BURST + lanes.NEW_PER_MINUTE + lanes.REPEAT_BURST + lanes.REPEAT_PER_MINUTE
    assert 0 < len(fetched) <= most


def test_the_asked_again_lane_goes_to_the_url_asked_for_most_recently_active():
    now = time.time()
    budget = DownloadBudget(now)
    for n in range(download_budget.NEW_BURST):  # the first-come lane, spent
        budget.note(junk(n), now)
        assert budget.take(junk(n), known=False, now=now) == "first come"
    genuine, repeated = GOOD, junk(100)
    for _ in range(3):
        budget.note(genuine, now)
    for _ in range(2):
        budget.note(repeated, now)
    assert budget.take(repeated, known=False, now=now) is None  # asked twice; the genuine URL three times
    assert budget.take(genuine, known=False, now=now) == "asked again"
    budget.forget(genuine)
    # A URL asked for often but not lately does not hold the lane.
    for _ in range(5):
        budget.note(junk(200), now)
    later = now + download_budget.ACTIVE_SECONDS + 1
    budget.note(repeated, later)
    assert budget.take(repeated, known=False, now=later) == "asked again"
