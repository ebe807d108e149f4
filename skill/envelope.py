"""Checks on a raw request body before the SDK sees it.

The SDK's deserialiser raises on some malformed bodies and silently accepts
others (an envelope without a request, for one). These checks give every bad
body the same clean answer: a short reason for an HTTP 400.
"""

from __future__ import annotations

import json
from typing import Any


class BadRequest(ValueError):
    """The body is not an Alexa request envelope; the message is safe to return."""


def read_envelope(body: bytes) -> tuple[str, dict[str, Any]]:
    """``body`` as text and as the envelope it holds, if it has the shape of an Alexa request."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest("body is not UTF-8") from exc
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BadRequest("body is not JSON") from exc
    return text, check_envelope(envelope)


def check_envelope(envelope: Any) -> dict[str, Any]:
    """``envelope`` itself, if it has the shape of an Alexa request."""
    if not isinstance(envelope, dict):
        raise BadRequest("body is not a request envelope")
    request = envelope.get("request")
    if not isinstance(request, dict):
        raise BadRequest("envelope has no request")
    if not isinstance(request.get("type"), str) or not request["type"]:
        raise BadRequest("request has no type")
    for key in ("session", "context"):
        if key in envelope and envelope[key] is not None and not isinstance(envelope[key], dict):
            raise BadRequest(f"envelope {key} is not an object")
    return envelope
