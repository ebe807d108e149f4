"""Property-based: however odd the request, the endpoint answers 200, 400 or 413, never 500,
and logs no traceback.

Bounded for the normal suite; set FUZZ_EXAMPLES (e.g. FUZZ_EXAMPLES=5000) for a longer run.
"""

from __future__ import annotations

import json
import os
from typing import Any
from xml.etree import ElementTree

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import mutated_envelopes

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def check_answer(client: FlaskClient, body: bytes, caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    result = client.post("/alexa", data=body, content_type="application/json")
    assert not [r for r in caplog.records if r.exc_info], caplog.text[-2000:]
    assert result.status_code in (200, 400, 413), result.data[:300]
    assert b"Traceback" not in result.data
    payload = result.get_json()
    assert isinstance(payload, dict)
    if result.status_code != 200:
        assert set(payload) == {"error"}
        return
    response: dict[str, Any] = payload.get("response") or {}
    if "outputSpeech" in response:
        ssml = response["outputSpeech"]["ssml"]
        assert len(ssml) < 8000
        ElementTree.fromstring(ssml)
        if response.get("shouldEndSession") is False:
            ElementTree.fromstring(response["reprompt"]["outputSpeech"]["ssml"])
        else:
            assert response.get("shouldEndSession") is True


@FUZZ
@given(mutated_envelopes())
def test_mutated_envelopes(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, envelope: dict[str, Any]
) -> None:
    check_answer(client, json.dumps(envelope).encode("utf-8"), caplog)


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    check_answer(client, body, caplog)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=30,
    )
)
def test_arbitrary_json(client: FlaskClient, caplog: pytest.LogCaptureFixture, value: Any) -> None:
    check_answer(client, json.dumps(value).encode("utf-8"), caplog)
