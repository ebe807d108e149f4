"""The one place the classroom reaches the skill.

The page's turns are answered by the skill object the Alexa endpoint serves,
through :func:`skill.dispatch.dispatch`, the same function the endpoint, AWS
Lambda and ``python -m skill say``/``chat`` use: the envelope gets the same
checks (shape, timestamp, skill id) and the same answer. Signatures are not
checked: the envelope is built here from typed words, not received from Alexa.

Everything else in this package sees only :func:`build_endpoint` and
:func:`dispatch_envelope`.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Mapping
from typing import Any

from skill.content import Library
from skill.dispatch import Endpoint, dispatch, sdk_invoke
from skill.handlers import build_skill

logger = logging.getLogger(__name__)

SkillEndpoint = Endpoint


class TurnFailed(Exception):
    """The skill gave no usable answer to a request envelope."""


def build_endpoint(library: Library, *, skill_id: str, rng: random.Random) -> SkillEndpoint:
    """The skill as the Alexa endpoint builds it, ready for :func:`dispatch_envelope`."""
    skill = build_skill(library, skill_id=skill_id, rng=rng)
    return Endpoint(invoke=sdk_invoke(skill), skill_id=skill_id)


def dispatch_envelope(endpoint: SkillEndpoint, sent: Mapping[str, Any]) -> dict[str, Any]:
    """The skill's response envelope to the request envelope ``sent``.

    Raises :class:`TurnFailed` when the skill cannot answer; the log line (written
    by the dispatch) names the kind of failure only, never what was said.
    """
    status, answer = dispatch(endpoint, {}, sent)
    if status != 200:
        raise TurnFailed(str(answer.get("error", status)))
    return answer


__all__ = ["SkillEndpoint", "TurnFailed", "build_endpoint", "dispatch_envelope"]
