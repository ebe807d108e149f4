"""The crisis corpora: cries for help, each labelled with the help line that must answer it.

``tests/phrasings/crisis-<locale>.tsv`` and its held-out part
``tests/phrasings/held-out/crisis-<locale>.tsv`` are UTF-8, tab-separated,
with ``#`` comment lines and this header row::

    said    line    who

- ``said``: the words as a student, friend, parent, teacher or counselor says them;
- ``line``: the help line that must answer in the first reply (a line id of
  the content's ``help.lines``: lifeline, rainn, childhelp, trafficking);
- ``who``: who says it.

The held-out rows were chosen at random before any sample was written for
them, and never inform a sample, synonym or rule of the interaction model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from skill.tools.phrasings import SPEAKERS, CorpusError
from tests.corpus import PHRASINGS_DIR

HEADER = ("said", "line", "who")
HELD_OUT_DIR = PHRASINGS_DIR / "held-out"
# The lines a cry for help may be labelled with: each situation's main line.
CRISIS_LINES = ("lifeline", "rainn", "childhelp", "trafficking")


@dataclass(frozen=True)
class CrisisRow:
    source: str
    line_number: int
    said: str
    line: str
    who: str
    held_out: bool

    def where(self) -> str:
        return f"{self.source}:{self.line_number}"


def crisis_files(locale: str) -> tuple[Path, Path]:
    """The seen and the held-out crisis corpus of ``locale``."""
    name = f"crisis-{locale}.tsv"
    return PHRASINGS_DIR / name, HELD_OUT_DIR / name


def parse_crisis(text: str, source: str, *, held_out: bool) -> tuple[CrisisRow, ...]:
    rows: list[CrisisRow] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        fields = tuple(f.strip() for f in raw.split("\t"))
        if not header_seen:
            if fields != HEADER:
                raise CorpusError(f"{where}: the header must be {' / '.join(HEADER)}")
            header_seen = True
            continue
        if len(fields) != len(HEADER):
            raise CorpusError(f"{where}: expected {len(HEADER)} tab-separated fields")
        said, line, who = fields
        if not said:
            raise CorpusError(f"{where}: said must not be empty")
        if line not in CRISIS_LINES:
            raise CorpusError(f"{where}: line is one of {', '.join(CRISIS_LINES)}")
        if who not in SPEAKERS:
            raise CorpusError(f"{where}: who is one of {', '.join(sorted(SPEAKERS))}")
        name = f"{HELD_OUT_DIR.name}/{Path(source).name}" if held_out else Path(source).name
        rows.append(CrisisRow(name, number, said, line, who, held_out))
    if not header_seen:
        raise CorpusError(f"{source}: no header row")
    return tuple(rows)


def load_crisis(locale: str) -> tuple[CrisisRow, ...]:
    """Every crisis row of ``locale``: the seen part, then the held-out part."""
    rows: list[CrisisRow] = []
    for path, held_out in zip(crisis_files(locale), (False, True), strict=True):
        rows += parse_crisis(path.read_text(encoding="utf-8"), str(path), held_out=held_out)
    return tuple(rows)


# Where the crisis tests leave each locale's report for the terminal summary (conftest.py).
CRISIS_SCORES = pytest.StashKey[dict[str, list[str]]]()
