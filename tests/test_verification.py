"""The verification rules one by one: URL, headers, chain, download, key cache, timestamp, skill id."""

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
from skill.envelope import (
    Envelope,
    VerificationException,
    check_envelope,
    check_skill_id,
    check_timestamp,
)
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
    # Amazon's rules name scheme, host, port and path only; its valid URLs have no query.
    ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?n=1", "query or fragment"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?", "query or fragment"),
    ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem#x", "query or fragment"),
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


def test_signature_verifier_checks_the_exact_body() -> None:
    verifier = make_verifier()
    body = body_of(envelope())
    headers = {"signaturecertchainurl": CERT_URL, "signature-256": sign(body)}
    verifier.verify(headers, body)
    tampered = body.replace(b"en-US", b"en-GB")
    with pytest.raises(VerificationException, match="signature does not match"):
        verifier.verify(headers, tampered)


def test_non_ascii_bodies_are_checked_byte_for_byte() -> None:
    verifier = make_verifier()
    data = envelope()
    data["request"]["note"] = "caf\u00e9 \u2014 \U0001f600"
    body = (
        body_of(data).replace(b"\\u00e9", "\u00e9".encode()).replace(b"\\u2014", "\u2014".encode())
    )
    assert "\u00e9".encode() in body
    verifier.verify({"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, body)


def test_a_signature_by_another_key_is_rejected() -> None:
    from tests.signing import other_signing_key

    verifier = make_verifier()
    body = body_of(envelope())
    with pytest.raises(VerificationException, match="signature does not match"):
        verifier.verify(
            {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body, other_signing_key())},
            body,
        )


def test_unexpected_errors_become_rejections() -> None:
    def broken_fetcher(url: str) -> bytes:
        raise RuntimeError("bug")

    verifier = make_verifier(fetcher=broken_fetcher)
    body = body_of(envelope())
    with pytest.raises(VerificationException, match="certificate download failed: RuntimeError"):
        verifier.verify({"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, body)
    not_a_body: Any = body.decode()
    with pytest.raises(VerificationException, match="not bytes"):
        make_verifier().verify(
            {"SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body)}, not_a_body
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


def sent(request_type: str, at: datetime | None) -> Envelope:
    return Envelope({"request": {"type": request_type}}, request_type, at)


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
    envelope = sent(request_type, NOW - timedelta(seconds=offset))
    if accepted:
        check_timestamp(envelope, NOW)
    else:
        with pytest.raises(VerificationException, match="request timestamp is"):
            check_timestamp(envelope, NOW)


@pytest.mark.parametrize(
    ("value", "reason"),
    [(None, "no timestamp"), (datetime(2026, 11, 24, 15), "no time zone")],
)
def test_timestamps_that_are_not_usable(value: Any, reason: str) -> None:
    with pytest.raises(VerificationException, match=reason):
        check_timestamp(sent("LaunchRequest", value), NOW)


def test_the_timestamp_is_read_from_the_envelope() -> None:
    data = envelope(at=NOW - timedelta(seconds=151))
    with pytest.raises(VerificationException, match="151 s old"):
        check_timestamp(check_envelope(data), NOW)


def test_skill_id_is_checked_on_the_parsed_envelope() -> None:
    check_skill_id(check_envelope(envelope()), SKILL_ID)
    with pytest.raises(VerificationException, match="another skill"):
        check_skill_id(check_envelope(envelope(skill_id="amzn1.ask.skill.other")), SKILL_ID)
    mixed = envelope()
    mixed["session"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    with pytest.raises(VerificationException, match="another skill"):
        check_skill_id(check_envelope(mixed), SKILL_ID)
    no_session = envelope()
    del no_session["session"]
    check_skill_id(check_envelope(no_session), SKILL_ID)
    no_context = envelope()
    del no_context["context"]
    no_application = envelope()
    del no_application["context"]["System"]["application"]
    for anonymous in (no_context, no_application):
        with pytest.raises(VerificationException, match="names no skill"):
            check_skill_id(check_envelope(anonymous), SKILL_ID)


def test_a_skill_id_mismatch_names_both_ids() -> None:
    other = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    with pytest.raises(VerificationException) as raised:
        check_skill_id(check_envelope(envelope(skill_id=other)), SKILL_ID)
    assert other in str(raised.value) and SKILL_ID in str(raised.value)


def test_an_unknown_application_id_key_does_not_stand_in_for_applicationid() -> None:
    data = envelope(skill_id="amzn1.ask.skill.other")
    data["context"]["System"]["application"]["application_id"] = SKILL_ID
    data["session"]["application"]["application_id"] = SKILL_ID
    with pytest.raises(VerificationException, match="another skill"):
        check_skill_id(check_envelope(data), SKILL_ID)


def test_signature_verifier_is_built_from_the_config() -> None:
    config = {"VERIFY_ROOT_STORE": authority().store(), "VERIFY_FETCHER": FakeFetcher()}
    assert isinstance(v.signature_verifier(config), v.SignatureVerifier)


# --- the HTTPS fetcher, against a TLS server on loopback ----------------------------

SERVER_ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {}


# A dripping route sends a byte every DRIP_INTERVAL seconds for DRIP_BYTES bytes
# (10 s in all) unless the client hangs up first, which sets its event in CUT.
DRIP_INTERVAL = 0.05
DRIP_BYTES = 200
CUT: dict[str, threading.Event] = {
    "/drip-body": threading.Event(),
    "/drip-headers": threading.Event(),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    hold = threading.Event()

    def drip(self, head: bytes) -> None:
        try:
            self.wfile.write(head)
            self.wfile.flush()
            for _ in range(DRIP_BYTES):
                time.sleep(DRIP_INTERVAL)
                self.wfile.write(b"a")
                self.wfile.flush()
        except OSError:
            CUT[self.path].set()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/drip-body":
            self.drip(b"HTTP/1.1 200 OK\r\nContent-Length: 60000\r\n\r\n")
            return
        if self.path == "/drip-headers":
            self.drip(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            return
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
    with pytest.raises(TimeoutError, match="took longer than 0.3 s"):
        v.HttpsFetcher(timeout=0.3, context=context)(f"{base}/slow")


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_the_deadline_holds_however_slowly_the_bytes_arrive(
    tls_server: tuple[str, ssl.SSLContext], path: str
) -> None:
    """A server dripping a byte every 50 ms would take 10 s; the 0.3 s deadline ends it."""
    base, context = tls_server
    with pytest.raises(TimeoutError, match="took longer than 0.3 s"):
        v.HttpsFetcher(timeout=0.3, context=context)(f"{base}{path}")
    # The download is over, not merely abandoned: the server saw the connection closed.
    assert CUT[path].wait(5)


def test_fetcher_only_speaks_https() -> None:
    with pytest.raises(ValueError, match="https"):
        v.HttpsFetcher()("http://s3.amazonaws.com/echo.api/echo-api-cert.pem")


# --- downloads in flight, failures remembered ----------------------------------------


class FakeTime:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def cache(fetcher: FakeFetcher, **kwargs: Any) -> v.SigningKeyCache:
    return v.SigningKeyCache(
        store=authority().store(), fetcher=fetcher, clock=FixedClock(), **kwargs
    )


def test_a_hung_download_leaves_no_entry_behind_and_is_remembered() -> None:
    fetcher = FakeFetcher(default=authority().chain_pem(), gate=threading.Event())
    clock = FakeTime()
    keys = cache(fetcher, timeout=0.1, monotonic=clock)
    try:
        with pytest.raises(VerificationException, match="timed out after 0.1 s"):
            keys.key_for(CERT_URL)
        assert keys.pending_urls == []  # nobody waits on the hung download any more
        with pytest.raises(VerificationException, match="not retried"):
            keys.key_for(CERT_URL)
        assert len(fetcher.calls) == 1
    finally:
        assert fetcher.gate is not None
        fetcher.gate.set()
    clock.now += v.FAILURE_MEMORY_SECONDS + 1
    assert keys.key_for(CERT_URL) is not None
    assert len(fetcher.calls) == 2


def test_failed_downloads_are_remembered_briefly_per_url() -> None:
    fetcher = FakeFetcher(error=OSError("HTTP status 403"))
    clock = FakeTime()
    keys = cache(fetcher, monotonic=clock)
    for _ in range(5):
        with pytest.raises(VerificationException, match="HTTP status 403"):
            keys.key_for(CERT_URL)
    assert fetcher.calls == [CERT_URL]
    other = "https://s3.amazonaws.com/echo.api/other.pem"
    with pytest.raises(VerificationException):
        keys.key_for(other)  # another URL is not held back by the first one's failure
    assert fetcher.calls == [CERT_URL, other]
    fetcher.error = None
    fetcher.default = authority().chain_pem()
    clock.now += v.FAILURE_MEMORY_SECONDS + 1
    assert keys.key_for(CERT_URL) is not None
    assert fetcher.calls == [CERT_URL, other, CERT_URL]


def test_a_download_thread_that_cannot_start_leaves_nothing_broken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetcher = FakeFetcher(default=authority().chain_pem())
    keys = cache(fetcher)
    real_start = threading.Thread.start
    attempts: list[str] = []

    def failing_start(self: threading.Thread) -> None:
        attempts.append(self.name)
        if len(attempts) == 1:
            raise RuntimeError("can't start new thread")
        real_start(self)

    monkeypatch.setattr(threading.Thread, "start", failing_start)
    with pytest.raises(VerificationException, match="could not start"):
        keys.key_for(CERT_URL)
    assert keys.pending_urls == [] and keys.downloads_in_flight == 0
    assert keys.key_for(CERT_URL) is not None  # the next request downloads as usual
    assert fetcher.calls == [CERT_URL]


def test_downloads_in_flight_are_bounded_in_total() -> None:
    fetcher = FakeFetcher(default=authority().chain_pem(), gate=threading.Event())
    keys = cache(fetcher, timeout=3.0, max_in_flight=2)
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(3)]
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda u=u: results.append(keys.key_for(u))) for u in urls[:2]
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 5  # a bound against hanging, not a speed test
        while keys.downloads_in_flight < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(VerificationException, match="too many certificate downloads"):
            keys.key_for(urls[2])
        assert urls[2] not in fetcher.calls
    finally:
        assert fetcher.gate is not None
        fetcher.gate.set()
        for thread in threads:
            thread.join(10)
    assert len(results) == 2
    assert keys.key_for(urls[2]) is not None


def test_downloads_are_rate_limited_after_a_burst() -> None:
    fetcher = FakeFetcher(default=authority().chain_pem())
    clock = FakeTime()
    keys = cache(fetcher, monotonic=clock)
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in range(8)]
    for url in urls[: v.DOWNLOAD_BURST]:
        assert keys.key_for(url) is not None
    with pytest.raises(VerificationException, match="too many certificate downloads in the last"):
        keys.key_for(urls[v.DOWNLOAD_BURST])
    assert len(fetcher.calls) == v.DOWNLOAD_BURST
    assert keys.key_for(urls[0]) is not None  # a key already held needs no download
    clock.now += 1 / v.DOWNLOADS_PER_SECOND
    assert keys.key_for(urls[v.DOWNLOAD_BURST]) is not None
    assert len(fetcher.calls) == v.DOWNLOAD_BURST + 1


def test_kept_chains_are_validated_like_a_download(tmp_path: Path) -> None:
    fetcher = FakeFetcher(default=authority().chain_pem())
    files = v.ChainFiles(tmp_path / "chains")
    assert cache(fetcher, files=files).key_for(CERT_URL) is not None
    assert fetcher.calls == [CERT_URL]
    assert cache(fetcher, files=files).key_for(CERT_URL) is not None  # another process
    assert fetcher.calls == [CERT_URL]
    # A file that is not a valid chain (damaged, or put there by someone else) is
    # never trusted: the key is downloaded and the file replaced.
    files.path(CERT_URL).write_bytes(authority("Other").chain_pem())
    assert cache(fetcher, files=files).key_for(CERT_URL) is not None
    assert fetcher.calls == [CERT_URL, CERT_URL]
    again = FakeFetcher(default=authority().chain_pem())
    assert cache(again, files=files).key_for(CERT_URL) is not None
    assert again.calls == []
