"""Phrasing corpora: what people say to the skill, and what each phrasing must reach.

A corpus file (``tests/phrasings/<locale>.tsv``, and the held-out files under
``tests/phrasings/held-out/``) is UTF-8, tab-separated, with ``#`` comment
lines and this header row::

    said    intent    slots    must    who

- ``said``: the words as a person says them (one-shot invocations included);
- ``intent``: the intent they must reach;
- ``slots``: ``-``, or ``name=value_id`` pairs separated by commas: the slot
  values they must resolve to (a row with ``-`` must resolve none);
- ``must``: ``help`` for a cry for help, a disclosure or a hotline question
  (it must reach help in the first answer and never a tips list), else ``-``;
- ``who``: who says it (student, friend, parent, teacher).

A crisis corpus (``tests/phrasings/crisis-<locale>.tsv`` and its held-out
part) has the header ``said line who``: each cry for help, as a student,
friend, parent, teacher or counselor says it, and the help line (``lifeline``,
``rainn``, ``childhelp`` or ``trafficking``) that must answer it.

Read by the tests and by ``python -m skill nlu-report``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from skill.tools.nlu import Interpretation

HEADER = ("said", "intent", "slots", "must", "who")
# A crisis corpus (``crisis-<locale>.tsv``): each cry for help and the line it must hear,
# one of each help situation's main lines.
CRISIS_HEADER = ("said", "line", "who")
CRISIS_LINES = ("lifeline", "rainn", "childhelp", "trafficking")
SPEAKERS = frozenset({"student", "friend", "parent", "teacher"})
HELP = "help"


class CorpusError(ValueError):
    """A corpus file that cannot be read as rows."""


@dataclass(frozen=True)
class Row:
    line: int
    said: str
    intent: str
    slots: Mapping[str, str]  # slot name -> value id
    must_help: bool
    who: str


def _slots(field: str, where: str) -> dict[str, str]:
    if field == "-":
        return {}
    slots: dict[str, str] = {}
    for pair in field.split(","):
        name, equals, value_id = pair.strip().partition("=")
        if not equals or not name.strip() or not value_id.strip():
            raise CorpusError(f"{where}: slots must be - or name=value_id, not {field!r}")
        if name.strip() in slots:
            raise CorpusError(f"{where}: slot {name.strip()} given twice")
        slots[name.strip()] = value_id.strip()
    return slots


def _records(
    text: str, source: str, header: tuple[str, ...]
) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line number, where, fields) of each row of a tab-separated corpus ``text``.

    Blank and ``#`` lines are skipped; the first other line must be ``header``,
    and every row has as many fields.
    """
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        fields = tuple(f.strip() for f in raw.split("\t"))
        if not header_seen:
            if fields != header:
                raise CorpusError(f"{where}: the header must be {' / '.join(header)}")
            header_seen = True
            continue
        if len(fields) != len(header):
            raise CorpusError(f"{where}: expected {len(header)} tab-separated fields")
        yield number, where, fields
    if not header_seen:
        raise CorpusError(f"{source}: no header row")


def _speaker(who: str, where: str) -> str:
    if who not in SPEAKERS:
        raise CorpusError(f"{where}: who is one of {', '.join(sorted(SPEAKERS))}")
    return who


def parse_corpus(text: str, source: str) -> tuple[Row, ...]:
    """The rows of a corpus file's ``text``; a malformed line is an error naming it."""
    rows: list[Row] = []
    for number, where, fields in _records(text, source, HEADER):
        said, intent, slots, must, who = fields
        if not said or not intent:
            raise CorpusError(f"{where}: said and intent must not be empty")
        if must not in (HELP, "-"):
            raise CorpusError(f"{where}: must is {HELP} or -, not {must!r}")
        _speaker(who, where)
        rows.append(Row(number, said, intent, _slots(slots, where), must == HELP, who))
    return tuple(rows)


@dataclass(frozen=True)
class CrisisRow:
    """A cry for help, and the help line that must answer it in the first reply."""

    line_number: int
    said: str
    line: str  # one of CRISIS_LINES
    who: str


def parse_crisis(text: str, source: str) -> tuple[CrisisRow, ...]:
    """The rows of a crisis corpus file's ``text`` (header ``said line who``)."""
    rows: list[CrisisRow] = []
    for number, where, fields in _records(text, source, CRISIS_HEADER):
        said, line, who = fields
        if not said:
            raise CorpusError(f"{where}: said must not be empty")
        if line not in CRISIS_LINES:
            raise CorpusError(f"{where}: line is one of {', '.join(CRISIS_LINES)}")
        rows.append(CrisisRow(number, said, line, _speaker(who, where)))
    return tuple(rows)


def resolved_ids(heard: Interpretation) -> dict[str, str]:
    """Slot name -> the first resolved value id, for the slots that resolved."""
    return {
        slot.name: slot.resolution.values[0][0]
        for slot in heard.slots
        if slot.resolution is not None and slot.resolution.values
    }
