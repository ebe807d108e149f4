"""The skill's request handlers, registered in one visible order."""

from __future__ import annotations

import random

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from skill.content import Library
from skill.handlers.base import Dependencies
from skill.handlers.get_help import GetHelpHandler
from skill.handlers.menu import (
    FallbackHandler,
    HelpHandler,
    LaunchHandler,
    MenuHandler,
    UnknownIntentHandler,
)
from skill.handlers.navigation import (
    NextHandler,
    NoHandler,
    PreviousHandler,
    RepeatHandler,
    YesHandler,
)
from skill.handlers.session import CatchAllExceptionHandler, SilentRequestHandler, StopHandler
from skill.handlers.topics import (
    LearnMoreHandler,
    RandomTipHandler,
    RiskFactorsHandler,
    SafetyTipsHandler,
    WhatIsTraffickingHandler,
)
from skill.serializer import FastSerializer


def build_skill(
    library: Library,
    *,
    skill_id: str | None = None,
    rng: random.Random | None = None,
) -> CustomSkill:
    """The skill object shared by the web endpoint, the CLI and AWS Lambda.

    With ``skill_id`` set, the SDK rejects requests for any other skill.
    """
    deps = Dependencies(library, rng or random.Random())
    builder = SkillBuilder()
    builder.skill_id = skill_id  # type: ignore[assignment]  # the SDK annotates it as None
    for handler in (
        # Getting help comes first: it must work from any point of a conversation.
        GetHelpHandler(deps),
        LaunchHandler(deps),
        # Asking about a topic.
        WhatIsTraffickingHandler(deps),
        RiskFactorsHandler(deps),
        SafetyTipsHandler(deps),
        RandomTipHandler(deps),
        LearnMoreHandler(deps),
        # Moving through what is being read.
        YesHandler(deps),
        NoHandler(deps),
        NextHandler(deps),
        PreviousHandler(deps),
        RepeatHandler(deps),
        MenuHandler(deps),
        HelpHandler(deps),
        # Leaving, and requests that take no speech.
        StopHandler(deps),
        SilentRequestHandler(),
        # Anything else.
        FallbackHandler(deps),
        UnknownIntentHandler(deps),
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler(deps))
    skill: CustomSkill = builder.create()
    # Same results as the SDK's DefaultSerializer, several times faster (skill/serializer.py).
    skill.serializer = FastSerializer()
    return skill


def fast_serializer(skill: CustomSkill) -> FastSerializer:
    """The serializer :func:`build_skill` gave ``skill``."""
    serializer = skill.serializer
    if not isinstance(serializer, FastSerializer):
        raise TypeError("the skill was not made by build_skill")
    return serializer
