"""Amazon's invocation name rules (the name cannot be changed after publishing)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.tools.model_check.languages import Languages
from skill.tools.model_check.problem import Problem

RULE = "invocation-name"
MAX_INVOCATION_CHARS = 50
# Words an invocation name may not contain in any language (Amazon's invocation
# name rules): the wake words, "skill" and "app". Each language's launch words
# are in its recogniser data (``invocation_forbidden``).
WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})
NEVER_IN_A_NAME = WAKE_WORDS | {"skill", "app"}

# Lowercase letters, accented ones included (Spanish: á, é, í, ó, ú, ü, ñ).
_LOWER = r"[^\W\d_A-Z]"
_INVOCATION_WORD = re.compile(rf"(?:{_LOWER}+(?:'{_LOWER}+)*'?|(?:{_LOWER}\.)+)")


def forbidden_words(languages: Languages) -> frozenset[str]:
    """The wake words, "skill", "app", and the launch words of every language in
    ``languages``: a listener may say any of them, so none may be part of a name."""
    return NEVER_IN_A_NAME.union(*(words.invocation_forbidden for words in languages.values()))


def check_invocation_name(lm: Mapping[str, Any], file: str, languages: Languages) -> list[Problem]:
    """Lowercase words, apostrophes for possessives, periods only in spelled-out
    abbreviations, no digits, at least two words, no wake or launch words, "skill" or "app".

    The launch words are those of every language in ``languages`` (locale -> its
    recogniser data's launch words), whichever locale the model is for.
    """
    name = lm.get("invocationName")
    if not isinstance(name, str):
        return [Problem(RULE, file, "the invocation name is missing")]
    found: list[str] = []
    if name != name.lower():
        found.append("must be all lowercase")
    if re.search(r"\d", name):
        found.append("numbers must be spelled out")
    if name != name.strip() or "  " in name:
        found.append("words must be separated by single spaces, with none around them")
    words = name.split()
    bad_words = [
        w for w in words if not _INVOCATION_WORD.fullmatch(w.lower()) and not re.search(r"\d", w)
    ]
    if bad_words:
        found.append(
            "only letters, apostrophes for possessives and periods in spelled-out "
            f"abbreviations are allowed (not {', '.join(repr(w) for w in bad_words)})"
        )
    if len(words) < 2:
        found.append("must be at least two words")
    if len(name) > MAX_INVOCATION_CHARS:
        found.append(f"must be at most {MAX_INVOCATION_CHARS} characters")
    never = forbidden_words(languages)
    forbidden = [w for w in words if w.lower().strip(".'") in never]
    if forbidden:
        found.append(
            "may not contain wake words, launch words, 'skill' or 'app' "
            f"({', '.join(repr(w) for w in forbidden)})"
        )
    return [Problem(RULE, file, f"invocation name {name!r}: {message}") for message in found]
