"""The verification rules one by one: URL, headers, chain, download, key cache, timestamp."""

from __future__ import annotations

import http.server
import ssl
import threading
import time
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.utils import CryptographyDeprecationWarning

from skill import verification as v
from skill.webservice import VerificationException
from tests.signing import (
    CERT_URL,
    NOW,
    SKILL_ID,
    FakeFetcher,
    FixedClock,
    authority,
    body_of,
    envelope,
    leaf_certificate,
    sign,
    signing_key,
)

AMAZON_CHAIN = Path(__file__).parent / "fixtures" / "amazon-echo-api-cert-12.pem"


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


# --- the certificate URL ------------------------------------------------------------

ACCEPTED_URLS = [
    (
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
    (
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
    (
        "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
    (
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
    (
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
    (
        "https://s3.amazonaws.com/echo.api/./x/../echo-api-cert-12.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem",
    ),
    (
        "https://s3.amazonaws.com/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ),
]

REJECTED_URLS = [
    ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme is not https"),
    ("ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem", "scheme is not https"),
    ("https://notamazon.com/echo.api/echo-api-cert.pem", "host is not s3.amazonaws.com"),
    (
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "host is not s3.amazonaws.com",
    ),
    (
        "https://evil.example/s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "host is not s3.amazonaws.com",
    ),
    ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port is not 443"),
    ("https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem", "port is not 443"),
    ("https://s3.amazonaws.com:https/echo.api/echo-api-cert.pem", "malformed"),
    ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path is not under /echo.api/"),
    (
        "https://s3.amazonaws.com/echo.api/../other/echo-api-cert.pem",
        "path is not under /echo.api/",
    ),
    (
        "https://s3.amazonaws.com/echo.api/%2e%2e/other/echo-api-cert.pem",
        "path is not under /echo.api/",
    ),
    ("https://s3.amazonaws.com/echo.api", "path is not under /echo.api/"),
    ("https://s3.amazonaws.com/echo.apix/echo-api-cert.pem", "path is not under /echo.api/"),
    ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path is not under /echo.api/"),
    ("https://s3.amazonaws.com/echo.api/echo api cert.pem", "malformed"),
    ("https://s3.amazonaws.com/echo.api/cert.pem\n", "malformed"),
    ("", "malformed"),
]


@pytest.mark.parametrize(("url", "canonical"), ACCEPTED_URLS)
def test_certificate_urls_amazon_allows(url: str, canonical: str) -> None:
    assert v.canonical_cert_url(url) == canonical


@pytest.mark.parametrize(("url", "reason"), REJECTED_URLS)
def test_certificate_urls_amazon_forbids(url: str, reason: str) -> None:
    with pytest.raises(VerificationException, match=reason):
        v.canonical_cert_url(url)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/a/b/c/./../../g", "/a/g"),
        ("/echo.api/../other/", "/other/"),
        ("/echo.api/..", "/"),
        ("/../echo.api/x", "/echo.api/x"),
        ("/echo.api/./x/.", "/echo.api/x/"),
        ("/echo.api//x", "/echo.api//x"),
    ],
)
def test_dot_segments_are_removed_as_rfc_3986_says(path: str, expected: str) -> None:
    assert v.remove_dot_segments(path) == expected


# --- headers and signatures ---------------------------------------------------------


def test_header_lookup_ignores_case() -> None:
    headers = {"signaturecertchainurl": "a", "SIGNATURE-256": "b"}
    assert v.header(headers, "SignatureCertChainUrl") == "a"
    assert v.header(headers, "Signature-256") == "b"
    assert v.header(headers, "Signature") is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [("", "empty"), ("  ", "empty"), ("abc", "not base64"), ("ab$d", "not base64")],
)
def test_bad_signature_values(value: str, reason: str) -> None:
    with pytest.raises(VerificationException, match=reason):
        v.decode_signature(value)


def make_verifier(
    fetcher: v.Fetcher | None = None, clock: FixedClock | None = None
) -> v.SignatureVerifier:
    ca = authority()
    keys = v.SigningKeyCache(
        store=ca.store(),
        fetcher=fetcher or FakeFetcher(default=ca.chain_pem()),
        clock=clock or FixedClock(),
        timeout=2.0,
    )
    return v.SignatureVerifier(keys)


@pytest.mark.parametrize("as_text", [True, False])
def test_signature_verifier_checks_the_exact_body(as_text: bool) -> None:
    verifier = make_verifier()
    body = body_of(envelope())
    headers = {"signaturecertchainurl": CERT_URL, "signature-256": sign(body)}
    verifier.verify(headers, body.decode() if as_text else body, None)
    tampered = body.replace(b"en-US", b"en-GB")
    with pytest.raises(VerificationException, match="signature does not match"):
        verifier.verify(headers, tampered.decode() if as_text else tampered, None)


def test_non_ascii_bodies_are_checked_byte_for_byte() -> None:
    verifier = make_verifier()
    data = envelope()
    data["request"]["note"] = "caf\u00e9 \u2014 \U0001f600"
    body = (
        body_of(data).replace(b"\\u00e9", "\u00e9".encode()).replace(b"\\u2014", "\u2014".encode())
    )
    assert "\u00e9".encode() in body
    verifier.verify(
        {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, body.decode("utf-8"), None
    )


def test_a_signature_by_another_key_is_rejected() -> None:
    from tests.signing import other_signing_key

    verifier = make_verifier()
    body = body_of(envelope())
    with pytest.raises(VerificationException, match="signature does not match"):
        verifier.verify(
            {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body, other_signing_key())},
            body,
            None,
        )


def test_unexpected_errors_become_rejections() -> None:
    def broken_fetcher(url: str) -> bytes:
        raise RuntimeError("bug")

    verifier = make_verifier(fetcher=broken_fetcher)
    body = body_of(envelope())
    with pytest.raises(VerificationException, match="certificate download failed: RuntimeError"):
        verifier.verify(
            {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, body, None
        )
    not_a_body: Any = 42
    with pytest.raises(VerificationException, match="signature could not be checked"):
        make_verifier().verify(
            {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, not_a_body, None
        )


# --- the chain ----------------------------------------------------------------------


def amazon_chain() -> list[Any]:
    return v.load_chain(AMAZON_CHAIN.read_bytes())


def test_amazons_2023_chain_is_accepted_while_it_was_valid() -> None:
    key = v.validate_chain(amazon_chain(), v.certifi_store(), utc(2023, 6, 1))
    assert key.not_after == utc(2023, 12, 23, 23, 59, 59)
    assert key.key.key_size == 2048


def test_amazons_2023_chain_is_rejected_after_it_expired() -> None:
    with pytest.raises(VerificationException, match="signing certificate expired"):
        v.validate_chain(amazon_chain(), v.certifi_store(), utc(2024, 6, 1))


def test_amazons_chain_is_not_trusted_by_a_store_without_amazons_roots() -> None:
    with pytest.raises(VerificationException, match="not trusted"):
        v.validate_chain(amazon_chain(), authority().store(), utc(2023, 6, 1))


def test_amazons_chain_needs_its_intermediate() -> None:
    with pytest.raises(VerificationException, match="not trusted"):
        v.validate_chain(amazon_chain()[:1], v.certifi_store(), utc(2023, 6, 1))


def test_certifi_roots_load_without_warnings() -> None:
    v.certifi_store.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        v.certifi_store()
    assert [w for w in caught if issubclass(w.category, CryptographyDeprecationWarning)] == []


def test_an_expired_certificate_authority_breaks_the_chain() -> None:
    ca = authority()  # its certificates expire 3650 days after NOW
    leaf = ca.leaf(not_after=NOW + timedelta(days=4000))
    with pytest.raises(VerificationException, match="not trusted"):
        v.validate_chain(v.load_chain(ca.chain_pem(leaf)), ca.store(), NOW + timedelta(days=3651))


def test_a_leaf_signed_directly_by_an_untrusted_key_is_rejected() -> None:
    ca = authority()
    rogue = authority("Rogue")
    leaf = leaf_certificate(ca.intermediate, rogue.intermediate_key)  # claims the trusted issuer
    chain = [leaf, ca.intermediate]
    with pytest.raises(VerificationException, match="not trusted"):
        v.validate_chain(chain, ca.store(), NOW)


@pytest.mark.parametrize(
    "data",
    [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
)
def test_downloads_that_are_not_chains_are_rejected(data: bytes) -> None:
    keys = v.SigningKeyCache(
        store=authority().store(), fetcher=FakeFetcher(default=data), clock=FixedClock()
    )
    with pytest.raises(VerificationException, match="certificate"):
        keys.key_for(CERT_URL)


def test_an_oversized_download_is_rejected() -> None:
    ca = authority()
    data = ca.chain_pem() + b"\n" * v.MAX_CHAIN_BYTES
    keys = v.SigningKeyCache(
        store=ca.store(), fetcher=FakeFetcher(default=data), clock=FixedClock()
    )
    with pytest.raises(VerificationException, match="acceptable size"):
        keys.key_for(CERT_URL)


# --- the key cache ------------------------------------------------------------------


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    ca = authority()
    fetcher = FakeFetcher(default=ca.chain_pem())
    keys = v.SigningKeyCache(store=ca.store(), fetcher=fetcher, clock=FixedClock(), max_entries=2)
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(3)]
    for url in [urls[0], urls[1], urls[0], urls[2]]:  # urls[1] is the least recently used
        keys.key_for(url)
    assert len(keys) == 2
    keys.key_for(urls[0])
    keys.key_for(urls[2])
    assert len(fetcher.calls) == 3
    keys.key_for(urls[1])
    assert fetcher.calls[-1] == urls[1] and len(fetcher.calls) == 4


def test_a_cached_key_is_not_used_before_its_chain_is_valid() -> None:
    ca = authority()
    fetcher = FakeFetcher(default=ca.chain_pem())
    clock = FixedClock()
    keys = v.SigningKeyCache(store=ca.store(), fetcher=fetcher, clock=clock)
    keys.key_for(CERT_URL)
    clock.now = NOW - timedelta(days=31)  # before the signing certificate's notBefore
    with pytest.raises(VerificationException, match="not valid until"):
        keys.key_for(CERT_URL)


def test_concurrent_lookups_share_one_download() -> None:
    ca = authority()
    fetcher = FakeFetcher(default=ca.chain_pem(), gate=threading.Event())
    keys = v.SigningKeyCache(store=ca.store(), fetcher=fetcher, clock=FixedClock(), timeout=3.0)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(keys.key_for(CERT_URL))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    assert fetcher.started.wait(5)
    time.sleep(0.3)  # all eight are now waiting for the one download
    assert fetcher.gate is not None
    fetcher.gate.set()
    for thread in threads:
        thread.join(10)
    assert len(results) == 8 and len(fetcher.calls) == 1


def test_a_hung_download_times_out_and_is_not_started_twice() -> None:
    ca = authority()
    fetcher = FakeFetcher(default=ca.chain_pem(), gate=threading.Event())
    keys = v.SigningKeyCache(store=ca.store(), fetcher=fetcher, clock=FixedClock(), timeout=0.1)
    try:
        for _ in range(2):
            with pytest.raises(VerificationException, match="timed out after 0.1 s"):
                keys.key_for(CERT_URL)
        assert len(fetcher.calls) == 1
    finally:
        assert fetcher.gate is not None
        fetcher.gate.set()


@pytest.mark.parametrize("timeout", [0, -1, 3.5])
def test_the_download_timeout_is_at_most_3_seconds(timeout: float) -> None:
    with pytest.raises(ValueError):
        v.SigningKeyCache(store=authority().store(), fetcher=FakeFetcher(), timeout=timeout)


# --- timestamp and skill id ---------------------------------------------------------


@pytest.mark.parametrize(
    ("request_type", "offset", "accepted"),
    [
        ("LaunchRequest", 0, True),
        ("LaunchRequest", 150, True),
        ("LaunchRequest", -150, True),
        ("LaunchRequest", 151, False),
        ("LaunchRequest", -151, False),
        ("IntentRequest", 3000, False),
        ("AlexaSkillEvent.SkillEnabled", 3600, True),
        ("AlexaSkillEvent.ProactiveSubscriptionChanged", 1800, True),
        ("AlexaSkillEvent.SkillDisabled", 3601, False),
        ("AlexaSkillEvent.SkillDisabled", -3601, False),
    ],
)
def test_timestamp_tolerance(request_type: str, offset: int, accepted: bool) -> None:
    sent = NOW - timedelta(seconds=offset)
    if accepted:
        v.check_timestamp(request_type, sent, NOW)
    else:
        with pytest.raises(VerificationException, match="request timestamp is"):
            v.check_timestamp(request_type, sent, NOW)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "no timestamp"),
        ("2026-11-24T15:00:00Z", "no timestamp"),
        (datetime(2026, 11, 24, 15), "no time zone"),
    ],
)
def test_timestamps_that_are_not_usable(value: Any, reason: str) -> None:
    with pytest.raises(VerificationException, match=reason):
        v.check_timestamp("LaunchRequest", value, NOW)


def deserialized(data: dict[str, Any]) -> Any:
    from ask_sdk_model import RequestEnvelope

    from skill.serializer import FastSerializer

    return FastSerializer().deserialize(body_of(data).decode(), RequestEnvelope)


def test_skill_id_verifier() -> None:
    verifier = v.SkillIdVerifier(SKILL_ID)
    verifier.verify({}, "", deserialized(envelope()))
    with pytest.raises(VerificationException, match="another skill"):
        verifier.verify({}, "", deserialized(envelope(skill_id="amzn1.ask.skill.other")))
    mixed = envelope()
    mixed["session"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    with pytest.raises(VerificationException, match="another skill"):
        verifier.verify({}, "", deserialized(mixed))
    no_session = envelope()
    del no_session["session"]
    verifier.verify({}, "", deserialized(no_session))
    anonymous = envelope()
    del anonymous["session"]
    del anonymous["context"]
    with pytest.raises(VerificationException, match="names no skill"):
        verifier.verify({}, "", deserialized(anonymous))


def test_timestamp_verifier_reads_the_envelope() -> None:
    clock = FixedClock()
    verifier = v.TimestampVerifier(clock)
    verifier.verify({}, "", deserialized(envelope()))
    clock.now = NOW + timedelta(seconds=151)
    with pytest.raises(VerificationException, match="151 s old"):
        verifier.verify({}, "", deserialized(envelope()))


def test_request_verifiers_are_signature_timestamp_and_skill_id() -> None:
    config = {"VERIFY_ROOT_STORE": authority().store(), "VERIFY_FETCHER": FakeFetcher()}
    kinds = [type(x) for x in v.request_verifiers({**config, "SKILL_ID": SKILL_ID})]
    assert kinds == [v.SignatureVerifier, v.TimestampVerifier, v.SkillIdVerifier]
    assert [type(x) for x in v.request_verifiers({**config, "SKILL_ID": None})] == kinds[:2]


# --- the HTTPS fetcher, against a TLS server on loopback ----------------------------

SERVER_ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {}


class _Handler(http.server.BaseHTTPRequestHandler):
    hold = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/slow":
            self.hold.wait(5)
        status, headers, body = SERVER_ROUTES.get(self.path, (404, {}, b"no"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ssl.SSLContext]]:
    ca = authority()
    folder = tmp_path_factory.mktemp("tls")
    leaf = ca.leaf(dns_names=("localhost",))
    (folder / "cert.pem").write_bytes(ca.chain_pem(leaf))
    (folder / "key.pem").write_bytes(
        signing_key().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(
        cadata=ca.root.public_bytes(serialization.Encoding.PEM).decode()
    )
    chain = ca.chain_pem()
    SERVER_ROUTES.update(
        {
            "/echo.api/chain.pem": (200, {}, chain),
            "/big": (200, {}, b"x" * 5000),
            "/moved": (302, {"Location": "/echo.api/chain.pem"}, b""),
            "/slow": (200, {}, chain),
        }
    )
    yield f"https://localhost:{server.server_port}", client_context
    _Handler.hold.set()
    server.shutdown()
    thread.join(5)


def test_fetcher_downloads_over_https(tls_server: tuple[str, ssl.SSLContext]) -> None:
    base, context = tls_server
    fetch = v.HttpsFetcher(timeout=2.0, context=context)
    assert fetch(f"{base}/echo.api/chain.pem") == SERVER_ROUTES["/echo.api/chain.pem"][2]


def test_fetcher_checks_the_servers_certificate(tls_server: tuple[str, ssl.SSLContext]) -> None:
    base, _ = tls_server
    with pytest.raises(OSError, match="CERTIFICATE_VERIFY_FAILED"):
        v.HttpsFetcher(timeout=2.0)(f"{base}/echo.api/chain.pem")


@pytest.mark.parametrize(
    ("path", "error"), [("/missing", "404"), ("/moved", "302"), ("/big", "larger than 1000 bytes")]
)
def test_fetcher_refuses(tls_server: tuple[str, ssl.SSLContext], path: str, error: str) -> None:
    base, context = tls_server
    with pytest.raises(OSError, match=error):
        v.HttpsFetcher(timeout=2.0, max_bytes=1000, context=context)(f"{base}{path}")


def test_fetcher_gives_up_on_a_slow_server(tls_server: tuple[str, ssl.SSLContext]) -> None:
    base, context = tls_server
    with pytest.raises(OSError, match="timed out"):
        v.HttpsFetcher(timeout=0.3, context=context)(f"{base}/slow")


def test_fetcher_only_speaks_https() -> None:
    with pytest.raises(ValueError, match="https"):
        v.HttpsFetcher()("http://s3.amazonaws.com/echo.api/echo-api-cert.pem")
