"""The fast deserialiser gives exactly what the SDK's gives, or the SDK's error.

The comparison is with the SDK's deserialiser reading date-times as the fast one
does (strict ISO 8601, see skill/timestamps.py): the one place they differ on
purpose, tested on its own below.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from hypothesis import HealthCheck, given, settings

from skill.content import default_library
from skill.handlers import build_skill
from skill.serializer import FastSerializer
from skill.timestamps import TimestampError, parse_timestamp
from tests.alexa import fixture, fixture_names
from tests.strategies import mutated_envelopes


class StrictTimestampSDK(DefaultSerializer):
    """The SDK's deserialiser, with date-times read as Alexa writes them."""

    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:  # noqa: N802
        try:
            return parse_timestamp(payload)
        except TimestampError as exc:
            raise SerializationException(str(exc)) from None


FAST = FastSerializer()
REFERENCE = StrictTimestampSDK()


def both(body: str) -> tuple[Any, Any]:
    results = []
    for serializer in (FAST, REFERENCE):
        try:
            results.append(serializer.deserialize(body, RequestEnvelope))
        except SerializationException:
            results.append(SerializationException)
    return results[0], results[1]


@pytest.mark.parametrize("name", fixture_names())
def test_same_objects_as_the_sdk_for_every_fixture(name: str) -> None:
    fast, reference = both(json.dumps(fixture(name)))
    assert fast is not SerializationException
    assert fast == reference
    assert FAST.serialize(fast) == REFERENCE.serialize(reference)


def test_timestamps_equal_the_sdks() -> None:
    for stamp in ["2026-11-24T15:00:00Z", "2026-11-24T15:00:00.123Z", "2026-11-24T15:00:00+02:00"]:
        envelope = fixture("launch")
        envelope["request"]["timestamp"] = stamp
        fast, reference = both(json.dumps(envelope))
        assert fast.request.timestamp == reference.request.timestamp
        assert fast.request.timestamp.utcoffset() == reference.request.timestamp.utcoffset()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated_envelopes())
def test_same_result_as_the_sdk_for_mutated_envelopes(envelope: dict[str, Any]) -> None:
    fast, reference = both(json.dumps(envelope))
    assert fast == reference


def test_not_json_is_the_sdks_error() -> None:
    with pytest.raises(SerializationException):
        FAST.deserialize("{", RequestEnvelope)


@pytest.mark.parametrize("name", fixture_names())
def test_responses_serialise_as_the_sdk_does(name: str) -> None:
    skill = build_skill(default_library(), rng=random.Random(3))
    envelope = FAST.deserialize(json.dumps(fixture(name)), RequestEnvelope)
    response = skill.invoke(envelope, None)
    assert FAST.serialize(response) == REFERENCE.serialize(response)
    assert json.dumps(FAST.serialize(response)) == json.dumps(REFERENCE.serialize(response))


def test_a_parsed_envelope_is_taken_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = fixture("risk_factors")
    text_answer = FAST.deserialize(json.dumps(parsed), RequestEnvelope)
    monkeypatch.setattr(json, "loads", lambda *args, **kwargs: pytest.fail("parsed again"))
    assert FAST.deserialize(parsed, RequestEnvelope) == text_answer


def test_no_date_time_reaches_dateutil(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not on the fast path, nor on the SDK's path that odd input takes."""
    import dateutil.parser

    monkeypatch.setattr(dateutil.parser, "parse", lambda *a, **k: pytest.fail("dateutil"))
    envelope = fixture("launch")
    envelope["request"]["timestamp"] = "1.." * 1000
    with pytest.raises(SerializationException):
        FAST.deserialize(json.dumps(envelope), RequestEnvelope)
    # An empty list for the intent, ahead of the timestamp, sends the whole body down
    # the SDK's path (which takes it as an empty Intent) before the timestamp is read.
    request = {k: v for k, v in fixture("risk_factors")["request"].items() if k != "intent"}
    envelope["request"] = {"intent": [], **request, "timestamp": "1.." * 1000}
    with pytest.raises(SerializationException):
        FAST.deserialize(json.dumps(envelope), RequestEnvelope)
    envelope["request"]["timestamp"] = request["timestamp"]
    assert FAST.deserialize(json.dumps(envelope), RequestEnvelope).request.intent.name is None


@pytest.mark.parametrize(
    "stamp",
    ["2026-11-24T15:00:00+24:00", "2026-11-24T15:00:00-99:00", "2026-13-01T00:00:00Z", "1e400"],
)
def test_impossible_timestamps_are_the_sdks_error(stamp: str) -> None:
    envelope = fixture("launch")
    envelope["request"]["timestamp"] = stamp
    with pytest.raises(SerializationException):
        FAST.deserialize(json.dumps(envelope), RequestEnvelope)


def test_a_number_too_large_for_an_integer_is_the_sdks_error() -> None:
    envelope = fixture("launch")
    envelope["context"]["AudioPlayer"] = {"offsetInMilliseconds": float("inf")}
    with pytest.raises(SerializationException):
        FAST.deserialize(envelope, RequestEnvelope)


def test_an_unknown_key_does_not_replace_a_models_own_attribute() -> None:
    envelope = fixture("launch")
    application = envelope["context"]["System"]["application"]
    application["application_id"] = "amzn1.ask.skill.impostor"
    application["to_dict"] = "not a method"
    application["newField"] = 1  # a field a newer Alexa might send is kept, as by the SDK
    parsed = FAST.deserialize(envelope, RequestEnvelope).context.system.application
    assert parsed.application_id == application["applicationId"]
    assert callable(parsed.to_dict)
    assert parsed.newField == 1
