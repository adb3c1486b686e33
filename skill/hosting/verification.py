"""Alexa request verification for the self-hosted endpoint, fast on the warm path.

Alexa signs every request it sends to a web service: the `Signature-256`
header is an RSA PKCS#1 v1.5 SHA-256 signature of the raw body, made with the
key of a certificate whose PEM chain Alexa publishes at the URL in the
`SignatureCertChainUrl` header. Amazon's rules for checking it
(developer.amazon.com, "Host a Custom Skill as a Web Service"):

* the URL: scheme https, host s3.amazonaws.com (case-insensitive), path
  starting with /echo.api/ once normalised, port 443 if one is given;
* the chain: the signing (leaf) certificate is within its validity period,
  has echo-api.amazon.com among its subject alternative names, and chains up
  to a trusted root;
* the body: the signature verifies with the leaf's public key;
* the request timestamp is within 150 seconds of now;
* (for any skill) the application id is the skill's own.

`AlexaRequestVerifier` does all of the signature part. The certificate chain
is validated *once per URL* (skill.hosting.certificates: cryptography's X.509
path validation, web-PKI server profile, name echo-api.amazon.com, against
certifi's Mozilla roots by default). The validated chain's public key and its
validity window are cached by URL in a small LRU; every request re-checks the
window, so an expired leaf is never accepted, and an entry is dropped (and its
URL validated again from scratch) as soon as it expires. A warm request
therefore costs one dict lookup, one clock read, one base64 decode and one
RSA-2048 signature check.

A URL not in memory is looked for, in this order: in the disk cache shared by
every worker (skill.hosting.certificate_store; the chain is validated again
when read), among the failures remembered there, and only then downloaded,
by one worker at a time (a per-URL lock across processes, and within a worker
one download that every request for the URL waits for), if the download
budget allows it (skill.hosting.download_budget: URLs that validated before,
and the URL asked for most, have capacity a flood of new URLs cannot spend).
A URL whose download or chain failed is refused without a new download for a
while: FINAL_FAILURE_SECONDS for a never-seen URL that failed for good (S3's
403 or 404, a chain that does not validate; shared through the disk cache),
FAILURE_CACHE_SECONDS for anything worth retrying soon, and for a URL that
validated before.

Only the trust roots, the certificate download, the disk cache and the budget
are constructor parameters: tests and the benchmark substitute a test CA and a
local certificate source, and run everything else exactly as in production.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ask_sdk_webservice_support import verifier_constants as constants
from ask_sdk_webservice_support.verifier import (
    AbstractVerifier,
    VerificationException,
)
from ask_sdk_webservice_support.verifier import (
    TimestampVerifier as _SdkTimestampVerifier,
)
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.x509.verification import Store

from skill.hosting.certificate_store import CertificateStore
from skill.hosting.certificates import (
    DOWNLOAD_TIMEOUT_SECONDS,
    MAX_CHAIN_BYTES,
    ValidatedChain,
    canonical_certificate_url,
    certifi_trust_roots,
    download_certificate_chain,
    is_final_download_failure,
    validate_certificate_url,
    validate_chain,
)
from skill.hosting.download_budget import DownloadBudget

__all__ = [
    "DOWNLOAD_TIMEOUT_SECONDS",
    "MAX_CHAIN_BYTES",
    "AlexaRequestVerifier",
    "SkillIdVerifier",
    "TimestampVerifier",
    "VerificationException",
    "canonical_certificate_url",
    "certifi_trust_roots",
    "download_certificate_chain",
    "validate_certificate_url",
]


CERT_URL_HEADER = constants.SIGNATURE_CERT_CHAIN_URL_HEADER  # "SignatureCertChainUrl"
SIGNATURE_HEADER = constants.SIGNATURE_HEADER  # "Signature-256"
TIMESTAMP_TOLERANCE_MS = constants.MAX_NORMAL_REQUEST_TOLERANCE_IN_MILLIS  # 150 000

DEFAULT_CACHE_SIZE = 16  # chains that validated; nothing else ever evicts one
FAILURE_CACHE_SECONDS = 30.0  # a failure worth retrying soon (a time-out, a 5xx), or of a URL that validated before
FINAL_FAILURE_SECONDS = 600.0  # a never-seen URL that failed for good (403/404, a chain that does not validate)
FAILURE_CACHE_SIZE = 1024
KNOWN_URLS = 64  # URLs whose chain validated in this worker (the budget's "known" lane)
WAIT_SECONDS = DOWNLOAD_TIMEOUT_SECONDS + 1  # the longest a request waits for another's download
MAX_SIGNATURE_CHARS = 2048  # base64 of a 4096-bit signature is 684

CertificateFetcher = Callable[[str], bytes]

# The clock (POSIX seconds). A module attribute so the cache-expiry tests can
# move time forward; nothing else replaces it.
_clock = time.time


class _NotNowError(VerificationException):
    """A refusal that is no verdict on the URL (no budget, or another worker
    still fetching it): not remembered as a failure."""


class _FailureError(VerificationException):
    """The URL's chain could not be had or did not validate; remembered for
    `seconds`, and through the disk cache when `share`."""

    def __init__(self, message: str, seconds: float, share: bool):
        super().__init__(message)
        self.seconds, self.share = seconds, share


# ---- the signature verifier ------------------------------------------------


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)  # werkzeug's Headers: case-insensitive already
    if value is not None:
        return value
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return None


class AlexaRequestVerifier(AbstractVerifier):
    """Checks the `Signature-256` signature and its certificate chain.

    `trust_roots`: the root certificates a chain must lead to (default:
    certifi's Mozilla bundle, loaded on first use). `fetch_certificate`:
    url -> PEM bytes (default: `download_certificate_chain`, 2 s timeout).
    `store`: the disk cache shared by the workers (default: none, memory
    only). `budget`: who may download now (default: DownloadBudget's lanes).
    """

    def __init__(
        self,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetch_certificate: CertificateFetcher | None = None,
        *,
        cache_size: int = DEFAULT_CACHE_SIZE,
        store: CertificateStore | None = None,
        budget: DownloadBudget | None = None,
    ):
        if trust_roots is not None and not trust_roots:
            raise ValueError("trust_roots is empty: no chain could ever be trusted")
        self._trust_roots = list(trust_roots) if trust_roots is not None else None
        self._roots: Store | None = None
        self._fetch = fetch_certificate or download_certificate_chain
        self._store = store
        self._budget = budget or DownloadBudget(_clock())
        self._cache: OrderedDict[str, ValidatedChain] = OrderedDict()
        self._cache_size = max(1, cache_size)
        self._failures: OrderedDict[str, tuple[float, str]] = OrderedDict()  # url -> (retry after, reason)
        self._pending: dict[str, threading.Event] = {}  # url -> set when its download is over
        self._known: OrderedDict[str, None] = OrderedDict()  # URLs whose chain validated here
        self._lock = threading.Lock()
        self._padding = padding.PKCS1v15()
        self._hash = SHA256()

    # -- the per-request check ------------------------------------------------

    def verify(self, headers: Mapping[str, str], serialized_request_env: str | bytes, deserialized_request_env: Any = None) -> None:
        cert_url = _header(headers, CERT_URL_HEADER)
        signature_b64 = _header(headers, SIGNATURE_HEADER)
        if not cert_url:
            raise VerificationException(f"missing {CERT_URL_HEADER} header")
        if not signature_b64:
            raise VerificationException(f"missing {SIGNATURE_HEADER} header")
        if len(signature_b64) > MAX_SIGNATURE_CHARS:
            raise VerificationException("signature is too long")
        try:
            signature = base64.b64decode(signature_b64, validate=True)
        except (binascii.Error, ValueError):
            raise VerificationException("signature is not valid base64") from None

        public_key = self.signing_key(cert_url)
        body = serialized_request_env
        if isinstance(body, str):
            body = body.encode(constants.CHARACTER_ENCODING)
        try:
            public_key.verify(signature, body, self._padding, self._hash)
        except InvalidSignature:
            raise VerificationException("signature does not match the request body") from None

    def signing_key(self, cert_url: str) -> rsa.RSAPublicKey:
        """The public key of a validated, currently valid chain at `cert_url`.

        What a stranger who knows the skill id can make this cost is bounded:
        a URL shape Alexa never sends is refused before anything else; every
        spelling of one URL is one cache entry; a URL that failed is refused
        without a new download for a while; downloads are budgeted per worker
        in lanes, so that new URLs cannot spend what a URL that validated
        before, or the URL asked for most, needs; one download per URL at a
        time, across the workers; and the chains that validated live in their
        own LRU (and on disk), which failures never enter."""
        key = canonical_certificate_url(cert_url)
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            now = _clock()
            with self._lock:
                entry = self._cache.get(key)
                if entry is not None:
                    if entry.not_before <= now <= entry.not_after:
                        self._cache.move_to_end(key)
                        return entry.public_key
                    del self._cache[key]  # expired: validate the URL again from scratch
                failure = self._failures.get(key)
                if failure is not None:
                    if now < failure[0]:
                        raise VerificationException(f"{failure[1]} (a recent failure, not retried yet)")
                    del self._failures[key]
                pending = self._pending.get(key)
                if pending is None:
                    self._budget.note(key, now)
                    self._pending[key] = threading.Event()
                    break
            # Someone in this worker is fetching it: use their result.
            if not pending.wait(max(0.0, deadline - time.monotonic())):
                raise VerificationException("certificate chain is still being fetched")
        try:
            entry = self._resolve(key)
        except _FailureError as failure:
            self._remember_failure(key, failure)
            raise VerificationException(str(failure)) from None
        except _NotNowError as refusal:
            raise VerificationException(str(refusal)) from None
        finally:
            with self._lock:
                self._pending.pop(key).set()
        with self._lock:
            self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            self._known[key] = None
            self._known.move_to_end(key)
            while len(self._known) > KNOWN_URLS:
                self._known.popitem(last=False)
            self._budget.forget(key)
        return entry.public_key

    # -- the cold path: once per certificate URL -------------------------------

    def _resolve(self, key: str) -> ValidatedChain:
        """The disk cache, then a remembered failure, then a download; one
        worker at a time per URL."""
        store = self._store
        if store is None:
            return self._download(key)
        with store.fetch_lock(key, WAIT_SECONDS) as held:
            if not held:
                raise _NotNowError("certificate chain is still being fetched (by another worker)")
            pem = store.load_chain(key)
            if pem is not None:
                try:
                    return self._validate(pem)
                except VerificationException:
                    store.discard_chain(key)  # expired, or not from a root trusted now: fetch afresh
            now = _clock()
            failure = store.failure(key, now)
            if failure is not None:
                raise _FailureError(f"{failure[1]} (a recent failure, not retried yet)", failure[0] - now, share=False)
            entry, pem = self._download_pem(key)
            store.save_chain(key, pem)
            return entry

    def _download(self, key: str) -> ValidatedChain:
        return self._download_pem(key)[0]

    def _download_pem(self, key: str) -> tuple[ValidatedChain, bytes]:
        with self._lock:
            known = key in self._known
            lane = self._budget.take(key, known=known, now=_clock())
            if lane is None:
                raise _NotNowError(self._budget.refusal(known))
        try:
            pem = self._fetch(key)
        except Exception as error:
            final = is_final_download_failure(error) and not known
            raise _FailureError(
                f"could not download the certificate chain ({type(error).__name__})", FINAL_FAILURE_SECONDS if final else FAILURE_CACHE_SECONDS, share=final
            ) from None
        try:
            return self._validate(pem), pem
        except VerificationException as failure:
            raise _FailureError(str(failure), FAILURE_CACHE_SECONDS if known else FINAL_FAILURE_SECONDS, share=not known) from None

    def _remember_failure(self, key: str, failure: _FailureError) -> None:
        retry_after = _clock() + failure.seconds
        reason = str(failure).removesuffix(" (a recent failure, not retried yet)")
        with self._lock:
            self._failures[key] = (retry_after, reason)
            self._failures.move_to_end(key)
            while len(self._failures) > FAILURE_CACHE_SIZE:
                self._failures.popitem(last=False)
            self._budget.forget(key)
        if failure.share and self._store is not None:
            self._store.save_failure(key, retry_after, reason)

    def _trust_store(self) -> Store:
        if self._roots is None:
            roots = self._trust_roots if self._trust_roots is not None else certifi_trust_roots()
            self._roots = Store(roots)
        return self._roots

    def _validate(self, pem: bytes) -> ValidatedChain:
        return validate_chain(pem, self._trust_store(), _clock())

    def cache_info(self) -> dict:
        with self._lock:
            return {
                "urls": list(self._cache),
                "size": len(self._cache),
                "max_size": self._cache_size,
                "failed_urls": list(self._failures),
                "known_urls": list(self._known),
                "store": str(self._store.directory) if self._store is not None else None,
                **self._budget.info(_clock()),
            }


# ---- the other two checks --------------------------------------------------


class TimestampVerifier(_SdkTimestampVerifier):
    """The SDK's 150-second check, refusing (not crashing on) a missing or
    zone-less timestamp."""

    def __init__(self, tolerance_in_millis: int = TIMESTAMP_TOLERANCE_MS):
        super().__init__(tolerance_in_millis)

    def verify(self, headers: dict[str, Any], serialized_request_env: str, deserialized_request_env: Any) -> None:
        request = getattr(deserialized_request_env, "request", None)
        timestamp = getattr(request, "timestamp", None)
        if timestamp is None or getattr(timestamp, "tzinfo", None) is None:
            raise VerificationException("request timestamp is missing or has no time zone")
        try:
            super().verify(headers, serialized_request_env, deserialized_request_env)
        except VerificationException:
            raise VerificationException("request timestamp is outside the allowed window (150 s)") from None


class SkillIdVerifier(AbstractVerifier):
    """Refuses requests for any other skill (context and session application ids)."""

    def __init__(self, skill_id: str):
        if not skill_id:
            raise ValueError("skill_id is empty")
        self.skill_id = skill_id

    def verify(self, headers: Mapping[str, str], serialized_request_env: str | bytes, deserialized_request_env: Any) -> None:
        envelope = deserialized_request_env
        system = getattr(getattr(envelope, "context", None), "system", None)
        ids = [getattr(getattr(system, "application", None), "application_id", None)]
        session = getattr(envelope, "session", None)
        if session is not None:
            ids.append(getattr(getattr(session, "application", None), "application_id", None))
        if ids[0] is None or any(value != self.skill_id for value in ids):
            raise VerificationException("request is for another skill id")
