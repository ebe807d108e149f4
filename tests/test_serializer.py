"""The fast deserialiser builds what the SDK's builds, or refuses what it should.

The comparison is with the SDK's deserialiser reading date-times as the fast one
does (strict ISO 8601, see skill/timestamps.py), and on the fields the models
define: the fast one ignores keys a model does not define, where the SDK sets
each as an attribute. Both differences are deliberate and tested on their own.
"""

from __future__ import annotations

import copy
import json
import random
import re
from enum import Enum
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective
from ask_sdk_model.ui import SimpleCard
from hypothesis import HealthCheck, given, settings

from skill.content import default_library
from skill.handlers import build_skill
from skill.handlers.conversation import shown
from skill.render import render
from skill.serializer import EncodedJson, FastSerializer, JsonObject, Shared
from skill.timestamps import TimestampError, parse_timestamp
from tests.envelopes import fixture, fixture_names
from tests.strategies import mutated_envelopes
from tests.walk import every_reply


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


def defined(value: Any) -> Any:
    """``value`` with each model object reduced to its class and the fields it defines."""
    if isinstance(value, list):
        return [defined(v) for v in value]
    if isinstance(value, dict):
        return {k: defined(v) for k, v in value.items()}
    types = getattr(type(value), "deserialized_types", None)
    if types is None:
        return value
    return (type(value), {attr: defined(getattr(value, attr)) for attr in types})


_LIST = re.compile(r"list\[(.*)\]")
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")


def oddities(value: Any, type_name: Any) -> set[str]:
    """What in ``value`` (parsed JSON) the two deserialisers treat differently on purpose:
    "wrong type" (not an object where a model or a dict belongs, not a list where a list
    belongs, a date-time that is not ISO 8601) and "unknown key" (a key a model does not
    define)."""
    if value is None:
        return set()
    list_of = _LIST.fullmatch(type_name) if isinstance(type_name, str) else None
    if list_of:
        if not isinstance(value, list):
            return {"wrong type"}
        return set().union(*(oddities(v, list_of[1]) for v in value))
    dict_of = _DICT.fullmatch(type_name) if isinstance(type_name, str) else None
    if dict_of:
        if not isinstance(value, dict):
            return {"wrong type"}
        return set().union(*(oddities(v, dict_of[2]) for v in value.values()))
    if type_name in ("datetime", "date"):
        try:
            parse_timestamp(value)
        except TimestampError:
            return {"wrong type"}
        return set()
    if not isinstance(type_name, str) or "." not in type_name:
        return set()  # a primitive: both cast it the same way
    cls = _class(type_name)
    if issubclass(cls, Enum):
        return set()  # both refuse an unknown member
    if not isinstance(value, dict):
        return {"wrong type"}
    if hasattr(cls, "get_real_child_model"):
        child = cls.get_real_child_model(value)
        if not child:
            return set()
        cls = _class(child)
    names = {**{k: k for k in cls.deserialized_types}, **getattr(cls, "attribute_map", {})}
    found = {"unknown key"} if set(value) - set(names.values()) else set()
    for attr, key in names.items():
        if key in value:
            found |= oddities(value[key], cls.deserialized_types[attr])
    return found


def _class(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name)


ENVELOPE = "ask_sdk_model.request_envelope.RequestEnvelope"


@pytest.mark.parametrize("name", fixture_names())
def test_same_objects_as_the_sdk_for_every_fixture(name: str) -> None:
    fast, reference = both(json.dumps(fixture(name)))
    assert fast is not SerializationException
    assert defined(fast) == defined(reference)
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
    if fast is SerializationException and reference is not SerializationException:
        # Refused on purpose: the SDK would have made something of a misshapen value.
        assert "wrong type" in oddities(envelope, ENVELOPE)
    elif reference is SerializationException and fast is not SerializationException:
        # The SDK failed setting a key the model does not define, which the fast one ignores.
        assert "unknown key" in oddities(envelope, ENVELOPE)
    else:
        assert defined(fast) == defined(reference)


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
    import dateutil.parser

    monkeypatch.setattr(dateutil.parser, "parse", lambda *a, **k: pytest.fail("dateutil"))
    envelope = fixture("launch")
    envelope["request"]["timestamp"] = "1.." * 1000
    with pytest.raises(SerializationException):
        FAST.deserialize(json.dumps(envelope), RequestEnvelope)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("request", "intent"), []),  # the SDK makes an empty Intent of it
        (("request", "intent"), ""),
        (("context", "System"), ["application"]),
        (("request", "intent", "slots"), [{"name": "category"}]),
    ],
)
def test_a_value_of_the_wrong_type_for_its_field_is_refused(
    path: tuple[str, ...], value: Any
) -> None:
    envelope = fixture("risk_factors")
    parent = envelope
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    with pytest.raises(SerializationException, match="wrong type"):
        FAST.deserialize(envelope, RequestEnvelope)


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


def test_keys_a_model_does_not_define_are_ignored() -> None:
    envelope = fixture("launch")
    application = envelope["context"]["System"]["application"]
    application["application_id"] = "amzn1.ask.skill.impostor"
    application["to_dict"] = "not a method"
    application["newField"] = 1  # a field a newer Alexa might send is ignored too
    parsed = FAST.deserialize(envelope, RequestEnvelope).context.system.application
    assert parsed.application_id == application["applicationId"]
    assert callable(parsed.to_dict)
    assert not hasattr(parsed, "newField")


def test_free_form_objects_deep_copy_as_json() -> None:
    """The SDK deep-copies the session attributes on every request: a JsonObject copies
    itself as JSON, equal to copy.deepcopy's copy and sharing no object or list with it."""
    envelope = fixture("risk_factors")
    envelope["session"]["attributes"] = {
        "mode": "topic",
        "args": ["a", "1", ""],
        "nested": {"list": [[1, 2.5], {"x": None, "y": True}]},
    }
    attributes = FAST.deserialize(envelope, RequestEnvelope).session.attributes
    assert isinstance(attributes, JsonObject)
    copied = copy.deepcopy(attributes)
    assert copied == copy.deepcopy(dict(attributes)) == envelope["session"]["attributes"]
    assert copied["args"] is not attributes["args"]
    assert copied["nested"]["list"][1] is not attributes["nested"]["list"][1]
    copied["nested"]["list"][0].append(3)
    assert attributes["nested"]["list"][0] == [1, 2.5]
    odd = JsonObject({"set": {1, 2}})  # not JSON: copied by copy.deepcopy
    assert copy.deepcopy(odd)["set"] is not odd["set"]


def test_a_shared_model_object_is_the_same_model_and_keeps_its_serialised_form() -> None:
    card = SimpleCard(title="Title", content="Line one\n• two")
    directive = RenderDocumentDirective(
        token="t", document=EncodedJson({"type": "APL"}), datasources={"a": [1, {"b": None}]}
    )
    for made in (card, directive):
        shared = FAST.share(made)
        assert isinstance(shared, Shared) and isinstance(shared, type(made))
        assert shared == made and vars(shared) == vars(made)
        assert FAST.serialize(shared) is shared.serialized
        assert shared.serialized == FAST.serialize(made) == REFERENCE.serialize(shared)
        assert shared.serialized.encoded == json.dumps(
            REFERENCE.serialize(made), separators=(",", ":")
        ).encode("utf-8")


def test_every_response_of_a_page_carries_the_same_shared_card_and_directives() -> None:
    content = default_library().for_locale("en-US")
    reply = next(r for r in every_reply(content) if r.card and r.items)
    first, again = shown(render(content, reply)), shown(render(content, reply))
    assert first is again and first.card is not None and first.document is not None
