"""Asking about a topic: the definition, the risk factors, tips, learning more."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from skill import dialogue
from skill.content import DEFINITION_TOPIC, RISK_TOPIC, Content
from skill.dialogue import Reply
from skill.handlers import intents
from skill.handlers.common import IntentHandler
from skill.state import State


class WhatIsTraffickingHandler(IntentHandler):
    intents = (intents.WHAT_IS_TRAFFICKING,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.start_topic(content, state, DEFINITION_TOPIC)


class RiskFactorsHandler(IntentHandler):
    intents = (intents.RISK_FACTORS,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.start_topic(content, state, RISK_TOPIC)


def category_choice(slot: Any, known: tuple[str, ...]) -> tuple[str | None, bool]:
    """The category id the user chose, and whether what they said was understood.

    ``(id, True)``: a known category. ``(None, True)``: none was named.
    ``(None, False)``: something was named that is no category. Only the
    entity-resolution id counts, never the raw words. Any odd slot shape is
    treated as "not understood" rather than an error.
    """
    value = getattr(slot, "value", None)
    resolutions = getattr(slot, "resolutions", None)
    per_authority = getattr(resolutions, "resolutions_per_authority", None)
    if not value and not per_authority:
        return None, True
    if not isinstance(per_authority, list):
        return None, False
    for authority in per_authority:
        status = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(status, "value", status)
        if code != "ER_SUCCESS_MATCH":
            continue
        for entry in getattr(authority, "values", None) or []:
            value_id = getattr(getattr(entry, "value", None), "id", None)
            if isinstance(value_id, str) and value_id in known:
                return value_id, True
    return None, False


class SafetyTipsHandler(IntentHandler):
    intents = (intents.SAFETY_TIPS,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        slots = getattr(intent, "slots", None)
        slot = slots.get(intents.CATEGORY_SLOT) if isinstance(slots, dict) else None
        category, understood = category_choice(slot, content.tip_categories)
        return dialogue.tips(content, state, category, understood)


class RandomTipHandler(IntentHandler):
    intents = (intents.RANDOM_TIP,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.random_tip(content, state, self.deps.rng)


class LearnMoreHandler(IntentHandler):
    intents = (intents.LEARN_MORE,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.learn_more(content, state)
