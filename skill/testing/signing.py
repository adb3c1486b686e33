"""A throwaway PKI shaped like Alexa's, for the verification tests and the
endpoint benchmark: a root CA, an intermediate CA and a signing certificate
for echo-api.amazon.com, plus variants (untrusted root, wrong name, expired),
and helpers that sign request bodies the way Alexa does.

Keys are generated once per process (RSA-2048 generation is the slow part).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import ipaddress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
SIGNING_NAME = "echo-api.amazon.com"


@functools.cache
def key(name: str) -> rsa.RSAPrivateKey:
    """One RSA-2048 key per name, generated on first use."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Back Spasm Helper Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _rsa_public_key(certificate: x509.Certificate) -> rsa.RSAPublicKey:
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)  # every key here is RSA
    return public_key


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def make_ca(
    common_name: str,
    signing_key: rsa.RSAPrivateKey,
    *,
    issuer: x509.Certificate | None = None,
    issuer_key: rsa.RSAPrivateKey | None = None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> x509.Certificate:
    """A root (no issuer) or intermediate CA certificate."""
    now = _now()
    public_key = signing_key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(issuer.subject if issuer else _name(common_name))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=30))
        .not_valid_after(not_after or now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer is not None:
        if issuer_key is None:
            raise ValueError("an intermediate CA needs its issuer's key")
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(_rsa_public_key(issuer)), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())
    return builder.sign(signing_key, hashes.SHA256())


def make_leaf(
    issuer: x509.Certificate,
    issuer_key: rsa.RSAPrivateKey,
    leaf_key: rsa.RSAPrivateKey,
    *,
    dns_names: tuple[str, ...] = (SIGNING_NAME,),
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    ip_addresses: tuple[str, ...] = (),
) -> x509.Certificate:
    """A signing certificate like Alexa's (TLS server profile); with
    `ip_addresses`, also a server certificate for those addresses."""
    now = _now()
    public_key = leaf_key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(dns_names[0] if dns_names else "no-name"))
        .issuer_name(issuer.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(_rsa_public_key(issuer)), critical=False)
    )
    if dns_names or ip_addresses:
        alt_names: list[x509.GeneralName] = [x509.DNSName(name) for name in dns_names]
        alt_names += [x509.IPAddress(ipaddress.ip_address(address)) for address in ip_addresses]
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certificates)


def sign(body: bytes | str, signing_key: rsa.RSAPrivateKey) -> str:
    """The Signature-256 header value for `body`."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return base64.b64encode(signing_key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


@dataclass
class TestPKI:
    """root -> intermediate -> leaf (echo-api.amazon.com), and the chain
    served at each certificate URL (`chains`)."""

    __test__ = False  # not a pytest test class

    root: x509.Certificate
    intermediate: x509.Certificate
    leaf: x509.Certificate
    leaf_key: rsa.RSAPrivateKey
    chains: dict[str, bytes] = field(default_factory=dict)
    fetched: list[str] = field(default_factory=list)

    @property
    def trust_roots(self) -> list[x509.Certificate]:
        return [self.root]

    def chain_pem(self) -> bytes:
        return pem(self.leaf, self.intermediate)

    def fetch(self, url: str) -> bytes:
        """A stand-in for the download: serves `chains`, records each fetch."""
        self.fetched.append(url)
        try:
            return self.chains[url]
        except KeyError:
            raise OSError(f"404 for {url}") from None

    def headers(self, body: bytes | str, *, url: str = CERT_URL, signing_key: rsa.RSAPrivateKey | None = None) -> dict[str, str]:
        return {
            "SignatureCertChainUrl": url,
            "Signature-256": sign(body, signing_key or self.leaf_key),
            "Content-Type": "application/json",
        }


def make_pki() -> TestPKI:
    root_key, intermediate_key, leaf_key = key("root"), key("intermediate"), key("leaf")
    root = make_ca("Test Root CA", root_key)
    intermediate = make_ca("Test Intermediate CA", intermediate_key, issuer=root, issuer_key=root_key)
    leaf = make_leaf(intermediate, intermediate_key, leaf_key)
    pki = TestPKI(root=root, intermediate=intermediate, leaf=leaf, leaf_key=leaf_key)
    pki.chains[CERT_URL] = pki.chain_pem()
    return pki


def answer_download(handler: BaseHTTPRequestHandler, body: bytes | None) -> None:
    """How the test certificate servers answer one GET: the chain, or 404 for
    a URL they do not hold; a client that gave up first is not an error."""
    try:
        if body is None:
            handler.send_error(404)
            return
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    except OSError:
        pass
