"""The shape every other model rule relies on; they run only when this finds nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skill.tools.interaction_model import language_model
from skill.tools.model_check.problem import Problem

RULE = "structure"


def check_structure(model_json: Any, file: str) -> list[Problem]:
    problems: list[Problem] = []

    def bad(message: str, intent: str | None = None) -> None:
        problems.append(Problem(RULE, file, message, intent))

    lm = language_model(model_json)
    if not lm:
        bad("no interactionModel.languageModel object")
        return problems
    if not isinstance(lm.get("invocationName"), str):
        bad("languageModel.invocationName is missing or not text")
    raw_intents = lm.get("intents")
    if not isinstance(raw_intents, list) or not raw_intents:
        bad("languageModel.intents is missing or empty")
        raw_intents = []
    for n, intent in enumerate(raw_intents):
        if not isinstance(intent, Mapping) or not isinstance(intent.get("name"), str):
            bad(f"intents[{n}] has no name")
            continue
        name = intent["name"]
        samples = intent.get("samples", [])
        if not isinstance(samples, list) or not all(isinstance(s, str) for s in samples):
            bad("samples must be a list of text", name)
        slots = intent.get("slots", [])
        if not isinstance(slots, list) or not all(
            isinstance(s, Mapping)
            and isinstance(s.get("name"), str)
            and isinstance(s.get("type"), str)
            for s in slots
        ):
            bad("slots must be a list of objects with a name and a type", name)
    raw_types = lm.get("types", [])
    if not isinstance(raw_types, list):
        bad("languageModel.types must be a list")
        raw_types = []
    for n, slot_type in enumerate(raw_types):
        if not isinstance(slot_type, Mapping) or not isinstance(slot_type.get("name"), str):
            bad(f"types[{n}] has no name")
            continue
        values = slot_type.get("values", [])
        if not isinstance(values, list) or not all(
            isinstance(v, Mapping)
            and isinstance(v.get("name"), Mapping)
            and isinstance(v["name"].get("value"), str)
            for v in values
        ):
            bad(f"slot type {slot_type['name']}: values must be objects with name.value")
    return problems
