"""The classroom page's own words (labels, buttons, notes), from the content files.

What the skill says and the page's chrome both live in content/<locale>.yaml.
Texts may name the content's numbers as ``{hotline_phone}``; they are filled
with the plain number. Every key the page uses must be present, and no other
key may appear, so a typo stops start-up instead of leaving a blank button.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from skill.content import ENGLISH_WORDS_SEPARATOR, Content, ContentError, Number, fill_fields

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
    "start_heading",
    "start_about",
    "start",
    "start_lesson",
    "start_lesson_says",
    "start_quiz",
    "start_quiz_says",
    "help_lines_heading",
    "reloaded",
    "too_long",
    "kept",
    "english_words",
    "handout_title",
    "handout_teacher",
    "handout_answer",
    "handout_source",
    "handout_link",
    "handout_teacher_link",
)
# A number written with hyphens (1-888-373-7888): kept on one line.
_HYPHENATED_NUMBER = re.compile(r"\d+(?:-\d+)+")
ENGLISH = "en"
NUMBER = "number"


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


@dataclass(frozen=True)
class HelpLine:
    """One help line as shown: what it is, and its number, filled in."""

    label: str
    value: str


def help_lines(content: Content) -> tuple[HelpLine, ...]:
    """Every help line of the help screen (``screen.resources``), numbers filled in."""
    plain = {name: number.value for name, number in content.numbers.items()}
    return tuple(
        HelpLine(fill_fields(r.label, plain), fill_fields(r.value, plain))
        for r in content.screen.resources
    )


def english_terms(words: Words) -> tuple[str, ...]:
    """The English names inside the page's text, longest first; none on an English page."""
    if words.locale.split("-")[0] == ENGLISH:
        return ()
    terms = {t.strip() for t in words["english_words"].split(ENGLISH_WORDS_SEPARATOR) if t.strip()}
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def marked_runs(text: str, english: Sequence[str]) -> list[tuple[str, str]]:
    """``text`` in runs ``(kind, words)``: kind ``en`` for an English name, ``number`` for
    a hyphenated number, ``""`` for the rest."""
    patterns = [re.escape(t) for t in english] + [_HYPHENATED_NUMBER.pattern]
    runs: list[tuple[str, str]] = []
    at = 0
    for found in re.finditer("|".join(f"({p})" for p in patterns), text):
        if found.start() > at:
            runs.append(("", text[at : found.start()]))
        kind = NUMBER if found.lastindex == len(patterns) else ENGLISH
        runs.append((kind, found.group()))
        at = found.end()
    if at < len(text) or not runs:
        runs.append(("", text[at:]))
    return runs


def marked_html(text: str, english: Sequence[str]) -> Markup:
    """``text`` as escaped HTML: English names in ``lang="en"``, numbers unbroken."""
    parts = []
    for kind, words in marked_runs(text, english):
        if kind == ENGLISH:
            parts.append(Markup('<span lang="en">{}</span>').format(words))
        elif kind == NUMBER:
            parts.append(Markup('<span class="nowrap">{}</span>').format(words))
        else:
            parts.append(escape(words))
    return Markup("").join(parts)


__all__ = [
    "WORD_KEYS",
    "HelpLine",
    "Words",
    "WordsError",
    "english_terms",
    "help_lines",
    "marked_html",
    "marked_runs",
    "parse_words",
    "words_for",
]
