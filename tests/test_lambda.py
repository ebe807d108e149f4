"""The AWS Lambda entry point answers exactly as the web endpoint does, and only for its skill."""

from __future__ import annotations

import copy
import json
import logging
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.content import Content, default_library
from skill.handlers import build_skill
from skill.lambda_function import (
    ContentNotLoaded,
    LambdaHandler,
    RequestRefused,
    SkillIdNotSet,
    build_lambda_handler,
    handler_from_environment,
)
from tests import ROOT, SKILL_ID
from tests.conftest import AppFactory
from tests.envelopes import fixture, fixture_names, intent_request
from tests.locales import pinned_locale

# The Lambda handler, with the English request fixtures.
locale = pinned_locale()

SEED = 7


def lambda_handler(seed: int = SEED) -> LambdaHandler:
    return build_lambda_handler(
        build_skill(default_library(), skill_id=SKILL_ID, rng=random.Random(seed))
    )


def application_id(envelope: dict[str, Any]) -> Any:
    return envelope["context"]["System"]["application"]["applicationId"]


def test_every_fixture_is_for_the_test_skill() -> None:
    assert {application_id(fixture(name)) for name in fixture_names()} == {SKILL_ID}


@pytest.mark.parametrize("name", fixture_names())
def test_lambda_and_flask_give_byte_identical_json(make_app: AppFactory, name: str) -> None:
    app = make_app(RNG=random.Random(SEED))
    envelope = fixture(name)
    web = app.test_client().post(
        "/alexa", data=json.dumps(envelope), content_type="application/json"
    )
    assert web.status_code == 200

    answer = lambda_handler()(copy.deepcopy(envelope), None)

    # The JSON objects the two send are equal (each encoded its own way).
    assert json.loads(web.data) == answer


def test_a_conversation_goes_the_same_way_on_both_paths(make_app: AppFactory) -> None:
    """Several turns, with the random tips and the session carried along, stay identical."""
    app = make_app(RNG=random.Random(SEED))
    client = app.test_client()
    handler = lambda_handler()
    attributes: dict[str, Any] = {}
    turns = [fixture("launch")] + [
        intent_request(name)
        for name in (
            "RandomTipIntent",
            "AMAZON.YesIntent",
            "RandomTipIntent",
            "RiskFactorsIntent",
            "AMAZON.NextIntent",
            "GetHelpIntent",
            "AMAZON.NextIntent",
            "AMAZON.StopIntent",
        )
    ]
    for n, envelope in enumerate(turns):
        envelope["session"]["new"] = n == 0
        envelope["session"]["attributes"] = attributes
        web = client.post("/alexa", data=json.dumps(envelope), content_type="application/json")
        answer = handler(copy.deepcopy(envelope), None)
        assert json.loads(web.data) == answer, envelope["request"]
        attributes = answer.get("sessionAttributes") or {}
    assert answer["response"]["shouldEndSession"] is True


def test_lambda_answers_with_the_content(content: Content) -> None:
    answer = lambda_handler()(fixture("launch"), None)
    assert content.prompts["welcome"] in answer["response"]["outputSpeech"]["ssml"]
    assert answer["response"]["shouldEndSession"] is False


def test_request_for_another_skill_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    envelope = fixture("launch")
    other = "amzn1.ask.skill.99999999-9999-4999-8999-999999999999"
    envelope["context"]["System"]["application"]["applicationId"] = other
    with pytest.raises(RequestRefused, match="request verification failed"):
        lambda_handler()(envelope, None)
    (line,) = [r.getMessage() for r in caplog.records if "another skill" in r.getMessage()]
    assert other in line and SKILL_ID in line


@pytest.mark.parametrize("remove", [("context",), ("context", "System", "application")])
def test_request_without_an_application_id_is_refused(
    remove: tuple[str, ...], caplog: pytest.LogCaptureFixture
) -> None:
    envelope = fixture("launch")
    parent = envelope
    for key in remove[:-1]:
        parent = parent[key]
    del parent[remove[-1]]
    with pytest.raises(RequestRefused):
        lambda_handler()(envelope, None)
    assert "request names no skill" in caplog.text
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"source": "aws.events", "detail-type": "Scheduled Event"},
        {"request": "LaunchRequest"},
    ],
)
def test_events_that_are_not_alexa_requests_are_refused(
    event: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(RequestRefused, match="request refused: envelope has no request"):
        lambda_handler()(event, None)
    assert "request rejected: envelope has no request" in caplog.text


def test_a_handler_cannot_be_built_over_a_skill_without_an_id() -> None:
    with pytest.raises(SkillIdNotSet):
        build_lambda_handler(build_skill(default_library()))


@pytest.mark.parametrize("environ", [{}, {"SKILL_ID": ""}, {"SKILL_ID": "   "}])
def test_without_skill_id_every_request_is_refused_with_a_clear_error(
    environ: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="skill.lambda_function"):
        handler = handler_from_environment(environ)
    assert "SKILL_ID is not set" in caplog.text
    with pytest.raises(SkillIdNotSet, match="Set the SKILL_ID environment variable"):
        handler(fixture("launch"), None)


def test_broken_content_is_one_line_at_the_cold_start_and_refuses_every_request(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "en-US.yaml").write_text("prompts: [\n", encoding="utf-8")
    environ = {"SKILL_ID": SKILL_ID, "SKILL_CONTENT_DIR": str(tmp_path)}
    with caplog.at_level(logging.ERROR, logger="skill.lambda_function"):
        handler = handler_from_environment(environ)
    (record,) = caplog.records
    assert "\n" not in record.getMessage() and record.exc_info is None
    assert "content could not be loaded" in record.getMessage()
    assert "en-US.yaml: not valid YAML" in record.getMessage()
    with pytest.raises(ContentNotLoaded, match="en-US.yaml: not valid YAML"):
        handler(fixture("launch"), None)


def test_skill_id_from_the_environment(content: Content) -> None:
    handler = handler_from_environment({"SKILL_ID": f" {SKILL_ID} "})
    answer = handler(fixture("launch"), None)
    assert content.prompts["welcome"] in answer["response"]["outputSpeech"]["ssml"]


def test_lambda_module_handles_a_request_without_importing_flask(content: Content) -> None:
    """The module a Lambda instance imports at its cold start, in a fresh interpreter."""
    program = (
        "import json, sys\n"
        "from skill.lambda_function import handler\n"
        f"event = json.load(open({str(ROOT / 'tests/requests/launch.json')!r}))\n"
        "answer = handler(event, None)\n"
        "print(json.dumps({'flask': 'flask' in sys.modules, 'werkzeug': 'werkzeug' in sys.modules,"
        " 'ssml': answer['response']['outputSpeech']['ssml']}))\n"
    )
    env = {**os.environ, "SKILL_ID": SKILL_ID}
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["flask"] is False
    assert report["werkzeug"] is False
    assert content.prompts["welcome"] in report["ssml"]
