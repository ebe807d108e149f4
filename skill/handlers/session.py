"""Requests that take no speech, and what happens when handling a request fails."""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill import engine
from skill.content import Library
from skill.handlers.conversation import loaded, request_type, respond, save
from skill.logs import safe

logger = logging.getLogger(__name__)

# Requests Alexa does not let a skill answer with speech.
SILENT_REQUESTS = ("SessionEndedRequest", "System.ExceptionEncountered")


class SilentRequestHandler(AbstractRequestHandler):
    """SessionEndedRequest and System.ExceptionEncountered: log why, say nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) in SILENT_REQUESTS

    def handle(self, handler_input: HandlerInput) -> Response:
        request: Any = handler_input.request_envelope.request
        reason = getattr(getattr(request, "reason", None), "value", None)
        error = getattr(request, "error", None)
        error_type = getattr(getattr(error, "object_type", None), "value", None)
        # Every part comes from the request: escaped and cut (a message can be 200 KB).
        logger.info(
            "%s: reason=%s error=%s",
            safe(request_type(handler_input)),
            safe(reason),
            safe(error_type or getattr(error, "message", None)),
        )
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Say so, give the hotline, and keep the session and its place."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        logger.error(
            "handling %s failed: %s: %s",
            safe(request_type(handler_input)),
            type(exception).__name__,
            safe(exception),
        )
        # Start from a clean response: the failed handler may have half-built one.
        response = handler_input.response_builder.response
        response.output_speech = response.card = response.reprompt = None
        response.directives = None
        content, state = loaded(handler_input, self.library)
        save(handler_input, state)
        if request_type(handler_input) in SILENT_REQUESTS:
            return handler_input.response_builder.response
        return respond(handler_input, content, engine.error_reply(content))
