"""The ``help:`` section: how to reach help, by situation and by hotline question.

Each situation the skill's intents name (:data:`~skill.content.model.SITUATIONS`)
has its own lines and says whether the number is offered again afterwards;
each hotline question (:data:`~skill.content.model.DETAILS`) has its answer.
The section also holds the questions that follow an answer, the resume
question and the help card.
"""

from __future__ import annotations

from typing import Any

from skill.content.model import DETAILS, LINES, REQUIRED_DETAILS, SITUATIONS, Help, Line, Situation
from skill.content.reading import Placeholders, Reader

_HELP_KEYS = (
    "title",
    "offer",
    "situations",
    "lines",
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

    def line_id(value: Any, where: str) -> str:
        found = r.text(value, where)
        if found not in LINES:
            raise r.fail(where, f"must be one of {list(LINES)}")
        return found

    raw_situations = r.mapping(r.key(m, "situations", path), f"{path}.situations")
    r.only_keys(raw_situations, SITUATIONS, f"{path}.situations")
    situations: dict[str, Situation] = {}
    for sid in SITUATIONS:
        spath = f"{path}.situations.{sid}"
        s = r.mapping(r.key(raw_situations, sid, f"{path}.situations"), spath)
        r.only_keys(s, ("lines", "again", "line", "also"), spath)
        main = line_id(r.key(s, "line", spath), f"{spath}.line")
        also = line_id(s["also"], f"{spath}.also") if s.get("also") is not None else None
        if also == main:
            raise r.fail(f"{spath}.also", "must be another line than line")
        situations[sid] = Situation(
            sid,
            texts(r.key(s, "lines", spath), f"{spath}.lines"),
            r.flag(r.key(s, "again", spath), f"{spath}.again"),
            main,
            also,
        )
    raw_lines = r.mapping(r.key(m, "lines", path), f"{path}.lines")
    r.only_keys(raw_lines, LINES, f"{path}.lines")
    lines = {lid: load_line(r, ph, r.key(raw_lines, lid, f"{path}.lines"), lid) for lid in LINES}
    return Help(
        title=text("title"),
        offer=text("offer"),
        situations=situations,
        lines=lines,
        question_again=text("question_again"),
        question_open=text("question_open"),
        reprompt_again=text("reprompt_again"),
        reprompt_open=text("reprompt_open"),
        resume=text("resume", frozenset({"title"})),
        card=texts(r.key(m, "card", path), f"{path}.card"),
    )


def load_line(r: Reader, ph: Placeholders, raw: Any, line: str) -> Line:
    """One entry of ``help.lines``: its details (number and slowly always), about and more."""
    path = f"help.lines.{line}"
    m = r.mapping(raw, path)
    r.only_keys(m, ("phone", "details", "about", "more"), path)
    phone = r.text(r.key(m, "phone", path), f"{path}.phone")
    if phone not in ph.numbers:
        raise r.fail(f"{path}.phone", f"must name an entry of numbers, not {phone!r}")

    def texts(value: Any, where: str) -> tuple[str, ...]:
        return ph.all(r.texts(value, where), where)

    dpath = f"{path}.details"
    raw_details = r.mapping(r.key(m, "details", path), dpath)
    r.only_keys(raw_details, DETAILS, dpath)
    for required in REQUIRED_DETAILS:
        r.key(raw_details, required, dpath)
    details = {d: texts(raw_details[d], f"{dpath}.{d}") for d in DETAILS if d in raw_details}
    return Line(
        id=line,
        phone=phone,
        details=details,
        about=texts(r.key(m, "about", path), f"{path}.about"),
        more=texts(r.key(m, "more", path), f"{path}.more"),
    )
