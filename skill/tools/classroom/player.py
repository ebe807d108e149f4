"""One classroom turn: typed words or a touch in, the page's JSON out, nothing kept in between.

The words are understood as ``python -m skill say`` understands them
(:func:`skill.tools.nlu.interpret` over the locale's interaction model), shaped into
the request Alexa would send by :mod:`skill.tools.simulator`'s envelope builders, and
answered by the skill through :mod:`skill.tools.classroom.adapter`. The page
sends the session attributes back with each turn, so the server holds no state.

The page is a screen device, a medium hub as ``say --screen`` plays one: its
requests list the APL interface and the hub's viewport, so answers carry the
screen's content, and a touch on the page's screen is the UserEvent the hub
would send. Where the screen is sent a page to read aloud, the player does what
the hub does when it has read it: it sends the ``readAlongDone`` event, in the
same session, and the turn's reply holds both exchanges (the page, then the
rest of the turn), so the browser speaks what a listener hears from a device.
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
    HUB_INTERFACES,
    HUB_VIEWPORT,
    USER_INITIATED,
    Device,
    Turn,
    complete_read_along,
    envelope,
    intent_json,
    intent_request,
    launch_request,
    session_ended_request,
    timestamp,
    user_event_request,
)


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
    new_id: Callable[[], str] = _new_id
    clock: Callable[[], datetime] = _now

    @property
    def device(self) -> Device:
        # The page is one anonymous hub: no account or device id that means anything.
        return Device(
            skill_id=self.skill_id,
            user_id="amzn1.ask.account.classroom",
            device_id="amzn1.ask.device.classroom",
            api_access_token="classroom",
            supported_interfaces=HUB_INTERFACES,
            viewport=HUB_VIEWPORT,
        )

    def request(self, turn: TurnRequest) -> dict[str, Any]:
        """The ``request`` Alexa would send for ``turn``: its words, or its touch."""
        request_id, when = self._request_id(), timestamp(self.clock())
        if turn.event is not None:
            return user_event_request(request_id, when, turn.locale, turn.token, [*turn.event])
        return alexa_request(
            self.recognizers[turn.locale], turn.text, self.skill_id, request_id, when
        )

    def turn(self, turn: TurnRequest) -> dict[str, Any]:
        """The page's JSON answer to ``turn``."""
        session_id = f"amzn1.echo-api.session.{self.new_id()}"
        device = self.device

        def exchange(request: Mapping[str, Any], new: bool, attributes: Mapping[str, Any]) -> Turn:
            sent = envelope(request, device, session_id, new, attributes)
            return Turn(None, sent, dispatch_envelope(self.endpoint, sent))

        request = self.request(turn)
        answered = exchange(request, turn.new, turn.attributes)
        session_ended = request["type"] == "SessionEndedRequest"
        if not (session_ended or answered.ends_session):

            def read_along_done(token: str, arguments: list[Any]) -> Turn:
                done = user_event_request(
                    self._request_id(), timestamp(self.clock()), turn.locale, token, arguments
                )
                return exchange(done, False, answered.attributes)

            answered = complete_read_along(answered, read_along_done)
        return reply_json(answered, session_ended=session_ended)

    def _request_id(self) -> str:
        return f"amzn1.echo-api.request.{self.new_id()}"


__all__ = ["Player", "alexa_request"]
