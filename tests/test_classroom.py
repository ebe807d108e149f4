"""The classroom player's server: the page, the JSON turn, bad input, headers and logs."""

from __future__ import annotations

import copy
import http.client
import json
import logging
import random
import re
import socket
from collections.abc import Iterator
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import render, routing
from skill.content import Content, Question
from skill.tools.classroom import create_classroom_app
from skill.tools.classroom import player as player_module
from skill.tools.classroom.app import CONTENT_SECURITY_POLICY
from skill.tools.classroom.protocol import (
    ANSWER_IDS,
    MAX_ATTRIBUTES_BYTES,
    MAX_ATTRIBUTES_DEPTH,
    MAX_BODY_BYTES,
    MAX_TEXT_CHARS,
    QUIZ_TOKEN,
    labelled_segments,
    read_event,
)
from skill.tools.classroom.segments import ssml_to_segments
from skill.tools.classroom.server import ACCESS_LOGGER, loggable
from skill.tools.classroom.words import WORD_KEYS, words_for
from skill.tools.simulator import HUB_INTERFACES, HUB_VIEWPORT, Simulator, build_simulator
from tests import CONTENT_DIR, PHONE, ROOT
from tests.classroom import TURN, Classroom, screen_of, serving, spoken
from tests.locales import pinned_locale
from tests.walk import every_quiz_reply

# The page's default words and typed English; tests/test_classroom_locales.py covers es-US.
locale = pinned_locale()

STATIC = ROOT / "skill" / "tools" / "classroom" / "static"
MARK = "zebrapelican"  # stands for anything a student types


@pytest.fixture
def classroom_app() -> Flask:
    return create_classroom_app({"TESTING": True, "RNG": random.Random(1234)})


@pytest.fixture
def room(classroom_app: Flask) -> FlaskClient:
    return classroom_app.test_client()


@pytest.fixture
def page(room: FlaskClient) -> Classroom:
    return Classroom(room)


def risk_items(content: Content) -> list[str]:
    return [item for p in content.topic("risk_factors").pages for item in p.items]


def hotline_opening(content: Content) -> str:
    return content.help.situations["info"].lines[0].split("{")[0]


# --- the page ---------------------------------------------------------------------------


# Words the page does not show: how names in English are found, and the handout's own
# (tests/test_classroom_handout.py).
NOT_SHOWN = frozenset(
    {"english_words", "handout_title", "handout_teacher", "handout_answer", "handout_source"}
)


def test_the_page_has_every_word_of_the_words_file_and_the_hotline(
    room: FlaskClient, content: Content
) -> None:
    result = room.get("/")
    assert result.status_code == 200
    assert result.mimetype == "text/html"
    html = result.get_data(as_text=True)
    data = re.search(r'<script id="words" type="application/json">(.*?)</script>', html, re.S)
    assert data is not None
    for_script = json.loads(data.group(1))
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    words = words_for(content)
    for key in WORD_KEYS:
        if key in NOT_SHOWN:
            continue
        in_html = words[key] in shown or words[key] in unescape(html)
        assert in_html or for_script.get(key) == words[key], key
    assert content.numbers["hotline_phone"].value in html
    assert content.numbers["hotline_text"].value in html
    assert content.skill_name in html


def test_the_hotline_on_the_page_comes_from_the_content(tmp_path: Path) -> None:
    source = CONTENT_DIR / "en-US.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("value: 1-888-373-7888") == 1
    (tmp_path / "en-US.yaml").write_text(
        text.replace("value: 1-888-373-7888", "value: 1-888-000-0000"), encoding="utf-8"
    )
    app = create_classroom_app({"TESTING": True, "CONTENT_DIR": str(tmp_path)})
    html = app.test_client().get("/").get_data(as_text=True)
    assert "1-888-000-0000" in html
    assert PHONE not in html


def test_the_page_loads_nothing_from_elsewhere_and_has_no_inline_script_or_style(
    room: FlaskClient,
) -> None:
    html = room.get("/").get_data(as_text=True)
    assert "http://" not in html and "https://" not in html
    assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
    scripts = html.count("<script")
    assert scripts == 2  # the page's own file, and the words as JSON data (never run)
    assert '<script src="/static/classroom.js" defer></script>' in html
    assert '<script id="words" type="application/json">' in html
    for name in ("classroom.js", "classroom.css", "icon.svg"):
        text = (STATIC / name).read_text(encoding="utf-8")
        assert "https://" not in text and "@import" not in text and "url(" not in text, name


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/", "text/html"),
        ("/static/classroom.js", "text/javascript"),
        ("/static/classroom.css", "text/css"),
        ("/static/icon.svg", "image/svg+xml"),
    ],
)
def test_every_response_has_the_security_headers(
    room: FlaskClient, path: str, mimetype: str
) -> None:
    result = room.get(path)
    assert result.status_code == 200
    assert result.mimetype == mimetype
    csp = result.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp
    assert result.headers["X-Content-Type-Options"] == "nosniff"
    assert result.headers["X-Frame-Options"] == "DENY"
    assert result.headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in result.headers["Permissions-Policy"]


def test_turns_are_not_cached_and_carry_the_headers(room: FlaskClient) -> None:
    result = room.post(TURN, json={"text": "open"})
    assert result.headers["Cache-Control"] == "no-store"
    assert result.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert room.post(TURN, data=b"x").headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_the_alexa_endpoint_does_not_serve_the_page(client: FlaskClient) -> None:
    assert client.get("/").status_code == 404
    assert client.post(TURN, json={"text": "hi"}).status_code == 404
    assert client.get("/static/classroom.js").status_code == 404


# --- a conversation ----------------------------------------------------------------------


def test_a_conversation_round_trip(page: Classroom, content: Content) -> None:
    """Risk factors, yes, I need help, next: the list resumes where it was."""
    items = risk_items(content)
    first = page.say("what are the risk factors")
    assert first["text"].startswith(content.topic("risk_factors").pages[0].lead[0])
    assert not any(item in first["text"] for item in items)
    assert first["card"]["title"] == content.topic("risk_factors").title
    assert first["ended"] is False
    assert first["attributes"]["topic"] == "risk_factors"

    more = page.say("yes")
    assert all(item in more["text"] for item in items[:3])
    assert items[3] not in more["text"]

    help_turn = page.say("I need help")
    assert help_turn["text"].startswith(hotline_opening(content))
    assert help_turn["text"].endswith(
        content.fill(content.help.resume, title=content.topic("risk_factors").title)
    )
    assert help_turn["card"]["title"] == content.help.title
    assert PHONE in help_turn["text"]  # shown as written
    assert "1, 8 8 8, 3 7 3, 7 8 8 8" in spoken(help_turn)  # spoken digit by digit
    assert "2 3 3 7 3 3" in spoken(help_turn)

    resumed = page.say("next")
    assert all(item in resumed["text"] for item in items[3:6])
    assert items[6] not in resumed["text"]
    assert resumed["text"].endswith(content.topic("risk_factors").pages[2].question)


def test_the_reply_has_exactly_the_documented_fields(page: Classroom) -> None:
    reply = page.say("what are the risk factors")
    assert set(reply) == {"text", "segments", "card", "screen", "token", "attributes", "ended"}
    assert reply["token"] == "youthSafety.text"
    assert set(reply["screen"]) == {"screen"}
    assert set(reply["card"]) == {"title", "text"}
    assert all(set(s) == {"text", "pause_ms", "item"} for s in reply["segments"])
    listed = page.say("yes")  # the lead had its own turn; now three items
    assert [s["pause_ms"] for s in listed["segments"]].count(400) == 3  # after each item
    assert " ".join(s["text"] for s in reply["segments"]) == reply["text"]


@pytest.mark.parametrize(
    "before",
    [
        [],
        ["open"],
        ["what is human trafficking"],
        ["safety tips"],  # the skill is asking which category
        ["give me a safety tip"],
        ["what are the risk factors", "yes", "yes"],
        ["what are the risk factors", "pizza"],
        ["stop"],  # the session has ended; help starts a new one
    ],
)
def test_i_need_help_works_from_any_point(
    page: Classroom, content: Content, before: list[str]
) -> None:
    for text in before:
        page.say(text)
    reply = page.say("I need help")
    assert reply["text"].startswith(hotline_opening(content))
    assert reply["ended"] is False


def test_the_server_keeps_no_state(room: FlaskClient) -> None:
    first = Classroom(room)
    first.say("what are the risk factors")
    attributes = first.attributes
    again = [
        room.post(TURN, json={"text": "yes", "attributes": attributes}).get_json()["text"]
        for _ in range(2)
    ]
    assert again[0] == again[1]
    # Another page, with no attributes, is somewhere else entirely.
    other = room.post(TURN, json={"text": "yes", "attributes": None}).get_json()
    assert other["text"] != again[0]


def test_empty_text_opens_the_skill_and_exit_ends_the_session(
    page: Classroom, content: Content
) -> None:
    assert page.say("")["text"] == content.prompts["welcome"]
    ended = page.say("exit")
    assert ended == {
        "text": "",
        "segments": [],
        "card": None,
        "screen": None,
        "token": None,
        "attributes": {},
        "ended": True,
    }


def test_stop_says_goodbye_and_ends(page: Classroom, content: Content) -> None:
    page.say("open")
    reply = page.say("stop")
    assert reply["text"] == content.prompts["goodbye"]
    assert reply["ended"] is True


def test_an_unknown_locale_gets_en_us(room: FlaskClient, content: Content) -> None:
    reply = room.post(TURN, json={"text": "open", "locale": "xx-XX"})
    assert reply.status_code == 200
    assert reply.get_json()["text"] == content.prompts["welcome"]


def test_odd_attributes_are_the_skills_business_not_an_error(
    room: FlaskClient, content: Content
) -> None:
    odd = {"topic": "no_such_topic", "page": -3, "offer": 7, "heard": "x", "last": [1]}
    reply = room.post(TURN, json={"text": "next", "attributes": odd, "new": False})
    assert reply.status_code == 200
    assert reply.get_json()["text"]


# --- bad input ---------------------------------------------------------------------------


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


BAD_TURNS: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("not json", b"what are the risk factors"),
    ("truncated json", b'{"text": "hi"'),
    ("a list", b'["hi"]'),
    ("a string", b'"hi"'),
    ("null", b"null"),
    ("no text", b'{"attributes": null}'),
    ("text a number", b'{"text": 5}'),
    ("text null", b'{"text": null}'),
    ("text a list", b'{"text": ["hi"]}'),
    ("huge text", json.dumps({"text": "a" * (MAX_TEXT_CHARS + 1)}).encode()),
    ("attributes a list", b'{"text": "hi", "attributes": [1]}'),
    ("attributes a string", b'{"text": "hi", "attributes": "topic"}'),
    ("attributes a number", b'{"text": "hi", "attributes": 1}'),
    (
        "huge attributes",
        json.dumps({"text": "hi", "attributes": {"x": "a" * (MAX_ATTRIBUTES_BYTES + 1)}}).encode(),
    ),
    (
        "deep attributes",
        json.dumps({"text": "hi", "attributes": _deep(MAX_ATTRIBUTES_DEPTH + 1)}).encode(),
    ),
    ("locale a number", b'{"text": "hi", "locale": 1}'),
    ("locale too long", json.dumps({"text": "hi", "locale": "en-US" * 10}).encode()),
    ("new a string", b'{"text": "hi", "new": "yes"}'),
    ("new a number", b'{"text": "hi", "new": 1}'),
    ("an unknown field", b'{"text": "hi", "session": {}}'),
    ("text and an event", b'{"text": "hi", "event": ["next"], "token": "youthSafety.list"}'),
    ("a token with text", b'{"text": "hi", "token": "youthSafety.list"}'),
    ("not utf-8", b'{"text": "\xff\xfe"}'),
    ("deep nesting", b"[" * 30_000 + b"]" * 30_000),
]


@pytest.mark.parametrize(("label", "body"), BAD_TURNS, ids=[b[0] for b in BAD_TURNS])
def test_bad_input_gets_a_short_400(room: FlaskClient, label: str, body: bytes) -> None:
    result = room.post(TURN, data=body, content_type="application/json")
    assert result.status_code == 400, label
    payload = result.get_json()
    assert set(payload) == {"error"}
    assert 0 < len(payload["error"]) < 80
    assert b"Traceback" not in result.data and b'File "' not in result.data


def test_the_limits_are_inclusive(room: FlaskClient) -> None:
    text = "what are the risk factors " + "a" * (MAX_TEXT_CHARS - 26)
    assert room.post(TURN, json={"text": text}).status_code == 200
    assert (
        room.post(TURN, json={"text": "hi", "attributes": _deep(MAX_ATTRIBUTES_DEPTH)}).status_code
        == 200
    )


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_declared_json_is_refused(
    room: FlaskClient, content_type: str | None
) -> None:
    # A form on another site can post text/plain or form data without asking first.
    result = room.post(TURN, data=b'{"text": "open"}', content_type=content_type)
    assert result.status_code == 400
    assert "JSON" in result.get_json()["error"]


def test_a_body_over_the_limit_gets_413(room: FlaskClient) -> None:
    body = json.dumps({"text": "hi", "attributes": {"x": "a" * MAX_BODY_BYTES}}).encode()
    result = room.post(TURN, data=body, content_type="application/json")
    assert result.status_code == 413
    assert set(result.get_json()) == {"error"}


@pytest.mark.parametrize(
    ("method", "path", "status"), [("get", TURN, 405), ("get", "/nope", 404), ("post", "/", 405)]
)
def test_other_requests_get_json_errors(
    room: FlaskClient, method: str, path: str, status: int
) -> None:
    result = getattr(room, method)(path)
    assert result.status_code == status
    assert "error" in result.get_json()


def test_a_skill_failure_is_a_400_not_a_500(
    room: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(player_module, "dispatch_envelope", broken)
    result = room.post(TURN, json={"text": "open"})
    assert result.status_code == 400
    assert b"boom" not in result.data and b"Traceback" not in result.data


# --- the page is a screen device ------------------------------------------------------------

# What the page is asked in the conversation tests, one turn after another.
SCRIPT = [
    "open",
    "what are the risk factors",
    "yes",
    "yes",
    "I need help",
    "next",
    "previous",
    "what is human trafficking",
    "yes",
    "online safety tips",
    "yes",
    "I need help",
    "stop",
]


def envelopes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every request envelope the player sends the skill from now on."""
    sent: list[dict[str, Any]] = []
    real = player_module.dispatch_envelope

    def spy(endpoint: Any, envelope: Any) -> dict[str, Any]:
        sent.append(copy.deepcopy(envelope))
        return real(endpoint, envelope)

    monkeypatch.setattr(player_module, "dispatch_envelope", spy)
    return sent


def voice_only() -> Simulator:
    return build_simulator("en-US", rng=random.Random(1234))


def segments_of(ssml: str | None) -> list[tuple[str, int]]:
    return [(s.text, s.pause_ms) for s in ssml_to_segments(ssml or "")]


def test_every_turn_speaks_what_a_device_without_a_screen_says(page: Classroom) -> None:
    """The read-along page and the rest of its turn: the voice-only speech, once, in order."""
    speaker, hub = voice_only(), build_simulator("en-US", rng=random.Random(1234), screen=True)
    read_along = 0
    for text in SCRIPT:
        heard = speaker.say(text)
        shown = hub.say(text)
        reply = page.say(text)
        assert reply["text"] == heard.text, text
        said = [(s["text"], s["pause_ms"]) for s in reply["segments"]]
        assert said == segments_of(heard.ssml), text
        assert reply["ended"] is heard.ends_session, text
        read = {s["item"] for s in reply["segments"]} - {None}
        if shown.read_along:  # every item the hub's screen reads is marked
            assert read == set(range(len(screen_of(reply)["items"]))), text
            read_along += 1
        else:
            assert read == set(), text
    assert read_along >= 5


def test_a_page_turn_has_the_whole_speech_and_the_screen(page: Classroom, content: Content) -> None:
    topic = content.topic("risk_factors")
    page.say("what are the risk factors")
    page.say("yes")
    reply = page.say("yes")
    shown = screen_of(reply)
    assert shown["title"] == topic.title
    assert shown["position"] == "4 to 6 of 11"
    items = risk_items(content)
    assert [(i["number"], i["text"]) for i in shown["items"]] == [
        ("4", items[3]),
        ("5", items[4]),
        ("6", items[5]),
    ]
    assert shown["prompt"] == topic.pages[2].question
    assert reply["token"] == "youthSafety.list"
    # Items and question, in one reply: nothing is left for another request.
    assert reply["text"] == f"{items[3]}. {items[4]}. {items[5]}. {topic.pages[2].question}"
    # Each item's segments say which item of the screen they read.
    for index, item in enumerate(shown["items"]):
        said = [s["text"] for s in reply["segments"] if s["item"] == index]
        assert said == [item["text"] + "."]
    assert reply["segments"][-1] == {"text": topic.pages[2].question, "pause_ms": 0, "item": None}
    assert reply["attributes"]["topic"] == "risk_factors"


def test_the_player_answers_the_read_along_itself_in_the_same_session(
    monkeypatch: pytest.MonkeyPatch, page: Classroom
) -> None:
    sent = envelopes(monkeypatch)
    page.say("what are the risk factors")
    asked, done = sent
    assert done["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert done["request"]["arguments"] == ["readAlongDone"]
    assert done["request"]["token"] == "youthSafety.text"
    assert done["session"]["sessionId"] == asked["session"]["sessionId"]
    assert done["session"]["new"] is False
    assert done["session"]["attributes"]["topic"] == "risk_factors"
    assert done["context"] == asked["context"]

    sent.clear()
    page.say("I need help")  # the help screen reads nothing along: its speech is its own
    assert [e["request"]["type"] for e in sent] == ["IntentRequest"]
    sent.clear()
    page.say("stop")
    assert len(sent) == 1


def test_the_page_tells_the_skill_it_is_a_medium_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = envelopes(monkeypatch)
    app = create_classroom_app({"TESTING": True})
    assert app.test_client().post(TURN, json={"text": "open"}).status_code == 200
    device = sent[0]["context"]["System"]["device"]
    assert device["supportedInterfaces"] == HUB_INTERFACES
    assert "Alexa.Presentation.APL" in device["supportedInterfaces"]
    assert sent[0]["context"]["Viewport"] == HUB_VIEWPORT


def test_more_and_back_turn_the_page_as_next_and_previous_do(
    page: Classroom, content: Content
) -> None:
    items = risk_items(content)
    page.say("what are the risk factors")
    page.say("yes")
    more = page.touch("next")
    assert screen_of(more)["position"] == "4 to 6 of 11"
    assert all(item in more["text"] for item in items[3:6])
    back = page.touch("previous")
    assert screen_of(back)["position"] == "1 to 3 of 11"
    assert all(item in back["text"] for item in items[:3]) and items[3] not in back["text"]

    said = Classroom(page.client)
    for text in ("what are the risk factors", "yes", "next"):
        typed = said.say(text)
    assert typed["text"] == more["text"] and typed["segments"] == more["segments"]


def test_a_touch_is_the_event_a_device_sends(
    monkeypatch: pytest.MonkeyPatch, page: Classroom
) -> None:
    page.say("what are the risk factors")
    page.say("yes")
    sent = envelopes(monkeypatch)
    page.touch("next")
    request = sent[0]["request"]
    assert request["type"] == "Alexa.Presentation.APL.UserEvent"
    assert request["token"] == "youthSafety.list"
    assert request["arguments"] == ["next"]
    assert request["source"] == {
        "type": "TouchWrapper",
        "handler": "Press",
        "id": "button-next",
        "value": False,
    }
    assert sent[0]["session"]["attributes"]["topic"] == "risk_factors"
    sent.clear()
    page.touch("item", "5")
    assert sent[0]["request"]["source"]["id"] == "item-5"


def test_get_help_is_i_need_help_and_the_list_resumes(page: Classroom, content: Content) -> None:
    page.say("what are the risk factors")
    page.say("yes")
    helped = page.touch("help")
    assert helped["text"].startswith(hotline_opening(content))
    shown = screen_of(helped)
    assert shown["kind"] == "help"
    assert [r["value"] for r in shown["resources"]][:2] == [
        content.numbers["hotline_phone"].value,
        f"{content.numbers['hotline_text'].value} (BEFREE)",
    ]
    assert all(s["item"] is None for s in helped["segments"])
    resumed = page.say("next")
    assert screen_of(resumed)["position"] == "4 to 6 of 11"


def test_a_tapped_item_is_said_again_and_the_list_goes_on_from_the_page(
    page: Classroom, content: Content
) -> None:
    items = risk_items(content)
    question = content.topic("risk_factors").pages[2].question
    for text in ("what are the risk factors", "yes", "yes"):
        page.say(text)
    tapped = page.touch("item", "5")
    assert tapped["text"] == f"{items[4]}. {question}"
    assert screen_of(tapped)["position"] == "5 of 11"
    assert [s["item"] for s in tapped["segments"]] == [0, None]
    assert screen_of(page.say("next"))["position"] == "7 to 9 of 11"


def test_a_touch_keeps_no_state_on_the_server(page: Classroom) -> None:
    page.say("what are the risk factors")
    page.say("yes")
    body = {"event": ["next"], "token": page.token, "attributes": page.attributes, "new": False}
    first, second = (page.client.post(TURN, json=body).get_json() for _ in range(2))
    assert first == second
    assert screen_of(first)["position"] == "4 to 6 of 11"


def test_a_touch_without_a_session_is_answered_afresh(room: FlaskClient, content: Content) -> None:
    reply = room.post(TURN, json={"event": ["help"], "token": "youthSafety.list"})
    assert reply.status_code == 200
    assert reply.get_json()["text"].startswith(hotline_opening(content))


BAD_EVENTS: list[tuple[str, dict[str, Any], str]] = [
    ("event a string", {"event": "next"}, "event"),
    ("event empty", {"event": []}, "event"),
    ("event null", {"event": None}, "event"),
    ("event an object", {"event": {"next": True}}, "event"),
    ("event not strings", {"event": [1]}, "event"),
    ("an unknown event", {"event": ["jump"]}, "event"),
    ("next with more", {"event": ["next", "1"]}, "event"),
    ("item without a number", {"event": ["item"]}, "event"),
    ("item with no number", {"event": ["item", ""]}, "event"),
    ("item not a number", {"event": ["item", "five"]}, "event"),
    ("item zero", {"event": ["item", "0"]}, "event"),
    ("item a huge number", {"event": ["item", "1" * 40]}, "event"),
    ("item a JSON number", {"event": ["item", 5]}, "event"),
    ("item twice", {"event": ["item", "5", "6"]}, "event"),
    ("the read-along's end", {"event": ["readAlongDone"]}, "readAlongDone"),
    ("answer without an id", {"event": ["answer"], "token": QUIZ_TOKEN}, "answer"),
    ("answer with no id", {"event": ["answer", ""], "token": QUIZ_TOKEN}, "answer"),
    ("answer d", {"event": ["answer", "d"], "token": QUIZ_TOKEN}, "answer"),
    ("answer a capital", {"event": ["answer", "A"], "token": QUIZ_TOKEN}, "answer"),
    ("answer with a space", {"event": ["answer", " a"], "token": QUIZ_TOKEN}, "answer"),
    ("answer in words", {"event": ["answer", "cell phones"], "token": QUIZ_TOKEN}, "answer"),
    # A choice's own id, which the answer intent resolves from its words; no screen sends it.
    ("answer a choice's id", {"event": ["answer", "cell_phones"], "token": QUIZ_TOKEN}, "answer"),
    ("answer yes", {"event": ["answer", "yes"], "token": QUIZ_TOKEN}, "answer"),
    ("answer a JSON true", {"event": ["answer", True], "token": QUIZ_TOKEN}, "event"),
    ("answer twice", {"event": ["answer", "a", "b"], "token": QUIZ_TOKEN}, "answer"),
    ("answer an item", {"event": ["item", "a"], "token": QUIZ_TOKEN}, "event"),
    ("answer from a list", {"event": ["answer", "a"], "token": "youthSafety.list"}, "quiz"),
    ("answer from help", {"event": ["answer", "true"], "token": "youthSafety.help"}, "quiz"),
    ("skip from a list", {"event": ["pass"], "token": "youthSafety.list"}, "quiz"),
    ("end quiz from help", {"event": ["endQuiz"], "token": "youthSafety.help"}, "quiz"),
    ("skip with more", {"event": ["pass", "a"], "token": QUIZ_TOKEN}, "event"),
    ("a long list", {"event": ["next"] * 1000}, "event"),
    ("no token", {"token": None}, "token"),
    ("a token of another skill", {"token": "someoneElse.list"}, "token"),
    ("a token a list", {"token": ["youthSafety.list"]}, "token"),
]


@pytest.mark.parametrize(("label", "change", "named"), BAD_EVENTS, ids=[b[0] for b in BAD_EVENTS])
def test_a_bad_touch_gets_a_clear_400_and_reaches_no_skill(
    monkeypatch: pytest.MonkeyPatch,
    room: FlaskClient,
    label: str,
    change: dict[str, Any],
    named: str,
) -> None:
    sent = envelopes(monkeypatch)
    body = {"event": ["next"], "token": "youthSafety.list", "attributes": None, **change}
    if change.get("token", "") is None:
        del body["token"]
    result = room.post(TURN, json=body)
    assert result.status_code == 400, label
    payload = result.get_json()
    assert set(payload) == {"error"}
    assert named in payload["error"] and len(payload["error"]) < 80, payload
    assert sent == []


@pytest.mark.parametrize(
    "event",
    [
        ["next"],
        ["previous"],
        ["help"],
        ["item", "1"],
        ["item", "11"],
        *(["answer", answer] for answer in ("a", "b", "c", "true", "false")),
        ["pass"],
        ["repeat"],
        ["score"],
        ["endQuiz"],
    ],
)
def test_read_event_accepts_what_the_screens_send(event: list[str]) -> None:
    assert read_event(event) == tuple(event)


def test_the_page_takes_exactly_the_answers_the_quiz_screens_send(content: Content) -> None:
    """Every choice on every quiz screen the skill can send is a tap the page may send."""
    sent = {
        choice.id
        for reply in every_quiz_reply(content)
        if (shown := render.render(content, reply).screen) is not None and shown.quiz is not None
        for choice in shown.quiz.choices
    }
    assert sent == ANSWER_IDS == routing.TAPPED_ANSWERS
    for answer in sent:
        assert read_event(["answer", answer]) == ("answer", answer)


def test_a_quiz_reply_has_the_quiz_screen_and_its_token(page: Classroom, content: Content) -> None:
    quiz = content.quiz
    reply = page.say("start the quiz")
    assert reply["token"] == QUIZ_TOKEN == "youthSafety.quiz"
    shown = screen_of(reply)
    assert shown["kind"] == "quiz"
    assert shown["title"] == quiz.title
    assert shown["position"] == f"Question 1 of {quiz.round_size}"
    assert shown["lead"] == [content.fill(quiz.prompt("intro"), total=quiz.round_size)]
    asked = asked_in(content, shown)
    if asked.choices:
        expected = [
            {"id": letter_id, "text": f"{letter}: {choice.text}"}
            for letter_id, letter, choice in zip(
                ("a", "b", "c"), quiz.letters, asked.choices, strict=True
            )
        ]
    else:
        expected = [{"id": "true", "text": "True"}, {"id": "false", "text": "False"}]
    assert shown["choices"] == expected
    assert shown["score"] == []
    # Said as a device without a screen says it, question and choices included; nothing
    # is read along, so no segment belongs to an item.
    assert reply["text"].startswith(shown["lead"][0])
    assert asked.text in reply["text"] and reply["text"].endswith(shown["prompt"])
    assert all(s["item"] is None for s in reply["segments"])
    assert reply["ended"] is False


def asked_in(content: Content, shown: dict[str, Any]) -> Question:
    """The question of the bank that the quiz screen ``shown`` asks."""
    return next(q for q in content.quiz.questions.values() if q.text == shown["question"])


def quiz_page(seed: int) -> Classroom:
    """A page on a server of its own, whose quiz asks what any other with ``seed`` asks."""
    app = create_classroom_app({"TESTING": True, "RNG": random.Random(seed)})
    return Classroom(app.test_client())


def test_a_tapped_answer_scores_exactly_like_a_typed_one(content: Content) -> None:
    """A round answered by tapping, beside the same round answered by typing the answer:
    each reply the same, word for word and screen for screen, up to the same score."""
    quiz = content.quiz
    typed, tapped = quiz_page(7), quiz_page(7)
    said = typed.say("start the quiz")
    assert tapped.say("start the quiz") == said
    verdicts = []
    for n in range(quiz.round_size):
        shown = screen_of(said)
        right = asked_in(content, shown).answer
        wrong = next(c["id"] for c in shown["choices"] if c["id"] != right)
        answer = wrong if n % 2 else right  # right, wrong, right, ...
        said = typed.say(answer)  # "b", "true": what the class says
        touched = tapped.touch("answer", answer)
        assert touched == said, answer
        verdicts.append(screen_of(said)["lead"][0])
    assert verdicts[0::2] == [quiz.prompt("right")] * len(verdicts[0::2])
    assert verdicts[1::2] == [quiz.prompt("wrong")] * len(verdicts[1::2])
    rights = (quiz.round_size + 1) // 2
    shown = screen_of(said)
    assert shown["score"][0] == content.fill(
        quiz.prompt("score"), score=rights, total=quiz.round_size
    )
    assert shown["choices"] == [] and shown["question"] == "" and shown["position"] == ""
    assert said["text"].endswith(quiz.prompt("offer"))


def test_a_tapped_answer_is_the_event_the_quiz_screen_sends(
    monkeypatch: pytest.MonkeyPatch, page: Classroom
) -> None:
    page.say("start the quiz")
    before = page.attributes
    sent = envelopes(monkeypatch)
    answered = page.touch("answer", "b")
    (request,) = (e["request"] for e in sent)  # nothing read along: one exchange
    assert request["type"] == "Alexa.Presentation.APL.UserEvent"
    assert request["token"] == "youthSafety.quiz"
    assert request["arguments"] == ["answer", "b"]
    assert request["source"]["id"] == "choice-b"
    assert sent[0]["session"]["attributes"] == before
    assert screen_of(answered)["kind"] == "quiz"


def test_get_help_in_the_quiz_and_back_to_the_question(page: Classroom, content: Content) -> None:
    question = screen_of(page.say("start the quiz"))["question"]
    helped = page.touch("help")
    assert helped["token"] == "youthSafety.help"
    assert helped["text"].startswith(hotline_opening(content))
    back = page.say("yes")
    assert back["token"] == "youthSafety.quiz"
    assert screen_of(back)["question"] == question


# --- privacy: nothing typed reaches a log ------------------------------------------------


def test_nothing_typed_is_logged_by_the_app(
    room: FlaskClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    page = Classroom(room)
    page.say(f"what are the risk factors {MARK}")
    page.say(f"{MARK} tips")
    page.say(f"exit {MARK}")
    room.post(f"{TURN}?q={MARK}", json={"text": MARK, "attributes": {MARK: MARK}})
    room.post(TURN, json={"text": MARK, MARK: 1})  # rejected: unknown field
    room.post(TURN, json={"text": MARK * 100})  # rejected: too long
    room.post(TURN, json={"text": MARK, "locale": MARK * 9})  # rejected: locale too long
    room.post(TURN, json={"event": [MARK], "token": "youthSafety.list"})  # rejected: unknown
    room.post(TURN, json={"event": ["next"], "token": MARK})  # rejected: not a screen's token

    def broken(*args: object) -> None:
        raise RuntimeError(MARK)

    monkeypatch.setattr(player_module, "dispatch_envelope", broken)
    room.post(TURN, json={"text": MARK})
    assert "turn rejected" in caplog.text  # the log is there, the words are not
    assert MARK not in caplog.text


@pytest.fixture
def live_server(classroom_app: Flask) -> Iterator[str]:
    with serving(classroom_app) as url:
        yield url


def _raw(host_port: tuple[str, int], data: bytes) -> bytes:
    with socket.create_connection(host_port, timeout=5) as connection:
        connection.sendall(data)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_the_access_log_has_no_query_strings_bodies_or_typed_paths(
    live_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    host, port = live_server.removeprefix("http://").rstrip("/").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    body = json.dumps({"text": f"I need help {MARK}", "attributes": None})
    connection.request(
        "POST", f"/api/turn?text={MARK}", body=body, headers={"Content-Type": "application/json"}
    )
    assert connection.getresponse().read()
    for path in (f"/{MARK}?{MARK}", f"/static/{MARK}.js"):
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404
        response.read()
    connection.close()
    _raw((host, int(port)), f"BROKEN {MARK} nonsense\r\n\r\n".encode())
    _raw((host, int(port)), f"GET /?{MARK} HTTP/1.1 extra {MARK}\r\n\r\n".encode())

    access = [r.getMessage() for r in caplog.records if r.name == ACCESS_LOGGER]
    assert any('"POST /api/turn" 200' in line for line in access), access
    assert any('"GET /…" 404' in line for line in access), access
    assert sum('"GET /…" 404' in line for line in access) == 2, access
    assert MARK not in caplog.text
    assert "\x1b[" not in caplog.text  # no terminal colours in a log file


def test_a_chunked_body_over_the_limit_gets_413_from_the_server(live_server: str) -> None:
    host, port = live_server.removeprefix("http://").rstrip("/").rsplit(":", 1)
    body = json.dumps({"text": "a" * (MAX_BODY_BYTES + 10)}).encode()
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request(
        "POST",
        TURN,
        body=iter([body[:1000], body[1000:]]),
        headers={"Content-Type": "application/json"},
        encode_chunked=True,
    )
    response = connection.getresponse()
    assert response.status == 413
    assert set(json.loads(response.read())) == {"error"}
    connection.close()


@pytest.mark.parametrize(
    ("command", "path", "logged"),
    [
        ("POST", "/api/turn?text=hello", "POST /api/turn"),
        ("GET", "/", "GET /"),
        ("GET", "/?q=1#x", "GET /"),
        ("GET", "/static/classroom.js?v=2", "GET /static/classroom.js"),
        ("GET", "/what are the risk factors", "GET /…"),
        ("GET", "/static/../../etc/passwd", "GET /…"),
        ("BREW", "/", "- /"),
        (None, None, "- /…"),
    ],
)
def test_loggable(command: str | None, path: str | None, logged: str) -> None:
    assert loggable(command, path) == logged


def test_segments_are_marked_only_while_they_are_what_the_screen_read() -> None:
    """Should the speech and the read-along ever differ, no segment is marked wrongly."""
    hub = build_simulator("en-US", screen=True)
    hub.say("what are the risk factors")
    page = hub.say("yes")
    assert page.read_along
    marked = labelled_segments(page)
    assert [item for _, item in marked] == [None, None, 0, 1, 2, None]
    # Two documents that the whole turn's SSML says as one sentence: not an item's own.
    split = ("<speak>Single-parent</speak>", "<speak>homes.</speak>")
    altered = labelled_segments(replace(page, read_along=(page.read_along[0], *split)))
    assert [s.text for s, _ in altered][2].startswith("Single-parent homes.")
    assert [item for _, item in altered] == [None] * len(altered)
