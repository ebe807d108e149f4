"""The classroom's JSON turn: what the page sends, what it gets back. Pure functions.

Request (POST /api/turn, ``Content-Type: application/json``), words or a touch::

    {"text": "what are the risk factors",   # words typed or heard; "" opens the skill
     "attributes": {...} | null,             # the last answer's attributes; null: none yet
     "locale": "en-US",                      # optional; an unknown locale gets the default
     "new": false}                           # optional; true starts a new session

    {"event": ["next"],                      # instead of text: a touch on the screen shown,
     "token": "youthSafety.list",            #   with that screen's token (from the reply)
     "attributes": {...}, "locale": "en-US", "new": false}

A touch is one of the events the skill's screens send: ``["next"]`` (More),
``["previous"]`` (Back), ``["help"]`` (Get help), ``["item", "<number>"]`` (a
numbered item) or, on the quiz screen (token ``youthSafety.quiz``),
``["answer", "<id>"]`` (a choice: ``a``, ``b``, ``c``, ``true`` or ``false``,
answered exactly as saying it), ``["pass"]`` (Skip), ``["repeat"]`` (Repeat
question), ``["score"]`` (Score) and ``["endQuiz"]`` (End quiz), each as saying
it. ``["readAlongDone"]`` is not a touch: the player
sends it itself.

Response::

    {"text": "plain text of the speech",
     "segments": [{"text": "...", "pause_ms": 400, "item": 0 | null}, ...],
     "card": {"title": "...", "text": "..."} | null,
     "screen": {...the APL datasource...} | null,
     "token": "youthSafety.list" | null,     # the screen's token, for its touches
     "attributes": {...session attributes, to send back next turn...},  # {} once ended
     "ended": false}                         # true: the session is over; start a new one

The speech is the whole turn, as a device without a screen says it: where the
screen reads a page aloud, the page (lead and items) and then the rest of the
turn. A segment's ``item`` is the index, in the screen's ``items``, of the item
it reads, so the page can highlight it while it is spoken.

Bad input raises :class:`BadTurn`, whose message is short, safe to show and
never repeats what was sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from skill import screen as apl
from skill.content import FALSE, LETTER_IDS, TRUE
from skill.speech import ssml_to_text
from skill.tools.classroom.segments import Segment, ssml_to_segments
from skill.tools.simulator import Turn

MAX_BODY_BYTES = 64 * 1024
MAX_TEXT_CHARS = 500
MAX_ATTRIBUTES_BYTES = 16 * 1024
MAX_ATTRIBUTES_DEPTH = 16
MAX_LOCALE_CHARS = 16
FIELDS = frozenset({"text", "event", "token", "attributes", "locale", "new"})
# The screens' tokens (youthSafety.list, ...): a touch names the screen it was made on.
TOKENS = frozenset(apl.document_token(kind) for kind in apl.KINDS)
# Touches that need nothing else: More, Back, Get help, and the quiz's buttons.
QUIZ_MOVE_EVENTS = frozenset(apl.QUIZ_MOVE_EVENTS.values())
BUTTON_EVENTS = frozenset({apl.EVENT_NEXT, apl.EVENT_PREVIOUS, apl.EVENT_HELP}) | QUIZ_MOVE_EVENTS
# The only screen whose touches answer the quiz, and the answer ids its choices send
# (the letters, true and false: the ids skill.routing takes from a tapped choice).
QUIZ_TOKEN = apl.document_token("quiz")
_ANSWERS_IN_ORDER = (*LETTER_IDS, TRUE, FALSE)
ANSWER_IDS = frozenset(_ANSWERS_IN_ORDER)
_ITEM_NUMBER = re.compile(r"[1-9][0-9]{0,2}")


class BadTurn(ValueError):
    """The body is not a turn; the message is safe to return and to log."""


@dataclass(frozen=True)
class TurnRequest:
    text: str  # "" for a touch
    attributes: dict[str, Any]
    locale: str
    new: bool
    event: tuple[str, ...] | None = None  # a touch: the arguments the screen sends
    token: str = ""  # with a touch: the token of the screen touched


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a scalar is 0)."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Collection[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def read_turn(body: bytes, locales: Collection[str], default_locale: str) -> TurnRequest:
    """The turn in ``body``; :class:`BadTurn` if it is not one.

    ``locales`` are the ones the skill speaks; any other gets ``default_locale``.
    """
    if len(body) > MAX_BODY_BYTES:
        raise BadTurn(f"body is larger than {MAX_BODY_BYTES} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadTurn("body is not UTF-8") from exc
    except (ValueError, RecursionError) as exc:
        raise BadTurn("body is not JSON") from exc
    if not isinstance(data, dict):
        raise BadTurn("body is not a JSON object")
    if not FIELDS.issuperset(data):
        raise BadTurn("body has a field other than text, event, token, attributes, locale, new")

    text, event, token = _words_or_touch(data)
    attributes = data.get("attributes")
    if attributes is None:
        attributes = {}
    elif not isinstance(attributes, dict):
        raise BadTurn("attributes is not an object or null")
    elif _depth(attributes) > MAX_ATTRIBUTES_DEPTH:
        raise BadTurn(f"attributes nest deeper than {MAX_ATTRIBUTES_DEPTH} levels")
    elif len(json.dumps(attributes).encode("utf-8")) > MAX_ATTRIBUTES_BYTES:
        raise BadTurn(f"attributes are larger than {MAX_ATTRIBUTES_BYTES} bytes")

    locale = data.get("locale")
    if locale is None:
        locale = default_locale
    elif not isinstance(locale, str) or len(locale) > MAX_LOCALE_CHARS:
        raise BadTurn("locale is not a short string")
    elif locale not in locales:
        locale = default_locale

    new = data.get("new")
    if new is None:
        new = data.get("attributes") is None
    elif not isinstance(new, bool):
        raise BadTurn("new is not true or false")
    return TurnRequest(text, attributes, locale, new, event, token)


def _words_or_touch(data: Mapping[str, Any]) -> tuple[str, tuple[str, ...] | None, str]:
    """The turn's text, or its touch and token; exactly one of the two."""
    if "event" not in data:
        if "token" in data:
            raise BadTurn("token goes with an event, not with text")
        text = data.get("text")
        if not isinstance(text, str):
            raise BadTurn("text is missing or not a string")
        if len(text) > MAX_TEXT_CHARS:
            raise BadTurn(f"text is longer than {MAX_TEXT_CHARS} characters")
        return text, None, ""
    if "text" in data:
        raise BadTurn("send text or an event, not both")
    event = read_event(data["event"])
    token = data.get("token")
    if not isinstance(token, str):
        raise BadTurn("an event needs the token of the screen it was made on")
    if token not in TOKENS:
        raise BadTurn("token is not one of the skill's screens")
    if event[0] == apl.EVENT_ANSWER and token != QUIZ_TOKEN:
        raise BadTurn(f"an answer is a touch on the quiz screen, token {QUIZ_TOKEN}")
    if event[0] in QUIZ_MOVE_EVENTS and token != QUIZ_TOKEN:
        raise BadTurn(f"{event[0]} is a touch on the quiz screen, token {QUIZ_TOKEN}")
    return "", event, token


def read_event(value: Any) -> tuple[str, ...]:
    """A touch the skill's screens send, as its arguments; :class:`BadTurn` if it is not one."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadTurn("event is not a list of strings")
    if value == [apl.EVENT_READ_ALONG_DONE]:
        raise BadTurn("readAlongDone is not a touch: the player sends it itself")
    if len(value) == 1 and value[0] in BUTTON_EVENTS:
        return (value[0],)
    if len(value) == 2 and value[0] == apl.EVENT_ITEM and _ITEM_NUMBER.fullmatch(value[1]):
        return (value[0], value[1])
    if value[:1] == [apl.EVENT_ANSWER]:
        if len(value) == 2 and value[1] in ANSWER_IDS:
            return (value[0], value[1])
        raise BadTurn(f'an answer must be ["answer", id], id one of {", ".join(_ANSWERS_IN_ORDER)}')
    raise BadTurn('event must be a button such as ["next"], ["item", n] or ["answer", id]')


def _render_document(response: Mapping[str, Any]) -> Mapping[str, Any] | None:
    body = response.get("response")
    directives = body.get("directives") if isinstance(body, Mapping) else None
    for directive in directives if isinstance(directives, list) else []:
        if isinstance(directive, Mapping) and directive.get("type") == apl.RENDER_DOCUMENT:
            return directive
    return None


def _screen(response: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The datasource and token of the response's APL RenderDocument directive, if any."""
    shown = _render_document(response)
    if shown is None:
        return None, None
    datasources = shown.get("datasources")
    token = shown.get("token")
    return (
        dict(datasources) if isinstance(datasources, Mapping) else None,
        token if isinstance(token, str) else None,
    )


def _read_items(turn: Turn) -> list[tuple[str, int | None]]:
    """What the screen read aloud, in order: each SSML document, with the index in the
    screen's items of the item it is (None for the lead)."""
    if not turn.read_along:
        return []
    properties = turn.screen or {}
    lead = 1 if properties.get("leadSsml") else 0
    return [
        (document, index - lead if index >= lead else None)
        for index, document in enumerate(turn.read_along)
    ]


def labelled_segments(turn: Turn) -> list[tuple[Segment, int | None]]:
    """The turn's speech as segments, each with the index of the screen item it reads.

    The segments are those of the whole turn's SSML (what a voice-only device
    says); the read-along's documents, segmented one by one, say which of them
    belong to which item.
    """
    segments = ssml_to_segments(turn.ssml or "")
    items: list[int | None] = [None] * len(segments)
    at = 0
    for document, item in _read_items(turn):
        for piece in ssml_to_segments(document):
            if at >= len(segments) or segments[at].text != piece.text:
                return list(zip(segments, items, strict=True))
            items[at] = item
            at += 1
    return list(zip(segments, items, strict=True))


def reply_json(turn: Turn, *, session_ended: bool = False) -> dict[str, Any]:
    """What the page gets for a turn: the request's exchange and, where the screen read
    its page aloud, the answer to the read-along's end (``turn.rest``).

    ``session_ended``: the request was Alexa closing the session, which ends
    it whatever the skill answers.
    """
    ssml = turn.ssml or ""
    ended = session_ended or turn.ends_session
    card = turn.card
    screen, token = _screen(turn.response)
    return {
        "text": ssml_to_text(ssml) if ssml else "",
        "segments": [
            {"text": s.text, "pause_ms": s.pause_ms, "item": item}
            for s, item in labelled_segments(turn)
        ],
        "card": {"title": card[0], "text": card[1]} if card is not None else None,
        "screen": screen,
        "token": token,
        "attributes": {} if ended else turn.attributes,
        "ended": ended,
    }


__all__ = [
    "ANSWER_IDS",
    "MAX_ATTRIBUTES_BYTES",
    "MAX_ATTRIBUTES_DEPTH",
    "MAX_BODY_BYTES",
    "MAX_TEXT_CHARS",
    "QUIZ_TOKEN",
    "TOKENS",
    "BadTurn",
    "TurnRequest",
    "labelled_segments",
    "read_event",
    "read_turn",
    "reply_json",
]
