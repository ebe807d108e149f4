"""The skill object: interceptors and handlers, registered in one visible order."""

from __future__ import annotations

import random

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from skill.content import ContentError, Library
from skill.handlers.conversation import ConversationHandler, LoadConversation, SaveConversation
from skill.handlers.session import CatchAllExceptionHandler, SilentRequestHandler
from skill.routing import situation_ids, topic_ids
from skill.serializer import FastSerializer


def check_routes(library: Library) -> None:
    """Every topic and help situation the routing table names exists in every locale."""
    for content in library.by_locale.values():
        missing = sorted(topic_ids() - set(content.topics))
        missing += sorted(situation_ids() - set(content.help.situations))
        if missing:
            raise ContentError(
                f"content for {content.locale} has no {missing[0]!r}, "
                "which the skill's intents open"
            )


def build_skill(
    library: Library,
    *,
    skill_id: str | None = None,
    rng: random.Random | None = None,
) -> CustomSkill:
    """The skill object shared by the web endpoint, the CLI and AWS Lambda.

    With ``skill_id`` set, the SDK rejects requests for any other skill.
    """
    check_routes(library)
    builder = SkillBuilder()
    builder.skill_id = skill_id  # type: ignore[assignment]  # the SDK annotates it as None
    builder.add_global_request_interceptor(LoadConversation(library))
    # Requests that take no speech first; then every request the routing table names.
    builder.add_request_handler(SilentRequestHandler())
    builder.add_request_handler(ConversationHandler(library, rng or random.Random()))
    builder.add_global_response_interceptor(SaveConversation(library))
    builder.add_exception_handler(CatchAllExceptionHandler(library))
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
