"""``python -m skill check``: clean on the shipped package, and each rule fires on a broken copy."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.__main__ import main
from skill.content import Content, default_library
from skill.tools.interaction_model import model_locales
from skill.tools.model_check import (
    RULES,
    Problem,
    check_example_phrases,
    check_manifest,
    check_model,
    check_placeholder_endpoint,
    check_project,
    check_slot_ids,
    language_model,
    load_languages,
    sample_character_problems,
)
from tests import ROOT
from tests.locales import pinned_locale

# The checks, on the en-US model and content.
locale = pinned_locale()

MODEL_FILE = "interaction_model/interactionModels/custom/en-US.json"
MANIFEST_FILE = "interaction_model/skill.json"
INVOCATION = "youth safety tips"


def _load(relative: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / relative).read_text(encoding="utf-8"))
    return data


REAL_MODEL = _load(MODEL_FILE)
REAL_MANIFEST = _load(MANIFEST_FILE)
SPANISH_MODEL_FILE = "interaction_model/interactionModels/custom/es-US.json"
# Every shipped model, by locale: (file, languageModel).
SHIPPED_MODELS = {
    path.stem: (path.as_posix(), language_model(_load(path.as_posix())))
    for path in (Path(MODEL_FILE).with_name(f"{locale}.json") for locale in model_locales())
}


@pytest.fixture
def model() -> dict[str, Any]:
    """A private copy of the shipped interaction model, to break."""
    return copy.deepcopy(REAL_MODEL)


@pytest.fixture
def manifest() -> dict[str, Any]:
    return copy.deepcopy(REAL_MANIFEST)


@pytest.fixture
def content() -> Content:
    return default_library().for_locale("en-US")


def lm_of(model_json: dict[str, Any]) -> dict[str, Any]:
    lm: dict[str, Any] = model_json["interactionModel"]["languageModel"]
    return lm


def intent_of(model_json: dict[str, Any], name: str) -> dict[str, Any]:
    (intent,) = [i for i in lm_of(model_json)["intents"] if i["name"] == name]
    return intent


def category_type(model_json: dict[str, Any]) -> dict[str, Any]:
    (slot_type,) = [t for t in lm_of(model_json)["types"] if t["name"] == "CategoryType"]
    return slot_type


def country(locale: str) -> str:
    """The country of a locale: ``GB`` of ``en-GB``."""
    return locale.rpartition("-")[2]


def rules(problems: list[Problem] | tuple[Problem, ...]) -> set[str]:
    return {p.rule for p in problems}


def model_problems(model_json: dict[str, Any]) -> list[Problem]:
    return check_model(model_json, MODEL_FILE)


def phrase_problems(manifest_json: dict[str, Any], model_json: dict[str, Any]) -> list[Problem]:
    """The example phrases, with ``model_json`` as the en-US model and the other shipped ones."""
    models = {**SHIPPED_MODELS, "en-US": (MODEL_FILE, language_model(model_json))}
    languages, problems = load_languages(models, ROOT)
    assert problems == []
    return check_example_phrases(manifest_json, MANIFEST_FILE, models, languages)


# --- the shipped package -------------------------------------------------------


def test_shipped_package_and_content_are_clean() -> None:
    report = check_project(ROOT)
    assert [str(p) for p in report.problems] == []
    assert report.models == len(model_locales()) >= 1
    assert report.content_files >= report.models
    assert report.samples > 100


def test_cli_check_passes_the_shipped_package_with_a_placeholder_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith(f"ok: {len(model_locales())} interaction model(s)")
    (warning,) = [line for line in lines if line.startswith("warning: ")]
    assert "https://skill.example.org/alexa is a placeholder" in warning
    assert warning.startswith(f"warning: {MANIFEST_FILE}: ")


def test_a_real_endpoint_gets_no_warning(manifest: dict[str, Any]) -> None:
    assert check_placeholder_endpoint(manifest, MANIFEST_FILE) != []
    manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"] = "https://skill.school.edu/alexa"
    assert check_placeholder_endpoint(manifest, MANIFEST_FILE) == []


def test_every_rule_is_registered_once() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert [rule.model, rule.words, rule.manifest, rule.content].count(None) == 3, rule.id


def test_python_m_skill_check_exits_zero_on_the_shipped_package() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skill", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("ok:")


def test_ask_resources_names_the_skill_package() -> None:
    resources = _load("ask-resources.json")
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    assert resources["profiles"]["default"]["skillMetadata"]["src"] == "./interaction_model"


def test_manifest_declares_what_the_skill_does_and_does_not_do() -> None:
    m = REAL_MANIFEST["manifest"]
    privacy = m["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["containsAds"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["isChildDirected"] is True  # see docs/publishing.md
    countries = sorted({country(locale) for locale in model_locales()})
    assert sorted(m["publishingInformation"]["distributionCountries"]) == countries
    assert m["publishingInformation"]["isAvailableWorldwide"] is False
    assert m["apis"]["custom"]["endpoint"]["sslCertificateType"] == "Trusted"
    listing = m["publishingInformation"]["locales"]["en-US"]
    assert listing["name"] == default_library().for_locale("en-US").skill_name


# --- one rule at a time, over broken copies -----------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Youth Safety Tips",  # capitals
        "safety",  # one word
        "youth safety tips 2",  # digits
        "alexa safety tips",  # wake word
        "open safety tips",  # launch word
        "youth safety skill",  # "skill"
        "youth safety app",
        "youth, safety tips",  # punctuation
        " youth safety tips",  # stray space
        "youth safety tips for every young person in every school in the state",  # too long
        "abre consejos juveniles",  # a Spanish launch word
        "pregúntale a consejos",
        "consejos de seguridad, juvenil",
    ],
)
def test_invocation_name_rule(model: dict[str, Any], name: str) -> None:
    lm_of(model)["invocationName"] = name
    problems = model_problems(model)
    assert rules(problems) == {"invocation-name"}
    assert all(p.file == MODEL_FILE and repr(name) in p.message for p in problems)


@pytest.mark.parametrize(
    "name",
    [
        "abre consejos juveniles",  # a launch word of the model's own language
        "pídele a consejos",
        "consejos que inicia",
        "open consejos juveniles",  # a launch word of the other language the skill speaks
        "consejos de alexa",  # wake words, "skill" and "app", in any language
        "la skill de consejos",
        "consejos app",
    ],
)
def test_invocation_name_rule_in_spanish(name: str) -> None:
    model = _load(SPANISH_MODEL_FILE)
    lm_of(model)["invocationName"] = name
    problems = check_model(model, SPANISH_MODEL_FILE)
    assert rules(problems) == {"invocation-name"}
    assert all("may not contain wake words, launch words" in p.message for p in problems)


@pytest.mark.parametrize(
    "name",
    [
        "n. b. c. news",
        "mom's safety tips",
        "kids' safety tips",
        "consejos de seguridad juvenil",
        "guía para niños y niñas",  # accents and ñ
        "pingüino seguro",
    ],
)
def test_invocation_name_rule_accepts_abbreviations_and_possessives(
    model: dict[str, Any], name: str
) -> None:
    lm_of(model)["invocationName"] = name
    assert model_problems(model) == []


def test_custom_intent_with_fewer_than_eight_samples(model: dict[str, Any]) -> None:
    intent_of(model, "RiskFactorsIntent")["samples"] = intent_of(model, "RiskFactorsIntent")[
        "samples"
    ][:7]
    problems = model_problems(model)
    assert rules(problems) == {"few-samples"}
    (problem,) = problems
    assert problem.intent == "RiskFactorsIntent"
    assert "7 samples" in problem.message


def test_built_in_intents_need_no_samples(model: dict[str, Any]) -> None:
    intent_of(model, "AMAZON.NavigateHomeIntent")["samples"] = []
    assert model_problems(model) == []


def test_sample_referencing_an_undefined_slot(model: dict[str, Any]) -> None:
    intent_of(model, "SafetyTipsIntent")["samples"].append("tips about {topic}")
    intent_of(model, "RandomTipIntent")["samples"].append("a tip about {category}")
    problems = model_problems(model)
    assert rules(problems) == {"undefined-slot"}
    assert {(p.intent, p.utterance) for p in problems} == {
        ("SafetyTipsIntent", "tips about {topic}"),
        ("RandomTipIntent", "a tip about {category}"),
    }
    assert str(problems[0]) == (
        f'{MODEL_FILE}: SafetyTipsIntent: "tips about {{topic}}": uses slot {{topic}}, '
        "which the intent does not define (it has: category)"
    )


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("tips for 2 friends", '"2" (spell numbers out)'),
        ("what\u2019s trafficking", "(use a straight apostrophe)"),
        ("help me!", '"!"'),
        ("is this safe?", '"?"'),
        ("tips, please", '","'),
        ("tips & tricks", '"&"'),
        ("hello.", "'hello.'"),
        ("-tips", "'-tips'"),
        ("'cause i need help", '"\'cause"'),
        ("tips for {category", "unmatched brace"),
    ],
)
def test_sample_with_characters_amazon_rejects(
    model: dict[str, Any], sample: str, expected: str
) -> None:
    intent_of(model, "SafetyTipsIntent")["samples"].append(sample)
    problems = model_problems(model)
    assert rules(problems) == {"sample-characters"}
    assert all(p.intent == "SafetyTipsIntent" and p.utterance == sample for p in problems)
    assert any(expected in p.message for p in problems), [p.message for p in problems]


@pytest.mark.parametrize(
    "sample",
    [
        "what's this",
        "i'm scared",
        "my friends' tips",
        "t. v. safety",
        "u.s. hotline",
        "e-mail tips",
        "I need help",
        "tips for {category} please",
        "qué es la trata de personas",
        "ayúdame por favor",
        "mi niña está en peligro",
        "el pingüino",
        "pregúntale a mi mamá",
    ],
)
def test_sample_characters_amazon_accepts(sample: str) -> None:
    assert sample_character_problems(sample) == []


def test_same_sample_in_two_intents_ignoring_case_and_spacing(model: dict[str, Any]) -> None:
    intent_of(model, "GetHelpIntent")["samples"].append("Who  is at RISK")
    problems = model_problems(model)
    assert rules(problems) == {"duplicate-sample"}
    (problem,) = problems
    assert problem.intent == "GetHelpIntent"
    assert problem.utterance == "Who  is at RISK"
    assert "RiskFactorsIntent" in problem.message


def test_same_sample_twice_in_one_intent(model: dict[str, Any]) -> None:
    intent_of(model, "LearnMoreIntent")["samples"].append("learn  more")
    (problem,) = model_problems(model)
    assert problem.rule == "duplicate-sample"
    assert "this intent" in problem.message


def test_slot_type_with_no_values(model: dict[str, Any]) -> None:
    category_type(model)["values"] = []
    problems = model_problems(model)
    assert rules(problems) == {"slot-type"}
    assert any("CategoryType has no values" in p.message for p in problems)


def test_slot_type_with_an_invalid_name(model: dict[str, Any]) -> None:
    category_type(model)["name"] = "Category-Type"
    intent_of(model, "SafetyTipsIntent")["slots"][0]["type"] = "Category-Type"
    problems = model_problems(model)
    assert rules(problems) == {"slot-type"}
    assert any("'Category-Type' must be letters and underscores" in p.message for p in problems)


def test_slot_of_an_undefined_type(model: dict[str, Any]) -> None:
    intent_of(model, "SafetyTipsIntent")["slots"][0]["type"] = "TopicType"
    (problem,) = model_problems(model)
    assert problem.rule == "slot-type"
    assert problem.intent == "SafetyTipsIntent"
    assert "TopicType" in problem.message


@pytest.mark.parametrize(
    "name",
    [
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.NavigateHomeIntent",
    ],
)
def test_missing_required_built_in(model: dict[str, Any], name: str) -> None:
    lm_of(model)["intents"] = [i for i in lm_of(model)["intents"] if i["name"] != name]
    (problem,) = model_problems(model)
    assert problem.rule == "missing-built-in"
    assert problem.intent == name


def test_slot_value_ids_must_be_content_ids(model: dict[str, Any], content: Content) -> None:
    category_type(model)["values"][0]["id"] = "online"
    problems = check_slot_ids(
        lm_of(model), MODEL_FILE, "CategoryType", content.tip_categories, "content/en-US.yaml"
    )
    assert rules(problems) == {"slot-ids"}
    messages = " | ".join(p.message for p in problems)
    assert "value id 'online' is not a content id" in messages
    assert (
        "content id 'online_safety' from content/en-US.yaml has no CategoryType value" in messages
    )


def test_content_ids_missing_from_the_slot_type(model: dict[str, Any], content: Content) -> None:
    category_type(model)["values"] = category_type(model)["values"][:2]
    (problem,) = check_slot_ids(
        lm_of(model), MODEL_FILE, "CategoryType", content.tip_categories, "content/en-US.yaml"
    )
    assert problem.rule == "slot-ids"
    assert "'out_with_friends'" in problem.message


def test_slot_ids_of_the_shipped_model_match_the_content(content: Content) -> None:
    assert (
        check_slot_ids(
            lm_of(REAL_MODEL), MODEL_FILE, "CategoryType", content.tip_categories, "content"
        )
        == []
    )


@pytest.mark.parametrize(
    ("phrases", "reason"),
    [
        (
            ["Alexa, ask youth safety tips what is human trafficking"],
            "first example phrase must open",
        ),
        (["Open youth safety tips"], "must start with the wake word"),
        (["Alexa, open safety tips"], "must name the skill"),
        (["Alexa, visit youth safety tips"], "'visit' is not a launch word"),
        (
            ["Alexa, open youth safety tips", "Alexa, ask youth safety tips to sing a song"],
            "no sample matches 'sing a song'",
        ),
        (
            ["Alexa, open youth safety tips", "Alexa, ask youth safety tips for cooking tips"],
            "no sample matches 'cooking tips'",
        ),
        (
            ["Alexa, open youth safety tips", "Alexa, youth safety tips what is trafficking"],
            "must name the skill",
        ),
        (["Alexa, open youth safety tips"] * 4, "at most 3"),
    ],
)
def test_example_phrases_that_do_not_work(
    manifest: dict[str, Any], model: dict[str, Any], phrases: list[str], reason: str
) -> None:
    manifest["manifest"]["publishingInformation"]["locales"]["en-US"]["examplePhrases"] = phrases
    problems = phrase_problems(manifest, model)
    assert rules(problems) == {"example-phrase"}
    assert any(reason in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    "phrase",
    [
        "Alexa, ask youth safety tips who is at risk",
        "Alexa, ask youth safety tips about online safety tips",
        "Alexa, ask youth safety tips for tips about going out with friends.",
        "Alexa, tell youth safety tips I need help",
        "Alexa, launch youth safety tips and give me a safety tip",
        "Alexa, start youth safety tips",
    ],
)
def test_example_phrases_that_work(
    manifest: dict[str, Any], model: dict[str, Any], phrase: str
) -> None:
    listing = manifest["manifest"]["publishingInformation"]["locales"]["en-US"]
    listing["examplePhrases"] = ["Alexa, open youth safety tips", phrase]
    assert phrase_problems(manifest, model) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "Alexa, pregúntale a consejos de seguridad juvenil quién corre riesgo",
        "Alexa, pídele a consejos de seguridad juvenil que me dé un consejo",
        "Alexa, dile a consejos de seguridad juvenil necesito ayuda",
        "Alexa, abre consejos de seguridad juvenil y dame un consejo de seguridad",
        "Alexa, inicia consejos de seguridad juvenil",
    ],
)
def test_spanish_example_phrases_that_work(manifest: dict[str, Any], phrase: str) -> None:
    listing = manifest["manifest"]["publishingInformation"]["locales"]["es-US"]
    listing["examplePhrases"] = ["Alexa, abre consejos de seguridad juvenil", phrase]
    assert phrase_problems(manifest, copy.deepcopy(REAL_MODEL)) == []


@pytest.mark.parametrize(
    ("phrases", "reason"),
    [
        (["Alexa, open consejos de seguridad juvenil"], "'open' is not a launch word (say abre)"),
        (
            ["Alexa, pregúntale a consejos de seguridad juvenil qué es la trata de personas"],
            'first example phrase must open the skill: "Alexa, abre consejos',
        ),
        (
            [
                "Alexa, abre consejos de seguridad juvenil",
                "Alexa, pregúntale a consejos de seguridad juvenil qué hora es",
            ],
            "no sample matches 'qué hora es'",
        ),
    ],
)
def test_spanish_example_phrases_that_do_not_work(
    manifest: dict[str, Any], phrases: list[str], reason: str
) -> None:
    manifest["manifest"]["publishingInformation"]["locales"]["es-US"]["examplePhrases"] = phrases
    problems = phrase_problems(manifest, copy.deepcopy(REAL_MODEL))
    assert rules(problems) == {"example-phrase"}
    assert any(reason in p.message for p in problems), [str(p) for p in problems]


def test_example_phrase_stops_working_when_its_sample_is_removed(
    manifest: dict[str, Any], model: dict[str, Any]
) -> None:
    assert phrase_problems(manifest, model) == []
    intent = intent_of(model, "WhatIsTraffickingIntent")
    intent["samples"].remove("what is human trafficking")
    (problem,) = phrase_problems(manifest, model)
    assert problem.rule == "example-phrase"
    assert problem.utterance == "Alexa, ask youth safety tips what is human trafficking"
    assert problem.file == MANIFEST_FILE


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (["privacyAndCompliance", "containsAds"], None, "containsAds must be true or false"),
        (["apis", "custom", "endpoint", "sslCertificateType"], None, "needs sslCertificateType"),
        (
            ["apis", "custom", "endpoint", "uri"],
            "http://skill.example.org/alexa",
            "neither an https",
        ),
        (
            ["publishingInformation", "locales", "en-US", "summary"],
            "x" * 161,
            "summary is 161 characters",
        ),
        (["publishingInformation", "locales", "en-US", "name"], "", "name is missing"),
        (["publishingInformation", "distributionCountries"], [], "distributionCountries is empty"),
        (["apis", "custom", "interfaces"], [], "must declare ALEXA_PRESENTATION_APL"),
        (["apis", "custom", "interfaces"], ["ALEXA_PRESENTATION_APL"], "each with a type"),
        (["apis", "custom", "interfaces"], {"type": "ALEXA_PRESENTATION_APL"}, "must be a list"),
    ],
)
def test_manifest_rule(manifest: dict[str, Any], path: list[str], value: Any, reason: str) -> None:
    target = manifest["manifest"]
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    problems = check_manifest(manifest, MANIFEST_FILE)
    assert rules(problems) == {"manifest"}
    assert any(reason in p.message for p in problems), [p.message for p in problems]


def test_lambda_endpoint_takes_no_certificate_type(manifest: dict[str, Any]) -> None:
    manifest["manifest"]["apis"]["custom"]["endpoint"] = {
        "uri": "arn:aws:lambda:us-east-1:123456789012:function:youth-safety-tips",
    }
    assert check_manifest(manifest, MANIFEST_FILE) == []
    manifest["manifest"]["apis"]["custom"]["endpoint"]["sslCertificateType"] = "Trusted"
    assert rules(check_manifest(manifest, MANIFEST_FILE)) == {"manifest"}


def test_model_of_the_wrong_shape(model: dict[str, Any]) -> None:
    lm_of(model)["intents"][0]["samples"] = "what is human trafficking"
    (problem,) = model_problems(model)
    assert problem.rule == "structure"
    assert problem.intent == "WhatIsTraffickingIntent"


# --- the whole project, as the command sees it ------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the skill package and content to break."""
    shutil.copy(ROOT / "ask-resources.json", tmp_path)
    shutil.copytree(ROOT / "interaction_model", tmp_path / "interaction_model")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def _edit_json(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_copied_project_is_clean(project: Path) -> None:
    assert check_project(project).problems == ()


def test_every_content_file_is_loaded_and_validated(project: Path) -> None:
    path = project / "content" / "en-US.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["prompts"]["goodbye"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = check_project(project).problems
    assert rules(problems) == {"content"}
    (problem,) = problems
    assert str(problem) == "content/en-US.yaml: prompts.goodbye: missing"


def test_a_second_broken_content_file_is_reported_too(project: Path) -> None:
    (project / "content" / "es-US.yaml").write_text("locale: es-US\n", encoding="utf-8")
    problems = check_project(project).problems
    assert [p.file for p in problems] == ["content/es-US.yaml"]
    assert problems[0].rule == "content"


@pytest.mark.parametrize(
    ("type_name", "content_id"),
    [("HotlineDetailType", "hours"), ("QuizAnswerType", "true"), ("QuizAnswerType", "a")],
)
def test_every_slot_type_that_stands_for_content_ids_is_checked(
    project: Path, type_name: str, content_id: str
) -> None:
    def edit(data: dict[str, Any]) -> None:
        types = data["interactionModel"]["languageModel"]["types"]
        (found,) = [t for t in types if t["name"] == type_name]
        found["values"] = [v for v in found["values"] if v["id"] != content_id]

    _edit_json(project / MODEL_FILE, edit)
    (problem,) = check_project(project).problems
    assert problem.rule == "slot-ids"
    assert f"content id {content_id!r}" in problem.message and type_name in problem.message


def test_a_quiz_question_whose_source_is_not_in_the_page_is_reported(project: Path) -> None:
    path = project / "content" / "en-US.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["quiz"]["questions"][0]["source"] = "Traffickers are always strangers."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = check_project(project).problems
    assert rules(problems) == {"quiz-source"}
    assert all(p.file == "content/en-US.yaml" for p in problems)
    assert "quiz.questions[0]" in str(problems[0]) and "not in the page" in str(problems[0])


# --- the words of each language, from its recogniser data ----------------------------------


@pytest.fixture
def recognizer(project: Path) -> Path:
    """A copy of the recogniser data (skill/tools/recognizer/) to change, inside the project."""
    folder = project / "recognizer"
    shutil.copytree(ROOT / "skill" / "tools" / "recognizer", folder)
    return folder


def _edit_yaml(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_copied_recogniser_data_is_clean(project: Path, recognizer: Path) -> None:
    assert check_project(project, recognizer_dir=recognizer).problems == ()


def test_an_invocation_name_may_not_hold_a_word_the_recogniser_data_forbids(
    project: Path, recognizer: Path
) -> None:
    _edit_yaml(recognizer / "es-US.yaml", lambda d: d["invocation_forbidden"].append("juvenil"))
    problems = check_project(project, recognizer_dir=recognizer).problems
    assert SPANISH_MODEL_FILE in {p.file for p in problems}
    for problem in problems:
        assert problem.rule == "invocation-name" and "juvenil" in problem.message
    assert problems[0].message.endswith(
        "may not contain wake words, launch words, 'skill' or 'app' ('juvenil')"
    )


def test_the_example_phrases_open_the_skill_with_the_recogniser_datas_words(
    project: Path, recognizer: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["launch"]["open"].remove("open")
        data["launch"]["example"] = "start"

    _edit_yaml(recognizer / "en-US.yaml", edit)
    problems = check_project(project, recognizer_dir=recognizer).problems
    assert rules(problems) == {"example-phrase"}
    assert problems[0].utterance == "Alexa, open youth safety tips"
    assert problems[0].message == "'open' is not a launch word (say start)"


def test_malformed_recogniser_data_names_the_file_and_the_key(
    project: Path, recognizer: Path
) -> None:
    _edit_yaml(recognizer / "en-US.yaml", lambda d: d["launch"].pop("example"))
    problems = check_project(project, recognizer_dir=recognizer).problems
    assert [str(p) for p in problems] == [
        "recognizer/en-US.yaml: launch.example: missing",
        "interaction_model/skill.json: en-US: no recogniser data for this locale's launch words",
    ]


def test_a_locale_without_recogniser_data_is_reported(project: Path, recognizer: Path) -> None:
    (recognizer / "es-US.yaml").unlink()
    problems = check_project(project, recognizer_dir=recognizer).problems
    assert [(p.rule, p.file) for p in problems] == [
        ("recognizer", "recognizer/es-US.yaml"),
        ("example-phrase", MANIFEST_FILE),
    ]
    assert problems[0].message.startswith("file is missing")
    assert problems[1].message == "es-US: no recogniser data for this locale's launch words"


def test_ask_resources_pointing_nowhere(project: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["profiles"]["default"]["skillMetadata"]["src"] = "./skill-package"

    _edit_json(project / "ask-resources.json", edit)
    (problem,) = check_project(project).problems
    assert problem.rule == "layout"
    assert str(problem) == "ask-resources.json: profile default: ./skill-package has no skill.json"


def test_model_that_is_not_json(project: Path) -> None:
    (project / MODEL_FILE).write_text('{"interactionModel": ', encoding="utf-8")
    problems = check_project(project).problems
    assert problems[0].rule == "structure"
    assert problems[0].file == MODEL_FILE
    assert "not valid JSON" in problems[0].message


def test_cli_prints_one_line_per_problem_and_exits_non_zero(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        lm = data["interactionModel"]["languageModel"]
        (tips,) = [i for i in lm["intents"] if i["name"] == "SafetyTipsIntent"]
        tips["samples"].append("tips about {topic}")
        tips["samples"].append("who is at risk")
        lm["intents"] = [i for i in lm["intents"] if i["name"] != "AMAZON.FallbackIntent"]

    _edit_json(project / MODEL_FILE, edit)
    assert main(["check", "--root", str(project)]) == 1
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if not line.startswith("warning: ")] == [
        f'{MODEL_FILE}: SafetyTipsIntent: "tips about {{topic}}": uses slot {{topic}}, '
        "which the intent does not define (it has: category)",
        f'{MODEL_FILE}: SafetyTipsIntent: "who is at risk": is also a sample of '
        "RiskFactorsIntent ('who is at risk')",
        f"{MODEL_FILE}: AMAZON.FallbackIntent: required built-in intent is missing",
    ]
    assert "3 problems found" in err


def test_a_missing_content_folder_is_named_as_missing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = project / "no-such-folder"
    assert main(["check", "--root", str(project), "--content-dir", str(missing)]) == 1
    out = capsys.readouterr().out
    assert "no-such-folder: folder does not exist" in out
    assert "no content files" not in out


def test_problems_found_on_broken_copies_name_registered_rules(model: dict[str, Any]) -> None:
    lm_of(model)["invocationName"] = "Open Skill"
    lm_of(model)["intents"][0]["samples"] = ["x"] * 2
    found = rules(model_problems(model))
    assert found and found <= {rule.id for rule in RULES}


# --- every locale with a model is published -------------------------------------------------


def test_a_locale_missing_from_the_store_listing_is_reported(project: Path) -> None:
    _edit_json(
        project / MANIFEST_FILE,
        lambda d: d["manifest"]["publishingInformation"]["locales"].pop("es-US"),
    )
    (problem,) = check_project(project).problems
    assert (problem.rule, problem.file) == ("manifest-locales", MANIFEST_FILE)
    assert problem.message == (
        "es-US has a model but no publishingInformation.locales.es-US listing"
    )


def test_a_locale_whose_country_is_not_distributed_is_reported(project: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["manifest"]["publishingInformation"]["distributionCountries"] = ["CA"]

    _edit_json(project / MANIFEST_FILE, edit)
    problems = check_project(project).problems
    assert rules(problems) == {"manifest-locales"}
    assert [p.message for p in problems] == [
        f"{locale} has a model but {country(locale)} is not in "
        "publishingInformation.distributionCountries"
        for locale in sorted(model_locales())
    ]


def test_a_skill_available_worldwide_needs_no_country_list(project: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        publishing = data["manifest"]["publishingInformation"]
        publishing["isAvailableWorldwide"] = True
        del publishing["distributionCountries"]

    _edit_json(project / MANIFEST_FILE, edit)
    assert check_project(project).problems == ()
