"""The fast deserialiser gives exactly what the SDK's gives, or the SDK's error."""

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
from tests.alexa import fixture, fixture_names
from tests.strategies import mutated_envelopes

FAST = FastSerializer()
REFERENCE = DefaultSerializer()


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


def test_an_already_parsed_body_is_not_parsed_again() -> None:
    text = json.dumps(fixture("launch"))
    parsed = fixture("risk_factors")  # deliberately different, to see which one is used
    serializer = FastSerializer()
    with serializer.parsed(text, parsed):
        inside = serializer.deserialize(text, RequestEnvelope)
        other_text = serializer.deserialize(json.dumps(fixture("launch")), RequestEnvelope)
    after = serializer.deserialize(text, RequestEnvelope)
    assert inside.request.object_type == "IntentRequest"
    assert other_text.request.object_type == "LaunchRequest"  # a different str object is parsed
    assert after.request.object_type == "LaunchRequest"
