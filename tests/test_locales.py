"""Every locale says the same things: the content files side by side, and a request's locale.

content/en-US.yaml is the reference. Every other content file must have the
same keys, the same topic, question and choice ids, the same settings, and in
each text the same placeholders and the same numbers. A locale in another
language (es-US, es-MX) may leave none of its texts in English; a variant of
English (en-GB) may say what en-US says, so adding one is data alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

from skill.content import DEFAULT_LOCALE, default_library
from skill.tools.interaction_model import language_model, read_model
from skill.tools.model_check import check_model, check_project
from tests import CONTENT_DIR, ROOT, TESTS
from tests.conversation import Conversation
from tests.locales import (
    EXPECTED_DIR,
    LOCALES,
    ExpectedError,
    expected,
    expected_file,
    parse_expected,
    unspoken,
)

OTHER_LOCALES = [locale for locale in LOCALES if locale != DEFAULT_LOCALE]


def language(locale: str) -> str:
    """The language of a locale: ``es`` of ``es-MX``."""
    return locale.partition("-")[0]


# Locales in a language other than the reference's: their texts must be translated.
TRANSLATED_LOCALES = [locale for locale in LOCALES if language(locale) != language(DEFAULT_LOCALE)]
# Keys whose values are ids or settings, the same in every locale.
ID_KEYS = frozenset(
    {
        "id",
        "style",
        "then",
        "kind",
        "answer",
        "page_size",
        "round_size",
        "again",
        "line",
        "also",
        "phone",
    }
)
# Texts that stay as they are in every language: the source page's own title
# (the page is in English), the letters the quiz's choices are said with, and
# the numbers on the help screen (the text code with the word its keys spell).
SAME_IN_EVERY_LANGUAGE = frozenset(
    {
        "source.title",
        "source.url",
        "quiz.letters",
        "screen.resources.value",
        "classroom.english_words",  # names said in English in every language
        "quiz.apart",  # question ids
    }
)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NUMBER = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")

Path_ = tuple[str, ...]


def raw(locale: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CONTENT_DIR / f"{locale}.yaml").read_text("utf-8"))
    return data


def leaves(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every scalar of a parsed content file, with its path (list items by index)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, str(key)))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from leaves(item, (*path, str(n)))
    else:
        yield path, value


def dotted(path: Path_) -> str:
    return ".".join(p for p in path if not p.isdigit())


def is_text(path: Path_) -> bool:
    skipped = {"locale", "tip_categories", "numbers"}  # numbers: compared on their own
    return bool(path) and path[-1] not in ID_KEYS and path[0] not in skipped


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(_PLACEHOLDER.sub(" ", text)))


@pytest.fixture(scope="module")
def english() -> dict[Path_, Any]:
    return dict(leaves(raw(DEFAULT_LOCALE)))


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_every_key_id_and_setting_is_the_same_as_in_english(
    locale: str, english: dict[Path_, Any]
) -> None:
    other = dict(leaves(raw(locale)))
    assert sorted(other) == sorted(english)
    differ = [
        (".".join(path), english[path], other[path])
        for path in english
        if not is_text(path)
        and path[0] not in {"locale", "numbers"}
        and english[path] != other[path]
    ]
    assert differ == []


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_every_text_has_the_same_placeholders_and_numbers(
    locale: str, english: dict[Path_, Any]
) -> None:
    other = dict(leaves(raw(locale)))
    differ = []
    for path, text in english.items():
        if not is_text(path) or not isinstance(text, str):
            continue
        theirs = other[path]
        if placeholders(text) != placeholders(theirs) or numbers(text) != numbers(theirs):
            differ.append((".".join(path), text, theirs))
    assert differ == []


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_the_numbers_are_the_same_and_said_the_same_way(locale: str) -> None:
    ours, theirs = raw(DEFAULT_LOCALE)["numbers"], raw(locale)["numbers"]
    assert list(ours) == list(theirs)
    for name, number in ours.items():
        assert theirs[name]["value"] == number["value"], name
        assert theirs[name].get("say_as") == number.get("say_as"), name
        assert ("spoken" in theirs[name]) == ("spoken" in number), name


def untranslated(other: dict[Path_, Any], english: dict[Path_, Any]) -> list[tuple[str, str]]:
    """Texts of ``other`` that are empty, or the English text unchanged."""
    found = []
    for path, text in other.items():
        if not is_text(path) or not isinstance(text, str):
            continue
        words_only = _PLACEHOLDER.sub("", text)
        if not text.strip():
            found.append((".".join(path), text))
        elif dotted(path) in SAME_IN_EVERY_LANGUAGE or not _LETTER.search(words_only):
            continue  # the page's title, letters, or only numbers and punctuation
        elif text == english[path]:
            found.append((".".join(path), text))
    return found


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_no_text_is_empty_or_left_in_english(locale: str, english: dict[Path_, Any]) -> None:
    assert untranslated(dict(leaves(raw(locale))), english) == []


def test_the_allow_list_names_texts_that_exist() -> None:
    paths = {dotted(path) for path, _ in leaves(raw(DEFAULT_LOCALE))}
    assert SAME_IN_EVERY_LANGUAGE <= paths


def test_only_another_language_must_be_translated() -> None:
    assert language("en-GB") == language(DEFAULT_LOCALE) != language("es-MX")
    assert set(TRANSLATED_LOCALES) == {
        locale for locale in OTHER_LOCALES if not locale.startswith("en-")
    }


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_an_english_or_empty_text_is_found(locale: str, english: dict[Path_, Any]) -> None:
    data = raw(locale)
    data["prompts"]["okay"] = raw(DEFAULT_LOCALE)["prompts"]["okay"]
    data["help"]["lines"]["trafficking"]["more"][1] = " "
    assert untranslated(dict(leaves(data)), english) == [
        ("help.lines.trafficking.more.1", " "),
        ("prompts.okay", english[("prompts", "okay")]),
    ]


# --- a request's locale picks the content ------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_is_answered_in_its_own_words(client: FlaskClient, locale: str) -> None:
    turn = Conversation.endpoint(client, locale).launch()
    assert turn.text == default_library().for_locale(locale).prompts["welcome"]


@pytest.mark.parametrize("locale", unspoken("fr-FR", "es-MX", "en-GB", "", "xx"))
def test_a_locale_the_skill_does_not_speak_gets_english(client: FlaskClient, locale: str) -> None:
    turn = Conversation.endpoint(client, locale).launch()
    assert turn.text == default_library().for_locale(DEFAULT_LOCALE).prompts["welcome"]


def test_every_locale_has_a_model_recogniser_data_a_phrasing_corpus_and_expectations() -> None:
    for locale in LOCALES:
        assert (ROOT / "interaction_model/interactionModels/custom" / f"{locale}.json").is_file()
        assert (ROOT / "skill/tools/recognizer" / f"{locale}.yaml").is_file()
        assert (TESTS / "phrasings" / f"{locale}.tsv").is_file()
        assert (TESTS / "phrasings" / f"quiz-{locale}.tsv").is_file()
        assert expected_file(locale).is_file()


# --- what the tests expect in each locale (tests/locales/<locale>.yaml) ------------------


def test_the_expectations_are_those_of_the_locales_the_skill_speaks() -> None:
    assert sorted(p.stem for p in EXPECTED_DIR.glob("*.yaml")) == sorted(LOCALES)
    for locale in LOCALES:
        assert expected(locale).locale == locale


def _expected_data(locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(expected_file(locale).read_text("utf-8"))
    return data


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["quiz"]["moves"].pop("skip"), "quiz.moves.skip: missing"),
        (lambda d: d["quiz"]["moves"].update(dance="dance"), "quiz.moves.dance: is not a key"),
        (
            lambda d: d["quiz"]["answers"].update(maybe="d"),
            "quiz.answers.maybe: 'd' is not an answer id",
        ),
        (
            lambda d: d["quiz"]["yes_no"].update({"false": False}),
            "quiz.yes_no.false: expected text, got False",
        ),
        (lambda d: d["hotline"].pop("cannot_help"), "hotline.cannot_help: missing"),
        (
            lambda d: d["screen_positions"][1].update(total="four"),
            "screen_positions[1].total: expected a whole number",
        ),
        (lambda d: d["language"].update(asks=[]), "language.asks: expected a list of texts"),
        (lambda d: d.update(phrasings_minimum={"rows": 1}), "phrasings_minimum.help_rows: missing"),
        (lambda d: d["simulator"].pop("exit"), "simulator.exit: missing"),
    ],
)
def test_malformed_expectations_name_the_file_and_the_key(edit: Any, message: str) -> None:
    data = _expected_data()
    edit(data)
    with pytest.raises(ExpectedError) as excinfo:
        parse_expected(data, "tests/locales/en-US.yaml")
    assert str(excinfo.value).startswith(f"tests/locales/en-US.yaml: {message}")


def test_a_locale_without_expectations_is_named() -> None:
    with pytest.raises(ExpectedError, match=r"tests/locales/xx-XX\.yaml: no such file"):
        expected("xx-XX")


# --- python -m skill check covers every locale ---------------------------------------------


def test_the_check_is_clean_for_every_locale() -> None:
    report = check_project(ROOT)
    assert [str(p) for p in report.problems] == []
    assert report.models == len(LOCALES) and report.content_files == len(LOCALES)


@pytest.mark.parametrize("locale", OTHER_LOCALES)
def test_the_check_finds_a_broken_sample_in_every_locale(locale: str) -> None:
    model = read_model(locale)
    language_model(model)["intents"][0]["samples"].append("¿qué es esto?")
    problems = check_model(model, f"{locale}.json")
    assert {p.rule for p in problems} == {"sample-characters"}
    assert "¿" in problems[0].message
