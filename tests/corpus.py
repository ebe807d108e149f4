"""The phrasing corpus of each locale, scored as ``python -m skill say`` understands it.

The files and their columns are described in :mod:`skill.tools.phrasings`.
:func:`score` runs every row through :func:`skill.tools.nlu.interpret`, the
matching ``python -m skill say`` uses, and keeps what was heard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from skill import intents
from skill.tools.nlu import FALLBACK_INTENT, Recognizer, interpret, normalise
from skill.tools.nlu_report import PHRASINGS_DIR, Heard
from skill.tools.phrasings import CorpusError, Row, parse_corpus, resolved_ids

__all__ = [
    "CorpusError",
    "Row",
    "parse_corpus",
    "resolved_ids",
]  # read here, defined in skill.tools.phrasings

# What a cry for help must never reach: a tips answer instead of help.
TIPS_INTENTS = frozenset({intents.SAFETY_TIPS, intents.RANDOM_TIP})
# How Alexa is sure to understand: a sample (or a one-shot carrying one) said word for word.
SURE = frozenset({"exact", "launch", "end_session"})


def corpus_file(locale: str) -> Path:
    return PHRASINGS_DIR / f"{locale}.tsv"


def load_corpus(locale: str) -> tuple[Row, ...]:
    path = corpus_file(locale)
    return parse_corpus(path.read_text(encoding="utf-8"), str(path))


@dataclass(frozen=True)
class Outcome(Heard):
    """A row and what was heard (:class:`skill.tools.nlu_report.Heard`), and how sure it was."""

    @property
    def sure(self) -> bool:
        """Matched word for word, as real recognition is sure to match it.

        A row labelled for the fallback that no sample matched counts too: that
        outcome is just as certain.
        """
        if self.heard.how in SURE:
            return True
        return self.row.intent == FALLBACK_INTENT and self.heard.how == "fallback"

    def describe(self) -> str:
        return f"line {self.row.line}: {super().describe()}"


@dataclass(frozen=True)
class Score:
    locale: str
    outcomes: tuple[Outcome, ...]

    @property
    def routed_rate(self) -> float:
        return _rate(self.outcomes, lambda o: o.routed)

    @property
    def sure_rate(self) -> float:
        return _rate(self.outcomes, lambda o: o.sure)

    @property
    def help_outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.row.must_help)

    @property
    def help_rate(self) -> float:
        """Of the cries for help, the share that reached a help intent itself."""
        return _rate(self.help_outcomes, lambda o: o.intent in intents.HELP_INTENTS)

    @property
    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.routed)

    @property
    def unsure(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.routed and not o.sure)

    def report(self) -> list[str]:
        """What the terminal summary prints: the rates, then every miss."""
        lines = [
            f"{self.locale}: {len(self.outcomes)} phrasings, "
            f"{self.routed_rate:.1%} routed to the labelled intent and slots, "
            f"{self.sure_rate:.1%} matched exactly; "
            f"{len(self.help_outcomes)} cries for help, {self.help_rate:.1%} reached help"
        ]
        lines += [f"  miss: {o.describe()}" for o in self.misses]
        return lines


def _rate(outcomes: Sequence[Outcome], good: Callable[[Outcome], bool]) -> float:
    return sum(1 for o in outcomes if good(o)) / len(outcomes) if outcomes else 0.0


def score(rec: Recognizer, locale: str, rows: Sequence[Row]) -> Score:
    return Score(locale, tuple(Outcome(row, interpret(rec, row.said)) for row in rows))


def duplicates(rec: Recognizer, rows: Sequence[Row]) -> list[str]:
    """Rows that say the same words (case, punctuation and contractions ignored)."""
    seen: dict[tuple[str, ...], int] = {}
    found = []
    for row in rows:
        words = normalise(row.said, rec.phrases.contractions)
        if words in seen:
            found.append(f"line {row.line}: {row.said!r} repeats line {seen[words]}")
        else:
            seen[words] = row.line
    return found


# Where the phrasing tests leave each locale's score for the terminal summary (conftest.py).
SCORES = pytest.StashKey[dict[str, Score]]()
