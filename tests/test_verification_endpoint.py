"""POST /alexa with verification on: Alexa's requests pass, anything else gets a 400.

The app runs with a test CA as its only root, a fake certificate download and a
fixed clock; nothing here touches the network.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server
from werkzeug.test import EnvironBuilder, TestResponse

from skill.config import VERIFY_ENV, ConfigurationError
from skill.dispatch import MAX_BODY_BYTES
from tests.conftest import AppFactory
from tests.signing import (
    CERT_URL,
    NOW,
    SKILL_ID,
    Authority,
    FakeFetcher,
    FixedClock,
    authority,
    body_of,
    envelope,
    sign,
    signed_headers,
    signing_key,
)

Headers = dict[str, str]


@dataclass
class Rig:
    authority: Authority
    fetcher: FakeFetcher
    clock: FixedClock
    app: Flask
    client: FlaskClient

    def post(self, body: bytes, headers: Headers) -> TestResponse:
        return self.client.post(
            "/alexa", data=body, headers=headers, content_type="application/json"
        )


class FakeTime:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_rig(
    make_app: AppFactory,
    *,
    timeout: float = 2.0,
    skill_id: str | None = SKILL_ID,
    **config: Any,
) -> Rig:
    ca = authority()
    fetcher = FakeFetcher(default=ca.chain_pem())
    clock = FixedClock()
    app = make_app(
        VERIFY_SIGNATURES=True,
        SKILL_ID=skill_id,
        RNG=random.Random(1),
        VERIFY_CLOCK=clock,
        VERIFY_ROOT_STORE=ca.store(),
        VERIFY_FETCHER=fetcher,
        VERIFY_DOWNLOAD_TIMEOUT=timeout,
        **config,
    )
    return Rig(ca, fetcher, clock, app, app.test_client())


@pytest.fixture
def rig(make_app: AppFactory) -> Iterator[Rig]:
    rig = make_rig(make_app)
    yield rig
    if rig.fetcher.gate is not None:
        rig.fetcher.gate.set()


def signed(data: dict[str, Any] | None = None) -> tuple[bytes, Headers]:
    body = body_of(data or envelope())
    return body, signed_headers(body)


def assert_rejected(result: TestResponse, caplog: pytest.LogCaptureFixture, reason: str) -> None:
    assert result.status_code == 400, result.data[:200]
    payload = result.get_json()
    assert payload == {"error": "request verification failed"}
    rejections = [r for r in caplog.records if r.getMessage().startswith("request rejected")]
    assert len(rejections) == 1, caplog.text
    assert rejections[0].levelno == logging.WARNING
    assert reason in rejections[0].getMessage(), rejections[0].getMessage()


# --- accepted -----------------------------------------------------------------------


def test_a_signed_request_is_answered(rig: Rig) -> None:
    result = rig.post(*signed())
    assert result.status_code == 200
    assert result.get_json()["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert rig.fetcher.calls == [CERT_URL]


def test_header_names_are_case_insensitive(rig: Rig) -> None:
    body = body_of(envelope())
    headers = {"signaturecertchainurl": CERT_URL, "SIGNATURE-256": sign(body)}
    assert rig.post(body, headers).status_code == 200


def test_an_equivalent_certificate_url_is_accepted(rig: Rig) -> None:
    body = body_of(envelope())
    url = "HTTPS://S3.AmazonAWS.com:443/echo.api/../echo.api/echo-api-cert-test.pem"
    assert rig.post(body, signed_headers(body, url=url)).status_code == 200
    assert rig.fetcher.calls == [CERT_URL]


@pytest.mark.parametrize("seconds", [-150, 150])
def test_a_timestamp_150_seconds_off_is_accepted(rig: Rig, seconds: int) -> None:
    result = rig.post(*signed(envelope(at=NOW - timedelta(seconds=seconds))))
    assert result.status_code == 200


def test_skill_events_may_be_up_to_an_hour_old(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    old = envelope(
        "session_ended", at=NOW - timedelta(minutes=59), request_type="AlexaSkillEvent.SkillEnabled"
    )
    assert rig.post(*signed(old)).status_code == 200
    too_old = envelope(
        "session_ended", at=NOW - timedelta(minutes=61), request_type="AlexaSkillEvent.SkillEnabled"
    )
    assert_rejected(rig.post(*signed(too_old)), caplog, "3660 s old")


# --- rejected: one case per rule ----------------------------------------------------


def with_url(url: str) -> Callable[[Rig], tuple[bytes, Headers]]:
    def make(rig: Rig) -> tuple[bytes, Headers]:
        body = body_of(envelope())
        return body, signed_headers(body, url=url)

    return make


def without(name: str) -> Callable[[Rig], tuple[bytes, Headers]]:
    def make(rig: Rig) -> tuple[bytes, Headers]:
        body, headers = signed()
        del headers[name]
        return body, headers

    return make


def with_signature(value: str) -> Callable[[Rig], tuple[bytes, Headers]]:
    def make(rig: Rig) -> tuple[bytes, Headers]:
        body, headers = signed()
        headers["Signature-256"] = value
        return body, headers

    return make


def body_changed_by_one_byte(rig: Rig) -> tuple[bytes, Headers]:
    body, headers = signed()
    position = body.index(b"amzn1.echo-api.request.0") + len(b"amzn1.echo-api.request.")
    changed = body[:position] + b"1" + body[position + 1 :]
    assert len(changed) == len(body) and changed != body
    return changed, headers


def serving(**leaf: Any) -> Callable[[Rig], tuple[bytes, Headers]]:
    def make(rig: Rig) -> tuple[bytes, Headers]:
        rig.fetcher.default = rig.authority.chain_pem(rig.authority.leaf(**leaf))
        return signed()

    return make


def chain_to_untrusted_root(rig: Rig) -> tuple[bytes, Headers]:
    rig.fetcher.default = authority("Untrusted").chain_pem()
    return signed()


def download_fails(rig: Rig) -> tuple[bytes, Headers]:
    rig.fetcher.error = ConnectionRefusedError("connection refused")
    return signed()


def download_hangs(rig: Rig) -> tuple[bytes, Headers]:
    rig.fetcher.gate = threading.Event()  # opened only when the test ends
    return signed()


def sent_at(seconds: int) -> Callable[[Rig], tuple[bytes, Headers]]:
    return lambda rig: signed(envelope(at=NOW + timedelta(seconds=seconds)))


def for_another_skill(rig: Rig) -> tuple[bytes, Headers]:
    return signed(envelope(skill_id="amzn1.ask.skill.11111111-2222-4333-8444-555555555555"))


def legacy_sha1_signature_only(rig: Rig) -> tuple[bytes, Headers]:
    body = body_of(envelope())
    signature = signing_key().sign(body, padding.PKCS1v15(), hashes.SHA1())
    return body, {
        "SignatureCertChainUrl": CERT_URL,
        "Signature": base64.b64encode(signature).decode(),
    }


URL_CASES = [
    (
        "http scheme",
        "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",
        "scheme is not https",
    ),
    (
        "wrong host",
        "https://notamazon.com/echo.api/echo-api-cert-test.pem",
        "host is not s3.amazonaws.com",
    ),
    ("port 563", "https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem", "port is not 443"),
    (
        "path in another case",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem",
        "path is not under /echo.api/",
    ),
    (
        "path leaving echo.api",
        "https://s3.amazonaws.com/echo.api/../other/echo-api-cert-test.pem",
        "path is not under /echo.api/",
    ),
]

Make = Callable[[Rig], tuple[bytes, Headers]]

CASES: list[tuple[str, Make, str]] = [
    *[(name, with_url(url), reason) for name, url, reason in URL_CASES],
    (
        "certificate URL header missing",
        without("SignatureCertChainUrl"),
        "no SignatureCertChainUrl header",
    ),
    ("signature header missing", without("Signature-256"), "no Signature-256 header"),
    ("empty signature", with_signature(""), "Signature-256 header is empty"),
    ("signature not base64", with_signature("not*base64!"), "Signature-256 header is not base64"),
    ("body changed by one byte", body_changed_by_one_byte, "signature does not match the body"),
    (
        "signing certificate expired",
        serving(not_after=NOW - timedelta(seconds=1)),
        "signing certificate expired",
    ),
    (
        "signing certificate not yet valid",
        serving(not_before=NOW + timedelta(seconds=1)),
        "signing certificate is not valid until",
    ),
    (
        "SAN without echo-api.amazon.com",
        serving(dns_names=("echo.amazon.com", "api.amazon.com")),
        "does not name echo-api.amazon.com",
    ),
    ("chain to an untrusted root", chain_to_untrusted_root, "certificate chain is not trusted"),
    ("download fails", download_fails, "certificate download failed: ConnectionRefusedError"),
    ("download times out", download_hangs, "certificate download timed out"),
    ("timestamp 151 s old", sent_at(-151), "request timestamp is 151 s old"),
    ("timestamp 151 s ahead", sent_at(151), "request timestamp is 151 s in the future"),
    ("wrong skill id", for_another_skill, "request is for another skill"),
    (
        "SHA-1 Signature header alone",
        legacy_sha1_signature_only,
        "SHA-1 Signature header is not accepted",
    ),
]


@pytest.mark.parametrize(("name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_rejected_with_400(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture, name: str, make: Make, reason: str
) -> None:
    caplog.set_level(logging.WARNING)
    rig = make_rig(make_app, timeout=0.2 if make is download_hangs else 2.0)
    body, headers = make(rig)
    try:
        result = rig.post(body, headers)
    finally:
        if rig.fetcher.gate is not None:
            rig.fetcher.gate.set()
    assert_rejected(result, caplog, reason)
    assert not [r for r in caplog.records if r.exc_info], "bad input is logged without a traceback"
    # Nothing personal or from the body reaches the log.
    for secret in (b"amzn1.ask.account.TESTUSER", b"amzn1.ask.device.TESTDEVICE", b"test-token"):
        assert secret in body
        assert secret.decode() not in caplog.text


@pytest.mark.parametrize(("name", "url", "reason"), URL_CASES, ids=[c[0] for c in URL_CASES])
def test_certificate_url_is_checked_before_any_download(
    rig: Rig, name: str, url: str, reason: str
) -> None:
    body = body_of(envelope())
    assert rig.post(body, signed_headers(body, url=url)).status_code == 400
    assert rig.fetcher.calls == []


def test_unsigned_request_is_rejected_without_a_download(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    result = rig.client.post("/alexa", data=body_of(envelope()), content_type="application/json")
    assert_rejected(result, caplog, "no SignatureCertChainUrl header")
    assert rig.fetcher.calls == []


# --- other bad input with verification on -------------------------------------------


@pytest.mark.parametrize("body", [b"{not json", b"", b'{"request": 1}', b"\xff\xfe"])
def test_bad_bodies_get_400_not_500(rig: Rig, body: bytes) -> None:
    result = rig.post(body, signed_headers(body))
    assert result.status_code == 400
    assert set(result.get_json()) == {"error"}
    assert b"Traceback" not in result.data


def too_big_body() -> bytes:
    data = envelope()
    data["request"]["padding"] = "x" * MAX_BODY_BYTES
    return body_of(data)


def test_a_body_over_256_kib_gets_413(rig: Rig) -> None:
    body = too_big_body()
    result = rig.post(body, signed_headers(body))
    assert result.status_code == 413
    assert set(result.get_json()) == {"error"}
    assert rig.fetcher.calls == []


def post_streamed(rig: Rig, body: bytes, headers: Headers) -> TestResponse:
    """POST as a server that decodes chunked bodies itself passes it on: no
    Content-Length, ``wsgi.input_terminated`` set (gunicorn does this for every request)."""
    environ = EnvironBuilder(
        path="/alexa", method="POST", headers=list(headers.items()), content_type="application/json"
    ).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["wsgi.input_terminated"] = True
    return rig.client.open(environ)


def test_a_streamed_body_over_256_kib_gets_413(rig: Rig) -> None:
    body = too_big_body()
    result = post_streamed(rig, body, signed_headers(body))
    assert result.status_code == 413
    assert set(result.get_json()) == {"error"}
    assert rig.fetcher.calls == []


def test_a_streamed_body_of_exactly_256_kib_is_not_413(rig: Rig) -> None:
    data = envelope()
    data["request"]["padding"] = ""
    size = len(body_of(data))
    data["request"]["padding"] = "x" * (MAX_BODY_BYTES - size)
    body = body_of(data)
    assert len(body) == MAX_BODY_BYTES
    assert post_streamed(rig, body, signed_headers(body)).status_code == 200


def test_a_chunked_body_over_256_kib_gets_413_from_a_real_server(rig: Rig) -> None:
    server = make_server("127.0.0.1", 0, rig.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        body = too_big_body()
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        chunks = (body[i : i + 16384] for i in range(0, len(body), 16384))
        headers = {"Content-Type": "application/json", **signed_headers(body)}
        connection.request("POST", "/alexa", body=chunks, headers=headers, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413
        assert set(json.loads(response.read())) == {"error"}
        connection.close()
    finally:
        server.shutdown()
        thread.join(5)


# --- downloads and the key cache ----------------------------------------------------


def test_many_requests_signed_by_one_certificate_cause_one_download(rig: Rig) -> None:
    for name in [
        "launch",
        "get_help",
        "random_tip",
        "safety_tips_online",
        "amazon_help_intent",
    ] * 4:
        assert rig.post(*signed(envelope(name))).status_code == 200
    assert rig.fetcher.calls == [CERT_URL]


def test_concurrent_first_requests_cause_one_download(rig: Rig) -> None:
    rig.fetcher.gate = threading.Event()
    body, headers = signed()
    statuses: list[int] = []
    start = threading.Barrier(6)

    def send() -> None:
        client = rig.app.test_client()
        start.wait()
        statuses.append(
            client.post(
                "/alexa", data=body, headers=headers, content_type="application/json"
            ).status_code
        )

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    assert rig.fetcher.started.wait(5)
    time.sleep(0.3)  # every request has arrived while the one download is held
    rig.fetcher.gate.set()
    for thread in threads:
        thread.join(10)
    assert statuses == [200] * 6
    assert rig.fetcher.calls == [CERT_URL]


def test_the_key_is_reused_until_the_certificate_expires(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    expiry = NOW + timedelta(hours=1)
    rig.fetcher.default = rig.authority.chain_pem(rig.authority.leaf(not_after=expiry))
    assert rig.post(*signed()).status_code == 200
    rig.clock.now = expiry
    assert rig.post(*signed(envelope(at=expiry))).status_code == 200
    assert len(rig.fetcher.calls) == 1
    rig.clock.now = expiry + timedelta(seconds=1)
    assert_rejected(
        rig.post(*signed(envelope(at=rig.clock.now))), caplog, "signing certificate expired"
    )
    assert len(rig.fetcher.calls) == 2


def test_a_failed_download_is_remembered_briefly_then_tried_again(
    make_app: AppFactory,
) -> None:
    time = FakeTime()
    rig = make_rig(make_app, VERIFY_MONOTONIC=time)
    rig.fetcher.error = OSError("network down")
    for _ in range(3):
        assert rig.post(*signed()).status_code == 400
    assert len(rig.fetcher.calls) == 1
    rig.fetcher.error = None
    time.now += 11
    assert rig.post(*signed()).status_code == 200
    assert len(rig.fetcher.calls) == 2


def test_certificate_urls_with_query_strings_cause_no_download(rig: Rig) -> None:
    body = body_of(envelope())
    for n in range(20):
        url = f"{CERT_URL}?n={n}"
        assert rig.post(body, signed_headers(body, url=url)).status_code == 400
    assert rig.fetcher.calls == []


# --- switching verification on and off ----------------------------------------------


def test_verification_is_on_by_default(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(VERIFY_ENV, raising=False)
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    app = make_app(from_environment=True)
    assert app.config["VERIFY_SIGNATURES"] is True
    result = app.test_client().post(
        "/alexa", data=body_of(envelope()), content_type="application/json"
    )
    assert result.status_code == 400
    assert result.get_json() == {"error": "request verification failed"}


@pytest.mark.parametrize("value", ["1", "true", "yes", "", "maybe"])
def test_only_an_explicit_false_turns_verification_off(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(VERIFY_ENV, value)
    assert make_app(from_environment=True, SKILL_ID=SKILL_ID).config["VERIFY_SIGNATURES"] is True


@pytest.mark.parametrize("value", ["false", "0", "off", "no", "FALSE"])
def test_the_environment_can_turn_verification_off_with_a_warning(
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    value: str,
) -> None:
    caplog.set_level(logging.WARNING)
    monkeypatch.setenv(VERIFY_ENV, value)
    app = make_app(from_environment=True, SKILL_ID=SKILL_ID)
    assert "verification is OFF" in caplog.text
    result = app.test_client().post(
        "/alexa", data=body_of(envelope()), content_type="application/json"
    )
    assert result.status_code == 200


def test_serve_no_verify_turns_verification_off_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from skill.__main__ import main
    from skill.tools.cli import serve

    served: list[Flask] = []
    monkeypatch.delenv(VERIFY_ENV, raising=False)
    monkeypatch.setattr(serve, "serve_app", lambda app, *args: served.append(app) or 0)
    caplog.set_level(logging.WARNING)
    assert main(["serve", "--no-verify"]) == 0
    assert served[0].config["VERIFY_SIGNATURES"] is False
    assert "verification is OFF" in caplog.text


def test_verification_without_a_skill_id_refuses_to_start(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILL_ID", raising=False)
    monkeypatch.delenv("ALEXA_ALLOW_ANY_SKILL", raising=False)
    with pytest.raises(ConfigurationError) as raised:
        make_rig(make_app, skill_id=None)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("SKILL_ID is not set")
    assert "ALEXA_ALLOW_ANY_SKILL" in message


def test_the_opt_out_starts_without_a_skill_id_and_warns_every_time(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    monkeypatch.delenv("SKILL_ID", raising=False)
    monkeypatch.setenv("ALEXA_ALLOW_ANY_SKILL", "true")
    for _ in range(2):
        rig = make_rig(make_app, skill_id=None)
    warnings = [r for r in caplog.records if "ALEXA_ALLOW_ANY_SKILL is set" in r.getMessage()]
    assert len(warnings) == 2
    assert rig.post(*signed(envelope(skill_id="amzn1.ask.skill.other"))).status_code == 200


# --- verify before parsing ----------------------------------------------------------


def pathological_body() -> bytes:
    """256 KiB whose timestamp is "1..1..1..": seconds of work for a general date parser."""
    data = envelope()
    data["request"]["timestamp"] = ""
    size = len(body_of(data))
    data["request"]["timestamp"] = "1.." * ((MAX_BODY_BYTES - size) // 3)
    body = body_of(data)
    assert MAX_BODY_BYTES - 3 < len(body) <= MAX_BODY_BYTES
    return body


def test_an_unsigned_pathological_request_is_refused_before_any_parsing(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import json as json_module

    from skill import envelope as envelope_module
    from skill.serializer import FastSerializer

    body = pathological_body()
    signed_body, signed_request_headers = signed()
    calls: list[str] = []

    def spy(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(
        envelope_module, "read_envelope", spy("read", envelope_module.read_envelope)
    )
    monkeypatch.setattr(json_module, "loads", spy("json", json_module.loads))
    monkeypatch.setattr(
        FastSerializer, "deserialize", spy("deserialize", FastSerializer.deserialize)
    )
    result = rig.post(body, {})
    assert calls == []
    assert_rejected(result, caplog, "no SignatureCertChainUrl header")
    # The spies do see a request that gets that far.
    assert rig.post(signed_body, signed_request_headers).status_code == 200
    assert {"read", "deserialize"} <= set(calls)


def with_timestamp(value: str) -> dict[str, Any]:
    data = envelope()
    data["request"]["timestamp"] = value
    return data


def audio_offset(value: str) -> bytes:
    """A body whose integer field AudioPlayer.offsetInMilliseconds is the literal ``value``."""
    data = envelope()
    data["context"]["AudioPlayer"] = {"offsetInMilliseconds": 0, "playerActivity": "IDLE"}
    body = body_of(data).replace(
        b'"offsetInMilliseconds": 0', b'"offsetInMilliseconds": ' + value.encode()
    )
    assert value.encode() in body
    return body


def application_id_override() -> dict[str, Any]:
    """For another skill, with an unknown key that spells this skill's id the SDK's way."""
    data = envelope(skill_id="amzn1.ask.skill.11111111-2222-4333-8444-555555555555")
    data["context"]["System"]["application"]["application_id"] = SKILL_ID
    data["session"]["application"]["application_id"] = SKILL_ID
    return data


def without_context_application() -> dict[str, Any]:
    data = envelope()
    del data["context"]["System"]["application"]
    return data


SIGNED_BAD_INPUT: list[tuple[str, bytes, str]] = [
    (
        "offset of +24:00",
        body_of(with_timestamp("2026-11-24T15:00:00+24:00")),
        "offset of 24 hours",
    ),
    (
        "offset of -24:00",
        body_of(with_timestamp("2026-11-24T15:00:00-24:00")),
        "offset of 24 hours",
    ),
    (
        "a date that does not exist",
        body_of(with_timestamp("2026-02-30T15:00:00Z")),
        "not a real date",
    ),
    ("not ISO 8601", body_of(with_timestamp("Tue, 24 Nov 2026 15:00:00 GMT")), "not an ISO 8601"),
    ("1e400 in an integer field", audio_offset("1e400"), "could not be deserialised"),
    ("NaN in an integer field", audio_offset("NaN"), "body is not JSON"),
    ("application_id next to applicationId", body_of(application_id_override()), "another skill"),
    ("no context.System.application", body_of(without_context_application()), "names no skill"),
]


@pytest.mark.parametrize(
    ("name", "body", "reason"), SIGNED_BAD_INPUT, ids=[c[0] for c in SIGNED_BAD_INPUT]
)
def test_signed_bad_input_is_a_400_with_a_reason_and_no_traceback(
    rig: Rig, caplog: pytest.LogCaptureFixture, name: str, body: bytes, reason: str
) -> None:
    caplog.set_level(logging.INFO)
    result = rig.post(body, signed_headers(body))
    assert result.status_code == 400
    rejections = [r for r in caplog.records if r.getMessage().startswith("request rejected")]
    assert len(rejections) == 1 and reason in rejections[0].getMessage(), caplog.text
    assert not [r for r in caplog.records if r.exc_info], caplog.text


def test_a_request_for_another_skill_is_logged_with_both_ids(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    other = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
    assert rig.post(*signed(envelope(skill_id=other))).status_code == 400
    (line,) = [r.getMessage() for r in caplog.records if "another skill" in r.getMessage()]
    assert other in line and SKILL_ID in line
    assert "Skill ID Verification failed" not in caplog.text


# --- junk does not starve real requests ------------------------------------------------


def junk_headers(n: int) -> Headers:
    """An unsigned request's headers, with a made-up certificate URL of Amazon's shape."""
    return {
        "SignatureCertChainUrl": f"https://s3.amazonaws.com/echo.api/made-up-{n}.pem",
        "Signature-256": base64.b64encode(bytes(256)).decode("ascii"),
    }


def only_amazons(fetcher: FakeFetcher) -> None:
    """The fetcher serves the real chain at its URL and 404 for any other, as S3 would."""
    assert fetcher.default is not None
    fetcher.files, fetcher.default = {CERT_URL: fetcher.default}, None


def test_a_junk_flood_does_not_refuse_a_signed_request_after_a_worker_restart(
    make_app: AppFactory, tmp_path: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Worker one downloads Amazon's chain; worker two starts while junk holds every download."""
    caplog.set_level(logging.WARNING)
    first = make_rig(make_app, VERIFY_CHAIN_DIR=str(tmp_path))
    assert first.post(*signed()).status_code == 200
    assert first.fetcher.calls == [CERT_URL]

    second = make_rig(make_app, VERIFY_CHAIN_DIR=str(tmp_path))
    only_amazons(second.fetcher)
    second.fetcher.gate = threading.Event()  # junk downloads hang until the end
    keys = second.app.extensions["alexa_endpoint"].signature.keys
    statuses: list[int] = []

    def junk(n: int) -> None:
        body = body_of(envelope())
        statuses.append(
            second.app.test_client().post("/alexa", data=body, headers=junk_headers(n)).status_code
        )

    flood = [threading.Thread(target=junk, args=(n,)) for n in range(40)]
    try:
        for thread in flood:
            thread.start()
        deadline = time.monotonic() + 10  # a bound against hanging, not a speed test
        while keys.downloads_in_flight < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert keys.downloads_in_flight == 4  # every download is held by junk
        caplog.clear()
        result = second.post(*signed())
        assert result.status_code == 200, result.get_json()
        assert CERT_URL not in second.fetcher.calls  # Amazon's key without a download
    finally:
        second.fetcher.gate.set()
        for thread in flood:
            thread.join(15)
    assert statuses == [400] * 40
    assert not [r for r in caplog.records if "rejected" in r.getMessage()]


def test_refusals_in_a_junk_flood_are_logged_as_counts_not_a_line_each(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    only_amazons(rig.fetcher)
    for n in range(200):
        body = body_of(envelope())
        assert rig.post(body, junk_headers(n)).status_code == 400
    rejections = [r for r in caplog.records if r.getMessage().startswith("request rejected")]
    assert 1 <= len(rejections) <= 10  # the first few in full; the rest are counted
    assert rig.fetcher.calls and len(rig.fetcher.calls) <= 5  # downloads are rate-limited
