"""Amazon's invocation name rules (the name cannot be changed after publishing)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.tools.model_check.problem import Problem

RULE = "invocation-name"
MAX_INVOCATION_CHARS = 50
# Words an invocation name may not contain (Amazon's invocation name rules).
WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})
LAUNCH_WORDS = frozenset(
    {"open", "launch", "start", "begin", "load", "run", "play", "resume", "use", "enable"}
)
ASK_WORDS = frozenset({"ask", "tell"})
FORBIDDEN_INVOCATION_WORDS = WAKE_WORDS | LAUNCH_WORDS | ASK_WORDS | {"skill", "app"}

_INVOCATION_WORD = re.compile(r"(?:[a-z]+(?:'[a-z]+)*'?|(?:[a-z]\.)+)")


def check_invocation_name(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Lowercase words, apostrophes for possessives, periods only in spelled-out
    abbreviations, no digits, at least two words, no wake or launch words, "skill" or "app"."""
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
    forbidden = [w for w in words if w.lower().strip(".'") in FORBIDDEN_INVOCATION_WORDS]
    if forbidden:
        found.append(
            "may not contain wake words, launch words, 'skill' or 'app' "
            f"({', '.join(repr(w) for w in forbidden)})"
        )
    return [Problem(RULE, file, f"invocation name {name!r}: {message}") for message in found]
