"""skill.hosting.verification on its own: URL rules, chain validation, the cache, the
download. The endpoint-level proofs (each rejection is a 400 through the real
Flask app) are in test_web.py."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import time
import urllib.error
from typing import ClassVar

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import ExtendedKeyUsageOID

from skill.hosting import download_budget, verification
from skill.hosting.download_budget import DownloadBudget
from skill.hosting.verification import (
    AlexaRequestVerifier,
    SkillIdVerifier,
    TimestampVerifier,
    VerificationException,
    certifi_trust_roots,
    download_certificate_chain,
    validate_certificate_url,
)
from skill.testing.signing import CERT_URL, TestPKI, answer_download, key, make_ca, make_leaf, make_pki, pem, sign

BODY = json.dumps({"version": "1.0", "request": {"type": "LaunchRequest"}})
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def pki() -> TestPKI:
    return make_pki()


@pytest.fixture
def verifier(pki) -> AlexaRequestVerifier:
    pki.fetched.clear()
    return AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=pki.fetch)


def refused(verifier, headers, body=BODY) -> str:
    with pytest.raises(VerificationException) as caught:
        verifier.verify(headers, body, None)
    return str(caught.value)


# ---- certificate URL rules --------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/./sub/cert.pem",
    ],
)
def test_certificate_url_accepted(url):
    validate_certificate_url(url)


@pytest.mark.parametrize(
    "url, rule",
    [
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?n=1", "query"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?", "query"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem#x", "fragment"),
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme"),
        ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
        ("https://evil.example/s3.amazonaws.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem", "host"),
        ("https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem", "credentials"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com//echo.api/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:99999/echo.api/echo-api-cert.pem", "valid URL"),
        ("", "scheme"),
        # Shapes Alexa never sends, that a server might read differently from the normalisation here.
        ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/echo-api-cert.pem", "percent escape"),
        ("https://s3.amazonaws.com/echo.api/..%2finvalid.path/echo-api-cert.pem", "percent escape"),
        ("https://s3.amazonaws.com/echo.api/..\\invalid.path\\echo-api-cert.pem", "character"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem;x=1", "character"),
        ("https://s3.amazonaws.com/echo.api/echo-api-c\u00e9rt.pem", "non-ASCII"),
        ("https://s3.amazonaws.com/echo.api/echo-api-\ncert.pem", "control"),
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem ", "space"),
        ("https://s3.amazonaws.com./echo.api/echo-api-cert.pem", "host"),
    ],
)
def test_certificate_url_refused(url, rule):
    with pytest.raises(VerificationException, match=rule):
        validate_certificate_url(url)


# ---- signature and chain ----------------------------------------------------


def test_signed_body_verifies_and_header_names_are_case_insensitive(verifier, pki):
    headers = {name.lower(): value for name, value in pki.headers(BODY).items()}
    verifier.verify(headers, BODY, None)
    verifier.verify(pki.headers(BODY.encode()), BODY.encode(), None)  # bytes bodies too


@pytest.mark.parametrize("drop", ["SignatureCertChainUrl", "Signature-256"])
def test_missing_header_refused(verifier, pki, drop):
    headers = pki.headers(BODY)
    del headers[drop]
    assert drop in refused(verifier, headers)


def test_sha1_signature_header_alone_is_not_enough(verifier, pki):
    headers = pki.headers(BODY)
    headers["Signature"] = headers.pop("Signature-256")
    assert "Signature-256" in refused(verifier, headers)


@pytest.mark.parametrize("bad", ["not base64!!", "A" * 3000, ""])
def test_garbled_signature_refused(verifier, pki, bad):
    headers = pki.headers(BODY)
    headers["Signature-256"] = bad
    assert "signature" in refused(verifier, headers).lower()


def test_tampered_body_refused(verifier, pki):
    headers = pki.headers(BODY)
    assert "does not match" in refused(verifier, headers, BODY.replace("Launch", "Lunch"))


def test_wrong_key_refused(verifier, pki):
    assert "does not match" in refused(verifier, pki.headers(BODY, signing_key=key("other")))


def _serve(pki, name, chain: bytes) -> dict:
    url = f"https://s3.amazonaws.com/echo.api/{name}.pem"
    pki.chains[url] = chain
    return {"SignatureCertChainUrl": url}


def test_untrusted_root_refused(verifier, pki):
    rogue_root = make_ca("Rogue Root", key("rogue-root"))
    rogue_intermediate = make_ca("Rogue Intermediate", key("intermediate"), issuer=rogue_root, issuer_key=key("rogue-root"))
    leaf = make_leaf(rogue_intermediate, key("intermediate"), key("leaf"))
    headers = pki.headers(BODY) | _serve(pki, "rogue", pem(leaf, rogue_intermediate))
    assert "does not validate" in refused(verifier, headers)


def test_self_signed_leaf_refused(verifier, pki):
    leaf = make_leaf(make_ca("echo-api.amazon.com", key("leaf")), key("leaf"), key("leaf"))
    headers = pki.headers(BODY) | _serve(pki, "self-signed", pem(leaf))
    assert "does not validate" in refused(verifier, headers)


def test_missing_intermediate_refused(verifier, pki):
    headers = pki.headers(BODY) | _serve(pki, "no-intermediate", pem(pki.leaf))
    assert "does not validate" in refused(verifier, headers)


@pytest.mark.parametrize(
    "names",
    [
        ("echo-api.amazon.com.evil.example",),
        ("*.amazon.com",),
        ("evil.example",),
        (),
    ],
)
def test_wrong_subject_alternative_name_refused(verifier, pki, names):
    leaf = make_leaf(pki.intermediate, key("intermediate"), key("leaf"), dns_names=names)
    headers = pki.headers(BODY) | _serve(pki, f"san-{len(names)}-{hash(names) & 0xFFFF}", pem(leaf, pki.intermediate))
    assert "echo-api.amazon.com" in refused(verifier, headers)


def test_extra_names_beside_echo_api_are_fine(verifier, pki):
    leaf = make_leaf(pki.intermediate, key("intermediate"), key("leaf"), dns_names=("echo-api.amazon.com", "other.amazon.com"))
    verifier.verify(pki.headers(BODY) | _serve(pki, "two-names", pem(leaf, pki.intermediate)), BODY, None)


def test_expired_and_not_yet_valid_leaf_refused(verifier, pki):
    expired = make_leaf(pki.intermediate, key("intermediate"), key("leaf"), not_before=NOW - dt.timedelta(days=60), not_after=NOW - dt.timedelta(seconds=5))
    future = make_leaf(pki.intermediate, key("intermediate"), key("leaf"), not_before=NOW + dt.timedelta(days=1), not_after=NOW + dt.timedelta(days=60))
    for name, leaf in (("expired", expired), ("future", future)):
        headers = pki.headers(BODY) | _serve(pki, name, pem(leaf, pki.intermediate))
        assert "expired or not yet valid" in refused(verifier, headers)


def test_expired_intermediate_refused(verifier, pki):
    old = make_ca(
        "Old Intermediate",
        key("intermediate"),
        issuer=pki.root,
        issuer_key=key("root"),
        not_before=NOW - dt.timedelta(days=400),
        not_after=NOW - dt.timedelta(days=1),
    )
    leaf = make_leaf(old, key("intermediate"), key("leaf"))
    headers = pki.headers(BODY) | _serve(pki, "old-intermediate", pem(leaf, old))
    assert "does not validate" in refused(verifier, headers)


def test_leaf_that_is_not_a_tls_server_certificate_refused(verifier, pki):
    """The library's web-PKI server profile: a code-signing-only leaf is not Alexa's."""
    leaf_key = key("leaf")
    leaf = (
        x509.CertificateBuilder()
        .subject_name(pki.leaf.subject)
        .issuer_name(pki.intermediate.subject)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("echo-api.amazon.com")]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key("intermediate").public_key()), critical=False)
        .sign(key("intermediate"), hashes.SHA256())
    )
    headers = pki.headers(BODY) | _serve(pki, "code-signing", pem(leaf, pki.intermediate))
    assert "does not validate" in refused(verifier, headers)


def test_undownloadable_or_garbage_chain_refused(verifier, pki):
    missing = pki.headers(BODY) | {"SignatureCertChainUrl": "https://s3.amazonaws.com/echo.api/missing.pem"}
    assert "could not download" in refused(verifier, missing)
    garbage = pki.headers(BODY) | _serve(pki, "garbage", b"<html>not a certificate</html>")
    assert "not PEM" in refused(verifier, garbage)


def test_bad_url_is_refused_before_any_download(verifier, pki):
    headers = pki.headers(BODY) | {"SignatureCertChainUrl": "https://evil.example/echo.api/cert.pem"}
    assert "host" in refused(verifier, headers)
    assert pki.fetched == []


# ---- the cache --------------------------------------------------------------


def test_chain_is_fetched_and_validated_once_per_url(verifier, pki, monkeypatch):
    validations = []
    real_validate = verifier._validate
    monkeypatch.setattr(verifier, "_validate", lambda pem: validations.append(pem) or real_validate(pem))
    for _ in range(50):
        verifier.verify(pki.headers(BODY), BODY, None)
    assert pki.fetched == [CERT_URL]
    assert validations == [pki.chain_pem()]


def test_warm_path_still_checks_every_signature(verifier, pki):
    verifier.verify(pki.headers(BODY), BODY, None)
    refused(verifier, pki.headers(BODY), BODY + " ")
    refused(verifier, pki.headers(BODY, signing_key=key("other")))


def test_failed_url_is_refused_without_a_new_download_for_a_while(verifier, pki, monkeypatch):
    url = "https://s3.amazonaws.com/echo.api/fixed-later.pem"
    headers = pki.headers(BODY) | {"SignatureCertChainUrl": url}
    assert "could not download" in refused(verifier, headers)  # nothing served there yet
    pki.chains[url] = pki.chain_pem()
    assert "recent failure" in refused(verifier, headers)
    assert pki.fetched == [url]
    later = time.time() + verification.FAILURE_CACHE_SECONDS + 1
    monkeypatch.setattr(verification, "_clock", lambda: later)
    verifier.verify(headers, BODY, None)
    assert pki.fetched == [url, url]


def test_cache_is_bounded_lru(pki):
    pki.fetched.clear()
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=pki.fetch, cache_size=2)
    urls = [f"https://s3.amazonaws.com/echo.api/lru-{n}.pem" for n in range(3)]
    for url in urls:
        pki.chains[url] = pki.chain_pem()

    def use(url):
        verifier.verify(pki.headers(BODY, url=url), BODY, None)

    use(urls[0]), use(urls[1]), use(urls[0]), use(urls[2])  # urls[1] is least recently used
    assert verifier.cache_info()["urls"] == [urls[0], urls[2]]
    use(urls[1])
    assert pki.fetched == [urls[0], urls[1], urls[2], urls[1]]
    assert verifier.cache_info()["size"] == 2


def test_cached_chain_is_rechecked_for_expiry_on_every_request(verifier, pki, monkeypatch):
    """Cached until the first certificate of the chain expires (here the
    intermediate, before the leaf); after that the URL is validated afresh and
    refused, though the signature is still right."""
    intermediate = make_ca("Short Intermediate", key("intermediate"), issuer=pki.root, issuer_key=key("root"), not_after=NOW + dt.timedelta(hours=1))
    leaf = make_leaf(intermediate, key("intermediate"), key("leaf"), not_after=NOW + dt.timedelta(days=60))
    headers = pki.headers(BODY) | _serve(pki, "short", pem(leaf, intermediate))
    verifier.verify(headers, BODY, None)
    verifier.verify(headers, BODY, None)
    assert pki.fetched == [headers["SignatureCertChainUrl"]]

    later = time.time() + 2 * 3600
    monkeypatch.setattr(verification, "_clock", lambda: later)
    assert "does not validate" in refused(verifier, headers)
    assert pki.fetched == [headers["SignatureCertChainUrl"]] * 2
    assert headers["SignatureCertChainUrl"] not in verifier.cache_info()["urls"]


def test_trust_roots_default_to_certifi_and_cannot_be_empty():
    roots = certifi_trust_roots()
    assert len(roots) > 50 and all(isinstance(root, x509.Certificate) for root in roots)
    assert AlexaRequestVerifier()._fetch is download_certificate_chain
    with pytest.raises(ValueError):
        AlexaRequestVerifier(trust_roots=[])


# ---- timestamp and skill id -------------------------------------------------


def _envelope(timestamp: str | None, app_id="amzn1.ask.skill.mine", session_app_id="amzn1.ask.skill.mine"):
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    data = {
        "version": "1.0",
        "context": {"System": {"application": {"applicationId": app_id}}},
        "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": timestamp},
    }
    if session_app_id is not None:
        data["session"] = {"new": True, "sessionId": "s", "application": {"applicationId": session_app_id}}
    return DefaultSerializer().deserialize(json.dumps(data), RequestEnvelope)


def _iso(seconds_from_now: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds_from_now)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("offset, ok", [(0, True), (-140, True), (140, True), (-160, False), (160, False), (-3600, False)])
def test_timestamp_window_is_150_seconds(offset, ok):
    envelope = _envelope(_iso(offset))
    if ok:
        TimestampVerifier().verify({}, "", envelope)
    else:
        with pytest.raises(VerificationException, match="150 s"):
            TimestampVerifier().verify({}, "", envelope)


def test_timestamp_without_zone_is_refused_not_a_crash():
    with pytest.raises(VerificationException, match="time zone"):
        TimestampVerifier().verify({}, "", _envelope("2024-01-01T00:00:00"))


def test_skill_id_checked_in_context_and_session():
    check = SkillIdVerifier("amzn1.ask.skill.mine").verify
    check({}, "", _envelope(_iso(0)))
    check({}, "", _envelope(_iso(0), session_app_id=None))  # no session (e.g. AudioPlayer events)
    for envelope in (_envelope(_iso(0), app_id="amzn1.ask.skill.other"), _envelope(_iso(0), session_app_id="amzn1.ask.skill.other")):
        with pytest.raises(VerificationException, match="another skill"):
            check({}, "", envelope)


# ---- the real download ------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/chain.pem":
            body = b"-----BEGIN CERTIFICATE-----\n"
        elif self.path == "/big.pem":
            body = b"x" * (verification.MAX_CHAIN_BYTES + 1)
        elif self.path == "/redirect.pem":
            self.send_response(302)
            self.send_header("Location", "/chain.pem")
            self.end_headers()
            return
        elif self.path == "/slow.pem":
            time.sleep(1.0)
            body = b"late"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up first (the size and time limits)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_is_bounded_and_does_not_follow_redirects(local_server):
    assert download_certificate_chain(f"{local_server}/chain.pem").startswith(b"-----BEGIN")
    with pytest.raises(ValueError, match="larger"):
        download_certificate_chain(f"{local_server}/big.pem")
    with pytest.raises(urllib.error.HTTPError):
        download_certificate_chain(f"{local_server}/redirect.pem")
    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        download_certificate_chain(f"{local_server}/slow.pem", timeout=0.2)
    assert time.monotonic() - started < 0.9
    assert verification.DOWNLOAD_TIMEOUT_SECONDS <= 3


def test_signature_helper_matches_alexa_scheme(pki):
    """The tests' signer is the real scheme: RSA PKCS#1 v1.5 over SHA-256 of the raw body."""
    import base64

    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.hashes import SHA256

    signature = base64.b64decode(sign(BODY, pki.leaf_key))
    pki.leaf.public_key().verify(signature, BODY.encode(), padding.PKCS1v15(), SHA256())


# ---- what a stranger can make it download (a local certificate server, counting) ----


class _CertificateServer(http.server.BaseHTTPRequestHandler):
    chains: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        if self.path.endswith("slow.pem"):
            time.sleep(3.0)
        body = self.chains.get(self.path)
        answer_download(self, body)

    def log_message(self, *args):
        pass


@pytest.fixture
def certificate_server(pki):
    _CertificateServer.chains = {"/echo.api/good.pem": pki.chain_pem()}
    _CertificateServer.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CertificateServer)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def fetch(url: str) -> bytes:  # the real download, from the local server instead of S3
        from urllib.parse import urlsplit

        return download_certificate_chain(base + urlsplit(url).path)

    yield fetch, _CertificateServer.requests
    server.shutdown()
    server.server_close()


GOOD = "https://s3.amazonaws.com/echo.api/good.pem"


def _try(verifier, pki, url) -> str | None:
    try:
        verifier.verify(pki.headers(BODY, url=url), BODY, None)
    except VerificationException as error:
        return str(error)
    return None


def test_spellings_of_one_url_cost_one_download(pki, certificate_server):
    fetch, downloads = certificate_server
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch)
    spellings = [
        GOOD,
        "HTTPS://S3.AMAZONAWS.COM/echo.api/good.pem",
        "https://s3.amazonaws.com:443/echo.api/good.pem",
        "https://s3.amazonaws.com/echo.api/./good.pem",
        "https://s3.amazonaws.com/echo.api//good.pem",
        "https://s3.amazonaws.com/echo.api/x/../good.pem",
    ]
    assert [_try(verifier, pki, url) for url in spellings] == [None] * len(spellings)
    queries = [_try(verifier, pki, f"{GOOD}?n={n}") for n in range(20)]
    assert all("query" in (reason or "") for reason in queries)
    assert downloads == ["/echo.api/good.pem"]


def test_a_failing_url_is_downloaded_once_while_remembered(pki, certificate_server):
    fetch, downloads = certificate_server
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch)
    junk = "https://s3.amazonaws.com/echo.api/junk.pem"
    reasons = [_try(verifier, pki, junk) for _ in range(30)]
    assert "could not download" in (reasons[0] or "")
    assert all("recent failure" in (reason or "") for reason in reasons[1:])
    assert downloads == ["/echo.api/junk.pem"]


def test_junk_urls_neither_evict_the_real_chain_nor_download_without_bound(pki, certificate_server):
    fetch, downloads = certificate_server
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch)
    assert _try(verifier, pki, GOOD) is None  # the first-come lane's first token
    reasons = [_try(verifier, pki, f"https://s3.amazonaws.com/echo.api/junk-{n}.pem") for n in range(100)]
    junk_downloads = download_budget.NEW_BURST - 1  # what is left of the first-come lane's burst
    assert sum("budget" in (reason or "") for reason in reasons) == 100 - junk_downloads
    assert len(downloads) == 1 + junk_downloads
    assert _try(verifier, pki, GOOD) is None  # still cached: no download, no budget needed
    assert verifier.cache_info()["urls"] == [GOOD]
    assert len(downloads) == 1 + junk_downloads


def test_concurrent_requests_for_a_new_url_share_one_download(pki, certificate_server):
    fetch, downloads = certificate_server
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch, budget=DownloadBudget(time.time(), new_per_minute=1))
    results: list[str | None] = []
    threads = [threading.Thread(target=lambda: results.append(_try(verifier, pki, GOOD))) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [None] * 20
    assert downloads == ["/echo.api/good.pem"]


def test_a_slow_certificate_server_holds_a_request_two_seconds_at_most(pki, certificate_server):
    fetch, _ = certificate_server
    verifier = AlexaRequestVerifier(trust_roots=pki.trust_roots, fetch_certificate=fetch)
    started = time.monotonic()
    assert "could not download" in (_try(verifier, pki, "https://s3.amazonaws.com/echo.api/slow.pem") or "")
    assert time.monotonic() - started < verification.DOWNLOAD_TIMEOUT_SECONDS + 0.5
