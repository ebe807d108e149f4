"""The crisis corpora of a locale: the seen part and the held-out part.

``tests/phrasings/crisis-<locale>.tsv`` and ``tests/phrasings/held-out/crisis-<locale>.tsv``
(format: :mod:`skill.tools.phrasings`). The held-out rows were chosen at random
before any sample was written for them, and never inform a sample, synonym or
rule of the interaction model.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from skill.tools.nlu_report import crisis_files
from skill.tools.phrasings import CrisisRow, parse_crisis


@dataclass(frozen=True)
class Said:
    """A crisis row, where it is, and whether it is held out."""

    row: CrisisRow
    source: str
    held_out: bool

    @property
    def said(self) -> str:
        return self.row.said

    @property
    def line(self) -> str:
        return self.row.line

    def where(self) -> str:
        return f"{self.source}:{self.row.line_number}"


def load_crisis(locale: str) -> tuple[Said, ...]:
    """Every crisis row of ``locale``: the seen part, then the held-out part."""
    found: list[Said] = []
    for name, path in crisis_files(locale).items():
        held_out = name == "held out"
        source = f"{path.parent.name}/{path.name}" if held_out else path.name
        rows = parse_crisis(path.read_text(encoding="utf-8"), str(path))
        found += [Said(row, source, held_out) for row in rows]
    return tuple(found)


# Where the crisis tests leave each locale's report for the terminal summary (conftest.py).
CRISIS_SCORES = pytest.StashKey[dict[str, list[str]]]()
