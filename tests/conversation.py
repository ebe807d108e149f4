"""The one way tests hold a conversation with the skill: over the pure engine, or through the endpoint.

    talk = Conversation.engine(content)                  # the engine alone: fast
    talk = Conversation.endpoint(client, "es-US")        # the whole stack, as a device
    talk = Conversation.endpoint(client, hub=True)       # as an Echo Show: screens, touches

Either way a test says the same things (:meth:`~Conversation.launch`,
:meth:`~Conversation.say` an intent with its slots, :meth:`~Conversation.ask`
for an action, :meth:`~Conversation.yes`, :meth:`~Conversation.no`,
:meth:`~Conversation.next`, :meth:`~Conversation.touch` the screen) and reads
the same :class:`Turn`: the words spoken (``text``, ``ssml``), the
``reprompt``, the ``card``, the ``screen``, whether the session ends, and the
state after it. The session carries from turn to turn as on a device.

Through the endpoint every request is an envelope (tests/envelopes.py) posted
to ``/alexa`` of a test app, through the checks, the SDK and the handlers.
Over the engine the same envelopes are routed by the skill's routing table
(an action asked for is routed already), answered by :func:`step`, the
engine call the walk of every reachable turn (tests/walk.py) makes, and made
into a response by the handlers' own :func:`~skill.handlers.conversation.respond`;
each turn also carries the engine's :class:`~skill.reply.Reply`.
"""

from __future__ import annotations

import json
import random
from abc import ABC, abstractmethod
from typing import Any
from xml.etree import ElementTree

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.context import Context
from ask_sdk_model.device import Device
from ask_sdk_model.interfaces.alexa.presentation.apl import AlexaPresentationAplInterface
from ask_sdk_model.interfaces.system import SystemState
from ask_sdk_model.supported_interfaces import SupportedInterfaces
from flask.testing import FlaskClient

from skill import engine
from skill.content import DEFAULT_LOCALE, Content
from skill.handlers.conversation import respond
from skill.modes.base import Request, SlotValue
from skill.render import render
from skill.reply import Reply
from skill.routing import to_request
from skill.serializer import FastSerializer
from skill.speech import ssml_to_text
from skill.state import FRESH, State, from_attributes, to_attributes
from skill.vocabulary import Action
from tests.envelopes import (
    EXECUTE_COMMANDS,
    LIST_TOKEN,
    RENDER_DOCUMENT,
    envelope_for,
    intent_request,
    launch_request,
    on_hub,
    user_event,
    voice_only,
)

SERIALIZER = FastSerializer()
SEED = 7  # the random generator of a conversation over the engine


def words(text: str) -> int:
    return len(text.split())


def reply_text(content: Content, reply: Reply) -> str:
    """What a listener hears for ``reply``, as text."""
    return ssml_to_text(render(content, reply).ssml)


class Turn:
    """One response, with the parts a listener notices.

    ``body`` is the response envelope (``sessionAttributes`` and ``response``);
    ``state`` the conversation state after it. Over the engine, ``reply`` is
    the engine's reply too.
    """

    def __init__(
        self,
        status: int,
        body: dict[str, Any],
        *,
        state: State | None = None,
        reply: Reply | None = None,
    ) -> None:
        self.status = status
        self.body = body
        self.response: dict[str, Any] = body.get("response", {})
        self.attributes: dict[str, Any] = body.get("sessionAttributes") or {}
        self.state = state if state is not None else from_attributes(self.attributes)[0]
        self._reply = reply

    @property
    def reply(self) -> Reply:
        """The engine's reply (only a conversation over the engine sees it)."""
        assert self._reply is not None, "the endpoint sends no Reply: talk over the engine"
        return self._reply

    @property
    def ssml(self) -> str:
        speech: str = self.response["outputSpeech"]["ssml"]
        return speech

    @property
    def text(self) -> str:
        """What Alexa says, as plain text."""
        return ssml_to_text(self.ssml) if "outputSpeech" in self.response else ""

    @property
    def reprompt(self) -> str:
        return ssml_to_text(self.response["reprompt"]["outputSpeech"]["ssml"])

    @property
    def ends_session(self) -> bool | None:
        value: bool | None = self.response.get("shouldEndSession")
        return value

    @property
    def card(self) -> dict[str, Any] | None:
        card: dict[str, Any] | None = self.response.get("card")
        return card

    @property
    def directives(self) -> list[dict[str, Any]]:
        directives: list[dict[str, Any]] = self.response.get("directives") or []
        return directives

    def directive(self, kind: str) -> dict[str, Any] | None:
        """The response's directive of type ``kind``, if it has one."""
        found = [d for d in self.directives if d.get("type") == kind]
        assert len(found) <= 1, found
        return found[0] if found else None

    @property
    def screen(self) -> dict[str, Any] | None:
        """The properties of the screen the response shows, if it shows one."""
        document = self.directive(RENDER_DOCUMENT)
        if document is None:
            return None
        properties: dict[str, Any] = document["datasources"]["screen"]["properties"]
        return properties


def assert_valid_response(turn: Turn) -> None:
    """What Alexa requires of every spoken response."""
    assert turn.status == 200
    if "outputSpeech" not in turn.response:
        # Silent (a session's end), or a screen reading the page aloud: it
        # neither waits for an answer nor ends the session.
        assert "reprompt" not in turn.response
        if turn.directive(EXECUTE_COMMANDS) is not None:
            assert "shouldEndSession" not in turn.response
        return
    ssml = turn.ssml
    assert len(ssml) <= 8000
    ElementTree.fromstring(ssml)  # raises on invalid XML
    assert ssml.startswith("<speak>")
    if turn.ends_session is False:
        reprompt = turn.response["reprompt"]["outputSpeech"]["ssml"]
        ElementTree.fromstring(reprompt)
    else:
        assert turn.ends_session is True


def post(client: FlaskClient, envelope: dict[str, Any] | str | bytes) -> Turn:
    """``envelope`` posted to the endpoint as it is, and its answer."""
    data = envelope if isinstance(envelope, (str, bytes)) else json.dumps(envelope)
    result = client.post("/alexa", data=data, content_type="application/json")
    body = result.get_json(silent=True)
    assert isinstance(body, dict), result.data[:200]
    return Turn(result.status_code, body)


# --- the engine's turn ------------------------------------------------------------------------


def step(
    content: Content, state: State, request: Request, rng: random.Random
) -> tuple[Reply, State]:
    """The engine's answer to ``request`` in ``state``: what every turn over the engine runs."""
    return engine.answer(content, state, request, rng)


def _device(on_screen: bool) -> HandlerInput:
    """A handler input for a device with a screen (the APL interface), or without one."""
    interfaces = SupportedInterfaces(
        alexa_presentation_apl=AlexaPresentationAplInterface() if on_screen else None
    )
    device = Device(device_id="test", supported_interfaces=interfaces)
    envelope = RequestEnvelope(context=Context(system=SystemState(device=device)))
    return HandlerInput(request_envelope=envelope)


def response_body(
    content: Content, reply: Reply, after: State, *, on_screen: bool
) -> dict[str, Any]:
    """The response envelope the handlers send for ``reply`` (the state ``after`` it saved)."""
    read_along = on_screen and engine.replays(content, after, reply)
    response = respond(
        _device(on_screen), content, reply, on_screen=on_screen, read_along=read_along
    )
    return {
        "version": "1.0",
        "sessionAttributes": to_attributes(after),
        "response": SERIALIZER.serialize(response),
    }


def engine_turn(
    content: Content, state: State, request: Request, rng: random.Random, *, on_screen: bool
) -> Turn:
    """One turn over the engine: :func:`step`, and the response the handlers make of it."""
    reply, after = step(content, state, request, rng)
    body = response_body(content, reply, after, on_screen=on_screen)
    return Turn(200, body, state=after, reply=reply)


# --- the conversation -------------------------------------------------------------------------


class Conversation(ABC):
    """One session with the skill: each answer's session carries into the next request.

    Make one with :meth:`engine` or :meth:`endpoint`. With ``hub`` the device
    is a medium hub (an Echo Show): every response shows its screen, and
    :meth:`touch` sends what the screen sends.
    """

    def __init__(self, locale: str, hub: bool) -> None:
        self.locale = locale
        self.hub = hub
        self.turns: list[Turn] = []

    @staticmethod
    def engine(
        content: Content, state: State = FRESH, *, seed: int = SEED, hub: bool = False
    ) -> EngineConversation:
        """A conversation with the pure engine in ``content``'s locale, from ``state``."""
        return EngineConversation(content, state, random.Random(seed), hub=hub)

    @staticmethod
    def endpoint(
        client: FlaskClient, locale: str = DEFAULT_LOCALE, *, hub: bool = False
    ) -> EndpointConversation:
        """A conversation with the endpoint of ``client``'s app, every request in ``locale``."""
        return EndpointConversation(client, locale, hub=hub)

    # --- what a test says ---

    def launch(self) -> Turn:
        return self._send(launch_request())

    def say(self, intent: str, slots: dict[str, Any] | None = None) -> Turn:
        """``intent``, with ``slots`` as Alexa sends them (tests/envelopes.py builds them)."""
        return self._send(intent_request(intent, slots=slots))

    def ask(self, action: Action | str, arg: str | None = None, **slots: str | None) -> Turn:
        """What asks for ``action`` (with ``arg``), each slot said and resolved to its id
        (None: said, resolved to none)."""
        values = {name: SlotValue(True, value) for name, value in slots.items()}
        return self._ask(Request(Action(action), arg, values))

    def touch(self, *arguments: Any, token: Any = None) -> Turn:
        """A UserEvent from the screen on show (``token``: that of the last document sent)."""
        return self._send(user_event(list(arguments), self._token() if token is None else token))

    def yes(self) -> Turn:
        return self.ask(Action.YES)

    def no(self) -> Turn:
        return self.ask(Action.NO)

    def next(self) -> Turn:
        return self.ask(Action.NEXT)

    def previous(self) -> Turn:
        return self.ask(Action.PREVIOUS)

    def repeat(self) -> Turn:
        return self.ask(Action.REPEAT)

    # --- what a test reads ---

    @property
    def last(self) -> Turn:
        assert self.turns, "nothing said yet"
        return self.turns[-1]

    @property
    def attributes(self) -> dict[str, Any]:
        """The session attributes the next request carries."""
        return to_attributes(self.state)

    @property
    @abstractmethod
    def state(self) -> State:
        """The conversation state the next request starts from."""

    # --- how a request is answered ---

    def _token(self) -> Any:
        """The token of the last document sent (a touch comes from it), else the list's."""
        shown = [t.directive(RENDER_DOCUMENT) for t in reversed(self.turns)]
        return next((d["token"] for d in shown if d is not None), LIST_TOKEN)

    @abstractmethod
    def _send(self, envelope: dict[str, Any]) -> Turn: ...

    @abstractmethod
    def _ask(self, request: Request) -> Turn: ...


class EngineConversation(Conversation):
    """Over the pure engine: no endpoint, no SDK dispatch; the handlers' response."""

    def __init__(self, content: Content, state: State, rng: random.Random, *, hub: bool) -> None:
        super().__init__(content.locale, hub)
        self.content = content
        self._state = state
        self.rng = rng

    @property
    def state(self) -> State:
        return self._state

    def _send(self, envelope: dict[str, Any]) -> Turn:
        parsed = SERIALIZER.deserialize(envelope, RequestEnvelope).request
        request = to_request(
            getattr(parsed, "object_type", None),
            getattr(parsed, "intent", None),
            token=getattr(parsed, "token", None),
            arguments=getattr(parsed, "arguments", None),
        )
        assert request is not None, envelope["request"]
        return self._ask(request)

    def _ask(self, request: Request) -> Turn:
        turn = engine_turn(self.content, self._state, request, self.rng, on_screen=self.hub)
        assert_valid_response(turn)
        self._state = turn.state
        self.turns.append(turn)
        return turn


class EndpointConversation(Conversation):
    """Through the endpoint of a test app, like a device: envelopes in, envelopes out."""

    def __init__(self, client: FlaskClient, locale: str, *, hub: bool) -> None:
        super().__init__(locale, hub)
        self.client = client
        self.session: dict[str, Any] = {}
        self.new = True

    @property
    def state(self) -> State:
        return from_attributes(self.session)[0]

    @property
    def attributes(self) -> dict[str, Any]:
        return self.session

    @attributes.setter
    def attributes(self, value: dict[str, Any]) -> None:
        """Session attributes of a test's own making, for the next request."""
        self.session = value

    def _ask(self, request: Request) -> Turn:
        return self._send(envelope_for(request, self._token()))

    def _send(self, envelope: dict[str, Any]) -> Turn:
        envelope["request"]["locale"] = self.locale
        envelope["session"]["new"] = self.new
        envelope["session"]["attributes"] = self.session
        return self.send(on_hub(envelope) if self.hub else voice_only(envelope))

    def send(self, envelope: dict[str, Any]) -> Turn:
        """``envelope`` as it is, as the next turn: its session carries on."""
        turn = post(self.client, envelope)
        assert_valid_response(turn)
        self.new = False
        self.session = turn.attributes
        self.turns.append(turn)
        return turn
