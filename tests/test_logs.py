"""Logs are safe to read: values from a request reach them escaped, on one bounded line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from skill.dispatch import Endpoint, dispatch
from skill.logs import MAX_VALUE_CHARS, RateLog, formatter, safe
from tests.conversation import post
from tests.envelopes import fixture

FORGED = "all good\n[2026-11-24 15:00:00 +0000] [1] [ERROR] skill.app: forged line"
CONTROL = "bell\x07 escape\x1b[2J\x1b]0;title\x07 nul\x00 tab\t cr\r del\x7f line\u2028end"
HUGE = "x" * 100_000


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Every log line as the servers write it (skill.logs' format), into a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def session_ended_with(message: str) -> dict[str, Any]:
    envelope = fixture("session_ended")
    envelope["request"]["reason"] = "ERROR"
    envelope["request"]["error"] = {"type": "INVALID_RESPONSE", "message": message}
    return envelope


def only_line_with(stream: io.StringIO, needle: str) -> str:
    lines = [line for line in stream.getvalue().splitlines() if needle in line]
    assert len(lines) == 1, stream.getvalue()[:2000]
    return lines[0]


@pytest.mark.parametrize("message", [FORGED, CONTROL, HUGE], ids=["newlines", "control", "100kb"])
def test_a_session_end_error_message_is_logged_as_one_escaped_bounded_line(
    client: FlaskClient, log_lines: io.StringIO, message: str
) -> None:
    envelope = session_ended_with(message)
    envelope["request"]["error"]["type"] = None  # the message, not the type, is logged
    assert post(client, envelope).status == 200
    text = log_lines.getvalue()
    line = only_line_with(log_lines, "SessionEndedRequest: reason=ERROR")
    assert text.count("\n") == len(text.splitlines())  # every line ends where a record ends
    assert "forged line" not in text.replace(line, "")
    for char in "\x07\x1b\x00\t\r\x7f\u2028":
        assert char not in text
    assert len(line) < 400
    if message is HUGE:
        assert line.endswith("... (100000 characters)")
    if message is CONTROL:
        assert "bell\\x07 escape\\x1b[2J" in line and "line\\u2028end" in line


def test_a_refusal_quoting_a_request_value_is_one_escaped_line(
    client: FlaskClient, log_lines: io.StringIO
) -> None:
    envelope = fixture("launch")
    envelope["request"]["timestamp"] = FORGED + HUGE
    assert post(client, envelope).status == 400
    line = only_line_with(log_lines, "request rejected")
    assert "forged line" not in log_lines.getvalue().replace(line, "")
    assert len(line) < 1000


def test_the_formatter_escapes_any_message_whoever_logs_it(log_lines: io.StringIO) -> None:
    logging.getLogger("some.library").warning("value: %s", FORGED + CONTROL + HUGE)
    (line,) = log_lines.getvalue().splitlines()
    assert "\\x0a[2026-11-24" in line and "\\x1b]0;title" in line
    assert line.endswith("characters)")
    assert len(line) < 2200


def test_safe_keeps_plain_text_and_never_cuts_inside_an_escape() -> None:
    assert safe("¿Qué pasa? 100% safe") == "¿Qué pasa? 100% safe"
    assert safe("a\\nb") == "a\\\\nb"  # a backslash in the value cannot fake an escape
    cut = safe("a" * (MAX_VALUE_CHARS - 2) + "\n\n\n")
    assert cut == "a" * (MAX_VALUE_CHARS - 2) + "... (201 characters)"


def always_refuse(headers: Any, data: dict[str, Any]) -> Any:
    raise AssertionError("a refused request never reaches the skill")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_of_refusals_is_logged_as_a_count_per_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    logger = logging.getLogger("skill.dispatch")
    refusals = RateLog(logger, "request rejected", burst=3, interval=10.0, monotonic=clock)
    endpoint = Endpoint(invoke=always_refuse, refusals=refusals)
    caplog.set_level(logging.WARNING, logger="skill.dispatch")
    for n in range(1000):
        clock.now = n * 0.004  # 1000 junk requests in 4 seconds
        assert dispatch(endpoint, {}, b"not json")[0] == 400
    assert len(caplog.records) == 3
    assert all(r.getMessage() == "request rejected: body is not JSON" for r in caplog.records)
    caplog.clear()
    clock.now = 12.0
    assert dispatch(endpoint, {}, b"{}")[0] == 400  # the next interval: its count, then the line
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        "request rejected: 997 more in the last 12 s (body is not JSON: 997)",
        "request rejected: envelope has no request",
    ]
    caplog.clear()
    clock.now = 30.0
    refusals.tick()  # nothing was counted since: nothing to say
    assert caplog.records == []
