"""The classroom's JSON turn: what the page sends, what it gets back. Pure functions.

Request (POST /api/turn, ``Content-Type: application/json``)::

    {"text": "what are the risk factors",   # required; "" opens the skill
     "attributes": {...} | null,             # the last answer's attributes; null: none yet
     "locale": "en-US",                      # optional; an unknown locale gets the default
     "new": false}                           # optional; true starts a new session

Response::

    {"text": "plain text of the speech",
     "segments": [{"text": "...", "pause_ms": 400}, ...],
     "card": {"title": "...", "text": "..."} | null,
     "screen": {...the APL datasource...} | null,
     "attributes": {...session attributes, to send back next turn...},  # {} once ended
     "ended": false}                         # true: the session is over; start a new one

Bad input raises :class:`BadTurn`, whose message is short, safe to show and
never repeats what was sent.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from skill.speech import ssml_to_text
from skill.tools.classroom.segments import ssml_to_segments

MAX_BODY_BYTES = 64 * 1024
MAX_TEXT_CHARS = 500
MAX_ATTRIBUTES_BYTES = 16 * 1024
MAX_ATTRIBUTES_DEPTH = 16
MAX_LOCALE_CHARS = 16
FIELDS = frozenset({"text", "attributes", "locale", "new"})
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"


class BadTurn(ValueError):
    """The body is not a turn; the message is safe to return and to log."""


@dataclass(frozen=True)
class TurnRequest:
    text: str
    attributes: dict[str, Any]
    locale: str
    new: bool


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
        raise BadTurn("body has a field other than text, attributes, locale and new")

    text = data.get("text")
    if not isinstance(text, str):
        raise BadTurn("text is missing or not a string")
    if len(text) > MAX_TEXT_CHARS:
        raise BadTurn(f"text is longer than {MAX_TEXT_CHARS} characters")

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
    return TurnRequest(text, attributes, locale, new)


def _speech_ssml(speech: Any) -> str:
    if not isinstance(speech, Mapping):
        return ""
    if speech.get("type") == "PlainText":
        text = speech.get("text")
        return _escape(text) if isinstance(text, str) else ""
    ssml = speech.get("ssml")
    return ssml if isinstance(ssml, str) else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _card(card: Any) -> dict[str, str] | None:
    if not isinstance(card, Mapping):
        return None
    title = card.get("title")
    text = card.get("content") or card.get("text")
    return {
        "title": title if isinstance(title, str) else "",
        "text": text if isinstance(text, str) else "",
    }


def _screen(directives: Any) -> dict[str, Any] | None:
    """The datasource of the first APL RenderDocument directive, if any."""
    if not isinstance(directives, list):
        return None
    for directive in directives:
        if isinstance(directive, Mapping) and directive.get("type") == RENDER_DOCUMENT:
            datasources = directive.get("datasources")
            return dict(datasources) if isinstance(datasources, Mapping) else None
    return None


def reply_json(response: Mapping[str, Any], *, session_ended: bool = False) -> dict[str, Any]:
    """What the page gets for the skill's response envelope ``response``.

    ``session_ended``: the request was Alexa closing the session, which ends
    it whatever the skill answers.
    """
    body = response.get("response")
    body = body if isinstance(body, Mapping) else {}
    ssml = _speech_ssml(body.get("outputSpeech"))
    attributes = response.get("sessionAttributes")
    ended = session_ended or body.get("shouldEndSession") is True
    return {
        "text": ssml_to_text(ssml) if ssml else "",
        "segments": [{"text": s.text, "pause_ms": s.pause_ms} for s in ssml_to_segments(ssml)],
        "card": _card(body.get("card")),
        "screen": _screen(body.get("directives")),
        "attributes": dict(attributes) if isinstance(attributes, Mapping) and not ended else {},
        "ended": ended,
    }


__all__ = [
    "MAX_ATTRIBUTES_BYTES",
    "MAX_ATTRIBUTES_DEPTH",
    "MAX_BODY_BYTES",
    "MAX_TEXT_CHARS",
    "BadTurn",
    "TurnRequest",
    "read_turn",
    "reply_json",
]
