"""Every sentence and bullet of the source page is spoken by some conversation."""

from __future__ import annotations

import re
from pathlib import Path

from skill.content import Content
from skill.routing import INTENT_ROUTES
from tests.conversation import Conversation
from tests.envelopes import category_slot
from tests.locales import pinned_locale

# The source page is in English: its sentences are checked against en-US.
locale = pinned_locale()

PAGE = Path(__file__).parent / "fixtures" / "youth-safety-page.txt"
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z])")


def normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def page_units() -> tuple[list[str], list[str]]:
    """The page's sentences (from its paragraphs) and its bullets."""
    body = PAGE.read_text(encoding="utf-8").split("----", 1)[1]
    sentences: list[str] = []
    bullets: list[str] = []
    for line in (raw.strip() for raw in body.splitlines()):
        if line.startswith("•"):
            bullets.append(normalise(line.lstrip("• ")))
        elif len(line.split()) > 6:  # a paragraph, not a heading
            sentences.extend(normalise(s) for s in _SENTENCE_END.split(line))
    return sentences, bullets


def everything_spoken(talk: Conversation, content: Content) -> str:
    """Every topic, opened by its own intent (or as a tip category) and read to the end."""
    heard: list[str] = []
    opened_by = {route.arg: intent for intent, route in INTENT_ROUTES.items() if route.arg}
    for topic in content.topics.values():
        talk.launch()
        if topic.id in opened_by:
            heard.append(talk.say(opened_by[topic.id]).text)
        else:
            heard.append(talk.say("SafetyTipsIntent", category_slot(topic.title, topic.id)).text)
        for _ in topic.pages[1:]:
            heard.append(talk.next().text)
    return normalise(" ".join(heard))


def test_the_parser_keeps_every_bullet_and_every_paragraph_whole() -> None:
    body = PAGE.read_text(encoding="utf-8").split("----", 1)[1]
    sentences, bullets = page_units()
    bullet_lines = [
        normalise(line.strip().lstrip("• "))
        for line in body.splitlines()
        if line.strip().startswith("•")
    ]
    assert bullets == bullet_lines
    paragraphs = [
        normalise(line)
        for line in body.splitlines()
        if len(line.split()) > 6 and not line.strip().startswith("•")
    ]
    assert " ".join(sentences) == " ".join(paragraphs)


def spoken_form(unit: str) -> str:
    """A sentence that introduces the list ("..., including:") is spoken ending in a period."""
    return unit[: -len(", including:")] + "." if unit.endswith(", including:") else unit


def test_every_sentence_and_bullet_is_spoken(talk: Conversation, content: Content) -> None:
    spoken = everything_spoken(talk, content)
    sentences, bullets = page_units()
    missing = [s for s in sentences + bullets if spoken_form(s) not in spoken]
    assert missing == []
