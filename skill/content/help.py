"""The ``help:`` section: how to reach help, by situation and by hotline question.

Each situation the skill's intents name (:data:`~skill.content.model.SITUATIONS`)
has its own lines and says whether the number is offered again afterwards;
each hotline question (:data:`~skill.content.model.DETAILS`) has its answer.
The section also holds the questions that follow an answer, the resume
question and the help card.
"""

from __future__ import annotations

from typing import Any

from skill.content.model import DETAILS, SITUATIONS, Help, Situation
from skill.content.reading import Placeholders, Reader

_HELP_KEYS = (
    "title",
    "offer",
    "situations",
    "details",
    "more",
    "question_again",
    "question_open",
    "reprompt_again",
    "reprompt_open",
    "resume",
    "card",
)


def load_help(r: Reader, ph: Placeholders, raw: Any) -> Help:
    path = "help"
    m = r.mapping(raw, path)
    r.only_keys(m, _HELP_KEYS, path)

    def text(key: str, fields: frozenset[str] = frozenset()) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}", fields)

    def texts(value: Any, where: str) -> tuple[str, ...]:
        return ph.all(r.texts(value, where), where)

    raw_situations = r.mapping(r.key(m, "situations", path), f"{path}.situations")
    r.only_keys(raw_situations, SITUATIONS, f"{path}.situations")
    situations: dict[str, Situation] = {}
    for sid in SITUATIONS:
        spath = f"{path}.situations.{sid}"
        s = r.mapping(r.key(raw_situations, sid, f"{path}.situations"), spath)
        r.only_keys(s, ("lines", "again"), spath)
        situations[sid] = Situation(
            sid,
            texts(r.key(s, "lines", spath), f"{spath}.lines"),
            r.flag(r.key(s, "again", spath), f"{spath}.again"),
        )
    raw_details = r.mapping(r.key(m, "details", path), f"{path}.details")
    r.only_keys(raw_details, DETAILS, f"{path}.details")
    details = {
        d: texts(r.key(raw_details, d, f"{path}.details"), f"{path}.details.{d}") for d in DETAILS
    }
    return Help(
        title=text("title"),
        offer=text("offer"),
        situations=situations,
        details=details,
        more=texts(r.key(m, "more", path), f"{path}.more"),
        question_again=text("question_again"),
        question_open=text("question_open"),
        reprompt_again=text("reprompt_again"),
        reprompt_open=text("reprompt_open"),
        resume=text("resume", frozenset({"title"})),
        card=texts(r.key(m, "card", path), f"{path}.card"),
    )
