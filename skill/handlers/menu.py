"""Opening the skill, going back to the menu, and asking what can be said."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from skill import dialogue
from skill.content import Content
from skill.dialogue import Reply
from skill.handlers import intents
from skill.handlers.common import IntentHandler, RequestTypeHandler
from skill.state import State


class LaunchHandler(RequestTypeHandler):
    request_types = ("LaunchRequest",)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.launch(content, state)


class MenuHandler(IntentHandler):
    """StartOver and NavigateHome: back to the menu."""

    intents = (intents.START_OVER, intents.NAVIGATE_HOME)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.menu(content, state)


class HelpHandler(IntentHandler):
    intents = (intents.HELP,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.help_(content, state)


class FallbackHandler(IntentHandler):
    intents = (intents.FALLBACK,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.fallback(content, state)


class UnknownIntentHandler(RequestTypeHandler):
    """An intent this skill does not define (an outdated or foreign model): as Fallback."""

    request_types = ("IntentRequest",)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.fallback(content, state)
