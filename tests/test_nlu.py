"""Understanding typed words as Alexa would, from the interaction model (skill/tools/nlu.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skill import intents
from skill.tools.interaction_model import read_model
from skill.tools.nlu import (
    FALLBACK_INTENT,
    MATCH,
    MAX_WORDS,
    NO_MATCH,
    PHRASES_DIR,
    Interpretation,
    Recognizer,
    RecognizerError,
    SlotRef,
    available_locales,
    build_recognizer,
    interpret,
    load_recognizer,
    match_parts,
    normalise,
    parse_phrases,
)

# Most tests here type English; the model checks below run for every locale.
REC = load_recognizer("en-US")
MODEL: dict[str, Any] = read_model("en-US")
LANGUAGE_MODEL = MODEL["interactionModel"]["languageModel"]
PHRASE_DATA: dict[str, Any] = yaml.safe_load((PHRASES_DIR / "en-US.yaml").read_text("utf-8"))
MODEL_LOCALES = available_locales()


@cache
def recognizer(locale: str) -> Recognizer:
    return load_recognizer(locale)


@cache
def language_model(locale: str) -> dict[str, Any]:
    lm: dict[str, Any] = read_model(locale)["interactionModel"]["languageModel"]
    return lm


@cache
def phrase_data(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PHRASES_DIR / f"{locale}.yaml").read_text("utf-8"))
    return data


def heard(text: str) -> Interpretation:
    return interpret(REC, text)


def slot_ids(result: Interpretation) -> dict[str, list[str]]:
    return {
        s.name: [value_id for value_id, _ in s.resolution.values] if s.resolution else []
        for s in result.slots
    }


def model_samples(locale: str = "en-US") -> list[tuple[str, str, list[dict[str, Any]]]]:
    return [
        (intent["name"], sample, intent.get("slots") or [])
        for intent in language_model(locale)["intents"]
        for sample in intent.get("samples") or []
    ]


def type_values(type_name: str, locale: str = "en-US") -> list[tuple[str, str]]:
    """(id, phrase) for every value name and synonym of a slot type."""
    (slot_type,) = [t for t in language_model(locale)["types"] if t["name"] == type_name]
    return [
        (value["id"], phrase)
        for value in slot_type["values"]
        for phrase in (value["name"]["value"], *value["name"].get("synonyms", []))
    ]


# --- every sample maps back to its own intent ------------------------------------------


def sample_cases(locale: str) -> list[tuple[str, str, str, list[dict[str, Any]], int, int]]:
    """Each sample of ``locale``'s model, with its place among its intent's samples that
    have slots (place, how many): a slotted sample is said with a share of the values."""
    found = model_samples(locale)
    slotted: dict[str, list[str]] = {}
    for intent, sample, _slots in found:
        if "{" in sample:
            slotted.setdefault(intent, []).append(sample)
    return [
        (
            locale,
            intent,
            sample,
            slots,
            slotted[intent].index(sample) if "{" in sample else 0,
            len(slotted.get(intent, ())),
        )
        for intent, sample, slots in found
    ]


@pytest.mark.parametrize(
    ("locale", "intent", "sample", "slots", "place", "slotted"),
    [case for locale in MODEL_LOCALES for case in sample_cases(locale)],
)
def test_every_model_sample_maps_back_to_its_intent(
    locale: str,
    intent: str,
    sample: str,
    slots: list[dict[str, Any]],
    place: int,
    slotted: int,
) -> None:
    """Every sample, and every value of a slot's type: a sample with slots is said with
    the values whose index falls to its place (value i in sample i mod the count), and
    at least one, so that every sample and every value are heard without saying each
    value in every sample (that product made this the slowest test of the suite)."""
    rec = recognizer(locale)
    if "{" not in sample:
        result = interpret(rec, sample)
        assert (result.intent, result.how, result.slots) == (intent, "exact", ()), result
        return
    # A sample with several slots of one type ("{answer} {answer_two}") says one value
    # in each of them.
    used = [s for s in slots if "{" + s["name"] + "}" in sample]
    (slot_type,) = {s["type"] for s in used}
    values = type_values(slot_type, locale)
    mine = [v for i, v in enumerate(values) if i % slotted == place] or [
        values[place % len(values)]
    ]
    for value_id, phrase in mine:
        text = sample
        for s in used:
            text = text.replace("{" + s["name"] + "}", phrase)
        result = interpret(rec, text)
        assert result.intent == intent, (text, result)
        assert slot_ids(result) == {s["name"]: [value_id] for s in used}, (text, result)


@pytest.mark.parametrize(
    ("locale", "intent", "phrase"),
    [
        (locale, name, phrase)
        for locale in MODEL_LOCALES
        for name, phrases in phrase_data(locale)["built_in_intents"].items()
        for phrase in phrases
    ],
)
def test_every_built_in_phrase_maps_to_its_built_in_intent(
    locale: str, intent: str, phrase: str
) -> None:
    assert interpret(recognizer(locale), phrase).intent == intent


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_built_in_phrases_are_no_other_intents_samples(locale: str) -> None:
    """On a device the skill's own sample wins; the data must not pretend otherwise."""
    contractions = recognizer(locale).phrases.contractions
    owner = {
        normalise(sample, contractions): name
        for name, sample, _ in model_samples(locale)
        if "{" not in sample
    }
    clashes = [
        (phrase, name, owner[words])
        for name, phrases in phrase_data(locale)["built_in_intents"].items()
        for phrase in phrases
        if owner.get(words := normalise(phrase, contractions), name) != name
    ]
    assert clashes == []


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_built_in_phrases_name_only_intents_of_the_model(locale: str) -> None:
    model_intents = {i["name"] for i in language_model(locale)["intents"]}
    assert set(phrase_data(locale)["built_in_intents"]) <= model_intents


def test_common_built_in_phrases_are_understood() -> None:
    for phrase, intent in [
        ("yes", intents.YES),
        ("yeah", intents.YES),
        ("no", intents.NO),
        ("stop", intents.STOP),
        ("cancel", intents.CANCEL),
        ("help", intents.HELP),
        ("repeat", intents.REPEAT),
        ("next", intents.NEXT),
        ("previous", intents.PREVIOUS),
        ("go back", intents.PREVIOUS),
        ("start over", intents.START_OVER),
        ("menu", intents.NAVIGATE_HOME),
        ("another one", intents.NEXT),
        ("one more", intents.NEXT),
    ]:
        assert heard(phrase).intent == intent, phrase


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("help me", intents.GET_HELP),
        ("please help", intents.GET_HELP),
        ("can you help me", intents.GET_HELP),
        ("thank you", intents.THANKS),
        ("i'm done", intents.THANKS),
        ("bye", intents.THANKS),
        ("i'm good", intents.THANKS),
    ],
)
def test_the_model_takes_phrases_alexa_would_otherwise_give_a_built_in_intent(
    text: str, intent: str
) -> None:
    """A cry for help is not the built-in Help; "bye" and "I'm done" are a polite exit."""
    assert heard(text).intent == intent


# --- what users expect of matching ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What is human trafficking?",
        "WHAT IS HUMAN TRAFFICKING",
        "  what   is  human trafficking  ",
        "what's human trafficking",
        "What’s human trafficking?!",
        "what is human-trafficking",
    ],
)
def test_case_punctuation_spaces_and_contractions_are_ignored(text: str) -> None:
    assert heard(text).intent == "WhatIsTraffickingIntent"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ask youth safety tips what is human trafficking", "WhatIsTraffickingIntent"),
        ("Alexa, ask Youth Safety Tips: who is at risk?", "RiskFactorsIntent"),
        ("tell youth safety tips i need help", intents.GET_HELP),
        ("open youth safety tips and give me a tip", intents.RANDOM_TIP),
        ("ask youth safety tips for a safety tip", intents.RANDOM_TIP),
        ("ask youth safety tips about human trafficking", "WhatIsTraffickingIntent"),
        ("tell me who is at risk", "RiskFactorsIntent"),
        ("please give me a tip", intents.RANDOM_TIP),
        ("give me a tip please", intents.RANDOM_TIP),
        ("alexa, what is the hotline number", intents.GET_HELP),
        ("can you tell me what grooming is", "GroomingIntent"),
        ("alexa ask youth safety tips for tips about snapchat", intents.SAFETY_TIPS),
        ("alexa, tell youth safety tips to call the police", intents.EMERGENCY),
    ],
)
def test_carrier_phrases_are_stripped(text: str, intent: str) -> None:
    assert heard(text).intent == intent


def test_a_sample_that_starts_like_a_carrier_matches_as_written() -> None:
    result = heard("tell me a tip")
    assert (result.intent, result.sample) == (intents.RANDOM_TIP, "tell me a tip")
    result = heard("tell me about human trafficking")
    assert result.sample == "tell me about human trafficking"


def test_a_slot_takes_the_words_said_and_resolves_them() -> None:
    result = heard("internet tips")
    (slot,) = result.slots
    assert (result.intent, slot.name, slot.value) == (intents.SAFETY_TIPS, "category", "internet")
    assert slot.resolution is not None
    assert slot.resolution.code == MATCH
    assert slot.resolution.values == (("online_safety", "online safety"),)


def test_a_slot_value_that_names_nothing_is_no_match() -> None:
    result = heard("give me pizza tips")
    (slot,) = result.slots
    assert (result.intent, slot.value) == (intents.SAFETY_TIPS, "pizza")
    assert slot.resolution is not None
    assert (slot.resolution.code, slot.resolution.values) == (NO_MATCH, ())


def test_a_carrier_is_not_taken_as_a_slot_value() -> None:
    result = heard("alexa, ask youth safety tips for internet tips")
    assert slot_ids(result) == {"category": ["online_safety"]}
    result = heard("alexa tell me pizza tips")
    assert [s.value for s in result.slots] == ["pizza"]


def test_a_sample_that_is_only_a_slot_does_not_swallow_unknown_words() -> None:
    assert heard("pizza").intent == FALLBACK_INTENT
    assert slot_ids(heard("social media")) == {"category": ["online_safety"]}


def test_safety_tips_without_a_category_has_no_slot_value() -> None:
    result = heard("safety tips")
    assert (result.intent, result.slots) == (intents.SAFETY_TIPS, ())


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("so tell me about those risk factors", "RiskFactorsIntent"),
        ("what exactly are the risk factors", "RiskFactorsIntent"),
        ("could you give me the number for the hotline", intents.GET_HELP),
        ("please somebody help", intents.GET_HELP),
        ("help i'm scared", intents.DANGER),
        ("explain trafficking", "WhatIsTraffickingIntent"),
        ("what is human traffic king", "WhatIsTraffickingIntent"),
        ("what is human trafficing", "WhatIsTraffickingIntent"),
        ("is grooming when someone is super nice to you", "GroomingIntent"),
        ("how could i be safe on the internet", intents.SAFETY_TIPS),
    ],
)
def test_close_wordings_are_understood(text: str, intent: str) -> None:
    """Extra words, misspellings and speech-to-text slips: the trained classifier's work."""
    result = heard(text)
    assert (result.intent, result.how) == (intent, "classified")


def test_a_close_wording_still_resolves_its_slot() -> None:
    assert slot_ids(heard("how could i stay safe at a party")) == {"category": ["out_with_friends"]}
    assert slot_ids(heard("how could i be safe online")) == {"category": ["online_safety"]}


def test_a_slot_value_resolves_in_another_plural_or_gender() -> None:
    spanish = recognizer("es-US")
    assert slot_ids(interpret(spanish, "consejos generales de seguridad")) == {
        "category": ["general_safety"]
    }
    assert slot_ids(interpret(spanish, "como estar segura en las fiestas")) == {
        "category": ["out_with_friends"]
    }


@pytest.mark.parametrize(
    "text",
    [
        "play some music",
        "asdf qwerty",
        "set a timer for five minutes",
        "tell me a story",
        "good morning",
        "hello",
        "what is love",
        "tell me about dogs",
        "¿Qué es la trata de personas?",
        "人身売買とは何ですか",
        "😀",
        "?!",
        "...",
    ],
)
def test_unknown_words_go_to_the_fallback_intent(text: str) -> None:
    result = heard(text)
    assert (result.kind, result.intent, result.slots) == ("intent", FALLBACK_INTENT, ())


@pytest.mark.parametrize(
    "text", ["what's the weather like", "what time is it", "tell me a joke", "how old are you"]
)
def test_questions_about_something_else_are_off_topic(text: str) -> None:
    assert heard(text).intent == intents.OFF_TOPIC


def test_a_very_long_input_is_not_matched() -> None:
    assert heard(" ".join(["internet"] * (MAX_WORDS + 1)) + " tips").intent == FALLBACK_INTENT
    assert heard(" ".join(["internet"] * (MAX_WORDS - 1)) + " tips").intent == intents.SAFETY_TIPS


@pytest.mark.parametrize(
    "text",
    [
        "open youth safety tips",
        "Alexa, launch Youth Safety Tips.",
        "start youth safety tips",
        "ask youth safety tips",
        "youth safety tips",
        "open",
    ],
)
def test_opening_phrases_launch_the_skill(text: str) -> None:
    assert heard(text).kind == "launch"


@pytest.mark.parametrize("text", ["exit", "quit", "alexa, exit", "Quit!"])
def test_exit_and_quit_end_the_session(text: str) -> None:
    assert heard(text).kind == "end_session"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_understood_as_something_the_model_defines(text: str) -> None:
    result = interpret(REC, text)
    if result.kind == "intent":
        assert result.intent in REC.intent_slots
        for slot in result.slots:
            assert slot.name in {name for name, _ in REC.intent_slots[result.intent or ""]}


# --- the pieces ------------------------------------------------------------------------


def test_normalise() -> None:
    contractions = REC.phrases.contractions
    assert normalise("  What’s   HUMAN-trafficking?? ", contractions) == (
        "what",
        "is",
        "human",
        "trafficking",
    )
    assert normalise("I'm in danger!", contractions) == ("i", "am", "in", "danger")
    assert normalise("im scared, call 911", contractions) == (
        "i",
        "am",
        "scared",
        "call",
        "nine",
        "one",
        "one",
    )
    assert normalise("'quoted' words", contractions) == ("quoted", "words")
    assert normalise("") == ()
    # Accents are ignored: Spanish is often typed without them.
    assert normalise("ÉCOLE") == ("ecole",)
    assert (
        normalise("¿Qué es la trata?")
        == normalise("que es la trata")
        == ("que", "es", "la", "trata")
    )
    assert normalise("Español, pingüino") == ("espanol", "pinguino")


def test_match_parts_gives_every_way_a_slot_can_take_words() -> None:
    parts = ("give", "me", SlotRef("category"), "tips")
    assert list(match_parts(parts, ("give", "me", "online", "safety", "tips"))) == [
        {"category": ("online", "safety")}
    ]
    assert list(match_parts(parts, ("give", "me", "tips"))) == []
    two = (SlotRef("a"), "and", SlotRef("b"))
    assert list(match_parts(two, ("x", "and", "y", "and", "z"))) == [
        {"a": ("x",), "b": ("y", "and", "z")},
        {"a": ("x", "and", "y"), "b": ("z",)},
    ]


def tiny_model(**intent: Any) -> dict[str, Any]:
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "tiny test",
                "intents": [
                    {"name": "AMAZON.StopIntent", "samples": []},
                    {"name": "HelloIntent", "slots": [], "samples": ["hello there"], **intent},
                ],
                "types": [],
            }
        }
    }


def tiny_phrases() -> Recognizer:
    return build_recognizer(tiny_model(), parse_phrases(PHRASE_DATA, "test"))


def test_built_in_phrases_only_for_built_in_intents_the_model_includes() -> None:
    rec = tiny_phrases()
    assert interpret(rec, "stop").intent == "AMAZON.StopIntent"
    assert interpret(rec, "yes").intent == FALLBACK_INTENT  # no AMAZON.YesIntent in the model
    assert interpret(rec, "hello there").intent == "HelloIntent"
    assert interpret(rec, "open tiny test").kind == "launch"


def test_a_sample_with_an_undefined_slot_is_an_error() -> None:
    with pytest.raises(RecognizerError, match="undefined slot thing"):
        build_recognizer(tiny_model(samples=["hello {thing}"]), parse_phrases(PHRASE_DATA, "test"))


def test_something_that_is_no_model_is_an_error() -> None:
    with pytest.raises(RecognizerError, match="not an interaction model"):
        build_recognizer({"intents": []}, parse_phrases(PHRASE_DATA, "test"))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("contractions"),
        lambda d: d.update(built_in_intents=["yes"]),
        lambda d: d["built_in_intents"].update({"AMAZON.YesIntent": "yes"}),
        lambda d: d["launch"].update(open=[""]),
        lambda d: d.pop("carriers"),
    ],
)
def test_malformed_recogniser_data_is_an_error(change: Any) -> None:
    data = yaml.safe_load((PHRASES_DIR / "en-US.yaml").read_text("utf-8"))
    change(data)
    with pytest.raises(RecognizerError):
        parse_phrases(data, "test")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["launch"].pop("example"), "launch.example: missing"),
        (lambda d: d.pop("invocation_forbidden"), "invocation_forbidden: missing"),
        (
            lambda d: d["launch"].update(example="talk to"),
            "launch.example: 'talk to' is not one of launch.open",
        ),
        (lambda d: d["launch"].update({"and": True}), "launch.and: expected text, got True"),
        (lambda d: d["launch"]["ask"].append(None), "launch.ask[2]: expected text, got None"),
        (
            lambda d: d["launch"].update(connectors="to"),
            "launch.connectors: expected a list of phrases, got str",
        ),
        (
            lambda d: d["invocation_forbidden"].append("talk to"),
            "invocation_forbidden[12]: 'talk to' is not one word",
        ),
        (
            lambda d: d["launch"].update(verbs=["open"]),
            "launch.verbs: is not a key of the recogniser data",
        ),
        (
            lambda d: d.update(invocation_forbiden=[]),
            "invocation_forbiden: is not a key of the recogniser data",
        ),
        (
            lambda d: d["launch"]["also_heard"].update(verbs={}),
            "launch.also_heard.verbs: expected a list of phrases, got dict",
        ),
    ],
)
def test_malformed_recogniser_data_names_the_file_and_the_key(change: Any, message: str) -> None:
    data = yaml.safe_load((PHRASES_DIR / "en-US.yaml").read_text("utf-8"))
    change(data)
    with pytest.raises(RecognizerError) as excinfo:
        parse_phrases(data, "skill/tools/recognizer/en-US.yaml")
    assert str(excinfo.value) == f"skill/tools/recognizer/en-US.yaml: {message}"


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_the_launch_words_are_heard_before_the_invocation_name(locale: str) -> None:
    """What opens the skill and asks it something in an example phrase opens it in the simulator."""
    rec = recognizer(locale)
    launch = rec.phrases.launch
    name = " ".join(rec.invocation)
    for verb in (*launch.open, *launch.ask):
        assert interpret(rec, f"{verb} {name}").kind == "launch", verb
    assert interpret(rec, f"{launch.example} {name}").kind == "launch"


def test_missing_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(RecognizerError, match="no such file"):
        load_recognizer("xx-XX")
    with pytest.raises(RecognizerError, match="no such file"):
        load_recognizer("en-US", phrases_dir=tmp_path)


def test_a_recognizer_is_built_once_per_version_of_its_files(tmp_path: Path) -> None:
    assert load_recognizer("en-US") is load_recognizer("en-US")
    data = tmp_path / "en-US.yaml"
    data.write_text((PHRASES_DIR / "en-US.yaml").read_text("utf-8"), encoding="utf-8")
    first = load_recognizer("en-US", phrases_dir=tmp_path)
    assert load_recognizer("en-US", phrases_dir=tmp_path) is first
    assert interpret(first, "yep").intent == intents.YES
    data.write_text(data.read_text("utf-8").replace("    - yep\n", ""), encoding="utf-8")
    changed = load_recognizer("en-US", phrases_dir=tmp_path)
    assert changed is not first
    assert interpret(changed, "yep").intent != intents.YES


def test_the_data_file_of_each_locale_names_its_locale() -> None:
    assert "en-US" in available_locales()
    for locale in available_locales():
        assert load_recognizer(locale).locale == locale
