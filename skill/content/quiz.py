"""The ``quiz:`` section: the quiz's prompts, how its letters are said, and its questions.

A question is true or false, or has three spoken choices; its answer ids are
the interaction model's QuizAnswerType ids (:data:`~skill.content.model.LETTER_IDS`,
true and false, and each choice's own id, which must mean the same words in
every question). A round is at most the questions there are, and the bank and
the round fit the session's limits (:mod:`skill.state`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from skill.content.model import (
    FALSE,
    LETTER_IDS,
    MAX_QUESTION_ID,
    QUESTION_KINDS,
    RESERVED_ANSWER_IDS,
    TRUE,
    TRUE_FALSE,
    Choice,
    Question,
    Quiz,
)
from skill.content.reading import Placeholders, Reader
from skill.state import MAX_QUIZ_BANK, MAX_QUIZ_ROUND

# Every quiz prompt, with the placeholders it may use besides the numbers.
QUIZ_PROMPTS: Mapping[str, frozenset[str]] = {
    "intro": frozenset({"total"}),
    "number": frozenset({"number", "total"}),
    "choice": frozenset({"letter", "words"}),
    "ask_choice": frozenset(),
    "ask_true_false": frozenset(),
    "reprompt_choice": frozenset(),
    "reprompt_true_false": frozenset(),
    "right": frozenset(),
    "wrong": frozenset(),
    "answer_choice": frozenset({"letter", "words"}),
    "answer_true": frozenset(),
    "answer_false": frozenset(),
    "true": frozenset(),
    "false": frozenset(),
    "skip": frozenset(),
    "move_on": frozenset(),
    "not_a_choice": frozenset(),
    "several": frozenset(),
    "so_far": frozenset({"score", "asked", "left"}),
    "so_far_none": frozenset({"left"}),
    "left": frozenset({"score", "total"}),
    "left_early": frozenset(),
    "fallback": frozenset(),
    "reask_choice": frozenset(),
    "reask_true_false": frozenset(),
    "score": frozenset({"score", "total"}),
    "encourage_all": frozenset(),
    "encourage_most": frozenset(),
    "encourage_some": frozenset(),
    "offer": frozenset(),
    "offer_reprompt": frozenset(),
    "help_choice": frozenset(),
    "help_true_false": frozenset(),
    "help_round": frozenset(),
    "resume": frozenset(),
    "resume_round": frozenset(),
    "goodbye": frozenset({"score", "total"}),
}


_QUIZ_KEYS = ("title", "round_size", "letters", "prompts", "questions", "apart")
_QUESTION_KEYS = ("id", "kind", "text", "choices", "answer", "source", "explain")


def _load_question(r: Reader, ph: Placeholders, raw: Any, path: str) -> Question:
    m = r.mapping(raw, path)
    r.only_keys(m, _QUESTION_KEYS, path)

    def text(key: str) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}")

    question_id = r.ident(r.key(m, "id", path), f"{path}.id")
    if len(question_id) > MAX_QUESTION_ID:
        raise r.fail(f"{path}.id", f"is longer than {MAX_QUESTION_ID} characters")
    kind = r.text(r.key(m, "kind", path), f"{path}.kind")
    if kind not in QUESTION_KINDS:
        raise r.fail(f"{path}.kind", f"must be one of {list(QUESTION_KINDS)}, got {kind!r}")
    raw_answer = r.key(m, "answer", path)
    choices: tuple[Choice, ...] = ()
    if kind == TRUE_FALSE:
        if "choices" in m:
            raise r.fail(f"{path}.choices", "are only for questions of kind choice")
        answer = TRUE if r.flag(raw_answer, f"{path}.answer") else FALSE
    else:
        raw_choices = r.key(m, "choices", path)
        if not isinstance(raw_choices, list) or len(raw_choices) != len(LETTER_IDS):
            raise r.fail(f"{path}.choices", f"expected a list of {len(LETTER_IDS)} choices")
        found: list[Choice] = []
        for n, raw_choice in enumerate(raw_choices):
            cpath = f"{path}.choices[{n}]"
            c = r.mapping(raw_choice, cpath)
            r.only_keys(c, ("id", "text"), cpath)
            choice_id = r.ident(r.key(c, "id", cpath), f"{cpath}.id")
            if choice_id in RESERVED_ANSWER_IDS:
                raise r.fail(f"{cpath}.id", f"{choice_id!r} is a letter or true/false answer id")
            if choice_id in {f.id for f in found}:
                raise r.fail(f"{cpath}.id", f"duplicate choice id {choice_id!r}")
            choice_text = r.text(r.key(c, "text", cpath), f"{cpath}.text")
            found.append(Choice(choice_id, ph.check(choice_text, f"{cpath}.text")))
        choices = tuple(found)
        answer = r.text(raw_answer, f"{path}.answer") if isinstance(raw_answer, str) else ""
        if answer not in LETTER_IDS:
            raise r.fail(f"{path}.answer", f"must be one of {list(LETTER_IDS)}, got {raw_answer!r}")
    return Question(
        id=question_id,
        kind=kind,
        text=text("text"),
        choices=choices,
        answer=answer,
        source=text("source"),
        explain=text("explain"),
    )


def load_quiz(r: Reader, ph: Placeholders, raw: Any) -> Quiz:
    path = "quiz"
    m = r.mapping(raw, path)
    r.only_keys(m, _QUIZ_KEYS, path)
    title = ph.check(r.text(r.key(m, "title", path), f"{path}.title"), f"{path}.title")
    round_size = r.positive_int(r.key(m, "round_size", path), f"{path}.round_size")
    if round_size > MAX_QUIZ_ROUND:
        raise r.fail(f"{path}.round_size", f"must be at most {MAX_QUIZ_ROUND}")
    letters = r.texts(r.key(m, "letters", path), f"{path}.letters")
    if len(letters) != len(LETTER_IDS):
        raise r.fail(f"{path}.letters", f"expected {len(LETTER_IDS)} letters, got {len(letters)}")
    ppath = f"{path}.prompts"
    raw_prompts = r.mapping(r.key(m, "prompts", path), ppath)
    r.only_keys(raw_prompts, tuple(QUIZ_PROMPTS), ppath)
    prompts = {
        key: ph.check(
            r.text(r.key(raw_prompts, key, ppath), f"{ppath}.{key}"), f"{ppath}.{key}", fields
        )
        for key, fields in QUIZ_PROMPTS.items()
    }
    qpath = f"{path}.questions"
    raw_questions = r.key(m, "questions", path)
    if not isinstance(raw_questions, list) or not raw_questions:
        raise r.fail(qpath, "expected a non-empty list")
    if len(raw_questions) > MAX_QUIZ_BANK:
        raise r.fail(qpath, f"has {len(raw_questions)} questions; at most {MAX_QUIZ_BANK}")
    questions: dict[str, Question] = {}
    words: dict[str, tuple[str, str]] = {}  # choice id -> (its text, where first seen)
    for i, raw_question in enumerate(raw_questions):
        question = _load_question(r, ph, raw_question, f"{qpath}[{i}]")
        if question.id in questions:
            raise r.fail(f"{qpath}[{i}].id", f"duplicate id {question.id!r}")
        questions[question.id] = question
        for n, choice in enumerate(question.choices):
            first = words.setdefault(choice.id, (choice.text, f"{qpath}[{i}].choices[{n}]"))
            if first[0] != choice.text:
                raise r.fail(
                    f"{qpath}[{i}].choices[{n}].text",
                    f"choice id {choice.id!r} has other words at {first[1]}",
                )
    if round_size > len(questions):
        raise r.fail(f"{path}.round_size", f"is more than the {len(questions)} questions")
    apart = _load_apart(r, m.get("apart", []), questions, f"{path}.apart")
    if rounds_possible(len(questions), apart) < round_size:
        raise r.fail(f"{path}.apart", f"leaves fewer than {round_size} questions for a round")
    return Quiz(title, round_size, letters, prompts, questions, apart)


def _load_apart(
    r: Reader, raw: Any, questions: Mapping[str, Question], path: str
) -> tuple[tuple[str, ...], ...]:
    """Groups of question ids that never share a round (each of two ids or more).

    Each group is kept as sorted ids, so that the content (and the library
    compiled at package time) is the same in every process.
    """
    if not isinstance(raw, list):
        raise r.fail(path, f"expected a list, got {type(raw).__name__}")
    groups: list[tuple[str, ...]] = []
    for i, raw_group in enumerate(raw):
        where = f"{path}[{i}]"
        ids = r.texts(raw_group, where)
        for n, question_id in enumerate(ids):
            if question_id not in questions:
                raise r.fail(f"{where}[{n}]", f"{question_id!r} is not a question id")
        if len(set(ids)) < 2 or len(set(ids)) != len(ids):
            raise r.fail(where, "expected two different question ids or more")
        for earlier in groups:
            shared = sorted(set(earlier) & set(ids))
            if shared:
                raise r.fail(where, f"{shared[0]!r} is in two groups")
        groups.append(tuple(sorted(ids)))
    return tuple(groups)


def rounds_possible(questions: int, apart: Sequence[Sequence[str]]) -> int:
    """The most questions a round can have when no two of a group of ``apart`` share it."""
    return questions - sum(len(group) - 1 for group in apart)
