"""Slot value ids against the content: the skill looks content up by the resolved id."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from skill import intents as skill_intents
from skill.content import DETAILS, FALSE, LETTER_IDS, TRUE, Content
from skill.quiz_check import quiz_problems
from skill.tools.interaction_model import slot_types, value_id, value_words, values
from skill.tools.model_check.problem import Problem

RULE = "slot-ids"

# Which content ids each slot type's value ids must equal.
SLOT_TYPE_CONTENT_IDS: Mapping[str, Callable[[Content], Sequence[str]]] = {
    skill_intents.CATEGORY_TYPE: lambda content: content.tip_categories,
    skill_intents.DETAIL_TYPE: lambda content: DETAILS,
    skill_intents.LINE_TYPE: lambda content: tuple(content.help.lines),
    skill_intents.ANSWER_TYPE: lambda content: quiz_answer_ids(content),
}


def quiz_answer_ids(content: Content) -> tuple[str, ...]:
    """The answers the quiz compares: the letters, true and false, and every choice's words."""
    choices = tuple(c.id for q in content.quiz.questions.values() for c in q.choices)
    return (*LETTER_IDS, TRUE, FALSE, *choices)


def check_quiz_sources(
    model_file: str, lm: Mapping[str, Any], content: Content, content_file: str
) -> list[Problem]:
    """Every quiz question comes from the page or the help facts, and its source supports it."""
    return [Problem("quiz-source", content_file, line) for line in quiz_problems(content)]


def check_slot_ids(
    lm: Mapping[str, Any],
    file: str,
    type_name: str,
    content_ids: Sequence[str],
    content_file: str,
) -> list[Problem]:
    """Slot value ids of ``type_name`` are exactly ``content_ids``: a value without a
    content id cannot be answered and a content id without a value cannot be asked for."""
    matches = [t for t in slot_types(lm) if t.get("name") == type_name]
    if not matches:
        return [Problem(RULE, file, f"slot type {type_name} is missing")]
    problems = []
    ids: list[str] = []
    for value in values(matches[0]):
        words = value_words(value)
        found = value_id(value)
        label = words[0] if words else "?"
        if found is None:
            problems.append(Problem(RULE, file, f"{type_name} value {label!r} has no id"))
            continue
        ids.append(found)
        if found not in content_ids:
            problems.append(
                Problem(
                    RULE,
                    file,
                    f"{type_name} value id {found!r} is not a content id in "
                    f"{content_file} (content ids: {', '.join(content_ids)})",
                )
            )
    for content_id in content_ids:
        if content_id not in ids:
            problems.append(
                Problem(
                    RULE,
                    file,
                    f"content id {content_id!r} from {content_file} has no {type_name} value",
                )
            )
    return problems


def check_content_ids(
    model_file: str, lm: Mapping[str, Any], content: Content, content_file: str
) -> list[Problem]:
    """Every slot type that stands for content ids, against one locale's content."""
    return [
        p
        for type_name, ids_of in SLOT_TYPE_CONTENT_IDS.items()
        for p in check_slot_ids(lm, model_file, type_name, ids_of(content), content_file)
    ]
