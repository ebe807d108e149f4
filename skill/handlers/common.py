"""Handler bases keyed on intent names or request types."""

from __future__ import annotations

from typing import ClassVar

from ask_sdk_core.handler_input import HandlerInput

from skill.handlers.base import SkillHandler, intent_name, request_type


class IntentHandler(SkillHandler):
    intents: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.intents


class RequestTypeHandler(SkillHandler):
    request_types: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) in self.request_types
