"""SSML to what a browser's speech synthesis can say: text segments and the pauses after them.

The Web Speech API speaks plain text only. :func:`ssml_to_segments` keeps what
the SSML asks for that matters to a listener:

- ``<break>`` ends a segment; its ``time`` (or ``strength``) is the pause after it;
- ``<p>`` ends a segment with a paragraph's pause; ``<s>`` ends one with no pause
  added (the browser pauses between utterances as between sentences, and short
  utterances are not cut off the way some browsers cut long ones);
- ``<say-as interpret-as="telephone">1-888-373-7888</say-as>`` becomes
  "1, 8 8 8, 3 7 3, 7 8 8 8" and ``digits`` / ``characters`` / ``spell-out``
  are spaced out, so the browser reads them digit by digit, not as amounts;
- ``<sub alias>`` speaks the alias; ``<audio>`` says nothing; any other element
  (``<prosody>``, ``<emphasis>``, ``<lang>``, ``<voice>``, ...) speaks its text;
- entities are decoded.

SSML that does not parse is spoken as its text without tags, in one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from xml.etree import ElementTree

# Alexa's break strengths: none and x-weak add no pause; weak and medium are a
# comma's; strong is a sentence's; x-strong a paragraph's. The browser pauses
# of its own at the end of a segment, so these are what is added to that.
COMMA_PAUSE_MS = 250
SENTENCE_PAUSE_MS = 500
PARAGRAPH_PAUSE_MS = 750
STRENGTH_PAUSE_MS = {
    "none": 0,
    "x-weak": 0,
    "weak": COMMA_PAUSE_MS,
    "medium": COMMA_PAUSE_MS,
    "strong": SENTENCE_PAUSE_MS,
    "x-strong": PARAGRAPH_PAUSE_MS,
}
MAX_BREAK_MS = 10_000  # Alexa's longest break

_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,!?;:])")
_TAG = re.compile(r"<[^>]+>")
_DIGIT_GROUPS = re.compile(r"[0-9A-Za-z]+")
_SPELLED = frozenset({"digits", "characters", "spell-out"})
_SILENT = frozenset({"audio"})
# Alexa's own elements (<amazon:effect>, <amazon:domain>) use a prefix no SSML declares.
_WRAPPER = '<ssml xmlns:amazon="urn:amazon:ssml">{}</ssml>'


@dataclass(frozen=True)
class Segment:
    """Words to speak, then a pause of ``pause_ms`` milliseconds."""

    text: str
    pause_ms: int = 0


def break_ms(time: str | None, strength: str | None) -> int:
    """The pause a ``<break>`` asks for (``time`` wins over ``strength``)."""
    if time:
        found = _TIME.match(time)
        if found:
            value = float(found.group(1)) * (1 if found.group(2).lower() == "ms" else 1000)
            return min(int(round(value)), MAX_BREAK_MS)
    if strength:
        return STRENGTH_PAUSE_MS.get(strength.strip().lower(), COMMA_PAUSE_MS)
    return COMMA_PAUSE_MS  # a bare <break/> is a medium one


def spell(text: str) -> str:
    """Characters one by one: "233733" -> "2 3 3 7 3 3"."""
    return " ".join(ch for ch in text if not ch.isspace())


def telephone(text: str) -> str:
    """A phone number digit by digit, its groups apart.

    "1-888-373-7888" -> "1, 8 8 8, 3 7 3, 7 8 8 8".
    """
    groups = _DIGIT_GROUPS.findall(text)
    return ", ".join(spell(group) for group in groups) if groups else text


def say_as(interpret_as: str | None, text: str) -> str:
    """``text`` written so that a browser reads it as ``<say-as>`` asks."""
    kind = (interpret_as or "").strip().lower()
    if kind == "telephone":
        return telephone(text)
    if kind in _SPELLED:
        return spell(text)
    return text


def _local(tag: object) -> str:
    """An element's name without its namespace ("{...}break" -> "break")."""
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].split(":")[-1].lower()


class _Builder:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.words: list[str] = []

    def text(self, text: str | None) -> None:
        if text:
            self.words.append(text)

    def pause(self, ms: int, *, boundary: bool = False) -> None:
        """End the current segment with a pause of ``ms``.

        With nothing said since the last pause, a break adds to that pause; a
        paragraph ``boundary`` only makes sure it is at least ``ms``.
        """
        text = _clean("".join(self.words))
        self.words = []
        if text:
            self.segments.append(Segment(text, ms))
        elif self.segments and ms:
            last = self.segments[-1]
            pause = max(last.pause_ms, ms) if boundary else last.pause_ms + ms
            self.segments[-1] = Segment(last.text, min(pause, MAX_BREAK_MS))

    def walk(self, element: ElementTree.Element) -> None:
        name = _local(element.tag)
        if name == "break":
            self.pause(break_ms(element.get("time"), element.get("strength")))
        elif name in _SILENT:
            pass
        elif name == "sub" and element.get("alias") is not None:
            self.text(element.get("alias"))
        elif name == "say-as":
            self.text(say_as(element.get("interpret-as"), "".join(element.itertext())))
        else:
            if name == "p":
                self.pause(PARAGRAPH_PAUSE_MS, boundary=True)
            elif name == "s":
                self.text(" ")
            self.text(element.text)
            for child in element:
                self.walk(child)
                self.text(child.tail)
            if name == "p":
                self.pause(PARAGRAPH_PAUSE_MS, boundary=True)
            elif name == "s":
                self.pause(0, boundary=True)


def _clean(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", text)).strip()


def ssml_to_segments(ssml: str) -> list[Segment]:
    """The segments to speak for ``ssml`` (with or without ``<speak>``), in order."""
    if not ssml.strip():
        return []
    try:
        root = ElementTree.fromstring(_WRAPPER.format(ssml))
    except ElementTree.ParseError:
        text = _clean(unescape(_TAG.sub(" ", ssml)))
        return [Segment(text)] if text else []
    builder = _Builder()
    builder.walk(root)
    builder.pause(0)
    return builder.segments


__all__ = [
    "COMMA_PAUSE_MS",
    "PARAGRAPH_PAUSE_MS",
    "SENTENCE_PAUSE_MS",
    "Segment",
    "break_ms",
    "say_as",
    "spell",
    "ssml_to_segments",
    "telephone",
]
