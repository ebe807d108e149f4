"""The classroom page's own words (labels, buttons, notes), from words/<locale>.yaml.

What the skill says comes from the content; this file holds only the page's
chrome. Texts may name the content's numbers as ``{hotline_phone}``; they are
filled with the plain number. Every key must be present and non-empty, and no
other key may appear, so a typo stops start-up instead of leaving a blank button.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skill.content import DEFAULT_LOCALE, ContentError, Number

WORDS_DIR = Path(__file__).resolve().parent / "words"

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
    "you",
    "ended",
    "failed",
    "waiting",
    "hotline_heading",
    "hotline_call",
    "hotline_text",
    "hotline_emergency",
)


class WordsError(ContentError):
    """The page's words file is missing, malformed or names an unknown number."""


@dataclass(frozen=True)
class Words:
    locale: str
    texts: Mapping[str, str]  # with the numbers filled in

    def __getitem__(self, key: str) -> str:
        return self.texts[key]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def parse_words(data: Any, source: str, numbers: Mapping[str, Number]) -> Words:
    """The words in ``data`` (the parsed YAML), numbers filled from ``numbers``."""
    if not isinstance(data, Mapping):
        raise WordsError(f"{source}: expected a mapping with locale and words")
    locale = data.get("locale")
    raw = data.get("words")
    if not isinstance(locale, str) or not locale:
        raise WordsError(f"{source}: locale: missing")
    if not isinstance(raw, Mapping):
        raise WordsError(f"{source}: words: expected a mapping")
    unknown = sorted(set(raw) - set(WORD_KEYS))
    if unknown:
        raise WordsError(f"{source}: words.{unknown[0]}: not a key the page uses")
    texts: dict[str, str] = {}
    for key in WORD_KEYS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise WordsError(f"{source}: words.{key}: missing or empty")
        try:
            names = _placeholders(value)
        except ValueError as exc:
            raise WordsError(f"{source}: words.{key}: bad braces: {exc}") from exc
        missing = sorted(names - set(numbers))
        if missing:
            raise WordsError(f"{source}: words.{key}: unknown number {{{missing[0]}}}")
        texts[key] = value.strip().format(**{n: numbers[n].value for n in names})
    return Words(locale, texts)


def load_words(locale: str, numbers: Mapping[str, Number], directory: Path | None = None) -> Words:
    """The page's words for ``locale``, or for the default locale where it has none."""
    folder = directory or WORDS_DIR
    path = folder / f"{locale}.yaml"
    if not path.is_file():
        path = folder / f"{DEFAULT_LOCALE}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordsError(f"{path}: cannot read: {exc}") from exc
    return parse_words(data, str(path), numbers)


__all__ = ["WORDS_DIR", "WORD_KEYS", "Words", "WordsError", "load_words", "parse_words"]
