"""What the screen datasource's type cannot say: the contract's rules, checked on a ScreenData.

:class:`skill.screen.ScreenData` fixes the fields and their types; the type
checker holds the skill to them. The rules between the fields (a list page
numbers its items and shows its position, a help screen reads nothing along, a
quiz screen has no items, More or Back...) are checked here, on every screen
the skill can send (tests/test_screens.py) and on the sample screens
(tests/test_screen.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skill.screen import (
    QUIZ_MOVE_EVENTS,
    Choice,
    QuizMove,
    QuizParts,
    Resource,
    ScreenData,
    ShownItem,
)

BUTTONS = frozenset({"more", "back", "help"})


def is_ssml(text: str) -> bool:
    return text.startswith("<speak>") and text.endswith("</speak>")


def _text_problems(data: ScreenData) -> list[str]:
    problems = [
        f"{name} must not be empty"
        for name, value in (("title", data.title), ("prompt", data.prompt), ("footer", data.footer))
        if not value.strip()
    ]
    if not all(text.strip() for text in data.lead):
        problems.append("lead must be non-empty texts")
    for i, item in enumerate(data.items):
        if not item.text.strip():
            problems.append(f"items[{i}].text must not be empty")
        if not is_ssml(item.ssml):
            problems.append(f"items[{i}].ssml must be SSML in <speak></speak>")
    if not all(r.label.strip() and r.value.strip() for r in data.resources):
        problems.append("resources must have a label and a value")
    if set(data.buttons) != BUTTONS or not all(v.strip() for v in data.buttons.values()):
        problems.append(f"buttons must label exactly {', '.join(sorted(BUTTONS))}")
    if data.lead_ssml and not is_ssml(data.lead_ssml):
        problems.append("leadSsml must be SSML in <speak></speak>, or empty")
    return problems


def _quiz_problems(data: ScreenData, quiz: QuizParts) -> list[str]:
    """A quiz screen shows its question, its choices to tap or its score; it reads nothing."""
    problems: list[str] = []
    if data.lead_ssml:
        problems.append("a quiz screen reads nothing along: its leadSsml must be empty")
    if data.items:
        problems.append("a quiz screen has no items: its answers are choices")
    if data.has_more or data.has_back:
        problems.append("a quiz screen has no More or Back buttons")
    if quiz.choices and not quiz.question.strip():
        problems.append("choices need the question they answer")
    if quiz.score and (quiz.question or quiz.choices):
        problems.append("a score ends the round: no question or choices with it")
    if bool(quiz.question) != bool(data.position):
        problems.append("an open question shows its position, and only an open question does")
    if not all(c.id.strip() and c.text.strip() for c in quiz.choices):
        problems.append("choices must have an id and a text")
    if len({c.id for c in quiz.choices}) != len(quiz.choices):
        problems.append("choices must have different ids")
    if not all(text.strip() for text in quiz.score):
        problems.append("score must be non-empty texts")
    if bool(quiz.moves) != bool(quiz.choices):
        problems.append("the quiz's moves show while a question is open, and only then")
    if [m.event for m in quiz.moves] not in ([], list(QUIZ_MOVE_EVENTS.values())):
        problems.append("the quiz's moves are skip, repeat, score and end, in that order")
    if not all(m.label.strip() for m in quiz.moves):
        problems.append("each quiz move needs its label")
    return problems


def _kind_problems(data: ScreenData) -> list[str]:
    problems: list[str] = []
    if (data.quiz is not None) != (data.kind == "quiz"):
        problems.append("a quiz screen, and only a quiz screen, has a question, choices, score")
    if data.quiz is not None:
        problems += _quiz_problems(data, data.quiz)
    elif data.kind == "help":
        if data.lead_ssml:
            problems.append("a help screen reads nothing along: its leadSsml must be empty")
        if not data.resources:
            problems.append("a help screen needs resources")
        if data.items:
            problems.append("a help screen has no items")
    else:
        if data.lead and not data.lead_ssml:
            problems.append("leadSsml is needed where there is a lead: the document speaks it")
        if data.lead_ssml and not data.lead:
            problems.append("leadSsml without a lead: the screen would not show what is spoken")
    if data.kind == "list":
        if not data.items or not all(item.number for item in data.items):
            problems.append("a list page needs items, each with its number")
        if not data.position:
            problems.append("a list page needs its position")
    return problems


def breaches(data: ScreenData) -> list[str]:
    """Every rule of the contract ``data`` breaks that its type cannot; empty when sound."""
    return _text_problems(data) + _kind_problems(data)


def from_properties(properties: Mapping[str, Any]) -> ScreenData:
    """The ScreenData a sample's properties were written from (a field it lacks raises KeyError).

    With :func:`skill.screen.screen_datasource` it gives the sample back only
    if the sample holds exactly the contract's fields.
    """
    p = properties
    quiz = None
    if p["kind"] == "quiz":
        choices = tuple(Choice(c["id"], c["text"]) for c in p["choices"])
        moves = tuple(QuizMove(m["event"], m["label"]) for m in p["moves"])
        quiz = QuizParts(p["question"], choices, tuple(p["score"]), moves)
    return ScreenData(
        kind=p["kind"],
        title=p["title"],
        lead=tuple(p["lead"]),
        lead_ssml=p["leadSsml"],
        items=tuple(ShownItem(i["number"], i["text"], i["ssml"]) for i in p["items"]),
        position=p["position"],
        prompt=p["prompt"],
        footer=p["footer"],
        resources=tuple(Resource(r["label"], r["value"]) for r in p["resources"]),
        buttons=dict(p["buttons"]),
        has_more=p["hasMore"],
        has_back=p["hasBack"],
        hint=p["hint"],
        quiz=quiz,
    )
