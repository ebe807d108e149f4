"""Reaching help: the hotline, from any point of a conversation."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from skill import dialogue
from skill.content import Content
from skill.dialogue import Reply
from skill.handlers import intents
from skill.handlers.common import IntentHandler
from skill.state import State


class GetHelpHandler(IntentHandler):
    intents = (intents.GET_HELP,)

    def answer(self, handler_input: HandlerInput, content: Content, state: State) -> Reply:
        return dialogue.hotline(content, state)
