"""Build what the skill says: SSML for the speaker, plain text for cards.

A :class:`Speech` is a sequence of blocks, each either prose (sentences) or a
list (items read one after another with a short pause). Text may contain
``{name}`` placeholders for the content's numbers; in SSML they become
``<say-as>`` elements, on cards the plain number. English names inside another
language's speech (``english``) are said by the English voice (``<lang
xml:lang="en-US">``); a card shows them as written. All text is XML-escaped, so
the result always parses as SSML.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import unescape
from typing import Literal

from skill.content import Number

# outputSpeech may carry at most 8000 characters, <speak></speak> included.
MAX_SSML_CHARS = 8000
_SPEAK_TAGS = len("<speak></speak>")
ITEM_BREAK = '<break time="400ms"/>'
_FORMATTER = string.Formatter()
_END_PUNCTUATION = re.compile(r"[.!?:;]$")
# Characters XML 1.0 does not allow in text (control characters, lone surrogates, U+FFFE/F),
# named as they are: the same class written as the complement of what XML allows took
# about 7 ms to compile, at every cold start.
_NOT_XML = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]")


class SpeechTooLong(ValueError):
    """The rendered SSML would exceed Alexa's outputSpeech limit."""


@dataclass(frozen=True)
class Block:
    kind: Literal["prose", "list"]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Speech:
    blocks: tuple[Block, ...] = ()

    def prose(self, *texts: str) -> Speech:
        kept = tuple(t for t in texts if t)
        return Speech((*self.blocks, Block("prose", kept))) if kept else self

    def items(self, texts: Iterable[str]) -> Speech:
        kept = tuple(t for t in texts if t)
        return Speech((*self.blocks, Block("list", kept))) if kept else self

    def __add__(self, other: Speech) -> Speech:
        return Speech(self.blocks + other.blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


def say(*texts: str) -> Speech:
    """Prose from sentences."""
    return Speech().prose(*texts)


def lines(*texts: str) -> Speech:
    """Prose with each text on a line of its own on a card."""
    speech = Speech()
    for text in texts:
        speech = speech.prose(text)
    return speech


def _xml_text(text: str) -> str:
    # Not xml.sax.saxutils.escape: importing it pulls in urllib and http.client,
    # which costs a Lambda cold start about 20 ms.
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# How "{name:slow}" is spoken: after a pause, slowly, so a listener can write it down.
SLOW_BREAK = '<break time="600ms"/>'
SLOW_RATE = "slow"


ENGLISH_VOICE = "en-US"


@cache
def _english_names(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern that finds any of ``names`` (XML-escaped, longest first) as whole words."""
    if not names:
        return None
    escaped = sorted({_xml_text(n) for n in names}, key=lambda n: (-len(n), n))
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in escaped) + r")(?!\w)", re.IGNORECASE
    )


def in_english(escaped: str, names: Sequence[str]) -> str:
    """``escaped`` (SSML text) with each of ``names`` said by the English voice."""
    pattern = _english_names(tuple(names))
    if pattern is None:
        return escaped
    return pattern.sub(rf'<lang xml:lang="{ENGLISH_VOICE}">\1</lang>', escaped)


def _spoken_number(number: Number, english: Sequence[str] = ()) -> str:
    if number.spoken is not None:
        return in_english(_xml_text(number.spoken), english)
    return f'<say-as interpret-as="{number.say_as}">{_xml_text(number.value)}</say-as>'


def _fill(
    text: str, numbers: Mapping[str, Number], *, ssml: bool, english: Sequence[str] = ()
) -> str:
    out: list[str] = []
    for literal, name, spec, _conv in _FORMATTER.parse(text):
        out.append(in_english(_xml_text(literal), english) if ssml else literal)
        if name is None:
            continue
        number = numbers[name]
        if not ssml:
            out.append(number.value)
        elif spec == "slow":
            said = _spoken_number(number, english)
            out.append(f'{SLOW_BREAK}<prosody rate="{SLOW_RATE}">{said}</prosody>')
        else:
            out.append(_spoken_number(number, english))
    return "".join(out)


def _as_item(text: str) -> str:
    """A list item spoken as its own sentence."""
    return text if _END_PUNCTUATION.search(text) else text + "."


def to_ssml(speech: Speech, numbers: Mapping[str, Number], english: Sequence[str] = ()) -> str:
    """The inner SSML (without <speak>) for ``speech``; ``english``: the English names
    inside it, said by the English voice."""
    parts: list[str] = []
    for block in speech.blocks:
        if block.kind == "prose":
            parts.extend(
                f"<s>{_fill(t, numbers, ssml=True, english=english)}</s>" for t in block.texts
            )
        else:
            items = (
                f"<s>{_fill(_as_item(t), numbers, ssml=True, english=english)}</s>"
                for t in block.texts
            )
            parts.append(ITEM_BREAK.join(items) + ITEM_BREAK)
    ssml = " ".join(parts)
    if len(ssml) + _SPEAK_TAGS > MAX_SSML_CHARS:
        raise SpeechTooLong(f"{len(ssml) + _SPEAK_TAGS} characters of SSML")
    return ssml


def to_plain(speech: Speech, numbers: Mapping[str, Number]) -> str:
    """The same words as plain text, for a card: prose as lines, lists as bullets."""
    lines: list[str] = []
    for block in speech.blocks:
        if block.kind == "prose":
            lines.append(" ".join(_fill(t, numbers, ssml=False) for t in block.texts))
        else:
            lines.extend("• " + _fill(t, numbers, ssml=False) for t in block.texts)
    return "\n".join(lines)


_TAG = re.compile(r"<[^>]+>")
# A change of voice inside a sentence: no space of its own ("(en inglés, grooming)").
_LANG_TAG = re.compile(r"</?lang\b[^>]*>")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,!?;:])")


def ssml_to_text(ssml: str) -> str:
    """What a listener hears, as text: tags dropped, entities decoded."""
    text = _SPACE.sub(" ", unescape(_TAG.sub(" ", _LANG_TAG.sub("", ssml)))).strip()
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
