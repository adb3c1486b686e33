"""Where Alexa's signing certificate chain comes from: the rules for the
`SignatureCertChainUrl` header (Amazon's, plus: no query or fragment), the
one spelling of a valid URL that caches are keyed by, the bounded download
(2 s, 64 KiB, no redirects) and the default trust roots (certifi's)."""

from __future__ import annotations

import posixpath
import time
import urllib.request
import warnings
from typing import Any
from urllib.parse import urlsplit

from ask_sdk_webservice_support import verifier_constants as constants
from ask_sdk_webservice_support.verifier import VerificationException
from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning

CERT_URL_SCHEME = constants.CERT_CHAIN_URL_PROTOCOL  # "https"
CERT_URL_HOST = constants.CERT_CHAIN_URL_HOSTNAME  # "s3.amazonaws.com"
CERT_URL_PORT = constants.CERT_CHAIN_URL_PORT  # 443
CERT_URL_PATH_PREFIX = "/echo.api/"  # the SDK spells it with os.path.sep; URLs use "/"

DOWNLOAD_TIMEOUT_SECONDS = 2.0
MAX_CHAIN_BYTES = 64 * 1024


# ---- certificate URL and download ------------------------------------------


def validate_certificate_url(url: str) -> None:
    """Amazon's rules for the SignatureCertChainUrl header; raises
    VerificationException naming the rule that failed."""
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
    if parts.query or parts.fragment or url.rstrip().endswith(("?", "#")):
        raise VerificationException("certificate URL has a query or fragment")


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


def download_certificate_chain(
    url: str, *, timeout: float = DOWNLOAD_TIMEOUT_SECONDS, max_bytes: int = MAX_CHAIN_BYTES
) -> bytes:
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
