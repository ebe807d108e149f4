"""Trying the skill without a device: requests as Alexa sends them, answered by the skill.

:mod:`skill.tools.nlu` decides what typed words mean; this module shapes that into
the request envelope Alexa would send (session, context.System, request with
its slots and entity resolutions) and hands it to :func:`skill.dispatch.dispatch`,
as the web endpoint and AWS Lambda do: the same envelope and skill id checks,
then the same skill object through the same SDK path (``build_skill`` behind
ask-sdk-webservice-support's ``WebserviceSkillHandler``, serialiser included).
Session attributes travel from one response to the next request, as on a
device, so "yes", "next", "repeat" and "previous" work across turns.

With ``screen`` the simulator is a medium hub (an Echo Show): its requests list
the Alexa.Presentation.APL interface and its viewport, and it does what the
hub's screen would do with a page it is sent to read aloud: it "reads" it and
sends the ``readAlongDone`` event back, so a turn holds what the listener hears
from the screen and from the answer to that event (see docs/screens.md).

The envelope builders are pure functions of their arguments; :class:`Simulator`
adds ids, the clock and the session.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ask_sdk_core.skill import CustomSkill

from skill import screen as apl
from skill.content import ContentError, load_library
from skill.dispatch import Endpoint, dispatch
from skill.handlers import build_skill
from skill.speech import ssml_to_text
from skill.tools.nlu import (
    Interpretation,
    Recognizer,
    RecognizerError,
    Slot,
    interpret,
    load_recognizer,
)
from skill.webservice import webservice_invoke

# The skill id the simulator uses unless one is given (SKILL_ID, --skill-id).
LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
API_ENDPOINT = "https://api.amazonalexa.com"
USER_INITIATED = "USER_INITIATED"
EXCEEDED_MAX_REPROMPTS = "EXCEEDED_MAX_REPROMPTS"


# What a medium hub (Echo Show, 1024 x 600) tells a skill about itself.
HUB_INTERFACES: Mapping[str, Any] = {
    "AudioPlayer": {},
    apl.APL_INTERFACE: {"runtime": {"maxVersion": "2024.3"}},
}
HUB_VIEWPORT: Mapping[str, Any] = {
    "experiences": [
        {"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False, "canResize": False}
    ],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 1024,
    "pixelHeight": 600,
    "dpi": 160,
    "currentPixelWidth": 1024,
    "currentPixelHeight": 600,
    "touch": ["SINGLE"],
    "keyboard": ["DIRECTION"],
    "video": {"codecs": ["H_264_42", "H_264_41"]},
}


class SimulatorError(Exception):
    """The simulator cannot be set up for the requested locale."""


# --- envelope builders (pure) ---------------------------------------------------


@dataclass(frozen=True)
class Device:
    """Who is talking: the skill, the account and the device, as Alexa names them."""

    skill_id: str
    user_id: str
    device_id: str
    api_access_token: str
    supported_interfaces: Mapping[str, Any] = field(default_factory=dict)
    viewport: Mapping[str, Any] | None = None  # a device with a screen describes it


def timestamp(moment: datetime) -> str:
    """Alexa's request timestamp: ISO 8601 in UTC, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def authority(skill_id: str, type_name: str) -> str:
    """The entity-resolution authority Alexa names for a custom slot type."""
    return f"amzn1.er-authority.echo-sdk.{skill_id}.{type_name}"


def slot_json(slot: Slot, skill_id: str) -> dict[str, Any]:
    """A filled slot, with its resolutions shaped as Alexa sends them."""
    result: dict[str, Any] = {
        "name": slot.name,
        "value": slot.value,
        "confirmationStatus": "NONE",
        "source": "USER",
    }
    slot_value: dict[str, Any] = {"type": "Simple", "value": slot.value}
    if slot.resolution is not None:
        per_authority: dict[str, Any] = {
            "authority": authority(skill_id, slot.type),
            "status": {"code": slot.resolution.code},
        }
        if slot.resolution.values:
            per_authority["values"] = [
                {"value": {"name": name, "id": value_id}}
                for value_id, name in slot.resolution.values
            ]
        resolutions = {"resolutionsPerAuthority": [per_authority]}
        result["resolutions"] = resolutions
        slot_value["resolutions"] = resolutions
    result["slotValue"] = slot_value
    return result


def intent_json(
    heard: Interpretation, slot_names: tuple[str, ...], skill_id: str
) -> dict[str, Any]:
    """The ``intent`` of an IntentRequest: every slot the intent defines, filled or empty."""
    intent: dict[str, Any] = {"name": heard.intent, "confirmationStatus": "NONE"}
    if slot_names:
        filled = {s.name: s for s in heard.slots}
        intent["slots"] = {
            name: slot_json(filled[name], skill_id)
            if name in filled
            else {"name": name, "confirmationStatus": "NONE"}
            for name in slot_names
        }
    return intent


def launch_request(request_id: str, when: str, locale: str) -> dict[str, Any]:
    return {
        "type": "LaunchRequest",
        "requestId": request_id,
        "timestamp": when,
        "locale": locale,
        "shouldLinkResultBeReturned": False,
    }


def intent_request(
    request_id: str, when: str, locale: str, intent: Mapping[str, Any]
) -> dict[str, Any]:
    return {
        "type": "IntentRequest",
        "requestId": request_id,
        "timestamp": when,
        "locale": locale,
        "intent": dict(intent),
    }


def session_ended_request(request_id: str, when: str, locale: str, reason: str) -> dict[str, Any]:
    return {
        "type": "SessionEndedRequest",
        "requestId": request_id,
        "timestamp": when,
        "locale": locale,
        "reason": reason,
    }


def event_source(arguments: list[Any]) -> dict[str, Any]:
    """The ``source`` of a UserEvent with ``arguments``, as the skill's documents name
    their components: ``item-<number>`` for an item, ``choice-<id>`` for a quiz choice,
    ``button-<event>`` for a button, the document's own commands for the read-along's
    end. The skill does not steer by it."""
    if arguments == [apl.EVENT_READ_ALONG_DONE]:
        return {"type": "Document", "handler": "Commands", "id": ""}
    if len(arguments) == 2 and arguments[0] == apl.EVENT_ITEM:
        component = f"item-{arguments[1]}"
    elif len(arguments) == 2 and arguments[0] == apl.EVENT_ANSWER:
        component = f"choice-{arguments[1]}"
    else:
        component = f"button-{arguments[0] if arguments else ''}"
    return {"type": "TouchWrapper", "handler": "Press", "id": component, "value": False}


def user_event_request(
    request_id: str, when: str, locale: str, token: str, arguments: list[Any]
) -> dict[str, Any]:
    """A touch on the screen, or a document's SendEvent (the read-along's end)."""
    return {
        "type": apl.USER_EVENT,
        "requestId": request_id,
        "timestamp": when,
        "locale": locale,
        "token": token,
        "arguments": list(arguments),
        "source": event_source(list(arguments)),
        "components": {},
    }


def envelope(
    request: Mapping[str, Any],
    device: Device,
    session_id: str,
    new: bool,
    attributes: Mapping[str, Any],
) -> dict[str, Any]:
    """The whole request envelope around ``request``."""
    application = {"applicationId": device.skill_id}
    user = {"userId": device.user_id}
    sent: dict[str, Any] = {
        "version": "1.0",
        "session": {
            "new": new,
            "sessionId": session_id,
            "application": dict(application),
            "attributes": dict(attributes),
            "user": dict(user),
        },
        "context": {
            "System": {
                "application": dict(application),
                "user": dict(user),
                "device": {
                    "deviceId": device.device_id,
                    "supportedInterfaces": dict(device.supported_interfaces),
                },
                "apiEndpoint": API_ENDPOINT,
                "apiAccessToken": device.api_access_token,
            }
        },
        "request": dict(request),
    }
    if device.viewport is not None:
        sent["context"]["Viewport"] = dict(device.viewport)
    return sent


# --- one exchange -------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """One request and the skill's response, with the parts a listener notices.

    On a device with a screen, a response may have its page read aloud by the
    screen (``read_along``, the SSML documents in the order spoken); the device
    then reports the end, and ``rest`` is that event and the skill's answer.
    The turn's speech, reprompt and session are then what the listener gets
    from both.
    """

    heard: Interpretation | None  # None for requests not made from words
    request: Mapping[str, Any]
    response: Mapping[str, Any]
    read_along: tuple[str, ...] = ()
    rest: Turn | None = None

    @property
    def _body(self) -> Mapping[str, Any]:
        body = self.response.get("response")
        return body if isinstance(body, Mapping) else {}

    @property
    def ssml(self) -> str | None:
        """Everything said, as one SSML document: the screen's read-along, then the speech."""
        said = [*self.read_along]
        own = _speech_ssml(self._body.get("outputSpeech"))
        if own:
            said.append(own)
        if self.rest is not None and self.rest.ssml:
            said.append(self.rest.ssml)
        if not said:
            return None
        if len(said) == 1:
            return said[0]
        return "<speak>" + " ".join(_inner(s) for s in said) + "</speak>"

    @property
    def text(self) -> str:
        """What Alexa says, as plain text (empty when it says nothing)."""
        return ssml_to_text(self.ssml) if self.ssml else ""

    @property
    def reprompt_ssml(self) -> str | None:
        if self.rest is not None:
            return self.rest.reprompt_ssml
        reprompt = self._body.get("reprompt")
        return _speech_ssml(reprompt.get("outputSpeech")) if isinstance(reprompt, Mapping) else None

    @property
    def reprompt(self) -> str:
        ssml = self.reprompt_ssml
        return ssml_to_text(ssml) if ssml else ""

    @property
    def card(self) -> tuple[str, str] | None:
        """The card's title and text, if the response has one."""
        card = self._body.get("card")
        if not isinstance(card, Mapping):
            return None
        text = card.get("content") or card.get("text") or ""
        return str(card.get("title") or ""), str(text)

    @property
    def ends_session(self) -> bool:
        if self.rest is not None:
            return self.rest.ends_session
        return self._body.get("shouldEndSession") is True

    @property
    def attributes(self) -> dict[str, Any]:
        if self.rest is not None:
            return self.rest.attributes
        attributes = self.response.get("sessionAttributes")
        return dict(attributes) if isinstance(attributes, Mapping) else {}

    @property
    def screen(self) -> Mapping[str, Any] | None:
        """What the screen shows after this turn (its datasource's properties), if anything new."""
        shown = _render_document(self._body)
        return apl.screen_properties_of(shown["datasources"]) if shown is not None else None


def _render_document(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    directives = body.get("directives")
    for directive in directives if isinstance(directives, list) else []:
        if isinstance(directive, Mapping) and directive.get("type") == apl.RENDER_DOCUMENT:
            return directive
    return None


def read_along_of(response: Mapping[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """What a hub's screen reads aloud for ``response``: the document's token and the SSML
    it speaks, when the response has the document read (ExecuteCommands with its token)."""
    body = response.get("response")
    if not isinstance(body, Mapping):
        return None
    shown = _render_document(body)
    directives = body.get("directives")
    if shown is None or not isinstance(directives, list):
        return None
    for directive in directives:
        if (
            isinstance(directive, Mapping)
            and directive.get("type") == apl.EXECUTE_COMMANDS
            and directive.get("token") == shown.get("token")
        ):
            return str(shown["token"]), tuple(apl.read_along_ssml(shown["datasources"]))
    return None


def complete_read_along(turn: Turn, touch: Callable[[str, list[Any]], Turn]) -> Turn:
    """``turn`` as a hub completes it: when its response has the page read aloud by the
    screen, the screen reads it and reports the end through ``touch`` (the document's
    token and ``["readAlongDone"]``); the turn then holds both exchanges. Otherwise
    ``turn`` as it is. Call it only while the session is open."""
    read_along = read_along_of(turn.response)
    if read_along is None:
        return turn
    token, said = read_along
    done = touch(token, [apl.EVENT_READ_ALONG_DONE])
    return Turn(turn.heard, turn.request, turn.response, said, done)


def _inner(ssml: str) -> str:
    if ssml.startswith("<speak>") and ssml.endswith("</speak>"):
        return ssml[len("<speak>") : -len("</speak>")]
    return ssml


def _speech_ssml(speech: Any) -> str | None:
    if not isinstance(speech, Mapping):
        return None
    if speech.get("type") == "PlainText":
        text = speech.get("text")
        return str(text) if text else None
    ssml = speech.get("ssml")
    return str(ssml) if ssml else None


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _new_id() -> str:
    return str(uuid.uuid4())


class Simulator:
    """A device talking to the skill: one session at a time, attributes carried over."""

    def __init__(
        self,
        skill: CustomSkill,
        recognizer: Recognizer,
        *,
        skill_id: str = LOCAL_SKILL_ID,
        clock: Callable[[], datetime] = _now,
        new_id: Callable[[], str] = _new_id,
        screen: bool = False,
    ) -> None:
        self.recognizer = recognizer
        self.locale = recognizer.locale
        self.skill_id = skill_id
        self._clock = clock
        self._new_id = new_id
        self._endpoint = Endpoint(invoke=webservice_invoke(skill), skill_id=skill.skill_id)
        self.screen = screen
        self.device = Device(
            skill_id=skill_id,
            user_id=f"amzn1.ask.account.{new_id()}",
            device_id=f"amzn1.ask.device.{new_id()}",
            api_access_token=f"simulator.{new_id()}",
            supported_interfaces=HUB_INTERFACES if screen else {},
            viewport=HUB_VIEWPORT if screen else None,
        )
        self.session_id: str | None = None
        self.attributes: dict[str, Any] = {}
        self._new = True
        self.last: Turn | None = None

    @property
    def in_session(self) -> bool:
        return self.session_id is not None

    def say(self, text: str) -> Turn:
        """What the skill answers to ``text`` (empty text opens the skill)."""
        if not text.strip():
            return self.launch()
        heard = interpret(self.recognizer, text)
        if heard.kind == "launch":
            return self.launch(heard)
        if heard.kind == "end_session":
            return self.end_session(USER_INITIATED, heard)
        return self.intent(heard)

    def launch(self, heard: Interpretation | None = None) -> Turn:
        return self.send(launch_request(self._request_id(), self._when(), self.locale), heard)

    def intent(self, heard: Interpretation) -> Turn:
        slot_names = tuple(
            name for name, _ in self.recognizer.intent_slots.get(heard.intent or "", ())
        )
        intent = intent_json(heard, slot_names, self.skill_id)
        return self.send(
            intent_request(self._request_id(), self._when(), self.locale, intent), heard
        )

    def end_session(self, reason: str, heard: Interpretation | None = None) -> Turn:
        """Alexa closing the session: the skill is told, and cannot speak."""
        request = session_ended_request(self._request_id(), self._when(), self.locale, reason)
        return self.send(request, heard)

    def touch(self, token: str, arguments: list[Any]) -> Turn:
        """A touch on the screen (``arguments`` as the document's SendEvent sends them)."""
        request = user_event_request(
            self._request_id(), self._when(), self.locale, token, arguments
        )
        return self.send(request)

    def send(self, request: Mapping[str, Any], heard: Interpretation | None = None) -> Turn:
        """Dispatch ``request`` in the current session (starting one if none is open).

        With a screen, a page sent to be read aloud is read, and its end
        reported, as a hub does: the turn holds both exchanges.
        """
        turn = self._exchange(request, heard)
        if self.screen and self.session_id is not None:
            turn = complete_read_along(turn, self.touch)
        self.last = turn
        return turn

    def _exchange(self, request: Mapping[str, Any], heard: Interpretation | None) -> Turn:
        if self.session_id is None:
            self.session_id = f"amzn1.echo-api.session.{self._new_id()}"
            self.attributes = {}
            self._new = True
        sent = envelope(request, self.device, self.session_id, self._new, self.attributes)
        status, response = dispatch(self._endpoint, {}, sent)
        if status != 200:
            raise SimulatorError(f"the skill refused the request: {response.get('error')}")
        turn = Turn(heard, sent, response)
        self._new = False
        self.attributes = turn.attributes
        if turn.ends_session or request.get("type") == "SessionEndedRequest":
            self.session_id = None
            self.attributes = {}
        return turn

    def _request_id(self) -> str:
        return f"amzn1.echo-api.request.{self._new_id()}"

    def _when(self) -> str:
        return timestamp(self._clock())


def build_simulator(
    locale: str,
    *,
    skill_id: str | None = None,
    content_dir: Path | None = None,
    model_dir: Path | None = None,
    rng: random.Random | None = None,
    clock: Callable[[], datetime] = _now,
    new_id: Callable[[], str] = _new_id,
    screen: bool = False,
) -> Simulator:
    """The skill as the endpoint builds it, with the locale's model and content.

    ``screen``: the device is a medium hub (see :class:`Simulator`).
    """
    try:
        library = load_library(content_dir)
    except ContentError as exc:
        raise SimulatorError(str(exc)) from exc
    if locale not in library.by_locale:
        known = ", ".join(sorted(library.by_locale))
        raise SimulatorError(f"no content for {locale} (content exists for: {known})")
    try:
        recognizer = load_recognizer(locale, model_dir)
    except RecognizerError as exc:
        raise SimulatorError(str(exc)) from exc
    skill_id = skill_id or LOCAL_SKILL_ID
    skill = build_skill(library, skill_id=skill_id, rng=rng)
    return Simulator(
        skill, recognizer, skill_id=skill_id, clock=clock, new_id=new_id, screen=screen
    )


__all__ = [
    "EXCEEDED_MAX_REPROMPTS",
    "HUB_INTERFACES",
    "HUB_VIEWPORT",
    "LOCAL_SKILL_ID",
    "USER_INITIATED",
    "Device",
    "Simulator",
    "SimulatorError",
    "Turn",
    "authority",
    "build_simulator",
    "complete_read_along",
    "envelope",
    "event_source",
    "intent_json",
    "read_along_of",
    "slot_json",
    "user_event_request",
]
