"""Custom slot types, and the built-in intents certification expects."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill import intents as skill_intents
from skill.tools.interaction_model import intent_name, intents, slot_types, slots, value_words
from skill.tools.interaction_model import values as type_values
from skill.tools.model_check.problem import Problem

REQUIRED_BUILT_INS = (
    skill_intents.HELP,
    skill_intents.STOP,
    skill_intents.CANCEL,
    skill_intents.FALLBACK,
    skill_intents.NAVIGATE_HOME,
)

_SLOT_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z_]*")


def check_slot_types(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Custom slot types: valid unique names, at least one value, and every slot's type defined."""
    problems = []
    defined: set[str] = set()
    for slot_type in slot_types(lm):
        name = str(slot_type.get("name"))
        if not _SLOT_TYPE_NAME.fullmatch(name):
            problems.append(
                Problem(
                    "slot-type",
                    file,
                    f"slot type name {name!r} must be letters and underscores, "
                    "starting with a letter",
                )
            )
        if name in defined:
            problems.append(Problem("slot-type", file, f"slot type {name} is defined twice"))
        defined.add(name)
        if not [v for v in type_values(slot_type) if value_words(v)]:
            problems.append(Problem("slot-type", file, f"slot type {name} has no values"))
    for intent in intents(lm):
        for slot in slots(intent):
            slot_type_name = str(slot.get("type"))
            if not slot_type_name.startswith("AMAZON.") and slot_type_name not in defined:
                problems.append(
                    Problem(
                        "slot-type",
                        file,
                        f"slot {slot.get('name')} has type {slot_type_name}, "
                        "which the model does not define",
                        intent_name(intent),
                    )
                )
    return problems


def check_required_built_ins(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Help, Stop, Cancel, Fallback and NavigateHome: what certification expects."""
    names = {intent_name(i) for i in intents(lm)}
    return [
        Problem("missing-built-in", file, "required built-in intent is missing", name)
        for name in REQUIRED_BUILT_INS
        if name not in names
    ]
