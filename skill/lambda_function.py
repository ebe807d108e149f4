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

import json
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any, cast

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

from skill.content import default_library
from skill.envelope import BadRequest, check_envelope
from skill.handlers import build_skill, fast_serializer

SKILL_ID_ENV = "SKILL_ID"
SKILL_ID_PREFIX = "amzn1.ask.skill."

LambdaHandler = Callable[[Mapping[str, Any], Any], dict[str, Any]]

logger = logging.getLogger(__name__)


class SkillIdNotSet(RuntimeError):
    """The function has no SKILL_ID, so it cannot tell its requests from others'."""


class RequestRefused(ValueError):
    """The event is not an Alexa request for this skill."""


MISSING_SKILL_ID = (
    f"{SKILL_ID_ENV} is not set, so every request is refused. Set the {SKILL_ID_ENV} "
    f"environment variable of this Lambda function to your skill's id ({SKILL_ID_PREFIX}...), "
    "shown in the Alexa developer console under Endpoint."
)


def application_id(event: Mapping[str, Any]) -> str | None:
    """The skill id Alexa sent the request for (``context.System.application.applicationId``)."""
    node: Any = event
    for key in ("context", "System", "application", "applicationId"):
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, str) else None


def build_lambda_handler(skill: CustomSkill) -> LambdaHandler:
    """A Lambda handler over ``skill``, which must have been built with a skill id.

    The event is deserialised and the response serialised with the skill's own
    serializer, exactly as the web endpoint does, so both give the same JSON.
    """
    skill_id = skill.skill_id
    if not skill_id:
        raise SkillIdNotSet("build the skill with skill_id: Lambda requests are not signed")
    serializer = fast_serializer(skill)

    def handler(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        body = json.dumps(event)
        try:
            check_envelope(event)
        except BadRequest as exc:
            logger.error("refused an event that is not an Alexa request: %s", exc)
            raise RequestRefused(f"not an Alexa request: {exc}") from None
        requested = application_id(event)
        if requested != skill_id:
            logger.error(
                "refused a request for application id %r: this function serves %r only",
                requested,
                skill_id,
            )
            raise RequestRefused("the request is not for this skill")
        with serializer.parsed(body, event):
            request_envelope = serializer.deserialize(payload=body, obj_type=RequestEnvelope)
        response_envelope = skill.invoke(request_envelope=request_envelope, context=context)
        # A serialised ResponseEnvelope is always a JSON object.
        return cast(dict[str, Any], serializer.serialize(response_envelope))

    return handler


def refuse_every_request(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """The handler of a function deployed without SKILL_ID."""
    raise SkillIdNotSet(MISSING_SKILL_ID)


def handler_from_environment(environ: Mapping[str, str] | None = None) -> LambdaHandler:
    """The handler for this Lambda instance, configured from its environment."""
    environ = os.environ if environ is None else environ
    skill_id = (environ.get(SKILL_ID_ENV) or "").strip()
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
    return build_lambda_handler(build_skill(default_library(), skill_id=skill_id))


handler: LambdaHandler = handler_from_environment()
