"""The HTTP endpoint: every fixture answers validly; bad input gets a clean 400."""

from __future__ import annotations

import copy
import io
import json
import random
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import __version__
from skill.app import AlexaRequests, response_json
from skill.content import Content
from skill.dispatch import MAX_BODY_BYTES, dispatch
from tests import PHONE
from tests.conftest import AppFactory
from tests.conversation import assert_valid_response, post
from tests.envelopes import fixture, fixture_names, on_hub
from tests.locales import pinned_locale

# The endpoint's envelope handling, with the English request fixtures.
locale = pinned_locale()

# On a screen a page is read aloud by the screen, without outputSpeech (tests/test_screens.py).
SPOKEN_FIXTURES = [
    n for n in fixture_names() if not n.startswith(("session_ended", "exception", "screen_"))
]


@pytest.mark.parametrize("name", fixture_names())
def test_every_fixture_gets_a_valid_response(client: FlaskClient, name: str) -> None:
    turn = post(client, fixture(name))
    assert_valid_response(turn)
    assert turn.body["version"] == "1.0"


@pytest.mark.parametrize("name", SPOKEN_FIXTURES)
def test_spoken_responses_set_should_end_session_explicitly(client: FlaskClient, name: str) -> None:
    turn = post(client, fixture(name))
    assert "outputSpeech" in turn.response
    assert turn.ends_session in (True, False)
    if turn.ends_session is False:
        assert turn.response["reprompt"]["outputSpeech"]["type"] == "SSML"


@pytest.mark.parametrize("name", ["session_ended", "session_ended_user", "exception_encountered"])
def test_requests_that_take_no_speech_get_none(
    client: FlaskClient, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    turn = post(client, fixture(name))
    assert turn.status == 200
    assert "outputSpeech" not in turn.response
    assert "shouldEndSession" not in turn.response
    reason = fixture(name)["request"].get("reason")
    if reason:
        assert reason in caplog.text


def test_unknown_intent_gets_the_fallback_answer(client: FlaskClient, content: Content) -> None:
    turn = post(client, fixture("unknown_intent"))
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    assert PHONE in turn.text
    assert turn.ends_session is False


def _mutated(path: list[str], value: Any) -> dict[str, Any]:
    envelope = copy.deepcopy(fixture("safety_tips_online"))
    target = envelope
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return envelope


BAD_BODIES: list[tuple[str, str | bytes]] = [
    ("empty", b""),
    ("not json", b"hello"),
    ("truncated json", json.dumps(fixture("launch"))[:-20]),
    ("json list", b"[1, 2, 3]"),
    ("json string", b'"LaunchRequest"'),
    ("json number", b"42"),
    ("not an envelope", b'{"hello": "world"}'),
    ("no request", json.dumps({k: v for k, v in fixture("launch").items() if k != "request"})),
    ("request not an object", json.dumps(_mutated(["request"], "LaunchRequest"))),
    ("request without type", json.dumps(_mutated(["request", "type"], None))),
    ("unknown request type", json.dumps(_mutated(["request", "type"], "Alexa.Unheard.Of"))),
    ("session not an object", json.dumps(_mutated(["session"], [1]))),
    ("intent not an object", json.dumps(_mutated(["request", "intent"], "SafetyTipsIntent"))),
    ("slots not an object", json.dumps(_mutated(["request", "intent", "slots"], [1, 2]))),
    ("slot a number", json.dumps(_mutated(["request", "intent", "slots", "category"], 5))),
    ("not utf-8", b'{"request": "\xff\xfe"}'),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
]


@pytest.mark.parametrize(("label", "body"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_bad_input_gets_a_short_400(client: FlaskClient, label: str, body: str | bytes) -> None:
    result = client.post("/alexa", data=body, content_type="application/json")
    assert result.status_code == 400, label
    payload = result.get_json()
    assert set(payload) == {"error"}
    assert len(payload["error"]) < 80
    assert b"Traceback" not in result.data and b'File "' not in result.data


ODD_BUT_VALID: list[tuple[str, dict[str, Any]]] = [
    (
        "slot with resolutions of the wrong shape",
        _mutated(["request", "intent", "slots", "category", "resolutions"], {"x": 1}),
    ),
    (
        "resolution with an unknown status",
        _mutated(
            ["request", "intent", "slots", "category", "resolutions", "resolutionsPerAuthority"],
            [{"authority": "a", "status": {"code": "ER_ERROR_TIMEOUT"}}],
        ),
    ),
    (
        "resolution naming an id the skill does not know",
        _mutated(
            ["request", "intent", "slots", "category", "resolutions", "resolutionsPerAuthority"],
            [
                {
                    "authority": "a",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"id": "cooking", "name": "cooking"}}],
                }
            ],
        ),
    ),
    ("no slots at all", _mutated(["request", "intent", "slots"], None)),
    ("session attributes not an object", _mutated(["session", "attributes"], None)),
    ("an unknown locale", _mutated(["request", "locale"], "xx-XX")),
    ("extra fields from a newer Alexa", _mutated(["request", "newField"], {"a": [1]})),
]


@pytest.mark.parametrize(("label", "envelope"), ODD_BUT_VALID, ids=[o[0] for o in ODD_BUT_VALID])
def test_odd_but_valid_requests_get_a_spoken_answer(
    client: FlaskClient, content: Content, label: str, envelope: dict[str, Any]
) -> None:
    turn = post(client, envelope)
    assert_valid_response(turn)
    assert turn.text
    assert turn.ends_session is False


def test_unknown_category_id_is_treated_as_unmatched(client: FlaskClient, content: Content) -> None:
    envelope = ODD_BUT_VALID[2][1]
    assert post(client, envelope).text.startswith(content.prompts["category_unknown"])


def test_health(client: FlaskClient) -> None:
    result = client.get("/health")
    assert result.status_code == 200
    assert result.get_json() == {"status": "ok", "version": __version__}


@pytest.mark.parametrize(
    ("method", "path", "status"), [("get", "/alexa", 405), ("get", "/nope", 404)]
)
def test_other_routes_answer_json_errors(
    client: FlaskClient, method: str, path: str, status: int
) -> None:
    result = getattr(client, method)(path)
    assert result.status_code == status
    assert "error" in result.get_json()


def test_no_verification_warns_at_start(
    make_app: AppFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING")
    make_app()
    assert "verification is OFF" in caplog.text


# --- hostile input with verification off: cheap, a 400, no traceback ------------------

MAX_BODY = 256 * 1024


def _timestamp_body(stamp: str) -> bytes:
    envelope = fixture("launch")
    envelope["request"]["timestamp"] = stamp
    return json.dumps(envelope).encode()


def _pathological_timestamp() -> bytes:
    size = len(_timestamp_body(""))
    return _timestamp_body("1.." * ((MAX_BODY - size) // 3))


def _audio_offset(value: str) -> bytes:
    envelope = fixture("launch")
    envelope["context"]["AudioPlayer"] = {"offsetInMilliseconds": 0}
    return json.dumps(envelope).encode().replace(b": 0}", b": " + value.encode() + b"}")


HOSTILE: list[tuple[str, bytes, str]] = [
    ("256 KiB timestamp of 1..1..", _pathological_timestamp(), "not an ISO 8601"),
    ("offset of +24:00", _timestamp_body("2026-11-24T15:00:00+24:00"), "offset of 24 hours"),
    ("1e400 in an integer field", _audio_offset("1e400"), "could not be deserialised"),
    ("Infinity, which JSON does not have", _audio_offset("Infinity"), "body is not JSON"),
]


@pytest.mark.parametrize(("label", "body", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_is_a_400_without_dateutil_or_a_traceback(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    label: str,
    body: bytes,
    reason: str,
) -> None:
    import dateutil.parser

    assert len(body) <= MAX_BODY
    monkeypatch.setattr(dateutil.parser, "parse", lambda *a, **k: pytest.fail("dateutil"))
    result = client.post("/alexa", data=body, content_type="application/json")
    assert result.status_code == 400
    assert reason in caplog.text
    assert not [r for r in caplog.records if r.exc_info], caplog.text


def test_with_a_skill_id_an_application_id_key_cannot_stand_in_for_applicationid(
    make_app: AppFactory,
) -> None:
    skill_id = fixture("launch")["context"]["System"]["application"]["applicationId"]
    client = make_app(SKILL_ID=skill_id).test_client()
    envelope = fixture("launch")
    for holder in (envelope["context"]["System"], envelope["session"]):
        holder["application"] = {
            "applicationId": "amzn1.ask.skill.other",
            "application_id": skill_id,
        }
    assert post(client, envelope).status == 400
    assert post(client, fixture("launch")).status == 200


def test_session_attributes_nested_hundreds_deep_are_a_400_without_a_traceback(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    nested: dict[str, Any] = {}
    for _ in range(500):
        nested = {"a": nested}
    envelope = fixture("launch")
    envelope["session"]["attributes"] = nested
    turn = post(client, envelope)
    assert turn.status == 400
    assert "nested too deeply" in turn.body["error"]
    assert not [r for r in caplog.records if r.exc_info]


def test_a_body_of_thousands_of_objects_is_a_400_and_hundreds_are_fine(
    client: FlaskClient,
) -> None:
    def with_extensions(count: int) -> dict[str, Any]:
        envelope = fixture("launch")
        envelope["context"]["Extensions"] = {"available": {f"e{i}": {} for i in range(count)}}
        return envelope

    assert post(client, with_extensions(500)).status == 200
    turn = post(client, with_extensions(5000))
    assert turn.status == 400
    assert turn.body["error"] == "body has more than 2000 objects and lists"


def test_session_attributes_of_thousands_of_entries_are_a_400(client: FlaskClient) -> None:
    envelope = fixture("launch")
    envelope["session"]["attributes"] = {f"k{i}": i for i in range(3000)}
    turn = post(client, envelope)
    assert turn.status == 400
    assert turn.body["error"] == "session attributes have more than 2000 entries"


# --- POST /alexa answered around Flask's request machinery ---------------------------


def flask_only_app(make_app: AppFactory, **config: Any) -> Flask:
    """The endpoint with every request going through the Flask view, as before."""
    app = make_app(**config)
    assert isinstance(app.wsgi_app, AlexaRequests)
    app.wsgi_app = app.wsgi_app.flask_app  # type: ignore[method-assign]
    return app


def answer_of(app: Flask, **request: Any) -> tuple[str, list[tuple[str, str]], bytes]:
    result = app.test_client().open("/alexa", **request)
    return result.status, sorted(result.headers.items()), result.data


def requests_to_compare() -> list[dict[str, Any]]:
    ordinary = [
        {"method": "POST", "data": json.dumps(fixture(n)), "content_type": "application/json"}
        for n in fixture_names()
    ]
    odd = [
        {"method": "POST", "data": b"{not json"},
        {"method": "POST", "data": b"\xff\xfe"},
        {"method": "POST", "data": b"x" * (MAX_BODY_BYTES + 1)},
        {"method": "POST", "data": b"x" * (MAX_BODY_BYTES + 100)},
        {"method": "GET"},
        {"method": "PUT", "data": b"{}"},
        {"method": "POST", "input_stream": io.BytesIO(b'{"a":'), "content_length": 100},
        {
            "method": "POST",
            "input_stream": io.BytesIO(json.dumps(fixture("launch")).encode()),
            "headers": {"Transfer-Encoding": "chunked"},
        },
    ]
    return ordinary + odd


def test_alexa_requests_are_answered_exactly_as_the_flask_view_answers_them(
    make_app: AppFactory,
) -> None:
    fast = make_app(RNG=random.Random(7))
    slow = flask_only_app(make_app, RNG=random.Random(7))
    for request in requests_to_compare():
        stream = request.get("input_stream")
        expected = answer_of(slow, **request)
        if stream is not None:
            stream.seek(0)
        assert answer_of(fast, **request) == expected, request.get("data", b"")[:80]


@pytest.mark.parametrize("name", fixture_names())
@pytest.mark.parametrize("device", ["as sent", "hub"])
def test_the_body_is_the_answer_as_json_dumps_writes_it(app: Flask, name: str, device: str) -> None:
    """Parts of an answer encoded once (skill.serializer.EncodedJson) are spliced into the
    body: the bytes are still exactly those of encoding the whole answer."""
    envelope = copy.deepcopy(fixture(name))
    if device == "hub":
        envelope = on_hub(envelope)
    status, answer = dispatch(app.extensions["alexa_endpoint"], {}, json.dumps(envelope).encode())
    assert status == 200
    assert response_json(answer) == json.dumps(answer, separators=(",", ":")).encode()
