"""The sample screens in tests/apl/datasources/: what the skill sends at named points of a conversation.

The document tests validate every document with them, and docs/screens/render.py
draws the README's pictures from them; tests/test_screens.py checks that
each file is still exactly what the skill sends. After changing the content or
the screen renderer, write them again:

    python -m tests.screen_samples
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from skill import (
    handlers,  # noqa: F401  (registers the modes, as the skill does)
    render,
)
from skill.content import Content, default_library
from skill.vocabulary import Action
from tests.conversation import Conversation

DATASOURCES = Path(__file__).parent / "apl" / "datasources"

# name -> the conversation that reaches it: (action, argument, slots)
Step = tuple[str, str | None, Mapping[str, str]]
NONE: Mapping[str, str] = {}
SAMPLES: Mapping[str, tuple[Step, ...]] = {
    "welcome": ((Action.LAUNCH, None, NONE),),
    "menu": (
        (Action.LAUNCH, None, NONE),
        (Action.TOPIC, "definition", NONE),
        (Action.NO, None, NONE),
    ),
    "definition": ((Action.TOPIC, "definition", NONE),),
    "traffickers": ((Action.TOPIC, "traffickers", NONE),),
    "risk-factors-lead": ((Action.TOPIC, "risk_factors", NONE),),
    "risk-factors-first": ((Action.TOPIC, "risk_factors", NONE), (Action.YES, None, NONE)),
    "risk-factors-middle": (
        (Action.TOPIC, "risk_factors", NONE),
        (Action.YES, None, NONE),
        (Action.NEXT, None, NONE),
    ),
    "risk-factors-last": (
        (Action.TOPIC, "risk_factors", NONE),
        (Action.YES, None, NONE),
        (Action.NEXT, None, NONE),
        (Action.NEXT, None, NONE),
        (Action.NEXT, None, NONE),
    ),
    "risk-factor-tapped": (
        (Action.TOPIC, "risk_factors", NONE),
        (Action.YES, None, NONE),
        (Action.NEXT, None, NONE),
        (Action.ITEM, "5", NONE),
    ),
    "online-safety-first": ((Action.TIPS, None, {"category": "online_safety"}),),
    "single-tip": ((Action.RANDOM_TIP, None, NONE),),
    "help": (
        (Action.TOPIC, "risk_factors", NONE),
        (Action.YES, None, NONE),
        (Action.NEXT, None, NONE),
        (Action.HOTLINE, "info", NONE),
    ),
    # The quiz, from a new session (the engine's random generator is seeded, so the
    # round is always the same: three true-or-false questions, then one with choices).
    "quiz-first-question": ((Action.QUIZ, None, NONE),),
    "quiz-true-false": ((Action.QUIZ, None, NONE), (Action.ANSWER, None, {"answer": "false"})),
    "quiz-answered": (
        (Action.QUIZ, None, NONE),
        (Action.ANSWER, None, {"answer": "false"}),
        (Action.ANSWER, None, {"answer": "false"}),
        (Action.ANSWER, None, {"answer": "false"}),
    ),
    "quiz-score": (
        (Action.QUIZ, None, NONE),
        (Action.ANSWER, None, {"answer": "false"}),
        (Action.ANSWER, None, {"answer": "false"}),
        (Action.ANSWER, None, {"answer": "false"}),
        (Action.ANSWER, None, {"answer": "b"}),
        (Action.NEXT, None, NONE),
    ),
}


def sample(content: Content, steps: tuple[Step, ...]) -> dict[str, Any]:
    """The screen the skill sends after ``steps``, from a new session."""
    chat = Conversation.engine(content)
    for action, arg, slots in steps:
        chat.ask(action, arg, **slots)
    shown = render.render(content, chat.last.reply).datasources
    assert shown is not None, steps
    return shown


def samples(content: Content) -> dict[str, dict[str, Any]]:
    return {name: sample(content, steps) for name, steps in SAMPLES.items()}


def as_file(datasources: Mapping[str, Any]) -> str:
    return json.dumps(datasources, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    for old in DATASOURCES.glob("*.json"):
        old.unlink()
    for name, shown in samples(default_library().for_locale("en-US")).items():
        path = DATASOURCES / f"{name}.json"
        path.write_text(as_file(shown), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()
