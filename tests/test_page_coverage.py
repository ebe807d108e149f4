"""Every sentence and bullet of the source page is spoken by some conversation."""

from __future__ import annotations

import re
from pathlib import Path

from skill.content import Content
from tests.alexa import Conversation, category_slot

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
    heard: list[str] = []
    for topic in content.topics.values():
        talk.no()
        talk.launch()
        if topic.id == "definition":
            heard.append(talk.say("WhatIsTraffickingIntent").text)
        elif topic.id == "risk_factors":
            heard.append(talk.say("RiskFactorsIntent").text)
        else:
            heard.append(talk.say("SafetyTipsIntent", category_slot(topic.title, topic.id)).text)
        for _ in topic.pages[1:]:
            heard.append(talk.next().text)
    heard.append(talk.say("LearnMoreIntent").text)
    heard.append(talk.say("GetHelpIntent").text)
    return normalise(" ".join(heard))


def test_the_page_parses_into_the_expected_units() -> None:
    sentences, bullets = page_units()
    assert len(bullets) == 11 + 4 + 5 + 4
    assert len(sentences) == 1 + 4 + 3 + 1


def test_every_sentence_and_bullet_is_spoken(talk: Conversation, content: Content) -> None:
    spoken = everything_spoken(talk, content)
    sentences, bullets = page_units()
    missing = [s for s in sentences + bullets if s not in spoken]
    assert missing == []
