"""Alexa request envelopes, built from the fixtures in tests/requests/: what a device sends.

:func:`envelope_for` is the routing table read backwards: the envelope a device
sends to ask for a :class:`~skill.modes.base.Request` (an intent with its slots,
a launch, or a touch on a screen), so a conversation can be held by action
through the endpoint as well as through the engine (tests/conversation.py).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from skill import screen
from skill.modes.base import Request
from skill.routing import EVENT_ROUTES, INTENT_ROUTES, REQUEST_ROUTES

REQUESTS = Path(__file__).parent / "requests"
APL_INTERFACE = "Alexa.Presentation.APL"
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
EXECUTE_COMMANDS = "Alexa.Presentation.APL.ExecuteCommands"
# The token of the list screen: a touch sent when no document is on show carries it.
LIST_TOKEN = screen.document_token("list")
# What a slot holds when something was said that resolved to no value.
NOT_RESOLVED = "something else"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REQUESTS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def fixture_names() -> list[str]:
    return sorted(p.stem for p in REQUESTS.glob("*.json"))


def launch_request() -> dict[str, Any]:
    return copy.deepcopy(fixture("launch"))


def intent_request(
    name: str,
    *,
    slots: dict[str, Any] | None = None,
    attributes: dict[str, Any] | None = None,
    new: bool = False,
) -> dict[str, Any]:
    """An IntentRequest envelope shaped like the fixtures."""
    envelope = copy.deepcopy(fixture("amazon_help_intent"))
    envelope["request"]["intent"] = {
        "name": name,
        "confirmationStatus": "NONE",
        "slots": slots or {},
    }
    envelope["session"]["new"] = new
    envelope["session"]["attributes"] = attributes or {}
    return envelope


# What a medium hub (Echo Show, 1024x600) tells the skill about itself.
HUB = fixture("screen_risk_factors")["context"]


def on_hub(envelope: dict[str, Any]) -> dict[str, Any]:
    """``envelope`` as a medium hub sends it: the APL interface, its viewport."""
    context = envelope.setdefault("context", {})
    device = context.setdefault("System", {}).setdefault("device", {})
    device["supportedInterfaces"] = copy.deepcopy(HUB["System"]["device"]["supportedInterfaces"])
    context["Viewports"] = copy.deepcopy(HUB["Viewports"])
    context["Viewport"] = copy.deepcopy(HUB["Viewport"])
    return envelope


def voice_only(envelope: dict[str, Any]) -> dict[str, Any]:
    """``envelope`` as a device without a screen sends it: no APL interface, no viewport."""
    context = envelope.get("context", {})
    device = context.get("System", {}).get("device", {})
    device.get("supportedInterfaces", {}).pop(APL_INTERFACE, None)
    context.pop("Viewports", None)
    context.pop("Viewport", None)
    return envelope


def user_event(
    arguments: Any, token: Any = LIST_TOKEN, *, attributes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A touch on the screen of a medium hub, as Alexa sends it."""
    envelope = copy.deepcopy(fixture("screen_user_event"))
    envelope["request"]["arguments"] = arguments
    envelope["request"]["token"] = token
    envelope["session"]["attributes"] = attributes or {}
    return envelope


def resolved_slot(
    name: str, spoken: str, value_id: str | None, value_name: str | None = None
) -> dict[str, Any]:
    """A slot as Alexa resolves it: ER_SUCCESS_MATCH with an id, or NO_MATCH."""
    authority: dict[str, Any] = {
        "authority": f"amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.{name}",
        "status": {"code": "ER_SUCCESS_MATCH" if value_id else "ER_SUCCESS_NO_MATCH"},
    }
    if value_id:
        authority["values"] = [{"value": {"name": value_name or spoken, "id": value_id}}]
    return {
        name: {
            "name": name,
            "value": spoken,
            "confirmationStatus": "NONE",
            "source": "USER",
            "resolutions": {"resolutionsPerAuthority": [authority]},
        }
    }


def category_slot(
    spoken: str, value_id: str | None, value_name: str | None = None
) -> dict[str, Any]:
    """The category slot of SafetyTipsIntent."""
    return resolved_slot("category", spoken, value_id, value_name)


def detail_slot(spoken: str, value_id: str | None) -> dict[str, Any]:
    """The detail slot of HotlineDetailIntent."""
    return resolved_slot("detail", spoken, value_id)


def answer_slot(value_id: str) -> dict[str, Any]:
    """The answer slot of QuizAnswerIntent, resolved to ``value_id``."""
    return resolved_slot("answer", value_id, value_id)


def envelope_for(request: Request, token: Any = LIST_TOKEN) -> dict[str, Any]:
    """An envelope the routing table turns into ``request``: the routing table backwards.

    A launch, else an intent that routes to the request's action and argument
    (Alexa's built-in intents first), with its slots resolved to their ids;
    else a touch (an item tapped, the read-along's end) with ``token``.
    """
    wanted = (request.action, request.arg)
    if not request.slots and any(
        (route.action, route.arg) == wanted for route in REQUEST_ROUTES.values()
    ):
        return launch_request()
    intents = [name for name, route in INTENT_ROUTES.items() if (route.action, route.arg) == wanted]
    if intents:
        slots: dict[str, Any] = {}
        for name, value in request.slots.items():
            if value.said:
                slots.update(resolved_slot(name, value.id or NOT_RESOLVED, value.id))
        return intent_request(intents[-1], slots=slots)
    events = [
        event
        for event, route in EVENT_ROUTES.items()
        if route.action == request.action and route.arg is None and route.slot is None
    ]
    if events and not request.slots:
        item = [] if request.arg is None else [request.arg]
        return user_event([events[-1], *item], token)
    raise ValueError(f"no request a device sends asks for {request}")
