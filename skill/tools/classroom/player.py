"""One classroom turn: typed words in, the page's JSON out, nothing kept in between.

The words are understood as ``python -m skill say`` understands them
(:func:`skill.tools.nlu.interpret` over the locale's interaction model), shaped into
the request Alexa would send by :mod:`skill.tools.simulator`'s envelope builders, and
answered by the skill through :mod:`skill.tools.classroom.adapter`. The page
sends the session attributes back with each turn, so the server holds no state.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from skill.tools.classroom.adapter import SkillEndpoint, dispatch_envelope
from skill.tools.classroom.protocol import TurnRequest, reply_json
from skill.tools.nlu import Recognizer, interpret
from skill.tools.simulator import (
    USER_INITIATED,
    Device,
    envelope,
    intent_json,
    intent_request,
    launch_request,
    session_ended_request,
    timestamp,
)

# What a large screen tells the skill when the page asks for screen content.
SCREEN_INTERFACES: Mapping[str, Any] = {
    "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.3"}},
}
SCREEN_VIEWPORT: Mapping[str, Any] = {
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 1280,
    "pixelHeight": 800,
    "currentPixelWidth": 1280,
    "currentPixelHeight": 800,
    "dpi": 160,
    "touch": [],
}


def alexa_request(
    recognizer: Recognizer, text: str, skill_id: str, request_id: str, when: str
) -> dict[str, Any]:
    """The ``request`` part of what Alexa would send for ``text`` ("" opens the skill)."""
    locale = recognizer.locale
    if not text.strip():
        return launch_request(request_id, when, locale)
    heard = interpret(recognizer, text)
    if heard.kind == "launch":
        return launch_request(request_id, when, locale)
    if heard.kind == "end_session":
        return session_ended_request(request_id, when, locale, USER_INITIATED)
    slot_names = tuple(name for name, _ in recognizer.intent_slots.get(heard.intent or "", ()))
    return intent_request(request_id, when, locale, intent_json(heard, slot_names, skill_id))


def turn_envelope(
    request: Mapping[str, Any],
    device: Device,
    session_id: str,
    turn: TurnRequest,
    *,
    screen: bool,
) -> dict[str, Any]:
    """The whole request envelope, with the page's session attributes."""
    sent = envelope(request, device, session_id, turn.new, turn.attributes)
    if screen:
        sent["context"]["Viewport"] = dict(SCREEN_VIEWPORT)
    return sent


def _new_id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Player:
    """Answers turns for every locale it has a recognizer for."""

    endpoint: SkillEndpoint
    recognizers: Mapping[str, Recognizer]
    skill_id: str
    screen: bool = False
    new_id: Callable[[], str] = _new_id
    clock: Callable[[], datetime] = _now

    @property
    def device(self) -> Device:
        # The page is one anonymous device: no account or device id that means anything.
        return Device(
            skill_id=self.skill_id,
            user_id="amzn1.ask.account.classroom",
            device_id="amzn1.ask.device.classroom",
            api_access_token="classroom",
            supported_interfaces=SCREEN_INTERFACES if self.screen else {},
        )

    def turn(self, turn: TurnRequest) -> dict[str, Any]:
        """The page's JSON answer to ``turn``."""
        recognizer = self.recognizers[turn.locale]
        request = alexa_request(
            recognizer,
            turn.text,
            self.skill_id,
            f"amzn1.echo-api.request.{self.new_id()}",
            timestamp(self.clock()),
        )
        session_id = f"amzn1.echo-api.session.{self.new_id()}"
        sent = turn_envelope(request, self.device, session_id, turn, screen=self.screen)
        response = dispatch_envelope(self.endpoint, sent)
        return reply_json(response, session_ended=request["type"] == "SessionEndedRequest")


__all__ = ["SCREEN_INTERFACES", "Player", "alexa_request", "turn_envelope"]
