"""Sample utterances: enough of them, valid characters, defined slots, no duplicates."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from skill.tools.interaction_model import intent_name, intents, samples, slots
from skill.tools.model_check.problem import Problem

MIN_CUSTOM_SAMPLES = 8

SLOT_REF = re.compile(r"\{([^{}]*)\}")
_LETTER = r"[^\W\d_]"
# A word: letters, joined by apostrophes (what's, i'm), hyphens or underscores,
# optionally ending in a possessive apostrophe (kids'); or a spelled-out
# abbreviation (t. v., u.s.).
_WORD = re.compile(rf"(?:{_LETTER}+(?:['\-_]{_LETTER}+)*'?|(?:{_LETTER}\.)+)")
_ALLOWED_CHAR = re.compile(rf"{_LETTER}|[\s'\-_.{{}}]")


def normalize(text: str) -> str:
    """Lowercase with single spaces: how Alexa compares what was said."""
    return " ".join(text.casefold().split())


def check_sample_counts(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Custom intents need enough samples for Alexa to recognise them."""
    problems = []
    for intent in intents(lm):
        name = intent_name(intent)
        count = len(samples(intent))
        if not name.startswith("AMAZON.") and count < MIN_CUSTOM_SAMPLES:
            problems.append(
                Problem(
                    "few-samples",
                    file,
                    f"custom intent has {count} samples; give it at least {MIN_CUSTOM_SAMPLES}",
                    name,
                )
            )
    return problems


def check_sample_slots(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Every {slot} a sample names must be a slot of its intent."""
    problems = []
    for intent in intents(lm):
        name = intent_name(intent)
        defined = {str(s.get("name")) for s in slots(intent)}
        for sample in samples(intent):
            for ref in SLOT_REF.findall(sample):
                if ref not in defined:
                    problems.append(
                        Problem(
                            "undefined-slot",
                            file,
                            f"uses slot {{{ref}}}, which the intent does not define"
                            + (f" (it has: {', '.join(sorted(defined))})" if defined else ""),
                            name,
                            sample,
                        )
                    )
    return problems


def sample_character_problems(sample: str) -> list[str]:
    """Why Amazon's build would reject ``sample``'s characters (empty if it would not)."""
    if not sample.strip():
        return ["is empty"]
    found: list[str] = []
    bad_chars = sorted({c for c in sample if not _ALLOWED_CHAR.fullmatch(c)})
    if bad_chars:
        shown = ", ".join(json.dumps(c, ensure_ascii=False) for c in bad_chars)
        hint = ""
        if any(c.isdigit() for c in bad_chars):
            hint = " (spell numbers out)"
        elif any(c in "\u2018\u2019" for c in bad_chars):
            hint = " (use a straight apostrophe)"
        found.append(f"uses characters Alexa rejects: {shown}{hint}")
    words = SLOT_REF.sub(" ", sample).split()
    if any("{" in w or "}" in w for w in words):
        found.append("has an unmatched brace")
    misplaced = [
        w
        for w in words
        if all(_ALLOWED_CHAR.fullmatch(c) for c in w)
        and "{" not in w
        and "}" not in w
        and not _WORD.fullmatch(w)
    ]
    if misplaced:
        found.append(
            "apostrophes, hyphens and periods belong inside words or in spelled-out "
            f"abbreviations such as 't. v.' (not {', '.join(repr(w) for w in misplaced)})"
        )
    return found


def check_sample_characters(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Samples may hold letters, spaces, {slots}, possessive/contraction apostrophes,
    hyphens, underscores and periods in spelled-out abbreviations."""
    problems = []
    for intent in intents(lm):
        name = intent_name(intent)
        for sample in samples(intent):
            for message in sample_character_problems(sample):
                problems.append(Problem("sample-characters", file, message, name, sample))
    return problems


def check_duplicate_samples(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """The same sample (case and spacing ignored) may appear only once in the model."""
    seen: dict[str, tuple[str, str]] = {}
    problems = []
    for intent in intents(lm):
        name = intent_name(intent)
        for sample in samples(intent):
            key = normalize(sample)
            if key in seen:
                first_intent, first_sample = seen[key]
                where = "this intent" if first_intent == name else first_intent
                problems.append(
                    Problem(
                        "duplicate-sample",
                        file,
                        f"is also a sample of {where} ({first_sample!r})",
                        name,
                        sample,
                    )
                )
            else:
                seen[key] = (name, sample)
    return problems
