"""A test certificate authority that signs requests the way Alexa does.

The trusted chain mirrors Amazon's: a root (in the test store), an intermediate
and a signing certificate for echo-api.amazon.com with an RSA key. Keys are made
once per test run; certificates are cheap and made per test as needed.
"""

from __future__ import annotations

import base64
import copy
import json
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import Store

from tests import SKILL_ID
from tests.envelopes import fixture

NOW = datetime(2026, 11, 24, 15, 0, 0, tzinfo=timezone.utc)
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
SIGNING_HOST = "echo-api.amazon.com"

CaKey = ec.EllipticCurvePrivateKey


@cache
def _ca_key(name: str) -> CaKey:
    return ec.generate_private_key(ec.SECP256R1())


@cache
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@cache
def other_signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    """A CA signs certificates; the signing certificate signs requests (and enciphers keys)."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=not ca,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _ca_certificate(
    name: str, key: CaKey, issuer: x509.Certificate | None, issuer_key: CaKey
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(issuer.subject if issuer else _name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=3650))
        .not_valid_after(NOW + timedelta(days=3650))
        .add_extension(
            x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), critical=True
        )
        .add_extension(
            _key_usage(ca=True),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def leaf_certificate(
    issuer: x509.Certificate,
    issuer_key: CaKey,
    *,
    key: rsa.RSAPrivateKey | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    dns_names: tuple[str, ...] = (SIGNING_HOST,),
) -> x509.Certificate:
    key = key or signing_key()
    return (
        x509.CertificateBuilder()
        .subject_name(_name(dns_names[0] if dns_names else "no-name"))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - timedelta(days=30))
        .not_valid_after(not_after or NOW + timedelta(days=200))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(n) for n in dns_names]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            _key_usage(ca=False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )


@dataclass(frozen=True)
class Authority:
    """A root and an intermediate, like Amazon Root CA 1 and Amazon RSA 2048 M01."""

    root: x509.Certificate
    intermediate: x509.Certificate
    intermediate_key: CaKey

    def leaf(self, **kwargs: Any) -> x509.Certificate:
        return leaf_certificate(self.intermediate, self.intermediate_key, **kwargs)

    def chain_pem(self, leaf: x509.Certificate | None = None) -> bytes:
        """The file Amazon serves: signing certificate, intermediate, root."""
        certificates = [leaf or self.leaf(), self.intermediate, self.root]
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)

    def store(self) -> Store:
        return Store([self.root])


@cache
def authority(name: str = "Test") -> Authority:
    root_key = _ca_key(f"{name} root")
    root = _ca_certificate(f"{name} Root CA", root_key, None, root_key)
    intermediate_key = _ca_key(f"{name} intermediate")
    intermediate = _ca_certificate(f"{name} Intermediate CA", intermediate_key, root, root_key)
    return Authority(root, intermediate, intermediate_key)


def sign(body: bytes, key: rsa.RSAPrivateKey | None = None) -> str:
    """The Signature-256 header value for ``body``."""
    signature = (key or signing_key()).sign(body, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(signature).decode("ascii")


def signed_headers(
    body: bytes, url: str = CERT_URL, key: rsa.RSAPrivateKey | None = None
) -> dict[str, str]:
    return {"SignatureCertChainUrl": url, "Signature-256": sign(body, key)}


def timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(
    name: str = "launch",
    *,
    at: datetime = NOW,
    skill_id: str = SKILL_ID,
    request_type: str | None = None,
) -> dict[str, Any]:
    """A request fixture sent at ``at`` for skill ``skill_id``."""
    data = copy.deepcopy(fixture(name))
    data["request"]["timestamp"] = timestamp(at)
    if request_type:
        data["request"]["type"] = request_type
    data["session"]["application"]["applicationId"] = skill_id
    data["context"]["System"]["application"]["applicationId"] = skill_id
    return data


def body_of(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode("utf-8")


class FixedClock:
    """A clock that stands still until moved."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakeFetcher:
    """Serves certificate chains from memory (``default`` for any URL) and counts downloads.

    ``gate``, when set, holds every download until it is opened; ``error`` makes
    downloads fail.
    """

    files: dict[str, bytes] = field(default_factory=dict)
    default: bytes | None = None
    error: Exception | None = None
    gate: threading.Event | None = None
    calls: list[str] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        if self.error is not None:
            raise self.error
        data = self.files.get(url, self.default)
        if data is None:
            raise OSError("HTTP status 404")
        return data
