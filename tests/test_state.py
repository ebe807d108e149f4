"""Conversation state <-> session attributes: declared once, converted generically, checked."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

import pytest

from skill import engine
from skill.content import MAX_QUESTION_ID, Content
from skill.state import (
    FRESH,
    MAX_ATTRIBUTES_BYTES,
    MAX_QUIZ_BANK,
    MAX_QUIZ_ROUND,
    MAX_TIPS,
    State,
    from_attributes,
    to_attributes,
)
from tests.locales import pinned_locale

# Session attributes, the same in every locale.
locale = pinned_locale()


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
        line="lifeline",
        view="page",
        args=("risk_factors", "3", ""),
        menu_heard=True,
        quiz=("def_slavery", "trust_gut"),
        quiz_at=1,
        quiz_score=1,
        quiz_retry=True,
        quiz_asked=("def_slavery", "trust_gut", "hotline_hours"),
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
        {"quiz": "def_slavery"},
        {"quiz": ["q"] * 11},
        {"quiz_at": 11},
        {"quiz_score": -1},
        {"quiz_retry": 1},
        {"quiz_asked": ["Def Slavery"]},
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
        {"mode": "quiz", "quiz": ["no_such_question"]},
        {"mode": "quiz", "quiz": ["def_slavery", "def_slavery"]},
        {"mode": "quiz", "quiz": ["def_slavery"], "quiz_at": 2},
        {"mode": "quiz", "quiz": ["def_slavery", "trust_gut"], "quiz_at": 1, "quiz_score": 2},
        {"mode": "quiz", "quiz": ["def_slavery"], "quiz_at": 1, "quiz_retry": True},
        {"mode": "help", "back": "menu", "situation": "info", "line": "nowhere"},
        {"mode": "menu", "quiz": ["def_slavery"]},
        {"mode": "help", "back": "menu", "quiz": ["def_slavery"]},
        {"mode": "menu", "quiz_at": 1},
        {"mode": "menu", "quiz_asked": ["no_such_question"]},
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


def test_the_largest_state_the_skill_writes_fits_in_the_attributes(content: Content) -> None:
    """Every tip heard, the largest quiz bank asked, a round open: still a usable state."""
    questions = [f"q{n:0{MAX_QUESTION_ID - 1}d}" for n in range(MAX_QUIZ_BANK)]
    state = State(
        mode="help",
        back="quiz",
        situation="danger",
        tips=tuple(t.id for t in content.tips)[:MAX_TIPS],
        tip=MAX_TIPS - 1,
        view="hotline",
        args=("a" * 48,) * 4,
        menu_heard=True,
        quiz=tuple(questions[:MAX_QUIZ_ROUND]),
        quiz_at=MAX_QUIZ_ROUND - 1,
        quiz_score=MAX_QUIZ_ROUND - 1,
        quiz_retry=True,
        quiz_asked=tuple(questions[:MAX_QUIZ_BANK]),
    )
    attributes = json.loads(json.dumps(to_attributes(state)))
    assert len(json.dumps(attributes, separators=(",", ":"))) <= MAX_ATTRIBUTES_BYTES
    assert from_attributes(attributes) == (state, True)
