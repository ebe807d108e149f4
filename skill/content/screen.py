"""The ``screen:`` section: what a screen shows besides the spoken words.

Button labels, the position line ("4 to 6 of 12"), the hints, the help
screen's numbers and the open quiz question's place. Each position text must
show the fields its screen fills in.
"""

from __future__ import annotations

import string
from typing import Any

from skill.content.model import Resource, ScreenWords
from skill.content.reading import Placeholders, Reader

SCREEN_BUTTONS = ("more", "back", "help")
QUIZ_BUTTONS = ("pass", "repeat", "score", "end_quiz")
_SCREEN_KEYS = (
    "buttons",
    "quiz_buttons",
    "position",
    "position_one",
    "hint",
    "hint_more",
    "resources",
    "quiz_position",
)
_POSITION_FIELDS = frozenset({"first", "last", "total"})
_QUIZ_POSITION_FIELDS = frozenset({"number", "total"})


def load_screen(r: Reader, ph: Placeholders, raw: Any) -> ScreenWords:
    path = "screen"
    m = r.mapping(raw, path)
    r.only_keys(m, _SCREEN_KEYS, path)

    def text(key: str, fields: frozenset[str] = frozenset()) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}", fields)

    def labels(key: str, names: tuple[str, ...]) -> dict[str, str]:
        raw = r.mapping(r.key(m, key, path), f"{path}.{key}")
        r.only_keys(raw, names, f"{path}.{key}")
        return {b: r.text(r.key(raw, b, f"{path}.{key}"), f"{path}.{key}.{b}") for b in names}

    buttons = labels("buttons", SCREEN_BUTTONS)
    quiz_buttons = labels("quiz_buttons", QUIZ_BUTTONS)
    position = text("position", _POSITION_FIELDS)
    position_one = text("position_one", _POSITION_FIELDS)
    quiz_position = text("quiz_position", _QUIZ_POSITION_FIELDS)
    for key, value, needed in (
        ("position", position, _POSITION_FIELDS),
        ("position_one", position_one, frozenset({"first", "total"})),
        ("quiz_position", quiz_position, _QUIZ_POSITION_FIELDS),
    ):
        used = {name for _l, name, _s, _c in string.Formatter().parse(value) if name}
        if not needed <= used:
            missing = ", ".join("{" + n + "}" for n in sorted(needed - used))
            raise r.fail(f"{path}.{key}", f"must show {missing}")
    raw_resources = r.key(m, "resources", path)
    if not isinstance(raw_resources, list) or not raw_resources:
        raise r.fail(f"{path}.resources", "expected a non-empty list")
    resources: list[Resource] = []
    for i, item in enumerate(raw_resources):
        rpath = f"{path}.resources[{i}]"
        entry = r.mapping(item, rpath)
        r.only_keys(entry, ("label", "value"), rpath)
        label = ph.check(r.text(r.key(entry, "label", rpath), f"{rpath}.label"), f"{rpath}.label")
        value = ph.check(r.text(r.key(entry, "value", rpath), f"{rpath}.value"), f"{rpath}.value")
        resources.append(Resource(label, value))
    return ScreenWords(
        buttons=buttons,
        quiz_buttons=quiz_buttons,
        position=position,
        position_one=position_one,
        hint=text("hint"),
        hint_more=text("hint_more"),
        resources=tuple(resources),
        quiz_position=quiz_position,
    )
