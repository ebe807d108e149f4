"""How well the recogniser understands: seen and held-out phrasings measured apart.

``python -m skill nlu-report`` runs, per locale, three corpora through
:func:`skill.tools.nlu.interpret` (the understanding of ``say``, ``chat`` and
the classroom player):

- *seen*: ``tests/phrasings/<locale>.tsv``, rows that may inform samples;
- *held out*: ``tests/phrasings/held-out/<locale>.tsv``, rows that never do;
- *out of domain*: ``tests/phrasings/held-out/out-of-domain-<locale>.tsv``,
  requests the skill does not do, all labelled ``AMAZON.FallbackIntent``;

and, last, the crisis corpus's seen and held-out parts: the share of cries for
help that reach a help intent, and the share whose first answer gives their own
help line.

A row is *routed* when it reaches its labelled intent with exactly its
labelled slot value ids; a row labelled ``AMAZON.FallbackIntent`` when it
reaches either answer that says the skill does not do that (the fallback, or
``OffTopicIntent``, a question it cannot answer). Common phrasings ("stop", "yes please") are often
samples already: the held-out rate is also given without the rows that match
a sample word for word, the stricter measure of words never shown. Per
intent of the held-out rows: how many there were, recall (of that intent's
rows, the share routed) and precision (of the rows given that intent, the
share labelled so). Then the confusions: every
held-out and out-of-domain row that was not routed, with what it reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from skill import intents
from skill.config import ROOT_DIR
from skill.content import Content, default_library
from skill.modes.help import INFO
from skill.routing import INTENT_ROUTES
from skill.tools.nlu import FALLBACK_INTENT, Interpretation, Recognizer, interpret
from skill.tools.phrasings import Row, parse_corpus, parse_crisis, resolved_ids
from skill.vocabulary import Action

PHRASINGS_DIR = ROOT_DIR / "tests" / "phrasings"


def crisis_files(locale: str, phrasings_dir: Path = PHRASINGS_DIR) -> dict[str, Path]:
    """The crisis corpus of ``locale``: its seen and held-out parts."""
    name = f"crisis-{locale}.tsv"
    return {"seen": phrasings_dir / name, "held out": phrasings_dir / "held-out" / name}


def corpus_files(locale: str, phrasings_dir: Path = PHRASINGS_DIR) -> dict[str, Path]:
    held = phrasings_dir / "held-out"
    return {
        "seen": phrasings_dir / f"{locale}.tsv",
        "held out": held / f"{locale}.tsv",
        "out of domain": held / f"out-of-domain-{locale}.tsv",
    }


@dataclass(frozen=True)
class Heard:
    row: Row
    heard: Interpretation

    @property
    def intent(self) -> str:
        if self.heard.kind != "intent":
            return self.heard.kind
        return self.heard.intent or FALLBACK_INTENT

    @property
    def routed(self) -> bool:
        """Reached its intent and slots; a row for the fallback, either out-of-domain answer."""
        if self.row.intent == FALLBACK_INTENT:
            return self.intent in intents.OUT_OF_DOMAIN
        return self.intent == self.row.intent and resolved_ids(self.heard) == dict(self.row.slots)

    @property
    def helped(self) -> bool:
        """A help row that reached a help intent or the fallback (both give the number)."""
        return self.intent in intents.HELP_INTENTS or self.intent == FALLBACK_INTENT

    def describe(self) -> str:
        got = ", ".join(f"{k}={v}" for k, v in sorted(resolved_ids(self.heard).items()))
        want = ", ".join(f"{k}={v}" for k, v in sorted(self.row.slots.items()))
        return (
            f"{self.row.said!r} -> {self.intent}{f' ({got})' if got else ''} "
            f"[{self.heard.how}], labelled {self.row.intent}{f' ({want})' if want else ''}"
        )


def hear(rec: Recognizer, rows: Sequence[Row]) -> tuple[Heard, ...]:
    return tuple(Heard(row, interpret(rec, row.said)) for row in rows)


def rate(found: Sequence[Heard]) -> float:
    return sum(h.routed for h in found) / len(found) if found else 0.0


def per_intent(found: Sequence[Heard]) -> list[tuple[str, int, float, float]]:
    """(intent, rows labelled with it, recall, precision), by intent name."""
    table = []
    for intent in sorted({h.row.intent for h in found}):
        labelled = [h for h in found if h.row.intent == intent]
        given = [h for h in found if h.intent == intent]
        recall = sum(h.routed for h in labelled) / len(labelled)
        precision = sum(h.routed for h in given) / len(given) if given else 0.0
        table.append((intent, len(labelled), recall, precision))
    return table


def locale_report(rec: Recognizer, locale: str, phrasings_dir: Path = PHRASINGS_DIR) -> list[str]:
    """The report's lines for one locale."""
    lines = [f"{locale}:"]
    heard: dict[str, tuple[Heard, ...]] = {}
    for name, path in corpus_files(locale, phrasings_dir).items():
        if not path.is_file():
            lines.append(f"  {name}: no {path}")
            continue
        heard[name] = hear(rec, parse_corpus(path.read_text(encoding="utf-8"), str(path)))
        found = heard[name]
        help_rows = [h for h in found if h.row.must_help]
        helped = f", {len(help_rows)} help rows, {sum(h.helped for h in help_rows)} gave help"
        lines.append(
            f"  {name}: {len(found)} rows, {rate(found):.1%} routed to the labelled intent "
            f"and slots{helped if help_rows else ''}"
        )
    held = heard.get("held out", ())
    if held:
        unseen = [h for h in held if h.heard.how != "exact"]
        lines.append(
            f"  held out, not a sample word for word: {len(unseen)} rows, {rate(unseen):.1%} routed"
        )
        lines.append("  held out, per intent (rows, recall, precision):")
        lines += [
            f"    {intent:28} {n:3}  {recall:6.1%}  {precision:6.1%}"
            for intent, n, recall, precision in per_intent(held)
        ]
    confused = [
        h for name in ("held out", "out of domain") for h in heard.get(name, ()) if not h.routed
    ]
    lines.append(f"  confusions ({len(confused)}):")
    lines += [f"    {h.describe()}" for h in confused]
    return lines + crisis_report(rec, locale, phrasings_dir)


def line_of(intent: str, content: Content) -> str:
    """The help line the first answer to ``intent`` gives (the fallback's: the hotline's)."""
    route = INTENT_ROUTES.get(intent)
    situation = route.arg if route is not None and route.action == Action.HOTLINE else None
    found = content.help.situations.get(situation or INFO)
    return found.line if found is not None else content.help.situations[INFO].line


def crisis_report(rec: Recognizer, locale: str, phrasings_dir: Path = PHRASINGS_DIR) -> list[str]:
    """Per part of the crisis corpus: the rows reaching a help intent, and their own line."""
    content = default_library().for_locale(locale)
    lines = []
    for name, path in crisis_files(locale, phrasings_dir).items():
        if not path.is_file():
            lines.append(f"  crisis, {name}: no {path}")
            continue
        rows = parse_crisis(path.read_text(encoding="utf-8"), str(path))
        heard = [(row, interpret(rec, row.said)) for row in rows]
        helped = sum(1 for _, h in heard if h.intent in intents.HELP_INTENTS)
        own = sum(1 for row, h in heard if line_of(h.intent or "", content) == row.line)
        lines.append(
            f"  crisis, {name}: {len(rows)} rows, {helped / len(rows):.1%} at a help intent, "
            f"{own / len(rows):.1%} given their own line"
        )
    return lines


__all__ = [
    "corpus_files",
    "crisis_files",
    "crisis_report",
    "hear",
    "line_of",
    "locale_report",
    "per_intent",
    "rate",
]
