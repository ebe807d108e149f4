"""AWS Lambda entry point: set the function's handler to ``skill.lambda_function.handler``.

The skill object is the same one the web endpoint serves
(:func:`skill.handlers.build_skill` over the default content), built once per
Lambda instance when this module is imported (the cold start) and reused for
every request that instance serves. Conversation state lives in the request's
session attributes, so any number of instances can serve one conversation.

Requests reach Lambda unsigned: the only thing that ties a request to this
skill is its application id. The ``SKILL_ID`` environment variable is therefore
required. Without it the function refuses every request with a
:class:`SkillIdNotSet` error that names the variable, which Lambda writes to
CloudWatch Logs; it never falls back to answering requests for any skill. The
Alexa Skills Kit trigger's own skill id verification (see docs/deployment.md)
is a second lock on the same door.

This module must stay cheap to import: it does not import Flask.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping
from typing import Any

from ask_sdk_core.skill import CustomSkill

from skill.config import SKILL_ID_ENV, SKILL_ID_PREFIX, Settings
from skill.content import ContentError, load_compiled_library
from skill.dispatch import Endpoint, dispatch, sdk_invoke
from skill.handlers import build_skill
from skill.logs import one_line

LambdaHandler = Callable[[Mapping[str, Any], Any], dict[str, Any]]

logger = logging.getLogger(__name__)


class SkillIdNotSet(RuntimeError):
    """The function has no SKILL_ID, so it cannot tell its requests from others'."""


class ContentNotLoaded(RuntimeError):
    """The function's content files are missing or broken (the message says which and why)."""


class RequestRefused(ValueError):
    """The event is not an Alexa request for this skill (the log line says why)."""


MISSING_SKILL_ID = (
    f"{SKILL_ID_ENV} is not set, so every request is refused. Set the {SKILL_ID_ENV} "
    f"environment variable of this Lambda function to your skill's id ({SKILL_ID_PREFIX}...), "
    "shown in the Alexa developer console under Endpoint."
)


def build_lambda_handler(skill: CustomSkill) -> LambdaHandler:
    """A Lambda handler over ``skill``, which must have been built with a skill id.

    Every event goes through :func:`skill.dispatch.dispatch`, as the web
    endpoint's requests do (the envelope checks, then the skill id), and the
    skill answers with ask-sdk-core alone. A refused event fails the invocation
    with :class:`RequestRefused`; the reason is in the log line before it.
    """
    skill_id = skill.skill_id
    if not skill_id:
        raise SkillIdNotSet("build the skill with skill_id: Lambda requests are not signed")
    endpoint = Endpoint(invoke=sdk_invoke(skill), skill_id=skill_id)

    def handler(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        status, answer = dispatch(endpoint, {}, event)
        if status != 200:
            raise RequestRefused(f"request refused: {answer.get('error')}")
        return answer

    return handler


def refuse_every_request(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """The handler of a function deployed without SKILL_ID."""
    raise SkillIdNotSet(MISSING_SKILL_ID)


def handler_from_environment(
    environ: Mapping[str, str] | None = None, *, rng: random.Random | None = None
) -> LambdaHandler:
    """The handler for this Lambda instance, configured from its environment.

    ``rng`` is for tests that compare answers with random tips in them.
    """
    settings = Settings.from_environ(environ)
    skill_id = settings.skill_id
    if not skill_id:
        logger.error(MISSING_SKILL_ID)
        return refuse_every_request
    if not skill_id.startswith(SKILL_ID_PREFIX):
        logger.warning(
            "%s=%r does not look like a skill id (%s...): requests will be refused "
            "unless Alexa sends exactly this id",
            SKILL_ID_ENV,
            skill_id,
            SKILL_ID_PREFIX,
        )
    try:
        library = load_compiled_library(settings.content_dir)
    except ContentError as exc:
        # One line in CloudWatch at the cold start and one per request, not a traceback.
        reason = f"the content could not be loaded, so every request is refused: {one_line(exc)}"
        logger.error(reason)

        def refuse(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
            raise ContentNotLoaded(reason)

        return refuse
    return build_lambda_handler(build_skill(library, skill_id=skill_id, rng=rng))


handler: LambdaHandler = handler_from_environment()
