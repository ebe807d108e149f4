"""What a rule finds: a :class:`Problem`, and the :class:`Report` of a whole check."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing Amazon's build or certification would reject (or, for a warning, question).

    ``rule`` names the check that found it; ``file`` is relative to the
    project root. Printed as one line: file, intent, utterance, message.
    """

    rule: str
    file: str
    message: str
    intent: str | None = None
    utterance: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.intent is not None:
            parts.append(self.intent)
        if self.utterance is not None:
            parts.append(json.dumps(self.utterance, ensure_ascii=False))
        parts.append(self.message)
        return ": ".join(parts)


@dataclass(frozen=True)
class Report:
    """Problems (the check fails), warnings (it passes, but read them) and what was checked."""

    problems: tuple[Problem, ...]
    models: int
    samples: int
    content_files: int
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
