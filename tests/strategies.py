"""Hypothesis strategies: Alexa envelopes mutated from the request fixtures."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from tests.envelopes import fixture, fixture_names

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "IntentRequest",
            "LaunchRequest",
            "SessionEndedRequest",
            "AMAZON.YesIntent",
            "ER_SUCCESS_MATCH",
            "ER_SUCCESS_NO_MATCH",
            "online_safety",
            "2026-11-24T15:00:00Z",
            "not a date",
            "\u202e\u0000\ud7ff\U0001f600",
            "x" * 20_000,
        ]
    ),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _deep(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"a": value}
    return value


@st.composite
def mutated_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """A fixture with a few of its fields removed, retyped, replaced or added."""
    envelope: dict[str, Any] = copy.deepcopy(fixture(draw(st.sampled_from(fixture_names()))))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(envelope)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = envelope
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["delete", "replace", "add", "deep"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "deep":
            parent[path[-1]] = _deep(draw(st.integers(10, 400)))
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(min_size=1, max_size=12))] = draw(JSON_VALUES)
    return envelope
