"""Alexa's signing certificate chain: the rules for the `SignatureCertChainUrl`
header (Amazon's, plus: no query or fragment, and only the plain characters
Alexa's URLs are made of), the one spelling of a valid URL that caches are
keyed by, the bounded download (2 s, 64 KiB, no redirects), which download
failures are final, the validation of a chain (expiry, a path to a trusted
root, the name echo-api.amazon.com) and the default trust roots (certifi's)."""

from __future__ import annotations

import posixpath
import re
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ask_sdk_webservice_support import verifier_constants as constants
from ask_sdk_webservice_support.verifier import VerificationException
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

CERT_URL_SCHEME = constants.CERT_CHAIN_URL_PROTOCOL  # "https"
CERT_URL_HOST = constants.CERT_CHAIN_URL_HOSTNAME  # "s3.amazonaws.com"
CERT_URL_PORT = constants.CERT_CHAIN_URL_PORT  # 443
CERT_URL_PATH_PREFIX = "/echo.api/"  # the SDK spells it with os.path.sep; URLs use "/"
SIGNING_NAME = constants.CERT_CHAIN_DOMAIN  # "echo-api.amazon.com"
# What Alexa's URLs are made of (https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem):
# no percent escapes (%2e%2e, %2f), backslashes, semicolons or anything else a
# server might read differently from this module's normalisation.
_PATH_CHARACTERS = re.compile(r"[A-Za-z0-9._~/-]*")

DOWNLOAD_TIMEOUT_SECONDS = 2.0
MAX_CHAIN_BYTES = 64 * 1024


# ---- certificate URL and download ------------------------------------------


def validate_certificate_url(url: str) -> None:
    """Amazon's rules for the SignatureCertChainUrl header; raises
    VerificationException naming the rule that failed."""
    if any(ord(character) <= 0x20 or ord(character) >= 0x7F for character in url):
        # urlsplit drops tabs and newlines in silence; Alexa's URLs have none.
        raise VerificationException("certificate URL has a space, a control or a non-ASCII character")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise VerificationException("certificate URL is not a valid URL") from None
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise VerificationException("certificate URL scheme is not https")
    if (parts.hostname or "") != CERT_URL_HOST:  # .hostname is lower-cased
        raise VerificationException("certificate URL host is not s3.amazonaws.com")
    if parts.username is not None or parts.password is not None:
        raise VerificationException("certificate URL carries credentials")
    if port is not None and port != CERT_URL_PORT:
        raise VerificationException("certificate URL port is not 443")
    if not posixpath.normpath(parts.path or "/").startswith(CERT_URL_PATH_PREFIX):
        raise VerificationException("certificate URL path does not start with /echo.api/")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise VerificationException("certificate URL has a query or fragment")
    if not _PATH_CHARACTERS.fullmatch(parts.path):
        raise VerificationException("certificate URL path has a percent escape or a character Alexa's never have")


def canonical_certificate_url(url: str) -> str:
    """The one spelling of a valid certificate URL (scheme and host lower
    case, no default port, path normalised): every spelling Amazon's rules
    allow for one file shares one cache entry and one download."""
    validate_certificate_url(url)
    return f"{CERT_URL_SCHEME}://{CERT_URL_HOST}{posixpath.normpath(urlsplit(url).path)}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is then an HTTPError: the chain must be at the URL Alexa named


_OPENER = urllib.request.build_opener(_NoRedirects)


def download_certificate_chain(url: str, *, timeout: float = DOWNLOAD_TIMEOUT_SECONDS, max_bytes: int = MAX_CHAIN_BYTES) -> bytes:
    """GET the PEM chain (TLS-verified by the system, no redirects), bounded in
    time and size."""
    deadline = time.monotonic() + timeout
    with _OPENER.open(url, timeout=timeout) as response:
        chunks, size = [], 0
        while True:
            chunk = response.read(8192)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise ValueError(f"certificate chain is larger than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise TimeoutError("certificate chain download took too long")
            chunks.append(chunk)
    return b"".join(chunks)


def is_final_download_failure(error: BaseException) -> bool:
    """A failure that retrying will not mend: the server answered 4xx (S3
    says 403 or 404 for a file that is not there). Time-outs, refused
    connections and 5xx are worth another try soon."""
    return isinstance(error, urllib.error.HTTPError) and 400 <= error.code < 500


# ---- chain validation --------------------------------------------------------


@dataclass(frozen=True)
class ValidatedChain:
    public_key: rsa.RSAPublicKey
    not_before: float  # POSIX seconds; the intersection of every certificate's window
    not_after: float


def validate_chain(pem: bytes, store: Store, now: float) -> ValidatedChain:
    """Amazon's rules for the chain, at POSIX time `now`: the leaf valid now,
    for echo-api.amazon.com, allowed to sign, an RSA key of 2048 bits or more,
    and a path through the intermediates to a root in `store` (cryptography's
    web-PKI server profile). Raises VerificationException naming what failed."""
    try:
        certificates = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise VerificationException("certificate chain is not PEM certificates") from None
    leaf, intermediates = certificates[0], certificates[1:]

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
    verifier = PolicyBuilder().store(store).time(datetime.fromtimestamp(now, UTC)).build_server_verifier(x509.DNSName(SIGNING_NAME))
    try:
        chain = verifier.verify(leaf, intermediates)
    except VerificationError as error:
        detail = " ".join(str(error).split())[:160]
        raise VerificationException(f"certificate chain does not validate: {detail}") from None

    return ValidatedChain(
        public_key=public_key,
        not_before=max(cert.not_valid_before_utc.timestamp() for cert in chain),
        not_after=min(cert.not_valid_after_utc.timestamp() for cert in chain),
    )


def certifi_trust_roots() -> list[x509.Certificate]:
    """Mozilla's root store as shipped by certifi.

    Loaded one certificate at a time: a root that this cryptography finds
    non-conforming (certifi has one with a negative serial number, a
    deprecation warning today, an error in some future release) is left out
    instead of taking the whole store down."""
    import certifi

    with open(certifi.where(), "rb") as bundle:
        text = bundle.read()
    marker = b"-----BEGIN CERTIFICATE-----"
    roots = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        for block in text.split(marker)[1:]:
            try:
                roots.append(x509.load_pem_x509_certificate(marker + block))
            except ValueError:
                continue
    return roots
