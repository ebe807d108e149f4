"""Moving through what is being read: yes, no, next, previous, repeat."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from skill import dialogue
from skill.content import Content
from skill.dialogue import Reply
from skill.handlers import intents
from skill.handlers.common import IntentHandler
from skill.state import State


class YesHandler(IntentHandler):
    intents = (intents.YES,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.yes(content, state, self.deps.rng)


class NoHandler(IntentHandler):
    intents = (intents.NO,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.no(content, state)


class NextHandler(IntentHandler):
    intents = (intents.NEXT,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.next_page(content, state, self.deps.rng)


class PreviousHandler(IntentHandler):
    intents = (intents.PREVIOUS,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.previous_page(content, state)


class RepeatHandler(IntentHandler):
    intents = (intents.REPEAT,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.repeat(content, state)
