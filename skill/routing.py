"""The routing table: which action each request type, intent and screen touch asks for.

Adding a topic with its own intent is one line here (the intent and the
topic id), its words in content/<locale>.yaml and its samples in the
interaction model.

Touches on a screen arrive as ``Alexa.Presentation.APL.UserEvent`` requests
whose ``arguments`` the documents set (skill/apl/, docs/screens.md): they are
routed by those arguments, after checking that the event comes from one of the
skill's documents. A tapped quiz choice becomes the request its spoken answer
makes: the answer intent's slot, resolved to the choice's answer id. Anything
else a UserEvent carries is answered as not understood.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from skill import intents, screen
from skill.content import OTHER_LINE, RESERVED_ANSWER_IDS
from skill.modes.base import Request, SlotValue
from skill.vocabulary import Action

INTENT_REQUEST = "IntentRequest"
LAUNCH_REQUEST = "LaunchRequest"
USER_EVENT = screen.USER_EVENT
MATCH = "ER_SUCCESS_MATCH"


@dataclass(frozen=True)
class Route:
    action: Action
    arg: str | None = None
    # For a touch: the slot that the tapped thing fills, as if it had been said.
    slot: str | None = None


REQUEST_ROUTES: Mapping[str, Route] = {
    LAUNCH_REQUEST: Route(Action.LAUNCH),
}

INTENT_ROUTES: Mapping[str, Route] = {
    # Getting help, from anywhere: the argument is the content's help situation.
    intents.GET_HELP: Route(Action.HOTLINE, "info"),
    intents.DANGER: Route(Action.HOTLINE, "danger"),
    intents.EMERGENCY: Route(Action.HOTLINE, "emergency"),
    intents.UNSAFE_HOME: Route(Action.HOTLINE, "home"),
    intents.SUICIDE: Route(Action.HOTLINE, "suicide"),
    intents.SEXUAL_ASSAULT: Route(Action.HOTLINE, "assault"),
    intents.HOTLINE_DETAIL: Route(Action.DETAIL),
    intents.OTHER_LINE: Route(Action.DETAIL, OTHER_LINE),
    # Topics with an intent of their own: the argument is the topic id in the content.
    "WhatIsTraffickingIntent": Route(Action.TOPIC, "definition"),
    "TraffickersIntent": Route(Action.TOPIC, "traffickers"),
    "GroomingIntent": Route(Action.TOPIC, "grooming"),
    "RiskFactorsIntent": Route(Action.TOPIC, "risk_factors"),
    "LearnMoreIntent": Route(Action.TOPIC, "learn_more"),
    intents.SAFETY_TIPS: Route(Action.TIPS),
    intents.RANDOM_TIP: Route(Action.RANDOM_TIP),
    intents.SOURCE: Route(Action.SOURCE),
    intents.LANGUAGE: Route(Action.LANGUAGE),
    intents.MENU: Route(Action.MENU),
    intents.MORE: Route(Action.MORE),
    intents.THANKS: Route(Action.THANKS),
    # The classroom quiz.
    intents.QUIZ: Route(Action.QUIZ),
    intents.QUIZ_ANSWER: Route(Action.ANSWER),
    intents.QUIZ_PASS: Route(Action.PASS),
    intents.QUIZ_QUESTION: Route(Action.REPEAT),  # "repeat the question": the open one again
    intents.QUIZ_SCORE: Route(Action.SCORE),
    intents.QUIZ_END: Route(Action.END_QUIZ),
    intents.OFF_TOPIC: Route(Action.OFF_TOPIC),
    # The whole page in order, and an item of a list asked for again (slot "item").
    intents.LESSON: Route(Action.LESSON),
    intents.LIST_ITEM: Route(Action.ITEM),
    # Alexa's built-in intents.
    intents.YES: Route(Action.YES),
    intents.NO: Route(Action.NO),
    intents.NEXT: Route(Action.NEXT),
    intents.PREVIOUS: Route(Action.PREVIOUS),
    intents.REPEAT: Route(Action.REPEAT),
    intents.HELP: Route(Action.HELP),
    intents.FALLBACK: Route(Action.FALLBACK),
    intents.START_OVER: Route(Action.START_OVER),
    intents.NAVIGATE_HOME: Route(Action.MENU),
    intents.STOP: Route(Action.STOP),
    intents.CANCEL: Route(Action.STOP),
}

# An intent the skill does not know (an outdated or foreign model) is not understood.
UNKNOWN_INTENT = Route(Action.FALLBACK)

# Screen touches, by the event a document sends (skill.screen.parse_user_event).
EVENT_ROUTES: Mapping[str, Route] = {
    screen.EVENT_NEXT: Route(Action.NEXT),  # More
    screen.EVENT_PREVIOUS: Route(Action.PREVIOUS),  # Back
    screen.EVENT_HELP: Route(Action.HOTLINE, "info"),  # Get help: as "I need help"
    screen.EVENT_ITEM: Route(Action.ITEM),  # the argument is the tapped item's number
    screen.EVENT_READ_ALONG_DONE: Route(Action.READ_ALONG_DONE),
    # A quiz choice: as saying it ("B", "true"), its answer id in the answer slot.
    screen.EVENT_ANSWER: Route(Action.ANSWER, slot=intents.ANSWER_SLOT),
    # The quiz's buttons: as "I don't know", "repeat the question", "what's my score"
    # and "stop the quiz".
    screen.EVENT_PASS: Route(Action.PASS),
    screen.EVENT_REPEAT: Route(Action.REPEAT),
    screen.EVENT_SCORE: Route(Action.SCORE),
    screen.EVENT_END_QUIZ: Route(Action.END_QUIZ),
}
# The answer ids a quiz screen's choices send: the letters, true and false.
TAPPED_ANSWERS = RESERVED_ANSWER_IDS
# A touch from a document that is not the skill's, or with arguments it never sends.
UNKNOWN_EVENT = Route(Action.FALLBACK)
TOKENS = frozenset(screen.document_token(kind) for kind in screen.KINDS)


def topic_ids() -> set[str]:
    """The topic ids the routing table opens: every content file must have them."""
    return {r.arg for r in INTENT_ROUTES.values() if r.action == Action.TOPIC and r.arg}


def situation_ids() -> set[str]:
    return {r.arg for r in INTENT_ROUTES.values() if r.action == Action.HOTLINE and r.arg}


def resolved_id(slot: Any) -> SlotValue:
    """What a slot tells the skill: whether anything was said, and the id it resolved to.

    Only an entity-resolution id counts (ER_SUCCESS_MATCH), never the raw words.
    Any odd slot shape counts as said but not understood.
    """
    value = getattr(slot, "value", None)
    resolutions = getattr(slot, "resolutions", None)
    per_authority = getattr(resolutions, "resolutions_per_authority", None)
    if not value and not per_authority:
        return SlotValue(False)
    if not isinstance(per_authority, list):
        return SlotValue(True)
    for authority in per_authority:
        status = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(status, "value", status)
        if code != MATCH:
            continue
        for entry in getattr(authority, "values", None) or []:
            value_id = getattr(getattr(entry, "value", None), "id", None)
            if isinstance(value_id, str) and value_id:
                return SlotValue(True, value_id)
    return SlotValue(True)


def event_request(token: Any, arguments: Any) -> Request:
    """The :class:`Request` for a screen touch with ``token`` and ``arguments``.

    A tapped quiz choice is the request its spoken answer makes; one with an
    answer id no choice sends is not understood.
    """
    event = screen.parse_user_event(arguments) if token in TOKENS else None
    if event is None:
        return Request(UNKNOWN_EVENT.action)
    route = EVENT_ROUTES[event.name]
    if route.slot is not None:
        if event.item not in TAPPED_ANSWERS:
            return Request(UNKNOWN_EVENT.action)
        return Request(route.action, route.arg, {route.slot: SlotValue(True, event.item)})
    return Request(route.action, event.item if event.item is not None else route.arg)


def to_request(
    request_type: str | None, intent: Any, *, token: Any = None, arguments: Any = None
) -> Request | None:
    """The :class:`Request` for an SDK request, or None when it takes no answer.

    ``token`` and ``arguments`` are a UserEvent's (ignored for other requests).
    """
    if request_type == USER_EVENT:
        return event_request(token, arguments)
    if request_type == INTENT_REQUEST:
        name = getattr(intent, "name", None)
        route = INTENT_ROUTES.get(name, UNKNOWN_INTENT) if isinstance(name, str) else UNKNOWN_INTENT
        raw_slots = getattr(intent, "slots", None)
        slots = (
            {k: resolved_id(v) for k, v in raw_slots.items() if isinstance(k, str)}
            if isinstance(raw_slots, dict)
            else {}
        )
        return Request(route.action, route.arg, slots)
    other = REQUEST_ROUTES.get(request_type or "")
    return Request(other.action, other.arg) if other else None
