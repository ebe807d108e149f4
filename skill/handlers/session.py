"""Leaving the skill, and requests that must not be answered with speech."""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import dialogue
from skill.content import Content
from skill.dialogue import Reply
from skill.handlers import intents
from skill.handlers.base import Dependencies, content_for, read_state, request_type, respond
from skill.handlers.common import IntentHandler
from skill.state import State

logger = logging.getLogger(__name__)

# Requests Alexa does not let a skill answer with speech.
SILENT_REQUESTS = ("SessionEndedRequest", "System.ExceptionEncountered")


class StopHandler(IntentHandler):
    """Stop and Cancel: a short goodbye, and the session ends."""

    intents = (intents.STOP, intents.CANCEL)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.goodbye(content, state)


class SilentRequestHandler(AbstractRequestHandler):
    """SessionEndedRequest and System.ExceptionEncountered: log why, say nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) in SILENT_REQUESTS

    def handle(self, handler_input: HandlerInput) -> Response:
        request: Any = handler_input.request_envelope.request
        reason = getattr(getattr(request, "reason", None), "value", None)
        error = getattr(request, "error", None)
        error_type = getattr(getattr(error, "object_type", None), "value", None)
        logger.info(
            "%s: reason=%s error=%s",
            request_type(handler_input),
            reason,
            error_type or getattr(error, "message", None),
        )
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Apologise and keep the session usable, with its place kept."""

    def __init__(self, deps: Dependencies) -> None:
        self.deps = deps

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        logger.error(
            "handling %s failed: %s: %s",
            request_type(handler_input),
            type(exception).__name__,
            exception,
        )
        # Start from a clean response: the failed handler may have half-built one.
        handler_input.response_builder.response.output_speech = None
        handler_input.response_builder.response.card = None
        handler_input.response_builder.response.reprompt = None
        if request_type(handler_input) in SILENT_REQUESTS:
            return handler_input.response_builder.response
        try:
            content = content_for(self.deps.library, handler_input)
            state = read_state(handler_input)
        except Exception:  # noqa: BLE001 - the request itself is too broken to read
            content, state = self.deps.library.for_locale(None), State()
        return respond(handler_input, dialogue.error(content, state))
