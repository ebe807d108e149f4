"""Benchmark: what request verification adds to a request, with a warm key cache.

    python -m benchmarks.verification [--rounds 3000]

Builds two endpoints in one process, one with signature checks off and one with
them on (a test CA made here, its chain served by an in-memory fetcher, the real
clock), and sends both the same realistic request of about 3 KB: a
mid-conversation AMAZON.NextIntent from a screen device, with session attributes
and an API access token as long as Alexa's. Requests go straight to the WSGI
application (what a WSGI server calls), alternating between the two endpoints
round by round so that both see the same machine state.

Prints the median time per request for each, the ratio, and the median time of
the verifiers alone. Goal: verified at most 1.3 times unverified. No network.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import platform
import random
import ssl
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

import cryptography
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import Store
from flask import Flask
from werkzeug.test import EnvironBuilder

from skill import create_app

GOAL = 1.3
SKILL_ID = "amzn1.ask.skill.6a1d3c2e-8b4f-4e0a-9c7d-2f5e1b3a4c6d"
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-benchmark.pem"


# --- a certificate authority like Amazon's: root, intermediate, RSA signing cert -----


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _usage(*, ca: bool) -> x509.KeyUsage:
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


def _certificate(
    subject: str,
    public_key: Any,
    issuer: x509.Certificate | None,
    issuer_key: Any,
    *,
    ca: bool,
    now: datetime,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer else _name(subject))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName("echo-api.amazon.com")]), critical=False
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(now: datetime) -> tuple[Store, bytes, rsa.RSAPrivateKey]:
    """A root store, the chain file Alexa would point to, and the signing key."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _certificate("Bench Root", root_key.public_key(), None, root_key, ca=True, now=now)
    mid_key = ec.generate_private_key(ec.SECP256R1())
    mid = _certificate("Bench CA", mid_key.public_key(), root, root_key, ca=True, now=now)
    leaf_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = _certificate(
        "echo-api.amazon.com", leaf_key.public_key(), mid, mid_key, ca=False, now=now
    )
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (leaf, mid, root))
    return Store([root]), chain, leaf_key


# --- a realistic request --------------------------------------------------------------


def _envelope(intent: str, attributes: dict[str, Any], now: datetime) -> dict[str, Any]:
    user = "amzn1.ask.account." + "A" * 60
    system = {
        "application": {"applicationId": SKILL_ID},
        "user": {"userId": user},
        "device": {
            "deviceId": "amzn1.ask.device." + "B" * 60,
            "supportedInterfaces": {
                "AudioPlayer": {},
                "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}},
            },
        },
        "apiEndpoint": "https://api.amazonalexa.com",
        # Alexa sends a JWT as the API access token.
        "apiAccessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ." + "x" * 480,
    }
    return {
        "version": "1.0",
        "session": {
            "new": False,
            "sessionId": "amzn1.echo-api.session.5f0c2b1e-9d4a-4c3e-8a51-2b7e6c1d9f00",
            "application": {"applicationId": SKILL_ID},
            "attributes": attributes,
            "user": {"userId": user},
        },
        "context": {
            "Viewports": [
                {
                    "type": "APL",
                    "id": "main",
                    "shape": "RECTANGLE",
                    "dpi": 160,
                    "presentationType": "STANDARD",
                    "canRotate": False,
                    "configuration": {
                        "current": {"mode": "HUB", "video": {"codecs": ["H_264_42", "H_264_41"]}}
                    },
                }
            ],
            "System": system,
        },
        "request": {
            "type": "IntentRequest",
            "requestId": "amzn1.echo-api.request.0b7c4e2a-3f1d-4a6b-9c8e-1d2f3a4b5c6d",
            "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": "en-US",
            "intent": {"name": intent, "confirmationStatus": "NONE", "slots": {}},
        },
    }


def realistic_body(app: Flask, now: datetime) -> bytes:
    """AMAZON.NextIntent after the first page of risk factors (session attributes and all)."""
    first = app.test_client().post("/alexa", json=_envelope("RiskFactorsIntent", {}, now))
    attributes = first.get_json()["sessionAttributes"]
    return json.dumps(_envelope("AMAZON.NextIntent", attributes, now)).encode("utf-8")


# --- timing ---------------------------------------------------------------------------


def wsgi_caller(app: Flask, body: bytes, headers: dict[str, str]) -> Callable[[], float]:
    """A function that sends the request to the WSGI app and returns the seconds it took."""
    template = EnvironBuilder(
        path="/alexa",
        method="POST",
        headers=list(headers.items()),
        content_type="application/json",
        data=body,
    ).get_environ()
    statuses: list[str] = []

    def start_response(status: str, response_headers: Any, exc_info: Any = None) -> Any:
        statuses.append(status)
        return lambda data: None

    def call() -> float:
        environ = dict(template)
        environ["wsgi.input"] = io.BytesIO(body)
        start = time.perf_counter()
        result: Iterable[bytes] = app.wsgi_app(environ, start_response)
        for _ in result:
            pass
        elapsed = time.perf_counter() - start
        status = statuses.pop()
        if not status.startswith("200"):
            raise SystemExit(f"unexpected answer {status}")
        return elapsed

    return call


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, cryptography {cryptography.__version__}, "
        f"{ssl.OPENSSL_VERSION}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.verification")
    parser.add_argument("--rounds", type=int, default=3000, help="requests per endpoint")
    args = parser.parse_args(argv)

    now = datetime.now(timezone.utc)
    store, chain, signing_key = make_pki(now)
    downloads: list[str] = []

    def fetcher(url: str) -> bytes:
        downloads.append(url)
        return chain

    common = {"SKILL_ID": SKILL_ID, "RNG": random.Random(0)}
    plain = create_app({**common, "VERIFY_SIGNATURES": False})
    verified = create_app(
        {
            **common,
            "VERIFY_SIGNATURES": True,
            "VERIFY_ROOT_STORE": store,
            "VERIFY_FETCHER": fetcher,
        }
    )
    body = realistic_body(plain, now)
    signature = signing_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
    headers = {
        "SignatureCertChainUrl": CERT_URL,
        "Signature-256": base64.b64encode(signature).decode("ascii"),
    }
    call_plain = wsgi_caller(plain, body, {})
    call_verified = wsgi_caller(verified, body, headers)

    for _ in range(200):  # warm up both, and the key cache
        call_plain()
        call_verified()
    unverified_times: list[float] = []
    verified_times: list[float] = []
    for _ in range(args.rounds):
        unverified_times.append(call_plain())
        verified_times.append(call_verified())

    handler = verified.extensions["alexa_handler"]
    envelope = handler._skill.serializer.deserialize(body.decode(), "ask_sdk_model.RequestEnvelope")
    verifier_times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for verifier in handler._verifiers:
            verifier.verify(headers, body.decode("utf-8"), envelope)
        verifier_times.append(time.perf_counter() - start)

    unverified = statistics.median(unverified_times)
    warm = statistics.median(verified_times)
    ratio = warm / unverified
    print(f"machine: {machine()}")
    print(f"request: AMAZON.NextIntent, {len(body)} bytes; {args.rounds} rounds, WSGI direct")
    print(f"certificate downloads: {len(downloads)}")
    print(f"unverified median: {unverified * 1e6:8.1f} us")
    print(f"verified median:   {warm * 1e6:8.1f} us  (warm key cache)")
    print(f"verifiers alone:   {statistics.median(verifier_times) * 1e6:8.1f} us")
    print(f"ratio:             {ratio:8.2f}  (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
