"""Turning a :class:`~skill.reply.Reply` into what a device presents: SSML and a card.

Replies are few and made of content text, so each rendering is memoised.
(Screens are rendered by :mod:`skill.screen`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from skill.content import Content
from skill.reply import Reply
from skill.speech import Speech, lines, say, to_plain, to_ssml


@dataclass(frozen=True)
class Rendered:
    ssml: str  # inner SSML, without <speak>
    reprompt: str | None
    card_title: str | None
    card_text: str | None


def body(reply: Reply) -> Speech:
    """Lead sentences, the items (as a list, or as prose), and the sentences after them."""
    speech = say(*reply.lead)
    texts = [item.text for item in reply.items]
    speech = speech.items(texts) if reply.listed else speech.prose(*texts)
    return speech.prose(*reply.after)


def spoken(reply: Reply) -> Speech:
    return body(reply).prose(*reply.prompt)


@lru_cache(maxsize=2048)
def render(content: Content, reply: Reply) -> Rendered:
    ssml = to_ssml(spoken(reply), content.numbers)
    reprompt = None
    if reply.reprompt and not reply.end_session:
        reprompt = to_ssml(say(*reply.reprompt), content.numbers)
    title, text = card(content, reply) or (None, None)
    return Rendered(ssml, reprompt, title, text)


def card(content: Content, reply: Reply) -> tuple[str, str] | None:
    """The card for the Alexa app, or None.

    A help card is the same whatever was said: only the resources, so the
    phone it reaches (a parent's or a teacher's) learns nothing about why help
    was asked for. A content card holds the page's words and the footer.
    """
    if reply.resources:
        return content.help.title, to_plain(lines(*content.help.card), content.numbers)
    if not reply.card:
        return None
    text = to_plain(body(reply).prose(content.footer), content.numbers)
    return reply.title or content.skill_name, text


def plain(content: Content, reply: Reply) -> str:
    """What the reply says, as plain text (numbers written as on a card)."""
    return to_plain(spoken(reply), content.numbers)
