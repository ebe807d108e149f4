"""Filling in a text's ``{name}`` fields, with number placeholders kept for the renderer.

A text may name two kinds of placeholder: fields its user fills in when it is
said (``{title}``, ``{count}``), and the numbers of ``numbers:`` (``{name}`` or
``{name:slow}``), which only the renderer writes out, differently for speech
and for cards and screens.
"""

from __future__ import annotations

import string
from collections.abc import Mapping


def fill_fields(text: str, fields: Mapping[str, str]) -> str:
    """``text`` with its ``{name}`` fields replaced, ``{name:spec}`` kept as written."""
    out: list[str] = []
    for literal, name, spec, _conv in string.Formatter().parse(text):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if spec:
            out.append("{" + name + ":" + spec + "}")
        else:
            out.append(fields[name])
    return "".join(out)


def keep_numbers(numbers: Mapping[str, object]) -> dict[str, str]:
    """Fields that write each number's placeholder back as it was, for the renderer."""
    return {name: "{" + name + "}" for name in numbers}
