"""Every rule of the model check, registered in one table.

A rule is a pure function over parsed JSON (or loaded content) that returns
the problems it finds; none of them reads a file. Each takes one of four
inputs, named by the field it is registered under:

- ``model``: one interaction model's ``languageModel`` and its file name;
- ``words``: the same, with the launch words of every locale (each locale's
  recogniser data, ``skill/tools/recognizer/<locale>.yaml``);
- ``manifest``: skill.json, its file name, the models by locale and the
  launch words by locale;
- ``content``: one locale's model next to the same locale's content.

A rule marked ``warning`` reports something to look at (the check still
passes). To add a rule, write the function in the module of its subject and
add one line to :data:`RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from skill.content import Content
from skill.tools.model_check import (
    content_ids,
    invocation,
    manifest,
    phrases,
    samples,
    slot_types,
)
from skill.tools.model_check.languages import Languages
from skill.tools.model_check.problem import Problem

Models = Mapping[str, tuple[str, Mapping[str, Any]]]  # locale -> (file, languageModel)
ModelCheck = Callable[[Mapping[str, Any], str], list[Problem]]
WordsCheck = Callable[[Mapping[str, Any], str, Languages], list[Problem]]
ManifestCheck = Callable[[Any, str, Models, Languages], list[Problem]]
ContentCheck = Callable[[str, Mapping[str, Any], Content, str], list[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    about: str
    model: ModelCheck | None = None
    words: WordsCheck | None = None
    manifest: ManifestCheck | None = None
    content: ContentCheck | None = None
    warning: bool = False


def _manifest_only(check: Callable[[Any, str], list[Problem]]) -> ManifestCheck:
    return lambda data, file, models, languages: check(data, file)


RULES: tuple[Rule, ...] = (
    Rule(
        "invocation-name",
        "Amazon's invocation name rules",
        words=invocation.check_invocation_name,
    ),
    Rule(
        "few-samples",
        f"custom intents have at least {samples.MIN_CUSTOM_SAMPLES} samples",
        model=samples.check_sample_counts,
    ),
    Rule(
        "undefined-slot", "samples name only their intent's slots", model=samples.check_sample_slots
    ),
    Rule(
        "sample-characters",
        "samples use only characters Amazon accepts",
        model=samples.check_sample_characters,
    ),
    Rule(
        "duplicate-sample",
        "no sample appears twice, in one intent or two",
        model=samples.check_duplicate_samples,
    ),
    Rule(
        "slot-type",
        "slot types have valid names and values; every slot's type exists",
        model=slot_types.check_slot_types,
    ),
    Rule(
        "missing-built-in",
        "the built-in intents certification tests are present",
        model=slot_types.check_required_built_ins,
    ),
    Rule(
        "slot-ids",
        "slot value ids are exactly the content ids they stand for",
        content=content_ids.check_content_ids,
    ),
    Rule(
        "quiz-source",
        "each quiz question's source is page or help text and supports its answer",
        content=content_ids.check_quiz_sources,
    ),
    Rule(
        "manifest",
        "skill.json has what submission needs",
        manifest=_manifest_only(manifest.check_manifest),
    ),
    Rule(
        manifest.LOCALES_RULE,
        "every locale with a model is listed and distributed in skill.json",
        manifest=lambda data, file, models, languages: manifest.check_manifest_locales(
            data, file, models
        ),
    ),
    Rule(
        "example-phrase",
        "the example phrases say something the model understands",
        manifest=phrases.check_example_phrases,
    ),
    Rule(
        "placeholder-endpoint",
        "the endpoint is not the shipped placeholder",
        manifest=_manifest_only(manifest.check_placeholder_endpoint),
        warning=True,
    ),
)
