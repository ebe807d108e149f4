"""The request envelope: read from the raw body, checked, and verified as Alexa's rules say.

:func:`read_envelope` parses a body (strict JSON: no ``NaN`` or ``Infinity``)
and :func:`check_envelope` checks that it has the shape of an Alexa request,
reading its timestamp with the strict parser of :mod:`skill.timestamps`. The
SDK's deserialiser raises on some malformed bodies and silently accepts others
(an envelope without a request, for one); these checks give every bad body the
same clean answer, a :class:`BadRequest` whose message is fit for an HTTP 400.

:func:`check_timestamp` and :func:`check_skill_id` are verification rules 4 and 5
(rules 1 to 3, the signature, are in :mod:`skill.verification` and run on the
raw bytes before any of this). They work on the parsed envelope, never on the
SDK's objects, and raise :class:`VerificationException`.

Nothing here imports more than the standard library and the SDK's exception
base, so AWS Lambda uses it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ask_sdk_runtime.exceptions import AskSdkException

from skill.timestamps import TimestampError, parse_timestamp

# Bounds on what hostile input can make the SDK do. An Alexa request holds a few
# dozen objects and lists; each costs about a microsecond to convert, so
# MAX_CONTAINERS keeps a body of 256 KiB within a few milliseconds of work.
# (Counting the bytes { and [ over-counts those inside strings: a safe bound.)
MAX_CONTAINERS = 2000
# The SDK deep-copies the session attributes before any handler runs: attributes
# nested hundreds deep would end that copy in a RecursionError, and tens of
# thousands of entries cost tens of milliseconds. The skill's own are a few levels
# deep and a few dozen entries.
MAX_ATTRIBUTE_DEPTH = 32
MAX_ATTRIBUTE_ENTRIES = 2000
REQUEST_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."


class BadRequest(ValueError):
    """The body is not an Alexa request envelope; the message is safe to return."""


class VerificationException(AskSdkException):
    """The request is not verifiably Alexa's, for this skill, sent just now.

    The message is a short reason for the log; it never holds the body or user data.
    """


@dataclass(frozen=True)
class Envelope:
    """A request envelope that has the shape of an Alexa request."""

    data: dict[str, Any]
    request_type: str
    timestamp: datetime | None  # None when the request has none


def _not_json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# One decoder for every request (json.loads with an argument builds a decoder and its
# scanner on every call).
_DECODER = json.JSONDecoder(parse_constant=_not_json_constant)


def read_envelope(body: bytes) -> Envelope:
    """The envelope ``body`` holds, if it is UTF-8 JSON with the shape of an Alexa request."""
    if body.count(b"{") + body.count(b"[") > MAX_CONTAINERS:
        raise BadRequest(f"body has more than {MAX_CONTAINERS} objects and lists")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest("body is not UTF-8") from exc
    try:
        data = _DECODER.decode(text)
    except (ValueError, RecursionError) as exc:
        raise BadRequest("body is not JSON") from exc
    return check_envelope(data)


def check_envelope(data: Any) -> Envelope:
    """``data`` as an :class:`Envelope`, if it has the shape of an Alexa request."""
    if not isinstance(data, dict):
        raise BadRequest("body is not a request envelope")
    request = data.get("request")
    if not isinstance(request, dict):
        raise BadRequest("envelope has no request")
    request_type = request.get("type")
    if not isinstance(request_type, str) or not request_type:
        raise BadRequest("request has no type")
    for key in ("session", "context"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            raise BadRequest(f"envelope {key} is not an object")
    session = data.get("session")
    if session:
        problem = _oversized(session.get("attributes"), MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_ENTRIES)
        if problem:
            raise BadRequest(f"session attributes {problem}")
    timestamp = request.get("timestamp")
    try:
        when = None if timestamp is None else parse_timestamp(timestamp)
    except TimestampError as exc:
        raise BadRequest(f"request {exc}") from None
    return Envelope(data, request_type, when)


def _oversized(value: Any, max_depth: int, max_entries: int) -> str | None:
    """Why ``value`` is too big to copy cheaply (None when it is not); no recursion."""
    stack = [(value, 1)]
    entries = 0
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > max_depth:
            return "are nested too deeply"
        entries += len(children)
        if entries > max_entries:
            return f"have more than {max_entries} entries"
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return None


def _quoted(value: object, limit: int = 120) -> str:
    """A value from the request, safe to put in a log line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_timestamp(envelope: Envelope, now: datetime) -> None:
    """Rule 4: the request was sent within 150 seconds of ``now`` (an hour for skill events)."""
    timestamp = envelope.timestamp
    if timestamp is None:
        raise VerificationException("request has no timestamp")
    if timestamp.tzinfo is None or timestamp.utcoffset() is None:
        raise VerificationException("request timestamp has no time zone")
    is_skill_event = envelope.request_type.startswith(SKILL_EVENT_PREFIX)
    tolerance = SKILL_EVENT_TOLERANCE if is_skill_event else REQUEST_TOLERANCE
    age = now - timestamp
    if age > tolerance:
        raise VerificationException(f"request timestamp is {age.total_seconds():.0f} s old")
    if -age > tolerance:
        raise VerificationException(
            f"request timestamp is {-age.total_seconds():.0f} s in the future"
        )


_MISSING = object()


def _path(node: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return _MISSING
        node = node[key]
    return node


def check_skill_id(envelope: Envelope, skill_id: str) -> None:
    """Rule 5: the request is for ``skill_id``.

    ``context.System.application.applicationId`` must be ``skill_id`` (Alexa
    always sends it, and the SDK reads it), and so must
    ``session.application.applicationId`` when the request has a session.
    """
    data = envelope.data
    context_id = _path(data, "context", "System", "application", "applicationId")
    if context_id is _MISSING:
        raise VerificationException(
            "request names no skill (no context.System.application.applicationId)"
        )
    session_id = _path(data, "session", "application", "applicationId")
    for found in (context_id, session_id):
        if found is not _MISSING and found != skill_id:
            raise VerificationException(
                f"request is for another skill: {_quoted(found)}; this endpoint serves {skill_id}"
            )


__all__ = [
    "BadRequest",
    "Envelope",
    "VerificationException",
    "check_envelope",
    "check_skill_id",
    "check_timestamp",
    "read_envelope",
]
