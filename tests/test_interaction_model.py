"""The interaction model agrees with the content and the handlers."""

from __future__ import annotations

import re
from typing import Any

import pytest

from skill import intents
from skill.content import DETAILS, Content
from skill.routing import INTENT_ROUTES
from skill.tools.interaction_model import language_model, model_locales, read_model
from tests.locales import LOCALES, expected, pinned_locale

# The en-US model's samples.
locale = pinned_locale()


@pytest.fixture(scope="module")
def model() -> dict[str, Any]:
    return dict(language_model(read_model("en-US")))


def test_invocation_name(model: dict[str, Any]) -> None:
    assert model["invocationName"] == "youth safety tips"


def test_category_slot_ids_are_the_content_category_ids(
    model: dict[str, Any], content: Content
) -> None:
    (category_type,) = [t for t in model["types"] if t["name"] == intents.CATEGORY_TYPE]
    ids = [v["id"] for v in category_type["values"]]
    assert ids == list(content.tip_categories)


def test_safety_tips_intent_uses_the_category_type(model: dict[str, Any]) -> None:
    (intent,) = [i for i in model["intents"] if i["name"] == intents.SAFETY_TIPS]
    assert intent["slots"] == [{"name": intents.CATEGORY_SLOT, "type": intents.CATEGORY_TYPE}]


def test_hotline_detail_intent_uses_the_detail_and_line_types(model: dict[str, Any]) -> None:
    (intent,) = [i for i in model["intents"] if i["name"] == intents.HOTLINE_DETAIL]
    assert intent["slots"] == [
        {"name": intents.DETAIL_SLOT, "type": intents.DETAIL_TYPE},
        {"name": intents.LINE_SLOT, "type": intents.LINE_TYPE},
    ]


# Carriers so short that a whole sentence about danger could fill the slot after
# them ("is it {detail}" for "is it okay to want to die"), or a slot followed by
# words alone ("{detail} again" for "he's hurting me again"): never a sample. Each
# locale's are in tests/locales/<locale>.yaml (``model``); the words for "again"
# of every language are refused in every model.
AGAIN = tuple(expected(locale).model.again for locale in LOCALES)


@pytest.mark.parametrize("model_locale", LOCALES)
def test_no_sample_is_a_short_carrier_and_an_open_slot(model_locale: str) -> None:
    carriers = expected(model_locale).model.carriers
    lm = language_model(read_model(model_locale))
    found = [
        s
        for i in lm["intents"]
        for s in i.get("samples", [])
        if (m := re.fullmatch(r"(.*?)\s*\{[^{}]+\}\s*(.*)", s))
        and (
            (m.group(1) in carriers and not m.group(2)) or (not m.group(1) and m.group(2) in AGAIN)
        )
    ]
    assert found == []


def test_hotline_detail_ids_are_the_details_the_skill_answers(model: dict[str, Any]) -> None:
    (detail_type,) = [t for t in model["types"] if t["name"] == intents.DETAIL_TYPE]
    assert {v["id"] for v in detail_type["values"]} == set(DETAILS)


def test_no_new_sample_is_only_a_slot(model: dict[str, Any]) -> None:
    """A sample that is only a slot catches anything. Two kinds are kept: the answer to
    "which category?", and a quiz answer said alone ("B", "true") or several times
    ("B B B"), whose words the skill treats as not understood, with the hotline, when
    they do not resolve."""
    only_slots = [
        (i["name"], s)
        for i in model["intents"]
        for s in i.get("samples", [])
        if not re.sub(r"\{[^{}]*\}", "", s).strip()
    ]
    assert only_slots == [
        (intents.SAFETY_TIPS, "{" + intents.CATEGORY_SLOT + "}"),
        (intents.QUIZ_ANSWER, "{" + intents.ANSWER_SLOT + "}"),
        (intents.QUIZ_ANSWER, "{answer} {answer_two}"),
        (intents.QUIZ_ANSWER, "{answer} {answer_two} {answer_three}"),
    ]


@pytest.mark.parametrize("locale", model_locales())
def test_every_model_defines_exactly_the_intents_the_skill_routes(locale: str) -> None:
    names = {i["name"] for i in language_model(read_model(locale))["intents"]}
    assert names == set(INTENT_ROUTES)


def test_custom_intents_have_at_least_eight_samples(model: dict[str, Any]) -> None:
    for intent in model["intents"]:
        if not intent["name"].startswith("AMAZON."):
            assert len(intent["samples"]) >= 8, intent["name"]


@pytest.mark.parametrize(
    ("intent", "phrase"),
    [
        ("WhatIsTraffickingIntent", "what is human trafficking"),
        ("RiskFactorsIntent", "who is at risk"),
        ("RiskFactorsIntent", "what are the risk factors"),
        (intents.SAFETY_TIPS, "{category} safety tips"),
        (intents.SAFETY_TIPS, "tips for {category}"),
        (intents.RANDOM_TIP, "give me a safety tip"),
        (intents.RANDOM_TIP, "another tip"),
        (intents.NEXT, "another one"),
        (intents.NEXT, "one more"),
        (intents.GET_HELP, "i need help"),
        (intents.GET_HELP, "help me"),
        (intents.GET_HELP, "how do i get help"),
        (intents.GET_HELP, "what is the hotline number"),
        ("LearnMoreIntent", "where can i learn more"),
        ("LearnMoreIntent", "what are red flags"),
        ("GroomingIntent", "what is grooming"),
        ("TraffickersIntent", "who are traffickers"),
        (intents.MENU, "what else"),
        (intents.THANKS, "thank you"),
        (intents.MORE, "tell me more"),
        (intents.SOURCE, "where does this come from"),
        (intents.EMERGENCY, "call the police"),
        (intents.DANGER, "i'm scared"),
        (intents.UNSAFE_HOME, "i don't feel safe at home"),
        (intents.HOTLINE_DETAIL, "is the hotline {detail}"),
    ],
)
def test_phrases_from_the_spec_are_samples(model: dict[str, Any], intent: str, phrase: str) -> None:
    (found,) = [i for i in model["intents"] if i["name"] == intent]
    assert phrase in found["samples"]


@pytest.mark.parametrize(
    ("synonym", "category"),
    [
        ("internet", "online_safety"),
        ("social media", "online_safety"),
        ("texting", "online_safety"),
        ("dms", "online_safety"),
        ("instagram", "online_safety"),
        ("snapchat", "online_safety"),
        ("tiktok", "online_safety"),
        ("discord", "online_safety"),
        ("roblox", "online_safety"),
        ("gaming", "online_safety"),
        ("at school", "general_safety"),
        ("walking home", "general_safety"),
        ("at night", "general_safety"),
        ("mall", "out_with_friends"),
        ("concert", "out_with_friends"),
        ("sleepover", "out_with_friends"),
        ("going out", "out_with_friends"),
        ("going out with friends", "out_with_friends"),
        ("party", "out_with_friends"),
        ("hanging out", "out_with_friends"),
    ],
)
def test_category_synonyms(model: dict[str, Any], synonym: str, category: str) -> None:
    (category_type,) = [t for t in model["types"] if t["name"] == intents.CATEGORY_TYPE]
    (value,) = [v for v in category_type["values"] if v["id"] == category]
    assert synonym in value["name"]["synonyms"]
