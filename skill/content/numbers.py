"""The ``numbers:`` section: each number (or name) written once, and how it is spoken.

Every other text may name these as ``{name}`` (or ``{name:slow}``), so they are
read first; :class:`~skill.content.reading.Placeholders` checks the other texts
against them.
"""

from __future__ import annotations

from typing import Any

from skill.content.model import Number
from skill.content.reading import Reader

SAY_AS_KINDS = frozenset({"telephone", "digits"})


def load_numbers(r: Reader, raw: Any) -> dict[str, Number]:
    numbers: dict[str, Number] = {}
    for name, value in r.mapping(raw, "numbers").items():
        path = f"numbers.{name}"
        r.ident(name, path)
        n = r.mapping(value, path)
        r.only_keys(n, ("value", "say_as", "spoken"), path)
        raw_value = n.get("value")
        if isinstance(raw_value, int) and not isinstance(raw_value, bool):
            raise r.fail(f"{path}.value", "write the number as quoted text")
        say_as = r.text(n["say_as"], f"{path}.say_as") if n.get("say_as") is not None else None
        spoken = r.text(n["spoken"], f"{path}.spoken") if n.get("spoken") is not None else None
        if (say_as is None) == (spoken is None):
            raise r.fail(path, "give exactly one of say_as and spoken")
        if say_as is not None and say_as not in SAY_AS_KINDS:
            raise r.fail(f"{path}.say_as", f"must be one of {sorted(SAY_AS_KINDS)}")
        numbers[name] = Number(r.text(r.key(n, "value", path), f"{path}.value"), say_as, spoken)
    return numbers
