"""skill/screen.py: the documents, the datasource contract, the directives and the read-along."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from skill import screen
from skill.screen import Choice, QuizParts, Resource, ScreenData, ShownItem
from tests import PHONE, TEXT_CODE
from tests.screen_contract import breaches, from_properties

DATASOURCES = {
    p.stem: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((Path(__file__).parent / "apl" / "datasources").glob("*.json"))
}
# Alexa refuses a response over 24 kilobytes; the screen must leave room for the
# speech, the card and the session attributes.
MAX_SCREEN_BYTES = 20 * 1024
_EXPRESSION = re.compile(r"\$\{[^}]*\}")
_PROPERTY = re.compile(r"screen\.properties\.(\w+)")
_TAG = re.compile(r"<[^>]+>")


def props(name: str) -> dict[str, Any]:
    return copy.deepcopy(DATASOURCES[name]["screen"]["properties"])


def walk(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def spoken(ssml: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", ssml)).split())


# --- documents and tokens ---------------------------------------------------------


def test_a_document_is_loaded_once_and_shared() -> None:
    assert screen.render_document("list") is screen.render_document("list")


@pytest.mark.parametrize("kind", screen.KINDS)
def test_each_kind_has_its_own_token(kind: str) -> None:
    assert screen.document_token(kind) == f"youthSafety.{kind}"


def test_tokens_differ_so_a_later_answer_replaces_the_screen() -> None:
    assert len({screen.document_token(k) for k in screen.KINDS}) == len(screen.KINDS)


@pytest.mark.parametrize("kind", ["score", "", "List", "common"])
def test_an_unknown_kind_is_refused_clearly(kind: str) -> None:
    with pytest.raises(screen.ScreenError, match="no screen of kind"):
        screen.document_token(kind)
    with pytest.raises(screen.ScreenError, match="the kinds are list, text, help, quiz"):
        screen.render_document(kind)


@pytest.mark.parametrize("kind", screen.KINDS)
def test_documents_hold_no_words(kind: str) -> None:
    """Every word on screen comes from the datasource: text the user sees is data-bound."""
    components = (n for n in walk(screen.render_document(kind)) if "type" in n)
    for node in components:
        for key in ("text", "accessibilityLabel"):
            if key in node:
                outside = _EXPRESSION.sub("", node[key])
                assert not re.search(r"[^\W\d_]", outside), (key, node[key])


@pytest.mark.parametrize("kind", screen.KINDS)
def test_documents_read_only_fields_of_the_contract(kind: str) -> None:
    document = json.dumps(screen.render_document(kind))
    read = set(_PROPERTY.findall(document))
    sample = "quiz-answered" if kind == "quiz" else "risk-factors-first"
    contract = set(props(sample)) | {"leadSpeech", "hintText"}
    assert read <= contract
    assert {"title", "footer", "prompt", "buttons", "lead"} <= read
    if kind == "quiz":
        assert {"position", "question", "choices", "score"} <= read
        assert not {"leadSpeech", "hintText", "items", "hasMore", "hasBack"} & read


@pytest.mark.parametrize("kind", screen.KINDS)
def test_documents_import_nothing_and_bind_the_screen_datasource(kind: str) -> None:
    document = screen.render_document(kind)
    assert "import" not in document
    assert document["mainTemplate"]["parameters"] == [screen.DATASOURCE]


@pytest.mark.parametrize("kind", ["list", "text"])
def test_read_along_targets_exist_in_the_document(kind: str) -> None:
    ids = {n.get("id") for n in walk(screen.render_document(kind))}
    assert {screen.LEAD_COMPONENT, screen.ITEMS_COMPONENT} <= ids


@pytest.mark.parametrize("kind", ["list", "text"])
def test_items_carry_their_speech_and_ask_for_themselves_when_tapped(kind: str) -> None:
    document = screen.render_document(kind)
    item = document["layouts"]["ScreenItem"]["item"]
    assert item["type"] == "TouchWrapper"
    assert item["speech"] == "${entry.speech}"
    assert item["onPress"] == [{"type": "SendEvent", "arguments": ["item", "${entry.number}"]}]
    (item_list,) = (n for n in walk(document) if n.get("id") == screen.ITEMS_COMPONENT)
    assert item_list["data"] == "${screen.properties.items}"
    assert item_list["items"][0]["type"] == "ScreenItem"


def _footer_buttons(kind: str) -> dict[str, Any]:
    document = screen.render_document(kind)
    (footer,) = (n for n in walk(document["mainTemplate"]) if n.get("type") == "ScreenFooter")
    return footer


@pytest.mark.parametrize("kind", screen.KINDS)
def test_buttons_send_next_previous_and_help(kind: str) -> None:
    layout = screen.render_document(kind)["layouts"]["ScreenFooter"]
    buttons = [n for n in walk(layout) if n.get("type") == "ScreenButton"]
    assert [(b["label"], b["event"]) for b in buttons] == [
        ("${buttons.back}", "previous"),
        ("${buttons.more}", "next"),
        ("${buttons.help}", "help"),
    ]
    button = screen.render_document(kind)["layouts"]["ScreenButton"]["item"]
    assert button["onPress"] == [{"type": "SendEvent", "arguments": ["${event}"]}]


def test_the_help_screen_has_no_get_help_button_but_keeps_the_footer() -> None:
    assert _footer_buttons("help")["hasHelp"] is False
    assert _footer_buttons("help")["footer"] == "${screen.properties.footer}"
    assert "hasHelp" not in _footer_buttons("list")


def test_the_quiz_screen_has_get_help_and_neither_more_nor_back() -> None:
    """In a quiz, next and previous skip a question and repeat it: no buttons pretend otherwise."""
    footer = _footer_buttons("quiz")
    assert footer["footer"] == "${screen.properties.footer}"
    assert not {"hasMore", "hasBack", "hasHelp"} & set(footer)  # the layout's defaults: help only
    defaults = {
        p["name"]: p.get("default")
        for p in screen.render_document("quiz")["layouts"]["ScreenFooter"]["parameters"]
    }
    assert (defaults["hasMore"], defaults["hasBack"], defaults["hasHelp"]) == (False, False, True)


def test_a_tapped_choice_answers_once_with_its_id() -> None:
    """A choice sends ["answer", id]; the tap marks it and stops every choice answering
    again until the skill's next screen, so a second tap cannot answer the next question."""
    document = screen.render_document("quiz")
    choice = document["layouts"]["QuizChoice"]["item"]
    assert choice["type"] == "TouchWrapper"
    assert choice["onPress"] == [
        {
            "type": "SetValue",
            "componentId": "quizBody",
            "property": "chosen",
            "value": "${choice.id}",
        },
        {"type": "SendEvent", "arguments": ["answer", "${choice.id}"]},
    ]
    assert choice["disabled"] == "${chosen != ''}"
    assert choice["checked"] == "${chosen == choice.id}"
    assert not any("speech" in n for n in walk(document))  # the screen speaks nothing itself
    (body,) = (n for n in walk(document) if n.get("id") == "quizBody")
    assert {"name": "chosen", "value": "", "type": "string"} in body["bind"]
    (choices,) = (n for n in walk(document) if n.get("id") == "choices")
    assert choices["data"] == "${screen.properties.choices}"
    assert choices["items"][0]["type"] == "QuizChoice"


def test_the_footer_is_outside_the_scrolling_body() -> None:
    """The hotline stays on screen however far the page scrolls."""
    for kind in screen.KINDS:
        main = screen.render_document(kind)["mainTemplate"]["item"]["item"]["items"]
        assert [c["type"] for c in main] == ["ScreenHeader", "ScrollView", "ScreenFooter"]


def test_shared_layouts_come_only_where_used() -> None:
    assert "ScreenItem" not in screen.render_document("help")["layouts"]
    assert "ResourceRow" in screen.render_document("help")["layouts"]


def test_merge_refuses_a_style_defined_twice() -> None:
    common = {"styles": {"title": {}}, "layouts": {}}
    document = {"styles": {"title": {}}, "mainTemplate": {}}
    with pytest.raises(screen.ScreenError, match="styles defined twice: title"):
        screen.merge_documents(common, document)


# --- the datasource contract -------------------------------------------------------


@pytest.mark.parametrize("name", DATASOURCES)
def test_sample_datasources_keep_the_hotline_on_screen(name: str) -> None:
    footer = props(name)["footer"]
    assert PHONE in footer
    assert TEXT_CODE in footer


def test_the_help_sample_shows_every_line_whatever_was_said() -> None:
    values = {r["value"] for r in props("help")["resources"]}
    assert values == {
        "1-888-373-7888",
        "233733 (BEFREE)",
        "911",
        "988",
        "1-800-422-4453",
        "1-800-656-4673",
        "1-800-392-3738",
    }


def test_transformers_are_asked_only_for_what_is_there() -> None:
    def transformers(name: str) -> list[str]:
        source = DATASOURCES[name]["screen"]["transformers"]
        return [f"{t['inputPath']}->{t['outputName']}:{t['transformer']}" for t in source]

    assert transformers("risk-factors-first") == [
        "items[*].ssml->speech:ssmlToSpeech",
        "leadSsml->leadSpeech:ssmlToSpeech",
        "hint->hintText:textToHint",
    ]
    assert transformers("risk-factors-middle") == [
        "items[*].ssml->speech:ssmlToSpeech",
        "hint->hintText:textToHint",
    ]
    assert transformers("help") == []
    assert transformers("quiz-answered") == []
    assert transformers("quiz-score") == []


def sample(name: str) -> ScreenData:
    return from_properties(props(name))


_NUMBERED = ShownItem("1", "x", "<speak>x</speak>")


@pytest.mark.parametrize(
    ("name", "change", "reason"),
    [
        ("risk-factors-first", {"prompt": " "}, "prompt must not be empty"),
        ("risk-factors-first", {"lead": ("",)}, "lead must be non-empty texts"),
        ("risk-factors-first", {"lead_ssml": ""}, "leadSsml is needed"),
        ("risk-factors-middle", {"lead_ssml": "<speak>x</speak>"}, "leadSsml without"),
        ("risk-factors-first", {"lead_ssml": "plain"}, "leadSsml must be SSML"),
        ("risk-factors-first", {"position": ""}, "needs its position"),
        ("risk-factors-first", {"items": ()}, "needs items, each with its number"),
        (
            "risk-factors-first",
            {"items": (ShownItem("", "x", "<speak>x</speak>"),)},
            "needs items, each with its number",
        ),
        ("risk-factors-first", {"items": (ShownItem("1", "x", "x"),)}, "items[0].ssml must be"),
        ("risk-factors-first", {"items": (ShownItem("1", " ", "<speak>x</speak>"),)}, "text must"),
        ("risk-factors-first", {"buttons": {"more": "More"}}, "buttons must label exactly"),
        ("risk-factors-first", {"quiz": QuizParts("Who?", (), ())}, "only a quiz screen"),
        ("help", {"resources": ()}, "a help screen needs resources"),
        ("help", {"lead_ssml": "<speak>x</speak>"}, "help screen reads nothing along"),
        ("help", {"resources": (Resource("Text", ""),)}, "resources must have a label and"),
        ("help", {"items": (_NUMBERED,)}, "a help screen has no items"),
        ("quiz-answered", {"quiz": None}, "only a quiz screen"),
        ("quiz-answered", {"has_more": True}, "no More or Back buttons"),
        ("quiz-answered", {"has_back": True}, "no More or Back buttons"),
        ("quiz-answered", {"lead_ssml": "<speak>x</speak>"}, "reads nothing along"),
        ("quiz-answered", {"items": (_NUMBERED,)}, "a quiz screen has no items"),
        ("quiz-answered", {"position": ""}, "an open question shows its position"),
        ("quiz-score", {"position": "Question 5 of 5"}, "only an open question"),
    ],
)
def test_a_screen_that_breaks_the_contract_is_caught(
    name: str, change: dict[str, Any], reason: str
) -> None:
    """What the type cannot say, the tests' contract check catches (tests/screen_contract.py)."""
    problems = breaches(dataclasses.replace(sample(name), **change))
    assert any(reason in p for p in problems), problems


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"question": ""}, "choices need the question"),
        ({"score": ("You got 4 out of 5.",)}, "a score ends the round"),
        ({"score": ("",), "question": "", "choices": ()}, "score must be non-empty texts"),
        ({"choices": (Choice("a", " "),)}, "choices must have an id and a text"),
        ({"choices": (Choice("a", "A"), Choice("a", "B"))}, "choices must have different ids"),
    ],
)
def test_a_quiz_screen_that_breaks_the_contract_is_caught(
    change: dict[str, Any], reason: str
) -> None:
    answered = sample("quiz-answered")
    assert answered.quiz is not None
    quiz = dataclasses.replace(answered.quiz, **change)
    problems = breaches(dataclasses.replace(answered, quiz=quiz))
    assert any(reason in p for p in problems), problems


def test_a_text_screen_may_show_only_its_question() -> None:
    """The welcome asks a question and says nothing before it: the screen shows the question."""
    data = dataclasses.replace(sample("menu"), lead=(), lead_ssml="")
    assert breaches(data) == []
    assert screen.read_along_commands(screen.screen_datasource(data)) == []


@pytest.mark.parametrize("name", DATASOURCES)
def test_sample_datasources_keep_the_contract(name: str) -> None:
    """Each sample holds exactly the contract's fields, with the transformers it needs, and
    keeps the rules its type cannot say."""
    data = sample(name)
    assert screen.screen_datasource(data) == DATASOURCES[name]
    assert breaches(data) == []


def test_the_builder_copies_the_properties() -> None:
    data = sample("menu")
    built = screen.screen_datasource(data)
    built["screen"]["properties"]["title"] = "changed"
    built["screen"]["properties"]["buttons"]["more"] = "changed"
    assert screen.screen_datasource(data) == DATASOURCES["menu"]


# --- directives ------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATASOURCES)
def test_render_directive(name: str) -> None:
    directive = screen.render_directive(DATASOURCES[name])
    kind = props(name)["kind"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == screen.document_token(kind)
    assert directive["document"] is screen.render_document(kind)
    assert directive["datasources"] == DATASOURCES[name]


@pytest.mark.parametrize("name", DATASOURCES)
def test_the_screen_fits_in_a_response(name: str) -> None:
    execute = screen.execute_commands_directive(DATASOURCES[name])
    directives = [screen.render_directive(DATASOURCES[name]), *([execute] if execute else [])]
    assert len(json.dumps(directives, ensure_ascii=False).encode()) < MAX_SCREEN_BYTES


def test_render_directive_needs_the_screen_datasource() -> None:
    with pytest.raises(screen.ScreenError, match="no screen.properties"):
        screen.render_directive({"payload": {}})


def test_read_along_reads_lead_then_items_then_reports_back() -> None:
    (sequence,) = screen.read_along_commands(DATASOURCES["risk-factors-first"])
    assert sequence["type"] == "Sequential"
    assert sequence["screenLock"] is True
    assert sequence["commands"] == [
        {
            "type": "SpeakItem",
            "componentId": "leadBlock",
            "highlightMode": "block",
            "align": "visible",
        },
        {
            "type": "SpeakList",
            "componentId": "itemList",
            "start": 0,
            "count": 3,
            "align": "visible",
        },
        {"type": "SendEvent", "arguments": ["readAlongDone"]},
    ]


def test_a_page_without_a_lead_reads_only_its_items() -> None:
    (sequence,) = screen.read_along_commands(DATASOURCES["risk-factors-last"])
    assert [c["type"] for c in sequence["commands"]] == ["SpeakList", "SendEvent"]
    assert sequence["commands"][0]["count"] == 2


def test_a_menu_reads_its_lead_only() -> None:
    (sequence,) = screen.read_along_commands(DATASOURCES["menu"])
    assert [c["type"] for c in sequence["commands"]] == ["SpeakItem", "SendEvent"]


def test_the_help_screen_reads_nothing_along() -> None:
    assert screen.read_along_commands(DATASOURCES["help"]) == []
    assert screen.read_along_ssml(DATASOURCES["help"]) == []


@pytest.mark.parametrize("name", [n for n in DATASOURCES if n.startswith("quiz-")])
def test_a_quiz_screen_reads_nothing_along(name: str) -> None:
    """Its speech stays in outputSpeech: the question must open the microphone at once."""
    assert screen.read_along_commands(DATASOURCES[name]) == []
    assert screen.read_along_ssml(DATASOURCES[name]) == []
    assert "<speak>" not in json.dumps(DATASOURCES[name])


def test_execute_commands_uses_the_documents_token() -> None:
    commands = screen.read_along_commands(DATASOURCES["single-tip"])
    directive = screen.execute_commands_directive(DATASOURCES["single-tip"])
    assert directive == {
        "type": "Alexa.Presentation.APL.ExecuteCommands",
        "token": "youthSafety.text",
        "commands": commands,
    }
    assert commands


def test_a_screen_that_reads_nothing_along_gets_no_execute_commands() -> None:
    assert screen.execute_commands_directive(DATASOURCES["help"]) is None


def test_read_along_speaks_the_pages_words_once_in_order() -> None:
    """What the screen says is the lead then the items, each once: the voice-only words."""
    heard = " ".join(spoken(s) for s in screen.read_along_ssml(DATASOURCES["risk-factors-first"]))
    assert heard == (
        "There are 11 risk factors. Here are the first 3. "
        "Single-parent homes. Minimal supervision. Low self-esteem."
    )


def test_items_on_screen_are_the_items_spoken() -> None:
    for name in DATASOURCES:
        items = props(name)["items"]
        for item in items:
            assert spoken(item["ssml"]).rstrip(".") == item["text"].rstrip(".")


# --- user events -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["item", "4"], screen.ScreenEvent("item", "4")),
        (["item", " 10 "], screen.ScreenEvent("item", "10")),
        (["next"], screen.ScreenEvent("next")),
        (["previous"], screen.ScreenEvent("previous")),
        (["help"], screen.ScreenEvent("help")),
        (["readAlongDone"], screen.ScreenEvent("readAlongDone")),
        (["answer", "b"], screen.ScreenEvent("answer", "b")),
        (["answer", " true "], screen.ScreenEvent("answer", "true")),
        (["answer"], None),
        (["answer", ""], None),
        (["answer", True], None),
        (["answer", "a", "b"], None),
        (["item"], None),
        (["item", ""], None),
        (["item", 4], None),
        (["item", "4", "5"], None),
        (["next", "again"], None),
        (["bogus"], None),
        ([], None),
        ("next", None),
        (None, None),
    ],
)
def test_parse_user_event(arguments: object, expected: screen.ScreenEvent | None) -> None:
    assert screen.parse_user_event(arguments) == expected


def test_every_event_a_document_sends_is_understood() -> None:
    sent: set[str] = set()
    for kind in screen.KINDS:
        for node in walk(screen.render_document(kind)):
            if node.get("type") == "SendEvent":
                sent.add(node["arguments"][0])
            if node.get("type") == "ScreenButton":
                sent.add(node["event"])
    sent.discard("${event}")
    # The quiz's moves send the event their datasource entry names.
    sent.discard("${move.event}")
    sent |= {move["event"] for move in props("quiz-first-question")["moves"]}
    assert sent == {"item", "next", "previous", "help", "answer", *screen.QUIZ_MOVE_EVENTS.values()}
    assert sent | {"readAlongDone"} == set(screen.EVENTS)
