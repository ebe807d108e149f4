"""Reading the parsed YAML: typed values and checked placeholders, or a ContentError.

Every loader reads through one :class:`Reader`, which names the file and the
key path of whatever it refuses (``content/en-US.yaml: topics[2].items[0]: is
empty``), and checks each text's ``{placeholders}`` with :class:`Placeholders`
against the numbers the file defines and the fields the text may use.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

from skill.content.model import ContentError, Number

# How a number may be asked for in a text: "{name}" or "{name:slow}".
NUMBER_SPECS = frozenset({"", "slow"})
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class Reader:
    """Reads the values of one file; every refusal names the file and the key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> ContentError:
        return ContentError(f"{self.source}: {path}: {message}")

    def mapping(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        return value

    def key(self, parent: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in parent or parent[key] is None:
            raise self.fail(f"{path}.{key}" if path else key, "missing")
        return parent[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {type(value).__name__}")
        if not value.strip():
            raise self.fail(path, "is empty")
        return value.strip()

    def texts(self, value: Any, path: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise self.fail(path, f"expected a list, got {type(value).__name__}")
        if not value and not allow_empty:
            raise self.fail(path, "is an empty list")
        return tuple(self.text(v, f"{path}[{i}]") for i, v in enumerate(value))

    def ident(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not _ID_RE.match(text):
            raise self.fail(path, f"{text!r} is not a lowercase id (letters, digits, _)")
        return text

    def positive_int(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(path, f"expected a whole number of at least 1, got {value!r}")
        return value

    def flag(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {value!r}")
        return value

    def only_keys(self, m: Mapping[str, Any], allowed: Sequence[str], path: str) -> None:
        # Keys are compared as written: YAML may give numbers or booleans (``yes:``).
        unknown = sorted((str(k) for k in m if k not in allowed), key=str)
        if unknown:
            where = f"{path}.{unknown[0]}" if path else str(unknown[0])
            raise self.fail(where, "is not a key the skill uses")


class Placeholders:
    """Checks the ``{placeholders}`` of every text against what may fill them."""

    def __init__(self, r: Reader, numbers: Mapping[str, Number]) -> None:
        self.r = r
        self.numbers = numbers

    def check(self, text: str, path: str, fields: frozenset[str] = frozenset()) -> str:
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise self.r.fail(path, f"bad braces in {text!r}: {exc}") from exc
        for _literal, name, spec, conversion in parsed:
            if name is None:
                continue
            if conversion:
                raise self.r.fail(path, f"{{{name}!{conversion}}}: conversions are not allowed")
            if name in fields and not spec:
                continue
            if name not in self.numbers:
                raise self.r.fail(path, f"unknown placeholder {{{name}}}")
            if spec not in NUMBER_SPECS:
                raise self.r.fail(path, f"{{{name}:{spec}}}: the only way is {{{name}:slow}}")
        return text

    def all(self, texts: Sequence[str], path: str) -> tuple[str, ...]:
        return tuple(self.check(t, f"{path}[{i}]") for i, t in enumerate(texts))
