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
is downloaded (with a short timeout) and validated *once per URL*, with
cryptography's X.509 path validation (`cryptography.x509.verification`,
the web-PKI server profile for the name echo-api.amazon.com) against a trust
store (certifi's Mozilla roots by default). The validated chain's public key
and its validity window are cached by URL in a small LRU; every request
re-checks the window, so an expired leaf is never accepted, and an entry is
dropped (and its URL revalidated from scratch) as soon as it expires. A warm
request therefore costs one dict lookup, one clock read, one base64 decode and
one RSA-2048 signature check.

Only the trust roots and the certificate download are constructor
parameters: tests and the benchmark substitute a test CA and a local
certificate source, and run everything else exactly as in production.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
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
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from skill.hosting.certificates import (
    DOWNLOAD_TIMEOUT_SECONDS,
    MAX_CHAIN_BYTES,
    canonical_certificate_url,
    certifi_trust_roots,
    download_certificate_chain,
    validate_certificate_url,
)

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
SIGNING_NAME = constants.CERT_CHAIN_DOMAIN  # "echo-api.amazon.com"
TIMESTAMP_TOLERANCE_MS = constants.MAX_NORMAL_REQUEST_TOLERANCE_IN_MILLIS  # 150 000

DEFAULT_CACHE_SIZE = 16  # chains that validated; nothing else ever evicts one
FAILURE_CACHE_SECONDS = 30.0  # a URL whose chain failed (download or validation) is refused without retry meanwhile
FAILURE_CACHE_SIZE = 1024
DOWNLOADS_PER_MINUTE = 10  # per verifier (one per worker process): all URLs together
MAX_SIGNATURE_CHARS = 2048  # base64 of a 4096-bit signature is 684

CertificateFetcher = Callable[[str], bytes]

# The clock (POSIX seconds). A module attribute so the cache-expiry tests can
# move time forward; nothing else replaces it.
_clock = time.time


# ---- the signature verifier ------------------------------------------------


@dataclass(frozen=True)
class _ValidatedChain:
    public_key: rsa.RSAPublicKey
    not_before: float  # POSIX seconds; the intersection of every certificate's window
    not_after: float


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
    """

    def __init__(
        self,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetch_certificate: CertificateFetcher | None = None,
        *,
        cache_size: int = DEFAULT_CACHE_SIZE,
        downloads_per_minute: int = DOWNLOADS_PER_MINUTE,
    ):
        if trust_roots is not None and not trust_roots:
            raise ValueError("trust_roots is empty: no chain could ever be trusted")
        self._trust_roots = list(trust_roots) if trust_roots is not None else None
        self._store: Store | None = None
        self._fetch = fetch_certificate or download_certificate_chain
        self._cache: OrderedDict[str, _ValidatedChain] = OrderedDict()
        self._cache_size = max(1, cache_size)
        self._failures: OrderedDict[str, tuple[float, str]] = OrderedDict()  # url -> (retry after, reason)
        self._pending: dict[str, threading.Event] = {}  # url -> set when its download is over
        self._downloads_per_minute = max(1, downloads_per_minute)
        self._tokens, self._tokens_at = float(self._downloads_per_minute), _clock()
        self._lock = threading.Lock()
        self._padding = padding.PKCS1v15()
        self._hash = SHA256()

    # -- the per-request check ------------------------------------------------

    def verify(self, headers: Mapping[str, str], serialized_request_env: str | bytes,
               deserialized_request_env: Any = None) -> None:
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
        every spelling of one URL is one cache entry; a URL that failed is
        refused without a new download for FAILURE_CACHE_SECONDS; at most
        DOWNLOADS_PER_MINUTE downloads start per minute, all URLs together;
        requests arriving while a URL is being fetched wait for that one
        download instead of starting their own; and the chains that
        validated live in their own LRU, which failures never enter."""
        key = canonical_certificate_url(cert_url)
        for _attempt in range(2):
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
                    if not self._take_download(now):
                        raise VerificationException(
                            f"certificate download budget spent ({self._downloads_per_minute} per minute)")
                    self._pending[key] = threading.Event()
                    break
            pending.wait(DOWNLOAD_TIMEOUT_SECONDS + 1)  # someone else is fetching it: use their result
        else:
            raise VerificationException("certificate chain is still being fetched")
        try:
            entry = self._validate(key)
        except VerificationException as failure:
            with self._lock:
                self._failures[key] = (_clock() + FAILURE_CACHE_SECONDS, str(failure))
                self._failures.move_to_end(key)
                while len(self._failures) > FAILURE_CACHE_SIZE:
                    self._failures.popitem(last=False)
            raise
        finally:
            with self._lock:
                self._pending.pop(key).set()
        with self._lock:
            self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return entry.public_key

    def _take_download(self, now: float) -> bool:
        """A token from the download budget (a bucket refilled evenly over a
        minute); called with the lock held."""
        rate = self._downloads_per_minute / 60.0
        self._tokens = min(float(self._downloads_per_minute), self._tokens + (now - self._tokens_at) * rate)
        self._tokens_at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    # -- the cold path: once per certificate URL -------------------------------

    def _trust_store(self) -> Store:
        if self._store is None:
            roots = self._trust_roots if self._trust_roots is not None else certifi_trust_roots()
            self._store = Store(roots)
        return self._store

    def _validate(self, cert_url: str) -> _ValidatedChain:
        try:
            pem = self._fetch(cert_url)
        except Exception as error:
            raise VerificationException(
                f"could not download the certificate chain ({type(error).__name__})"
            ) from None
        try:
            certificates = x509.load_pem_x509_certificates(pem)
        except ValueError:
            raise VerificationException("certificate chain is not PEM certificates") from None
        leaf, intermediates = certificates[0], certificates[1:]

        now = _clock()
        if not leaf.not_valid_before_utc.timestamp() <= now <= leaf.not_valid_after_utc.timestamp():
            raise VerificationException("signing certificate is expired or not yet valid")
        try:
            san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        except x509.ExtensionNotFound:
            san = None
        if san is None or SIGNING_NAME not in san.get_values_for_type(x509.DNSName):
            raise VerificationException(f"signing certificate is not for {SIGNING_NAME}")
        try:
            key_usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
        except x509.ExtensionNotFound:
            key_usage = None
        if key_usage is not None and not key_usage.digital_signature:
            raise VerificationException("signing certificate may not sign")
        public_key = leaf.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey) or public_key.key_size < 2048:
            raise VerificationException("signing certificate key is not RSA-2048 or larger")

        # Path validation, by cryptography: signatures, validity, CA
        # constraints, key usages, name match, up to a root in the store.

        verifier = (
            PolicyBuilder()
            .store(self._trust_store())
            .time(datetime.fromtimestamp(now, UTC))
            .build_server_verifier(x509.DNSName(SIGNING_NAME))
        )
        try:
            chain = verifier.verify(leaf, intermediates)
        except VerificationError as error:
            detail = " ".join(str(error).split())[:160]
            raise VerificationException(f"certificate chain does not validate: {detail}") from None

        return _ValidatedChain(
            public_key=public_key,
            not_before=max(cert.not_valid_before_utc.timestamp() for cert in chain),
            not_after=min(cert.not_valid_after_utc.timestamp() for cert in chain),
        )

    def cache_info(self) -> dict:
        with self._lock:
            return {"urls": list(self._cache), "size": len(self._cache), "max_size": self._cache_size,
                    "failed_urls": list(self._failures), "download_tokens": self._tokens}


# ---- the other two checks --------------------------------------------------


class TimestampVerifier(_SdkTimestampVerifier):
    """The SDK's 150-second check, refusing (not crashing on) a missing or
    zone-less timestamp."""

    def __init__(self, tolerance_in_millis: int = TIMESTAMP_TOLERANCE_MS):
        super().__init__(tolerance_in_millis)

    def verify(self, headers: dict[str, Any], serialized_request_env: str,
               deserialized_request_env: Any) -> None:
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

    def verify(self, headers: Mapping[str, str], serialized_request_env: str | bytes,
               deserialized_request_env: Any) -> None:
        envelope = deserialized_request_env
        system = getattr(getattr(envelope, "context", None), "system", None)
        ids = [getattr(getattr(system, "application", None), "application_id", None)]
        session = getattr(envelope, "session", None)
        if session is not None:
            ids.append(getattr(getattr(session, "application", None), "application_id", None))
        if ids[0] is None or any(value != self.skill_id for value in ids):
            raise VerificationException("request is for another skill id")
