"""Offline checks of the skill package, to catch mistakes before Amazon's build does.

``python -m skill check`` runs :func:`check_project`. The rules follow Amazon's
published build and certification rules for custom skills; each lives in the
module of its subject and is registered in :data:`rules.RULES`:

- :mod:`.structure`: the shape the other model rules rely on;
- :mod:`.invocation`: the invocation name;
- :mod:`.samples`: sample counts, characters, slots and duplicates;
- :mod:`.slot_types`: slot types and the built-in intents certification tests;
- :mod:`.content_ids`: slot value ids against the content ids they stand for;
- :mod:`.manifest`: skill.json's required fields, every modelled locale listed and
  distributed, and the placeholder endpoint;
- :mod:`.phrases`: the manifest's example phrases against the model.

The interaction model is read by :mod:`skill.tools.interaction_model`, the
same reader the say/chat simulator uses; the words of each language (how it
opens a skill, what an invocation name may not contain) come from the
locale's recogniser data, read by :func:`skill.tools.nlu.read_phrases`
(:mod:`.languages`).
"""

from __future__ import annotations

from skill.tools.interaction_model import language_model
from skill.tools.model_check.content_ids import check_content_ids, check_slot_ids
from skill.tools.model_check.invocation import check_invocation_name
from skill.tools.model_check.languages import Languages, LaunchWords
from skill.tools.model_check.manifest import check_manifest, check_placeholder_endpoint
from skill.tools.model_check.phrases import check_example_phrase, check_example_phrases
from skill.tools.model_check.problem import Problem, Report
from skill.tools.model_check.project import (
    check_model,
    check_project,
    load_contents,
    load_languages,
)
from skill.tools.model_check.rules import RULES, Rule
from skill.tools.model_check.samples import sample_character_problems

__all__ = [
    "RULES",
    "Languages",
    "LaunchWords",
    "Problem",
    "Report",
    "Rule",
    "check_content_ids",
    "check_example_phrase",
    "check_example_phrases",
    "check_invocation_name",
    "check_manifest",
    "check_model",
    "check_placeholder_endpoint",
    "check_project",
    "check_slot_ids",
    "language_model",
    "load_contents",
    "load_languages",
    "sample_character_problems",
]
