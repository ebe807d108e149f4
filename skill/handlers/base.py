"""Glue between the SDK and :mod:`skill.dialogue`: read state, answer, respond."""

from __future__ import annotations

import random
from abc import abstractmethod
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill.content import Content, Library
from skill.dialogue import Reply
from skill.state import State, from_attributes, to_attributes


def has_session(handler_input: HandlerInput) -> bool:
    return handler_input.request_envelope.session is not None


def content_for(library: Library, handler_input: HandlerInput) -> Content:
    request = handler_input.request_envelope.request
    locale = getattr(request, "locale", None)
    return library.for_locale(locale if isinstance(locale, str) else None)


def read_state(handler_input: HandlerInput) -> State:
    if not has_session(handler_input):
        return State()
    return from_attributes(handler_input.attributes_manager.session_attributes)


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    """Turn a :class:`Reply` into the SDK response, saving the state in the session."""
    builder = handler_input.response_builder
    builder.speak(reply.speech)
    if reply.reprompt is not None and not reply.end_session:
        builder.ask(reply.reprompt)
    if reply.card_title is not None and reply.card_text is not None:
        builder.set_card(SimpleCard(title=reply.card_title, content=reply.card_text))
    builder.set_should_end_session(reply.end_session)
    if has_session(handler_input):
        handler_input.attributes_manager.session_attributes = to_attributes(reply.state)
    return builder.response


class Dependencies:
    """What every handler needs: the content and a source of randomness."""

    def __init__(self, library: Library, rng: random.Random) -> None:
        self.library = library
        self.rng = rng


class SkillHandler(AbstractRequestHandler):
    """A handler whose answer is a pure function of content, state and request."""

    def __init__(self, deps: Dependencies) -> None:
        self.deps = deps

    @abstractmethod
    def can_handle(self, handler_input: HandlerInput) -> bool: ...

    @abstractmethod
    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply: ...

    def handle(self, handler_input: HandlerInput) -> Response:
        content = content_for(self.deps.library, handler_input)
        return respond(
            handler_input, self.answer(handler_input, content, read_state(handler_input))
        )


def intent_name(handler_input: HandlerInput) -> str | None:
    request: Any = handler_input.request_envelope.request
    if getattr(request, "object_type", None) != "IntentRequest":
        return None
    intent = getattr(request, "intent", None)
    name = getattr(intent, "name", None)
    return name if isinstance(name, str) else None


def request_type(handler_input: HandlerInput) -> str | None:
    request: Any = handler_input.request_envelope.request
    value = getattr(request, "object_type", None)
    return value if isinstance(value, str) else None
