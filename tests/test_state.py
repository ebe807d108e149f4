"""Conversation state <-> session attributes: declared once, converted generically, checked."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

import pytest

from skill import engine
from skill.content import Content
from skill.state import FRESH, MAX_ATTRIBUTES_BYTES, State, from_attributes, to_attributes


def test_a_fresh_state_has_no_attributes() -> None:
    assert to_attributes(FRESH) == {}
    assert from_attributes({}) == (FRESH, True)
    assert from_attributes(None) == (FRESH, True)


def test_every_field_round_trips() -> None:
    state = State(
        mode="help",
        back="topic",
        topic="risk_factors",
        page=3,
        tips=("online_safety.1", "general_safety.2"),
        tip=1,
        situation="danger",
        view="page",
        args=("risk_factors", "3", ""),
        menu_heard=True,
    )
    attributes = to_attributes(state)
    assert set(attributes) == {f.name for f in fields(State)}
    # What Alexa carries is JSON.
    assert from_attributes(json.loads(json.dumps(attributes))) == (state, True)


def test_only_fields_that_differ_from_the_default_are_sent() -> None:
    assert to_attributes(FRESH.but(menu_heard=True)) == {"menu_heard": True}


@pytest.mark.parametrize(
    "attributes",
    [
        {"mode": "somewhere"},
        {"mode": 3},
        {"page": -1},
        {"page": 100},
        {"page": True},
        {"page": "2"},
        {"topic": "Risk Factors"},
        {"topic": ""},
        {"tips": "online_safety.1"},
        {"tips": ["online_safety.1", 7]},
        {"tips": ["a"] * 40},
        {"menu_heard": "yes"},
        {"args": ["</speak><audio src='x'/>"]},
        {"args": ["a", "b", "c", "d", "e"]},
        {"view": None},
        {"unknown": 1},
        {"last": {"speech": "hello"}},
        ["not", "a", "mapping"],
        "text",
        {"topic": "a" * 60},
    ],
)
def test_attributes_of_unexpected_shape_give_a_fresh_state(attributes: Any) -> None:
    assert from_attributes(attributes) == (FRESH, False)


def test_oversized_attributes_give_a_fresh_state() -> None:
    big = {"mode": "menu", "tips": ["online_safety.1"] * 10, "args": ["x" * 48] * 4}
    assert from_attributes(big)[1] is True
    huge = {"view": "page", "args": ["a" * 48] * 4, "padding": "x" * MAX_ATTRIBUTES_BYTES}
    assert from_attributes(huge) == (FRESH, False)


@pytest.mark.parametrize(
    "attributes",
    [
        {"mode": "topic", "topic": "no_such_topic"},
        {"mode": "topic", "topic": "definition", "page": 5},
        {"mode": "topic"},
        {"mode": "tip", "tips": ["online_safety.99"]},
        {"mode": "tip", "tips": ["online_safety.1"], "tip": 1},
        {"mode": "tip"},
        {"mode": "help"},
        {"mode": "help", "back": "menu", "situation": "nowhere"},
        {"mode": "quiz"},
        {"view": "no_such_view"},
    ],
)
def test_state_naming_content_that_does_not_exist_gives_a_fresh_state(
    content: Content, attributes: dict[str, Any]
) -> None:
    assert engine.load_state(content, attributes) == (FRESH, False)


def test_a_state_the_skill_wrote_loads_unchanged(content: Content) -> None:
    state = State(
        mode="topic", topic="risk_factors", page=2, view="page", args=("risk_factors", "2", "")
    )
    assert engine.load_state(content, to_attributes(state)) == (state, True)
