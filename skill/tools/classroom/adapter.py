"""The one place the classroom reaches the skill.

The page's turns are answered by the skill object the Alexa endpoint serves,
through the same SDK path as ``python -m skill say`` and ``chat``: the request
envelope is handed, as JSON text, to ask-sdk-webservice-support's
``WebserviceSkillHandler`` around :func:`skill.handlers.build_skill`'s skill.
Signature and timestamp checks are off, as for the simulator: the envelope is
built here, not received from Alexa.

Everything else in this package sees only :func:`build_endpoint` and
:func:`dispatch_envelope`, so moving to another dispatch function changes this
module alone.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Mapping
from typing import Any

from ask_sdk_core.exceptions import AskSdkException

from skill.content import Library
from skill.handlers import build_skill
from skill.webservice import WebserviceSkillHandler

logger = logging.getLogger(__name__)

SkillEndpoint = WebserviceSkillHandler


class TurnFailed(Exception):
    """The skill gave no usable answer to a request envelope."""


def build_endpoint(library: Library, *, skill_id: str, rng: random.Random) -> SkillEndpoint:
    """The skill as the Alexa endpoint builds it, ready for :func:`dispatch_envelope`."""
    skill = build_skill(library, skill_id=skill_id, rng=rng)
    return WebserviceSkillHandler(skill, verify_signature=False, verify_timestamp=False)


def dispatch_envelope(endpoint: SkillEndpoint, sent: Mapping[str, Any]) -> dict[str, Any]:
    """The skill's response envelope to the request envelope ``sent``.

    Raises :class:`TurnFailed` when the skill cannot answer; the log line names
    the kind of failure only, never what was said.
    """
    try:
        response: Any = endpoint.verify_request_and_dispatch({}, json.dumps(sent))
    except AskSdkException as exc:
        logger.warning("turn failed: %s", type(exc).__name__)
        raise TurnFailed(type(exc).__name__) from exc
    if not isinstance(response, dict):
        logger.warning("turn failed: the skill answered %s", type(response).__name__)
        raise TurnFailed("no response envelope")
    return response


__all__ = ["SkillEndpoint", "TurnFailed", "build_endpoint", "dispatch_envelope"]
