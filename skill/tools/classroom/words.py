"""The classroom page's own words (labels, buttons, notes), from the content files.

What the skill says and the page's chrome both live in content/<locale>.yaml.
Texts may name the content's numbers as ``{hotline_phone}``; they are filled
with the plain number. Every key the page uses must be present, and no other
key may appear, so a typo stops start-up instead of leaving a blank button.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skill.content import Content, ContentError, Number, fill_fields

WORD_KEYS = (
    "page_title",
    "intro",
    "input_label",
    "input_hint",
    "send",
    "mic_start",
    "mic_stop",
    "mic_listening",
    "mic_failed",
    "mic_note",
    "speaker",
    "speaker_on",
    "speaker_off",
    "restart",
    "transcript_heading",
    "display_heading",
    "item_again",
    "choice_note",
    "hint_label",
    "you",
    "you_touched",
    "ended",
    "failed",
    "waiting",
    "hotline_heading",
    "hotline_call",
    "hotline_text",
    "hotline_emergency",
)


class WordsError(ContentError):
    """The content's classroom words lack a key the page uses, or have one it does not."""


@dataclass(frozen=True)
class Words:
    locale: str
    texts: Mapping[str, str]  # with the numbers filled in

    def __getitem__(self, key: str) -> str:
        return self.texts[key]


def parse_words(
    raw: Mapping[str, str], locale: str, source: str, numbers: Mapping[str, Number]
) -> Words:
    """The page's words from a content file's ``classroom`` section, numbers filled in.

    The content loader has checked that every text is non-empty and names only
    known numbers; this checks the keys against what the page uses.
    """
    unknown = sorted(set(raw) - set(WORD_KEYS))
    if unknown:
        raise WordsError(f"{source}: classroom.{unknown[0]}: not a key the page uses")
    missing = [key for key in WORD_KEYS if key not in raw]
    if missing:
        raise WordsError(f"{source}: classroom.{missing[0]}: missing")
    plain = {name: number.value for name, number in numbers.items()}
    return Words(locale, {key: fill_fields(raw[key], plain) for key in WORD_KEYS})


def words_for(content: Content) -> Words:
    """The page's words for ``content``'s locale."""
    return parse_words(
        content.classroom, content.locale, f"content/{content.locale}.yaml", content.numbers
    )


__all__ = ["WORD_KEYS", "Words", "WordsError", "parse_words", "words_for"]
