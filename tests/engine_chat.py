"""Talking to the conversation engine directly, as the handlers do, for tests of the pure core."""

from __future__ import annotations

import random

from skill import engine
from skill.content import Content
from skill.modes.base import Request, SlotValue
from skill.render import render
from skill.reply import Reply
from skill.speech import ssml_to_text
from skill.state import FRESH, State


def words(text: str) -> int:
    return len(text.split())


class Chat:
    """One session with the engine: each answer's state carries into the next request."""

    def __init__(self, content: Content, state: State = FRESH, seed: int = 7) -> None:
        self.content = content
        self.state = state
        self.rng = random.Random(seed)
        self.reply: Reply | None = None

    def ask(self, action: str, arg: str | None = None, **slots: str | None) -> Reply:
        values = {name: SlotValue(True, value) for name, value in slots.items()}
        request = Request(action, arg, values)
        self.reply, self.state = engine.answer(self.content, self.state, request, self.rng)
        return self.reply

    def text(self, reply: Reply | None = None) -> str:
        """What a listener hears, as text."""
        chosen = reply or self.reply
        assert chosen is not None
        return ssml_to_text(render(self.content, chosen).ssml)

    def say(self, action: str, arg: str | None = None, **slots: str | None) -> str:
        return self.text(self.ask(action, arg, **slots))
