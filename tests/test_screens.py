"""Screens in the conversation: what a device with a screen is sent, and what its touches do.

Every reply a conversation can reach (and the quiz's replies for every question
of the bank) is rendered to its screen and checked: by Amazon's validator (one
node process for all of them), against the words spoken, and through the
endpoint side by side with a voice-only device.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

import pytest
from flask.testing import FlaskClient

from skill import render, screen
from skill.app import response_json
from skill.content import DEFAULT_LOCALE, Content, default_library
from skill.modes import base
from skill.reply import Item, Reply
from skill.serializer import EncodedJson
from skill.speech import say as sentences
from skill.speech import ssml_to_text, to_plain
from skill.vocabulary import Action, Kind
from tests import PHONE, TEXT_CODE
from tests.apl_validator import CLEAN, installed_node, validate_all
from tests.conftest import AppFactory
from tests.conversation import (
    Conversation,
    EndpointConversation,
    Turn,
    assert_valid_response,
    post,
)
from tests.envelopes import (
    EXECUTE_COMMANDS,
    RENDER_DOCUMENT,
    answer_slot,
    category_slot,
    detail_slot,
    fixture,
    fixture_names,
    intent_request,
    on_hub,
    user_event,
)
from tests.locales import LOCALES, Position, expected
from tests.screen_contract import breaches
from tests.screen_samples import DATASOURCES, as_file, samples
from tests.snapshots import walked
from tests.walk import every_quiz_reply, every_reply, every_turn

# The fixtures in tests/requests/ and the sample screens are English; the rest
# runs in every locale (the content fixture, or a locale parameter).
ENGLISH = default_library().for_locale(DEFAULT_LOCALE)
# Alexa refuses a response larger than 24 kilobytes.
MAX_RESPONSE_BYTES = 24 * 1024
# The largest session attributes the skill accepts back (skill.state).
MAX_ATTRIBUTES_BYTES = 4096
_BETWEEN_TAGS = re.compile(r">\s+<")
_WORD = re.compile(r"[\w'’]+")


def inner(ssml: str) -> str:
    """SSML without its <speak> element, and without the spaces between tags."""
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>"), ssml
    return _BETWEEN_TAGS.sub("><", ssml[len("<speak>") : -len("</speak>")]).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def plain(content: Content, text: str) -> str:
    return to_plain(sentences(text), content.numbers)


@cache
def replies(content: Content) -> tuple[Reply, ...]:
    """Every reachable reply, and the quiz's replies for every question of the bank."""
    return tuple(dict.fromkeys((*every_reply(content), *every_quiz_reply(content))))


@cache
def screens(content: Content) -> tuple[tuple[Reply, dict[str, Any]], ...]:
    """Every reply of :func:`replies` that has a screen, with the screen's datasources.

    Found once per locale for all the tests below (more replies than the render
    memo keeps for both locales)."""
    found = ((reply, render.render(content, reply).datasources) for reply in replies(content))
    return tuple((reply, shown) for reply, shown in found if shown is not None)


def quiz_screens(content: Content) -> list[tuple[Reply, dict[str, Any]]]:
    return [(r, s) for r, s in screens(content) if r.kind == Kind.QUIZ]


def question_number(content: Content, number: int, total: int = 5) -> str:
    """ "Question 1 of 5", as a quiz screen's position shows it."""
    return content.fill(content.screen.quiz_position, number=number, total=total)


def props(shown: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = shown["screen"]["properties"]
    return properties


# --- every screen the skill can send --------------------------------------------------------


def test_every_screen_the_skill_can_send_passes_amazons_validator(
    tmp_path_factory: pytest.TempPathFactory, content: Content
) -> None:
    """Each distinct screen of every reachable reply, with the read-along commands it may
    carry, validated in one batch: zero errors, zero warnings."""
    node = installed_node()
    distinct: dict[str, dict[str, Any]] = {}
    for _reply, shown in screens(content):
        distinct.setdefault(json.dumps(shown, sort_keys=True), shown)
    checks = [
        (f"screen {n}: {props(s)['kind']} {props(s)['title']!r}", props(s)["kind"], s, commands)
        for n, s in enumerate(distinct.values())
        for commands in [screen.read_along_commands(s)]
    ]
    assert {kind for _, kind, _, _ in checks} == set(screen.KINDS)
    documents = {kind: screen.render_document(kind) for kind in screen.KINDS}
    reports = validate_all(node, tmp_path_factory.mktemp("screens"), documents, checks)
    failed = {name: report for name, report in reports.items() if report != CLEAN}
    assert not failed, json.dumps(failed, indent=2)[:4000]


def test_every_reply_with_something_to_show_has_a_screen_and_no_other(content: Content) -> None:
    kinds = set()
    for reply in replies(content):
        shown = render.render(content, reply).datasources
        kinds.add(reply.kind)
        if reply.end_session or reply.kind not in render.SCREENS:
            assert shown is None, reply
        else:
            assert shown is not None, reply
            assert props(shown)["kind"] == reply.kind
    assert kinds == {"list", "text", "help", Kind.QUIZ, Kind.END, Kind.REST}
    assert set(render.SCREENS.values()) == set(screen.KINDS)


def test_every_screen_the_skill_can_send_keeps_the_contract(content: Content) -> None:
    """The rules the datasource's type cannot say (tests/screen_contract.py), on every screen."""
    checked = 0
    for reply in replies(content):
        shown = render.render(content, reply).screen
        if shown is not None:
            assert breaches(shown) == [], reply
            checked += 1
    assert checked > 100


def test_an_unknown_kind_of_reply_gets_no_screen() -> None:
    """A kind no document shows (one added later) is spoken only."""
    assert (
        render.render(ENGLISH, Reply(kind="something new", prompt=("What?",))).datasources is None
    )


def test_a_quiz_reply_without_its_parts_shows_its_lead_and_question() -> None:
    reply = Reply(kind=Kind.QUIZ, title="Quiz", lead=("Ready?",), prompt=("True or false?",))
    shown = render.render(ENGLISH, reply).datasources
    assert shown is not None
    p = props(shown)
    assert (p["lead"], p["question"], p["choices"], p["score"]) == (["Ready?"], "", [], [])
    assert (p["position"], p["prompt"]) == ("", "True or false?")


def test_the_screen_shows_the_words_spoken_and_no_others(content: Content) -> None:
    """Lead, items and what follows them on screen are, word for word, the speech.

    (As a card writes them: numbers as digits, the website as an address.) A
    help screen shows its question only, besides the numbers. Quiz screens are
    checked below.
    """
    for reply, shown in screens(content):
        p = props(shown)
        if p["kind"] == Kind.QUIZ:
            continue
        on_screen = words(" ".join([*p["lead"], *(i["text"] for i in p["items"]), p["prompt"]]))
        spoken = words(render.plain(content, reply))
        if p["kind"] == "help":
            assert p["lead"] == [] and spoken[-len(on_screen) :] == on_screen, reply
        else:
            assert on_screen == spoken, reply


def test_a_quiz_screen_shows_the_words_spoken_in_their_order(content: Content) -> None:
    """What answers the last turn, the question, the choices read out, the score and the
    question asked last, word for word as heard. The question's place ("Question 3 of 5.")
    is said before the question and shown as the position; the open question stays on
    screen when a re-ask, Help or a fallback does not say it again."""
    said_in_full = said_without_question = 0
    for reply, shown in quiz_screens(content):
        p = props(shown)
        choices = [c["text"] for c in p["choices"]] if reply.items else []
        after = [*choices, *p["score"], p["prompt"]]
        spoken = words(render.plain(content, reply))
        shown_without_question = words(" ".join([*p["lead"], *after]))
        if not p["question"]:
            assert spoken == shown_without_question, reply
        elif spoken == words(" ".join([*p["lead"], p["position"], p["question"], *after])):
            said_in_full += 1
        elif spoken == words(" ".join([*p["lead"], p["question"], *after])):
            assert reply.choices[0].answer == "true", reply  # a true-or-false question re-asked
        else:
            assert spoken == shown_without_question, reply
            said_without_question += 1
    assert said_in_full > 100 and said_without_question > 50


def test_the_choices_on_screen_are_the_choices_spoken(content: Content) -> None:
    """Lettered as heard ("A: ..."), each sending its letter; true or false as the question
    asks it, sending true or false."""
    tapped = 0
    prompts = content.quiz.prompts
    for reply, shown in quiz_screens(content):
        p = props(shown)
        on_screen = [(c["id"], c["text"]) for c in p["choices"]]
        assert on_screen == [(c.answer, plain(content, c.text)) for c in reply.choices], reply
        ids = [c["id"] for c in p["choices"]]
        if ids == ["a", "b", "c"]:
            assert all(re.match(r"^[ABC]: ", c["text"]) for c in p["choices"]), p["choices"]
            # Read out as the items, unless Help or a fallback speaks instead.
            assert reply.items in (reply.choices, ()), reply
        elif ids:
            assert on_screen == [("true", prompts["true"]), ("false", prompts["false"])]
            assert reply.items == ()
        if p["choices"]:
            tapped += 1
            assert p["question"] and p["position"].startswith(prompts["number"].split("{")[0])
        else:
            assert p["question"] == "" and p["position"] == ""
    assert tapped > 200


def test_the_score_shows_at_the_end_of_a_round(content: Content) -> None:
    ends = [props(s) for r, s in quiz_screens(content) if r.quiz is not None and r.quiz.score]
    assert ends
    prompts = content.quiz.prompts
    scores = {content.fill(prompts["score"], score=n, total=5) for n in range(6)}
    another_round = prompts["offer"].rsplit(". ", 1)[-1]  # "Want another round?"
    for p in ends:
        assert p["score"][0] in scores, p["score"]
        assert len(p["score"]) == 2 and p["choices"] == [] and p["question"] == ""
        assert p["prompt"].endswith(another_round)
    encouraging = {p["score"][1] for p in ends}
    assert encouraging == {
        prompts[k] for k in ("encourage_all", "encourage_most", "encourage_some")
    }


def test_quiz_replies_divide_their_lead_into_what_the_screen_shows(content: Content) -> None:
    """The parts a quiz screen shows are the reply's own sentences, in the order said."""
    for reply, _shown in quiz_screens(content):
        q = reply.quiz
        assert q is not None, reply
        heading = reply.lead[len(q.feedback) : len(reply.lead) - len(q.score)]
        assert reply.lead[: len(q.feedback)] == q.feedback
        assert reply.lead[len(reply.lead) - len(q.score) :] == q.score or not q.score
        number = content.fill(content.quiz.prompts["number"], number=q.number, total=q.total)
        assert heading in ((), (q.question,), (number, q.question)), reply
        assert bool(q.question) == bool(q.number) == bool(reply.choices), reply


def test_a_help_screen_does_not_say_why_help_was_asked_for(content: Content) -> None:
    """Like the help card, in a classroom: a disclosure's words are spoken, never shown."""
    helps = [props(s) for r, s in screens(content) if r.kind == "help"]
    assert len({json.dumps({**p, "prompt": ""}, sort_keys=True) for p in helps}) == 1
    thanks = content.help.situations["danger"].lines[0]  # "Thank you for telling me."
    for p in helps:
        assert thanks not in json.dumps(p, ensure_ascii=False)


def test_items_on_screen_are_the_items_of_the_page_numbered_as_spoken(content: Content) -> None:
    for reply, shown in screens(content):
        p = props(shown)
        if p["kind"] == Kind.QUIZ:  # its answers are choices to tap (above)
            assert p["items"] == []
            continue
        assert [(i["number"], i["text"]) for i in p["items"]] == [
            (str(item.number) if item.number else "", plain(content, item.text))
            for item in reply.items
        ]
        if reply.kind == "list":
            assert all(item.number for item in reply.items)


def test_the_read_along_and_its_rest_are_the_voice_only_speech(content: Content) -> None:
    """What the screen reads, then the rest of the turn: the voice-only SSML, in order, once."""
    read_along = 0
    for reply, shown in screens(content):
        parts = screen.read_along_ssml(shown)
        if not parts:
            continue
        read_along += 1
        rest = render.render(content, reply.rest())
        heard = "".join(inner(part) for part in parts) + inner(f"<speak>{rest.ssml}</speak>")
        voice = render.render(content, reply)
        assert heard == inner(f"<speak>{voice.ssml}</speak>"), reply
        assert rest.reprompt == voice.reprompt
    assert read_along > 50


def test_help_screens_show_the_numbers_large_and_read_nothing_along(content: Content) -> None:
    help_screens = [(r, s) for r, s in screens(content) if r.kind == "help"]
    assert help_screens
    expected = [
        {
            "label": resource.label,
            "value": plain(content, resource.value),
        }
        for resource in content.screen.resources
    ]
    for _reply, shown in help_screens:
        assert props(shown)["resources"] == expected
        assert screen.read_along_commands(shown) == []
    values = {r["value"] for r in expected}
    # Both hotlines, the text code and 911.
    assert {"1-888-373-7888", "1-800-392-3738", "911"} <= values
    assert any(TEXT_CODE in v for v in values)


def test_every_screen_keeps_the_hotline_in_its_footer_and_its_buttons_follow_the_reply(
    content: Content,
) -> None:
    footer = plain(content, content.footer)
    assert PHONE in footer and TEXT_CODE in footer
    for reply, shown in screens(content):
        p = props(shown)
        assert p["footer"] == footer
        assert p["buttons"] == dict(content.screen.buttons)
        assert (p["hasMore"], p["hasBack"]) == (reply.more, reply.back)
        if p["kind"] in ("help", Kind.QUIZ):
            assert p["hint"] == ""
        else:
            assert p["hint"] == (content.screen.hint_more if reply.more else content.screen.hint)


@pytest.mark.parametrize(
    ("locale", "position"),
    [(locale, position) for locale in LOCALES for position in expected(locale).screen_positions],
)
def test_the_position_of_a_page(locale: str, position: Position) -> None:
    first, last = position.first, position.last
    items = tuple(Item(f"item {n}", n) for n in sorted({first, last}))
    reply = Reply(kind="list", title="A list", items=items, total=position.total, prompt=("More?",))
    shown = render.render(default_library().for_locale(locale), reply).datasources
    assert shown is not None
    assert props(shown)["position"] == position.shown


def test_every_response_with_a_screen_fits_alexas_limit(content: Content) -> None:
    """The largest screen, speech, reprompt and card with the largest session attributes."""
    largest = 0
    for reply, shown in screens(content):
        rendered = render.render(content, reply)
        execute = screen.execute_commands_directive(shown)
        directives = [screen.render_directive(shown), *([execute] if execute else [])]
        response = {
            "version": "1.0",
            "sessionAttributes": {"x": "x" * MAX_ATTRIBUTES_BYTES},
            "response": {
                "outputSpeech": {"type": "SSML", "ssml": f"<speak>{rendered.ssml}</speak>"},
                "reprompt": {"outputSpeech": {"type": "SSML", "ssml": rendered.reprompt}},
                "card": {
                    "type": "Simple",
                    "title": rendered.card_title,
                    "content": rendered.card_text,
                },
                "directives": directives,
                "shouldEndSession": False,
            },
        }
        largest = max(largest, len(json.dumps(response, separators=(",", ":")).encode()))
    assert largest < MAX_RESPONSE_BYTES, largest


def test_the_sample_screens_are_what_the_skill_sends() -> None:
    """tests/apl/datasources/ (validated, and drawn for the README) is the skill's own output."""
    files = {p.stem: p.read_text(encoding="utf-8") for p in DATASOURCES.glob("*.json")}
    made = {name: as_file(shown) for name, shown in samples(ENGLISH).items()}
    assert files == made, "write them again: python -m tests.screen_samples"


@pytest.mark.parametrize("shared", [True, False])
def test_a_response_carries_the_document_encoded_once_and_whole(shared: bool) -> None:
    """The endpoint splices in the shared document's JSON, encoded once: same bytes' meaning."""
    document = screen.render_document("list")
    sent = document if shared else copy.deepcopy(dict(document))
    shown = render.render(ENGLISH, every_reply(ENGLISH)[0]).datasources or {}
    result = {
        "version": "1.0",
        "sessionAttributes": {"mode": "topic"},
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": "<speak>Hi</speak>"},
            "directives": [
                {
                    "type": RENDER_DOCUMENT,
                    "token": "youthSafety.list",
                    "document": sent,
                    "datasources": shown,
                },
                {"type": EXECUTE_COMMANDS, "token": "youthSafety.list", "commands": []},
            ],
        },
    }
    text = response_json(result).decode()
    assert text == json.dumps(result, separators=(",", ":"))
    assert "\\u0000" not in text
    assert text.count('"mainTemplate"') == 1
    assert result["response"]["directives"][0]["document"] is sent  # the result is not changed


def test_parts_encoded_once_are_written_as_encoding_it_all_would_write_them() -> None:
    """Every reachable turn on a screen, in every locale: the endpoint's bytes are those of
    json.dumps, though the document, the datasources and the read-along commands go in as
    they were encoded once."""
    spliced = 0
    for locale in LOCALES:
        for _key, answer in walked(default_library().for_locale(locale), on_screen=True):
            assert response_json(answer) == json.dumps(answer, separators=(",", ":")).encode()
            directives = answer["response"].get("directives", [])
            spliced += sum(isinstance(d.get("datasources"), EncodedJson) for d in directives)
    assert spliced > 100


def test_a_mark_in_the_text_itself_falls_back_to_encoding_it_all() -> None:
    shown = render.render(ENGLISH, every_reply(ENGLISH)[0]).datasources
    assert isinstance(shown, EncodedJson)
    result = {
        "response": {
            # Encoded, the text ends in the mark as the encoder writes it: '\"\u0000encoded\u0000"'.
            "outputSpeech": {"type": "SSML", "ssml": 'x"\x00encoded\x00'},
            "directives": [{"type": RENDER_DOCUMENT, "datasources": shown}],
        }
    }
    assert response_json(result) == json.dumps(result, separators=(",", ":")).encode()


# --- through the endpoint, beside a voice-only device ---------------------------------------


def heard_on_hub(hub: Conversation, turn: Turn) -> tuple[str, Turn]:
    """What a hub says for ``turn``: the read-along, then the rest, which it asks for as a
    device does. Returns the SSML heard (inner, joined) and the turn that asks the question."""
    commands = turn.directive(EXECUTE_COMMANDS)
    if commands is None:
        return inner(turn.ssml), turn
    shown = turn.directive(RENDER_DOCUMENT)
    assert shown is not None and commands["token"] == shown["token"]
    assert "outputSpeech" not in turn.response
    assert "reprompt" not in turn.response
    assert "shouldEndSession" not in turn.response
    parts = screen.read_along_ssml(shown["datasources"])
    assert commands["commands"] == screen.read_along_commands(shown["datasources"])
    done = hub.touch("readAlongDone", token=shown["token"])
    assert done.directives == []
    assert done.ends_session is False
    assert turn.attributes == done.attributes  # the rest of the turn changes nothing
    said = ssml_to_text(done.ssml)
    for item in props(shown["datasources"])["items"]:
        assert item["text"] not in said  # nothing is spoken twice
    return "".join(inner(p) for p in parts) + inner(done.ssml), done


Step = tuple[str, dict[str, Any] | None]
SCRIPT: list[Step] = [
    ("launch", None),
    ("RiskFactorsIntent", None),
    ("AMAZON.YesIntent", None),
    ("AMAZON.NextIntent", None),
    ("AMAZON.PreviousIntent", None),
    ("GetHelpIntent", None),
    ("AMAZON.NextIntent", None),
    ("AMAZON.RepeatIntent", None),
    ("AMAZON.NextIntent", None),
    ("AMAZON.NextIntent", None),
    ("AMAZON.HelpIntent", None),
    ("SafetyTipsIntent", category_slot("online", "online_safety")),
    ("AMAZON.NextIntent", None),
    ("RandomTipIntent", None),
    ("AMAZON.NextIntent", None),
    ("AMAZON.FallbackIntent", None),
    ("HotlineDetailIntent", detail_slot("text", "text")),
    ("AMAZON.NoIntent", None),
    ("WhatIsTraffickingIntent", None),
    ("AMAZON.YesIntent", None),
    # The quiz: answers, Help, a fallback, the hotline and back, a repeat, skips to the score.
    ("QuizIntent", None),
    ("QuizAnswerIntent", answer_slot("a")),
    ("QuizAnswerIntent", answer_slot("true")),
    ("AMAZON.HelpIntent", None),
    ("QuizAnswerIntent", answer_slot("b")),
    ("AMAZON.FallbackIntent", None),
    ("GetHelpIntent", None),
    ("AMAZON.YesIntent", None),
    ("AMAZON.RepeatIntent", None),
    *[("AMAZON.NextIntent", None)] * 6,
    ("AMAZON.FallbackIntent", None),
    ("AMAZON.HelpIntent", None),
    ("SafetyTipsIntent", None),
    ("AMAZON.StopIntent", None),
]


def say(talk: Conversation, intent: str, slots: dict[str, Any] | None) -> Turn:
    return talk.launch() if intent == "launch" else talk.say(intent, slots)


def devices(make_app: AppFactory, locale: str) -> tuple[EndpointConversation, EndpointConversation]:
    """A voice-only device and a hub, each with its own skill whose random tips are the same."""
    voice, hub = make_app(), make_app()
    return (
        Conversation.endpoint(voice.test_client(), locale),
        Conversation.endpoint(hub.test_client(), locale, hub=True),
    )


Step_ = tuple[str, Turn, Turn, str, Turn]


@cache
def side_by_side(make_app: AppFactory, locale: str) -> tuple[Step_, ...]:
    """Each step of the script on a voice-only device and on a hub, with what each heard.

    Played once per locale; the tests only read the turns.
    """
    voice, hub = devices(make_app, locale)
    steps = []
    for intent, slots in SCRIPT:
        spoken = say(voice, intent, slots)
        shown = say(hub, intent, slots)
        heard, asking = heard_on_hub(hub, shown)
        steps.append((intent, spoken, shown, heard, asking))
    return tuple(steps)


def test_a_hub_hears_word_for_word_what_a_voice_only_device_hears(
    make_app: AppFactory, locale: str
) -> None:
    read_along = 0
    for intent, spoken, shown, heard, asking in side_by_side(make_app, locale):
        assert spoken.directives == []  # no screen, no directive
        assert heard == inner(spoken.ssml), intent
        assert asking.ends_session is spoken.ends_session, intent
        if not spoken.ends_session:
            assert asking.reprompt == spoken.reprompt, intent
        assert shown.card == spoken.card, intent
        assert asking.attributes == spoken.attributes, intent
        read_along += shown.directive(EXECUTE_COMMANDS) is not None
    assert read_along >= 10


def test_the_directive_is_sent_exactly_when_the_device_has_a_screen(
    make_app: AppFactory, locale: str
) -> None:
    for intent, spoken, shown, _heard, _asking in side_by_side(make_app, locale):
        assert spoken.directive(RENDER_DOCUMENT) is None
        if shown.ends_session:
            assert shown.directives == [], intent
        else:
            document = shown.directive(RENDER_DOCUMENT)
            assert document is not None, intent
            kind = props(document["datasources"])["kind"]
            assert document["token"] == screen.document_token(kind)
            assert document["document"] == screen.render_document(kind)


def test_the_items_on_screen_are_the_items_spoken_on_that_page(
    make_app: AppFactory, locale: str
) -> None:
    pages = 0
    for intent, spoken, shown, _heard, _asking in side_by_side(make_app, locale):
        p = shown.screen
        if not p or not p["items"]:
            continue
        pages += 1
        voice = inner(spoken.ssml)
        spots = [voice.find(inner(item["ssml"])) for item in p["items"]]
        assert -1 not in spots and spots == sorted(spots), intent
        for item in p["items"]:
            assert item["text"].rstrip(".") in spoken.text
    assert pages >= 6


@pytest.mark.parametrize("name", [n for n in fixture_names() if not n.startswith("screen_")])
def test_a_device_without_a_screen_never_gets_a_directive(client: FlaskClient, name: str) -> None:
    assert "directives" not in post(client, fixture(name)).response


def test_the_hub_fixtures_get_a_screen(client: FlaskClient) -> None:
    first = post(client, fixture("screen_risk_factors"))
    assert_valid_response(first)
    assert first.screen is not None and first.screen["title"] == "Youth at risk"
    tapped = post(client, fixture("screen_user_event"))
    assert_valid_response(tapped)
    assert tapped.screen is not None
    assert [(i["number"], i["text"]) for i in tapped.screen["items"]] == [
        ("5", "Unsupervised online time")
    ]


def test_every_quiz_turn_on_a_hub_shows_the_quiz_and_speaks_at_once(
    make_app: AppFactory, locale: str
) -> None:
    """In a quiz the previous screen never stays up: each answer sends the quiz's screen,
    with its speech in outputSpeech (the microphone opens after the question) and
    neither More nor Back."""
    quiz_turns = 0
    for intent, spoken, shown, _heard, _asking in side_by_side(make_app, locale):
        document = shown.directive(RENDER_DOCUMENT)
        if spoken.attributes.get("mode") != "quiz" or spoken.ends_session:
            continue
        quiz_turns += 1
        assert document is not None and document["token"] == "youthSafety.quiz", intent
        assert shown.directive(EXECUTE_COMMANDS) is None, intent
        assert shown.ssml == spoken.ssml and shown.reprompt == spoken.reprompt, intent
        assert shown.ends_session is False, intent
        p = props(document["datasources"])
        assert (p["hasMore"], p["hasBack"]) == (False, False), intent
    assert quiz_turns >= 15


def test_every_response_on_a_hub_fits_alexas_limit(make_app: AppFactory, locale: str) -> None:
    for intent, _spoken, shown, _heard, asking in side_by_side(make_app, locale):
        for turn in (shown, asking):
            size = len(json.dumps(turn.body, separators=(",", ":")).encode())
            assert size < MAX_RESPONSE_BYTES, (intent, size)


# --- touches ----------------------------------------------------------------------------------


def numbers(turn: Turn) -> list[str]:
    """The numbers of the items on the screen ``turn`` shows."""
    assert turn.screen is not None
    return [item["number"] for item in turn.screen["items"]]


def to_second_page(
    make_app: AppFactory, locale: str
) -> tuple[EndpointConversation, EndpointConversation]:
    """A voice-only device and a hub, both on the risk factors' second page (items 4 to 6)."""
    voice, hub = devices(make_app, locale)
    for talk in (voice, hub):
        talk.say("RiskFactorsIntent")
        talk.yes()
        talk.next()
    assert numbers(hub.turns[-1]) == ["4", "5", "6"]
    return voice, hub


def second_page_question(content: Content) -> str:
    """The question after the risk factors' second page: more risk factors?"""
    return content.topic("risk_factors").pages[2].question


def test_more_is_next_and_back_is_previous(make_app: AppFactory, locale: str) -> None:
    voice, hub = to_second_page(make_app, locale)
    more = hub.touch("next")
    assert heard_on_hub(hub, more)[0] == inner(voice.next().ssml)
    assert numbers(more) == ["7", "8", "9"]
    back = hub.touch("previous")
    assert heard_on_hub(hub, back)[0] == inner(voice.previous().ssml)
    assert hub.attributes == voice.attributes


def test_the_buttons_shown_are_the_ones_that_apply(client: FlaskClient, content: Content) -> None:
    hub = Conversation.endpoint(client, content.locale, hub=True)
    lead = hub.say("RiskFactorsIntent").screen
    assert lead is not None and (lead["hasBack"], lead["hasMore"]) == (False, True)
    first = hub.yes().screen  # Back goes to the lead sentences
    assert first is not None and (first["hasBack"], first["hasMore"]) == (True, True)
    while hub.turns[-1].screen and hub.turns[-1].screen["hasMore"]:
        hub.next()
    last = hub.turns[-1].screen
    assert last is not None and (last["hasBack"], last["hasMore"]) == (True, False)
    assert last["position"] == content.fill(content.screen.position, first=10, last=11, total=11)


@pytest.mark.parametrize("where", ["menu", "second page", "a tip", "help"])
def test_get_help_is_i_need_help(make_app: AppFactory, locale: str, where: str) -> None:
    voice, hub = devices(make_app, locale)
    steps = {
        "menu": ["launch"],
        "second page": ["RiskFactorsIntent", "AMAZON.YesIntent", "AMAZON.NextIntent"],
        "a tip": ["RandomTipIntent"],
        "help": ["GetHelpIntent"],
    }[where]
    for intent in steps:
        for talk in (voice, hub):
            say(talk, intent, None)
    wanted = voice.say("GetHelpIntent")
    got = hub.touch("help")
    assert got.directive(EXECUTE_COMMANDS) is None  # the help screen keeps its speech
    assert got.ssml == wanted.ssml
    assert got.ends_session is False and got.reprompt == wanted.reprompt
    assert got.attributes == wanted.attributes
    shown = got.screen
    assert shown is not None and shown["kind"] == "help"
    values = [r["value"] for r in shown["resources"]]
    assert PHONE in values and "1-800-392-3738" in values  # both hotlines


def test_a_tapped_item_is_said_again_with_the_pages_question(
    make_app: AppFactory, content: Content
) -> None:
    voice, hub = to_second_page(make_app, content.locale)
    tapped = hub.touch("item", "5")
    heard, asking = heard_on_hub(hub, tapped)
    fifth = content.topic("risk_factors").items[4]
    assert ssml_to_text(f"<speak>{heard}</speak>") == (f"{fifth}. {second_page_question(content)}")
    position = content.fill(content.screen.position_one, first=5, total=11)
    assert tapped.screen is not None and tapped.screen["position"] == position
    assert asking.reprompt == voice.turns[-1].reprompt
    # Still on the second page: next goes on from there, as it does by voice.
    after = hub.next()
    assert heard_on_hub(hub, after)[0] == inner(voice.next().ssml)


@pytest.mark.parametrize("number", ["1", "7", "0", "12", "99", "", "five", "-4", "5.0", "٥"])
def test_a_tap_on_no_item_of_this_page_is_answered_as_not_understood(
    make_app: AppFactory, content: Content, number: str
) -> None:
    _voice, hub = to_second_page(make_app, content.locale)
    before = hub.attributes
    turn = hub.touch("item", number)
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    assert turn.text.endswith(second_page_question(content))
    assert turn.ends_session is False
    assert turn.attributes == before


ODD_ARGUMENTS = [
    [],
    ["bogus"],
    ["item"],
    ["item", 5],
    ["item", "5", "6"],
    ["next", "again"],
    ["readAlongDone", 1],
    ["answer"],
    ["answer", "b", "c"],
    ["answer", "banana"],
    ["answer", {"id": "b"}],
    [{"type": "next"}],
    [None],
    ["x" * 10_000],
]


@pytest.mark.parametrize("arguments", ODD_ARGUMENTS, ids=lambda a: repr(a)[:30])
def test_odd_arguments_get_a_clear_answer_and_change_nothing(
    make_app: AppFactory, content: Content, arguments: list[Any]
) -> None:
    _voice, hub = to_second_page(make_app, content.locale)
    before = hub.attributes
    turn = hub.touch(*arguments)
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    assert turn.ends_session is False
    assert turn.attributes == before


@pytest.mark.parametrize("arguments", ["next", None, 5, {"0": "next"}, True])
def test_arguments_that_are_not_a_list_never_fail(
    client: FlaskClient, content: Content, arguments: Any
) -> None:
    """Not understood, or refused with a clean 400 where the SDK cannot read the request."""
    envelope = on_hub(user_event(arguments, attributes={"mode": "topic", "topic": "risk_factors"}))
    envelope["request"]["locale"] = content.locale
    turn = post(client, envelope)
    assert turn.status in (200, 400)
    if turn.status == 200:
        assert_valid_response(turn)
        assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    else:
        assert set(turn.body) == {"error"}


@pytest.mark.parametrize("token", ["someone.else", "", None, 7, ["youthSafety.list"]])
def test_an_event_from_another_document_is_not_obeyed(
    make_app: AppFactory, client: FlaskClient, content: Content, token: Any
) -> None:
    _voice, hub = to_second_page(make_app, content.locale)
    before = hub.attributes
    envelope = on_hub(user_event(["next"], token, attributes=before))
    envelope["request"]["locale"] = content.locale
    envelope["session"]["new"] = False
    turn = post(client, envelope)
    assert_valid_response(turn)
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    assert turn.attributes == before


def test_read_along_done_changes_nothing_and_shows_nothing(
    make_app: AppFactory, content: Content
) -> None:
    _voice, hub = to_second_page(make_app, content.locale)
    before = hub.attributes
    done = hub.touch("readAlongDone")
    assert done.text == second_page_question(content)
    assert done.directives == [] and done.card is None
    assert done.attributes == before


def first_sentence(text: str) -> str:
    """A content text up to its first full stop or number."""
    return re.split(r"(?<=\.) |\{", text)[0].strip()


@pytest.mark.parametrize(
    ("arguments", "starts"),
    [
        (["next"], lambda c: c.prompts["no_list"]),
        (["previous"], lambda c: c.prompts["no_list"]),
        (["help"], lambda c: first_sentence(c.help.situations["info"].lines[0])),
        (["readAlongDone"], lambda c: first_sentence(c.prompts["welcome"])),
        (["item", "5"], lambda c: first_sentence(c.prompts["fallback"])),
        (["answer", "b"], lambda c: first_sentence(c.prompts["fallback"])),
    ],
    ids=["next", "previous", "help", "readAlongDone", "item", "answer"],
)
def test_a_touch_after_the_session_ended_starts_afresh(
    client: FlaskClient, content: Content, arguments: list[str], starts: Any
) -> None:
    """A screen can outlive its session: the touch arrives in a new one, without attributes."""
    hub = Conversation.endpoint(client, content.locale, hub=True)
    envelope = on_hub(user_event(arguments))
    envelope["request"]["locale"] = content.locale
    envelope["session"]["new"] = True
    del envelope["session"]["attributes"]
    turn = hub.send(envelope)  # the session the touch opened carries on
    heard, asking = heard_on_hub(hub, turn)
    expected = starts(content)
    assert expected and ssml_to_text(f"<speak>{heard}</speak>").startswith(expected)
    assert asking.ends_session is False


def test_a_touch_without_a_session_is_answered(client: FlaskClient) -> None:
    envelope = on_hub(user_event(["next"]))
    del envelope["session"]
    turn = post(client, envelope)
    assert turn.status == 200
    assert "sessionAttributes" not in turn.body or turn.body["sessionAttributes"] == {}


def test_goodbye_sends_no_screen(client: FlaskClient) -> None:
    hub = Conversation.endpoint(client, hub=True)
    hub.launch()
    goodbye = hub.say("AMAZON.StopIntent")
    assert goodbye.ends_session is True and goodbye.directives == []


# --- the quiz on a screen ---------------------------------------------------------------------


def quiz_on_both(
    make_app: AppFactory, locale: str
) -> tuple[EndpointConversation, EndpointConversation]:
    """A voice-only device and a hub, both at the first question of the same quiz round."""
    voice, hub = devices(make_app, locale)
    for talk in (voice, hub):
        talk.say("QuizIntent")
    assert hub.attributes == voice.attributes
    return voice, hub


def right_answer(content: Content, attributes: dict[str, Any]) -> str:
    question = content.quiz.questions[attributes["quiz"][attributes.get("quiz_at", 0)]]
    return question.answer


def test_a_quiz_question_is_on_screen_as_it_is_spoken(
    make_app: AppFactory, content: Content
) -> None:
    voice, hub = quiz_on_both(make_app, content.locale)
    shown, spoken = hub.turns[-1], voice.turns[-1]
    assert shown.ssml == spoken.ssml and shown.reprompt == spoken.reprompt
    assert shown.directive(EXECUTE_COMMANDS) is None and shown.ends_session is False
    p = shown.screen
    assert p is not None and p["kind"] == Kind.QUIZ and p["title"] == content.quiz.title
    assert p["position"] == question_number(content, 1)
    assert p["lead"] == [content.fill(content.quiz.prompts["intro"], total=5)]
    assert p["question"] and p["question"] in spoken.text
    for choice in p["choices"]:
        assert choice["text"] in spoken.text or choice["id"] in ("true", "false")


def test_a_tapped_answer_scores_like_a_spoken_one(make_app: AppFactory, content: Content) -> None:
    """Three right and two wrong, tapped on the hub and said on the other device: the same
    words, the same state, and the score on screen at the end."""
    voice, hub = quiz_on_both(make_app, content.locale)
    for n in range(5):
        right = right_answer(content, hub.attributes)
        choices = [c["id"] for c in (hub.turns[-1].screen or {})["choices"]]
        assert right in choices
        given = right if n < 3 else next(c for c in choices if c != right)
        tapped = hub.touch("answer", given)
        said = voice.say("QuizAnswerIntent", answer_slot(given))
        assert tapped.ssml == said.ssml and tapped.reprompt == said.reprompt
        assert tapped.attributes == said.attributes
        assert tapped.ends_session is False and tapped.directive(EXECUTE_COMMANDS) is None
    assert hub.attributes["quiz_score"] == 3
    end = hub.turns[-1].screen
    assert end is not None and end["kind"] == Kind.QUIZ
    three = content.fill(content.quiz.prompts["score"], score=3, total=5)
    assert end["score"] == [three, content.quiz.prompts["encourage_most"]]
    assert end["choices"] == [] and end["question"] == "" and end["position"] == ""
    assert three in voice.turns[-1].text


def test_a_tapped_answer_is_the_request_a_spoken_one_makes() -> None:
    from skill.routing import event_request

    for answer_id in ("a", "b", "c", "true", "false"):
        tapped = event_request("youthSafety.quiz", ["answer", answer_id])
        assert tapped.action == Action.ANSWER
        assert dict(tapped.slots) == {"answer": base.SlotValue(True, answer_id)}
    # From any of the skill's documents (a stale one too), and only from them.
    assert event_request("youthSafety.list", ["answer", "a"]).action == Action.ANSWER
    assert event_request("someone.else", ["answer", "a"]).action == Action.FALLBACK


@pytest.mark.parametrize("arguments", [["answer", "banana"], ["answer", "freedom"], ["answer"]])
def test_a_tap_no_choice_sends_is_words_not_caught(
    make_app: AppFactory, content: Content, arguments: list[str]
) -> None:
    """Only the letters, true and false come from a quiz screen: anything else is answered
    as the quiz answers words it did not catch (911, the hotline, the question asked again),
    and the round stays at its question."""
    voice, hub = quiz_on_both(make_app, content.locale)
    before = hub.attributes
    turn = hub.touch(*arguments)
    assert turn.ssml == voice.say("AMAZON.FallbackIntent").ssml
    assert turn.text.startswith(content.quiz.prompts["fallback"].split("{")[0])
    assert turn.attributes == voice.attributes
    assert turn.attributes.get("quiz_at", 0) == before.get("quiz_at", 0) == 0
    assert turn.screen is not None and turn.screen["kind"] == Kind.QUIZ


def test_get_help_in_a_quiz_gives_the_hotline_then_goes_back_to_the_question(
    make_app: AppFactory,
    content: Content,
) -> None:
    voice, hub = quiz_on_both(make_app, content.locale)
    question = (hub.turns[-1].screen or {})["question"]
    got = hub.touch("help")
    assert got.ssml == voice.say("GetHelpIntent").ssml
    assert got.screen is not None and got.screen["kind"] == "help"
    back = hub.yes()
    assert back.ssml == voice.yes().ssml
    assert back.screen is not None and back.screen["question"] == question
    assert back.screen["position"] == question_number(content, 1)


def test_help_and_words_not_caught_keep_the_question_and_its_choices_on_screen(
    make_app: AppFactory,
    locale: str,
) -> None:
    voice, hub = quiz_on_both(make_app, locale)
    asked = hub.turns[-1].screen or {}
    for intent in ("AMAZON.HelpIntent", "AMAZON.FallbackIntent"):
        shown, spoken = hub.say(intent), voice.say(intent)
        assert shown.ssml == spoken.ssml, intent
        p = shown.screen
        assert p is not None and p["kind"] == Kind.QUIZ, intent
        assert (p["question"], p["choices"], p["position"]) == (
            asked["question"],
            asked["choices"],
            asked["position"],
        )
        assert p["lead"] and p["lead"][0] in spoken.text


def test_every_quiz_turn_answers_with_the_quiz_screen(content: Content) -> None:
    """Whatever a quiz screen lets a user do or say there (answer, skip, repeat, help, yes,
    words not caught, a tap anywhere), the answer is the quiz's own screen, never one with
    More or Back."""
    in_quiz = (Action.ANSWER, Action.NEXT, Action.MORE, Action.PREVIOUS, Action.REPEAT, Action.HELP)
    checked = 0
    for state, request, reply in every_turn(content):
        if state.mode != "quiz" or reply.end_session:
            continue
        if request.action not in (*in_quiz, Action.FALLBACK, Action.ITEM, Action.YES):
            continue
        shown = render.render(content, reply).datasources
        assert shown is not None and props(shown)["kind"] == Kind.QUIZ, (state, request)
        assert not (props(shown)["hasMore"] or props(shown)["hasBack"])
        checked += 1
    assert checked > 100


# --- a reply the screens do not know ----------------------------


def test_an_unknown_kind_of_reply_is_spoken_without_a_screen(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skill import engine

    new = Reply(kind="poll", title="Poll", prompt=("True or false?",), reprompt=("Say true.",))
    monkeypatch.setattr(
        engine, "turn", lambda content, state, request, rng: engine.Turn(new, state, False)
    )
    turn = post(client, on_hub(intent_request("AMAZON.YesIntent")))
    assert_valid_response(turn)
    assert turn.text == "True or false?"
    assert turn.directives == []
