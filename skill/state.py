"""Conversation state, carried between turns in Alexa session attributes.

The service keeps nothing between requests: the mode the conversation is in,
where the user is in a list, which tips were heard and what Repeat would say
again all travel in ``sessionAttributes``.

Every field is declared once, on :class:`State`, with a :class:`Spec` that says
what a valid value looks like. :func:`to_attributes` and :func:`from_attributes`
convert any state generically. Attributes come from the network: anything of
unexpected shape, type, size or value makes :func:`from_attributes` return a
fresh state (the menu), and nothing read from them is ever spoken: they only
name content (ids and positions) that the skill looks up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from skill.vocabulary import Mode

MODES = tuple(Mode)

# Session attributes larger than this (as JSON) are not a state this skill wrote.
MAX_ATTRIBUTES_BYTES = 4096
MAX_TIPS = 32
# Questions in one quiz round, and in a locale's whole quiz bank.
MAX_QUIZ_ROUND = 10
MAX_QUIZ_BANK = 48

_IDENT = re.compile(r"^[a-z][a-z0-9_.]{0,47}$")
# A view argument: an id, a number, or empty.
_ARG = re.compile(r"^[a-z0-9_.]{0,48}$")


@dataclass(frozen=True)
class Spec:
    """What a valid value of one state field looks like."""

    kind: str  # "ident", "choice", "count", "flag", "idents", "args"
    choices: tuple[str, ...] = ()
    maximum: int = 0  # "count": largest value; "idents": most items

    def valid(self, value: Any) -> bool:
        if self.kind == "flag":
            return isinstance(value, bool)
        if self.kind == "count":
            return (
                isinstance(value, int)
                and not isinstance(value, bool)
                and 0 <= value <= self.maximum
            )
        if self.kind == "ident":
            return isinstance(value, str) and _IDENT.match(value) is not None
        if self.kind == "choice":
            return value in self.choices
        if self.kind in ("idents", "args"):
            if not isinstance(value, list) or len(value) > self.maximum:
                return False
            match = (_IDENT if self.kind == "idents" else _ARG).match
            for item in value:
                if not isinstance(item, str) or match(item) is None:
                    return False
            return True
        raise ValueError(f"unknown spec kind {self.kind!r}")


def _field(default: Any, spec: Spec, *, lasting: bool = False) -> Any:
    """A state field; ``lasting`` ones are kept for the whole session (see State.lasting)."""
    return field(default=default, metadata={"spec": spec, "lasting": lasting})


IDENT = Spec("ident")
FLAG = Spec("flag")


def count(maximum: int) -> Spec:
    return Spec("count", maximum=maximum)


def choice(*values: str) -> Spec:
    return Spec("choice", choices=values)


def idents(maximum: int) -> Spec:
    return Spec("idents", maximum=maximum)


def view_args(maximum: int) -> Spec:
    return Spec("args", maximum=maximum)


@dataclass(frozen=True)
class State:
    """Where the conversation is. Defaults are a fresh session at the menu."""

    mode: Mode = _field(Mode.MENU, choice(*MODES))
    # The mode a detour to help came from: yes or next there resumes it.
    back: Mode | None = _field(None, choice(*MODES))
    # The topic being read, and its page.
    topic: str | None = _field(None, IDENT)
    page: int = _field(0, count(99))
    # Single tips heard this session, in order, and which of them is current.
    tips: tuple[str, ...] = _field((), idents(MAX_TIPS), lasting=True)
    tip: int = _field(0, count(MAX_TIPS), lasting=True)
    # How help was asked for (a situation id of the content's help), and the help
    # line the last help turn gave (a line id): "say it slower" is about that line.
    situation: str | None = _field(None, IDENT)
    line: str | None = _field(None, IDENT)
    # What Repeat says again: a view name and its arguments (ids and numbers).
    view: str | None = _field(None, IDENT)
    args: tuple[str, ...] = _field((), view_args(4))
    # The full menu was heard: later menus are shorter.
    menu_heard: bool = _field(False, FLAG, lasting=True)
    # The quiz round being played: its question ids in the order asked, the index
    # of the current one (the round's length once all were asked), how many were
    # answered right, and whether the current one was already asked again after an
    # answer that was not one of its choices.
    quiz: tuple[str, ...] = _field((), idents(MAX_QUIZ_ROUND))
    quiz_at: int = _field(0, count(MAX_QUIZ_ROUND))
    quiz_score: int = _field(0, count(MAX_QUIZ_ROUND))
    quiz_retry: bool = _field(False, FLAG)
    # Questions asked in this session's rounds since the bank last ran out.
    quiz_asked: tuple[str, ...] = _field((), idents(MAX_QUIZ_BANK), lasting=True)

    def but(self, **changes: Any) -> State:
        """This state with ``changes`` (as ``dataclasses.replace``, without running ``__init__``).

        A copy of the frozen instance's fields with the changed ones written over
        them: ``replace`` builds every field through ``__init__``, which cost
        about a twentieth of a request. An unknown field name is refused as
        ``replace`` refuses it.
        """
        if not changes.keys() <= _FIELD_NAMES:
            return replace(self, **changes)  # raises TypeError, naming the field
        changed = _new_state(State)
        fields_of = changed.__dict__
        fields_of.update(self.__dict__)
        fields_of.update(changes)
        return changed

    def lasting(self) -> State:
        """A fresh state that keeps what lasts the whole session (tips heard, menu, quiz)."""
        return FRESH.but(**{name: getattr(self, name) for name in _LASTING})


FRESH = State()
_new_state = object.__new__
_FIELD_NAMES = frozenset(f.name for f in fields(State))


# Compact JSON, as the attributes are sent (json.dumps with separators builds an encoder a
# call). Attributes are parsed JSON, never circular (were they, recursion ends the encoding).
_COMPACT = json.JSONEncoder(separators=(",", ":"), check_circular=False)
_DEFAULTS: Mapping[str, Any] = {f.name: f.default for f in fields(State)}
_SPECS: Mapping[str, Spec] = {f.name: f.metadata["spec"] for f in fields(State)}
# The fields that hold a mode: a string in the session attributes.
_NAMED = frozenset(f.name for f in fields(State) if f.metadata["spec"] == choice(*MODES))
_LASTING: tuple[str, ...] = tuple(f.name for f in fields(State) if f.metadata["lasting"])


def to_attributes(state: State) -> dict[str, Any]:
    """The session attributes for ``state``: every field that is not its default."""
    attributes: dict[str, Any] = {}
    values = vars(state)
    for name, default in _DEFAULTS.items():
        value = values[name]
        if value == default:
            continue
        if isinstance(value, Mode):
            value = value.value
        attributes[name] = list(value) if isinstance(value, tuple) else value
    return attributes


def from_attributes(attributes: Any) -> tuple[State, bool]:
    """The state in ``attributes``, and whether they were usable.

    ``None`` or ``{}`` is a fresh state. Anything else this skill would not have
    written (unknown keys, a wrong type, an out-of-range value, a size over
    :data:`MAX_ATTRIBUTES_BYTES`) gives a fresh state and ``False``.
    """
    if attributes is None:
        return FRESH, True
    if not isinstance(attributes, Mapping):
        return FRESH, False
    if not attributes:
        return FRESH, True
    try:
        size = len(_COMPACT.encode(attributes))
    except (TypeError, ValueError, RecursionError):
        return FRESH, False
    if size > MAX_ATTRIBUTES_BYTES:
        return FRESH, False
    values: dict[str, Any] = {}
    for name, value in attributes.items():
        spec = _SPECS.get(name) if isinstance(name, str) else None
        if spec is None or not spec.valid(value):
            return FRESH, False
        values[name] = tuple(value) if isinstance(value, list) else value
        if name in _NAMED and value is not None:
            values[name] = Mode(value)
    return FRESH.but(**values), True
