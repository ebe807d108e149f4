"""One dispatch for the web endpoint, AWS Lambda and the tools: same checks, same answers."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import pytest

from skill.content import default_library
from skill.dispatch import MAX_BODY_BYTES, Endpoint, dispatch, sdk_invoke
from skill.handlers import build_skill
from skill.tools.simulator import SimulatorError, build_simulator
from tests import SKILL_ID
from tests.conftest import AppFactory
from tests.envelopes import fixture, fixture_names


def endpoint(skill_id: str | None = SKILL_ID, seed: int = 5) -> Endpoint:
    skill = build_skill(default_library(), skill_id=skill_id, rng=random.Random(seed))
    return Endpoint(invoke=sdk_invoke(skill), skill_id=skill.skill_id)


@pytest.mark.parametrize("name", fixture_names())
def test_an_envelope_dict_gets_the_answer_the_web_endpoint_gives(
    make_app: AppFactory, name: str
) -> None:
    """What a tool that builds envelopes from typed words gets (see skill/dispatch.py)."""
    app = make_app(SKILL_ID=SKILL_ID, RNG=random.Random(5))
    web = app.test_client().post("/alexa", data=json.dumps(fixture(name)))
    status, answer = dispatch(endpoint(), {}, fixture(name))
    assert (status, answer) == (web.status_code, json.loads(web.data))


BAD: list[tuple[str, Any, str]] = [
    ("not an envelope", [1, 2], "body is not a request envelope"),
    ("no request", {"version": "1.0"}, "envelope has no request"),
    ("bad timestamp", {"request": {"type": "LaunchRequest", "timestamp": "soon"}}, "ISO 8601"),
]


@pytest.mark.parametrize(("label", "data", "error"), BAD, ids=[b[0] for b in BAD])
def test_raw_bytes_and_a_parsed_envelope_meet_the_same_checks(
    label: str, data: Any, error: str
) -> None:
    from_bytes = dispatch(endpoint(), {}, json.dumps(data).encode())
    from_dict = dispatch(endpoint(), {}, data)
    assert from_bytes == from_dict
    assert from_dict[0] == 400 and error in from_dict[1]["error"]


def test_a_request_for_another_skill_is_refused_on_every_way_in() -> None:
    envelope = fixture("launch")
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.other"
    assert dispatch(endpoint(), {}, envelope) == (400, {"error": "request verification failed"})
    assert dispatch(endpoint(), {}, json.dumps(envelope).encode())[0] == 400
    assert dispatch(endpoint(skill_id=None), {}, envelope)[0] == 200


def test_a_body_over_256_kib_is_refused_before_it_is_read() -> None:
    body = b" " * (MAX_BODY_BYTES + 1)
    assert dispatch(endpoint(), {}, body) == (413, {"error": "request body too large"})


def test_an_endpoint_that_verifies_refuses_a_parsed_envelope() -> None:
    class Never:
        def verify(self, headers: Any, body: bytes) -> None:
            raise AssertionError("a parsed envelope has no bytes to verify")

    verifying = Endpoint(invoke=endpoint().invoke, skill_id=SKILL_ID, signature=Never())
    assert dispatch(verifying, {}, fixture("launch")) == (
        400,
        {"error": "request verification failed"},
    )


def test_the_simulator_goes_through_the_same_checks() -> None:
    sim = build_simulator("en-US", skill_id=SKILL_ID)
    assert sim.say("open").text
    sim.device = replace(sim.device, skill_id="amzn1.ask.skill.other")
    with pytest.raises(SimulatorError, match="request verification failed"):
        sim.say("who is at risk")


def test_a_bug_in_the_skill_is_a_400_logged_with_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(headers: Any, data: dict[str, Any]) -> Any:
        raise KeyError("bug")

    assert dispatch(Endpoint(invoke=broken), {}, fixture("launch")) == (
        400,
        {"error": "request could not be handled"},
    )
    (record,) = [r for r in caplog.records if r.exc_info]
    assert "unexpected failure" in record.getMessage()
