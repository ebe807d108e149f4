"""Content loading: the shipped file is valid, and each kind of mistake stops start-up clearly."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.content import ContentError, load_file, load_library, parse_content
from skill.speech import say, to_ssml
from tests import CONTENT_DIR
from tests.conftest import AppFactory
from tests.locales import unspoken

CONTENT_FILE = CONTENT_DIR / "en-US.yaml"


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))
    return data


def test_shipped_content_loads(raw: dict[str, Any]) -> None:
    content = parse_content(raw, "en-US.yaml")
    assert set(content.tip_categories) <= set(content.topics)
    tip_texts = [t.text for t in content.tips]
    assert tip_texts == [i for c in content.tip_categories for i in content.topic(c).items]
    assert len({t.id for t in content.tips}) == len(content.tips)
    # Every topic's last page offers what comes next, so no list is a dead end.
    for topic in content.topics.values():
        assert topic.pages[-1].is_last and topic.pages[-1].question.endswith("?")


def test_every_page_fits_in_one_response_and_reads_three_at_most() -> None:
    content = load_library().for_locale("en-US")
    for topic in content.topics.values():
        for page in topic.pages:
            to_ssml(say(*page.lead, *page.items, *page.after, page.question), content.numbers)
            assert len(page.items) <= 3


def test_a_list_says_its_count_before_its_first_items() -> None:
    content = load_library().for_locale("en-US")
    for topic in content.topics.values():
        if topic.style != "list":
            continue
        first = next(page for page in topic.pages if page.items)
        assert str(topic.total) in first.lead[0]


def test_unknown_locale_falls_back_to_en_us() -> None:
    library = load_library()
    assert library.for_locale(unspoken("de-DE", "fr-FR", "it-IT")[0]).locale == "en-US"
    assert library.for_locale(None).locale == "en-US"


def _edit(edit: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def apply(raw: dict[str, Any]) -> dict[str, Any]:
        data = copy.deepcopy(raw)
        edit(data)
        return data

    return apply


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("missing prompt", lambda d: d["prompts"].pop("welcome"), "prompts.welcome: missing"),
    ("unknown prompt", lambda d: d["prompts"].update(welcom="Hi"), "prompts.welcom: is not a key"),
    ("unknown key", lambda d: d.update(hotline={}), "hotline: is not a key the skill uses"),
    ("empty items", lambda d: d["topics"][3].update(items=[]), "topics[3].items: is an empty list"),
    (
        "duplicate topic id",
        lambda d: d["topics"][2].update(id="definition"),
        "topics[2].id: duplicate id 'definition'",
    ),
    (
        "wrong type",
        lambda d: d["topics"][0].update(title=["a"]),
        "topics[0].title: expected text, got list",
    ),
    ("page size zero", lambda d: d["topics"][3].update(page_size=0), "topics[3].page_size"),
    ("bad style", lambda d: d["topics"][3].update(style="poem"), "topics[3].style"),
    ("missing more", lambda d: d["topics"][3].pop("more"), "topics[3].more: missing"),
    ("missing count", lambda d: d["topics"][3].pop("count"), "topics[3].count: missing"),
    (
        "count on prose",
        lambda d: d["topics"][0].update(count="{count}"),
        "topics[0].count: is only",
    ),
    ("missing offer", lambda d: d["topics"][1].pop("offer"), "topics[1].offer: missing"),
    (
        "lead without question",
        lambda d: d["topics"][3].pop("lead_question"),
        "topics[3].lead_question",
    ),
    ("unknown then", lambda d: d["topics"][0].update(then="nowhere"), "topics[0].then"),
    ("category not a topic", lambda d: d["tip_categories"].append("cooking"), "tip_categories[3]"),
    (
        "duplicate category",
        lambda d: d["tip_categories"].append("online_safety"),
        "tip_categories: lists a category twice",
    ),
    (
        "unknown placeholder",
        lambda d: d["help"]["lines"]["trafficking"]["more"].append("Call {police}."),
        "help.lines.trafficking.more[3]: unknown placeholder {police}",
    ),
    (
        "unknown number style",
        lambda d: d["help"]["lines"]["trafficking"]["more"].append("Call {emergency:loud}."),
        "help.lines.trafficking.more[3]: {emergency:loud}",
    ),
    (
        "field in the wrong prompt",
        lambda d: d["prompts"].update(welcome="Hi {title}"),
        "prompts.welcome: unknown placeholder {title}",
    ),
    (
        "missing situation",
        lambda d: d["help"]["situations"].pop("danger"),
        "help.situations.danger: missing",
    ),
    (
        "a line without its number",
        lambda d: d["help"]["lines"]["lifeline"]["details"].pop("number"),
        "help.lines.lifeline.details.number: missing",
    ),
    (
        "missing line",
        lambda d: d["help"]["lines"].pop("rainn"),
        "help.lines.rainn: missing",
    ),
    (
        "a situation's line is not a help line",
        lambda d: d["help"]["situations"]["suicide"].update(line="friends"),
        "help.situations.suicide.line: must be one of",
    ),
    (
        "a situation's second line is its main line",
        lambda d: d["help"]["situations"]["home"].update(also="childhelp"),
        "help.situations.home.also: must be another line than line",
    ),
    (
        "again not a flag",
        lambda d: d["help"]["situations"]["info"].update(again="no"),
        "help.situations.info.again",
    ),
    (
        "number not text",
        lambda d: d["numbers"]["emergency"].update(value=911),
        "numbers.emergency.value",
    ),
    (
        "bad say-as",
        lambda d: d["numbers"]["emergency"].update(say_as="shout"),
        "numbers.emergency.say_as",
    ),
    (
        "both say-as and spoken",
        lambda d: d["numbers"]["emergency"].update(spoken="nine one one"),
        "numbers.emergency: give exactly one",
    ),
    (
        "missing screen button",
        lambda d: d["screen"]["buttons"].pop("more"),
        "screen.buttons.more: missing",
    ),
    (
        "position without where",
        lambda d: d["screen"].update(position="{first} to {last}"),
        "screen.position: must show {total}",
    ),
    (
        "position field not a number of it",
        lambda d: d["screen"].update(position_one="{first} of {count}"),
        "screen.position_one: unknown placeholder {count}",
    ),
    (
        "quiz position without the round's size",
        lambda d: d["screen"].update(quiz_position="Question {number}"),
        "screen.quiz_position: must show {total}",
    ),
    (
        "quiz position with a field it cannot have",
        lambda d: d["screen"].update(quiz_position="{number} of {total}, {first}"),
        "screen.quiz_position: unknown placeholder {first}",
    ),
    (
        "missing quiz position",
        lambda d: d["screen"].pop("quiz_position"),
        "screen.quiz_position: missing",
    ),
    (
        "no help numbers on the help screen",
        lambda d: d["screen"].update(resources=[]),
        "screen.resources: expected a non-empty list",
    ),
    (
        "help number without a label",
        lambda d: d["screen"]["resources"][1].pop("label"),
        "screen.resources[1].label: missing",
    ),
    (
        "unknown placeholder on a screen",
        lambda d: d["screen"]["resources"][0].update(value="{police}"),
        "screen.resources[0].value: unknown placeholder {police}",
    ),
    ("unknown screen key", lambda d: d["screen"].update(colour="red"), "screen.colour"),
    ("empty text", lambda d: d["prompts"].update(goodbye="  "), "prompts.goodbye: is empty"),
    ("bad locale", lambda d: d.update(locale="english"), "locale:"),
    ("not a mapping", lambda d: d.update(topics={"a": 1}), "topics: expected a non-empty list"),
]


@pytest.mark.parametrize(("label", "edit", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_content_names_file_and_key(
    raw: dict[str, Any], label: str, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(ContentError) as excinfo:
        parse_content(_edit(edit)(raw), "content/en-US.yaml")
    assert str(excinfo.value).startswith("content/en-US.yaml: ")
    assert message in str(excinfo.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "en-US.yaml"
    bad.write_text("topics: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="en-US.yaml: not valid YAML"):
        load_file(bad)
    with pytest.raises(ContentError, match="cannot read"):
        load_file(tmp_path / "missing.yaml")
    with pytest.raises(ContentError, match="no content files"):
        load_library(tmp_path / "empty")


def test_locale_must_match_file_name(tmp_path: Path, raw: dict[str, Any]) -> None:
    wrong = tmp_path / "es-US.yaml"
    wrong.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ContentError, match="does not match the file name"):
        load_file(wrong)


def test_app_does_not_start_on_broken_content(
    make_app: AppFactory, tmp_path: Path, raw: dict[str, Any]
) -> None:
    broken = copy.deepcopy(raw)
    del broken["help"]
    (tmp_path / "en-US.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(ContentError, match="help: missing"):
        make_app(CONTENT_DIR=str(tmp_path))


def test_the_app_does_not_start_without_a_topic_the_intents_open(
    make_app: AppFactory, tmp_path: Path, raw: dict[str, Any]
) -> None:
    broken = copy.deepcopy(raw)
    broken["topics"][2]["id"] = "grooming_process"
    broken["topics"][1]["then"] = "grooming_process"
    (tmp_path / "en-US.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(ContentError, match="no 'grooming'"):
        make_app(CONTENT_DIR=str(tmp_path))


@pytest.mark.parametrize("odd_key", [1, True, None])
def test_a_key_that_is_not_text_is_named_not_a_crash(raw: dict[str, Any], odd_key: Any) -> None:
    data = copy.deepcopy(raw)
    data[odd_key] = "x"
    data["foo"] = "y"
    with pytest.raises(ContentError, match="is not a key the skill uses"):
        parse_content(data, "content/en-US.yaml")
