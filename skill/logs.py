"""Log lines in gunicorn's shape: time, process, level, then the logger and message.

    [2026-11-24 15:00:00 +0000] [4242] [WARNING] skill.dispatch: request rejected: ...

gunicorn's own lines look the same, so one log reads as one stream.

Logs are read by people, and much of what they say comes from the network. So
every message is one line of bounded length: :func:`safe` escapes a value
(newlines, tabs, terminal escape codes and every other unprintable character,
and the backslash itself) and cuts it to :data:`MAX_VALUE_CHARS`; code that puts
a request's value in a message passes it through :func:`safe`, and the
formatter does the same to the whole message (at most :data:`MAX_MESSAGE_CHARS`,
backslashes left alone), whoever logged it. A traceback, logged only for a
bug, follows its line as usual.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TextIO

FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"

# A value from a request (a header, a field of the body, a path) in a log line.
MAX_VALUE_CHARS = 200
# A whole message, whatever it holds.
MAX_MESSAGE_CHARS = 2000

_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _escape(char: str) -> str:
    if char == "\\":
        return "\\\\"
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe(value: object, limit: int = MAX_VALUE_CHARS, *, backslash: bool = True) -> str:
    """``value`` as one escaped line of at most ``limit`` characters (before the tail).

    A longer value is cut, never inside an escape, and says how long it was:
    ``abc... (102400 characters)``. ``backslash=False`` leaves backslashes as
    they are (for a message whose values are already escaped).
    """
    text = value if isinstance(value, str) else str(value)
    plain = "\\" if backslash else ""
    if len(text) <= limit and text.isprintable() and not (plain and plain in text):
        return text
    pieces: list[str] = []
    size = 0
    for char in text:
        piece = char if char.isprintable() and char != plain else _escape(char)
        size += len(piece)
        if size > limit:
            return "".join(pieces) + f"... ({len(text)} characters)"
        pieces.append(piece)
    return "".join(pieces)


def one_line(message: object, limit: int = 1000) -> str:
    """A message that may run over several lines (a YAML error, say) on one, joined by "; "."""
    lines = (line.strip() for line in str(message).splitlines())
    return safe("; ".join(line for line in lines if line), limit, backslash=False)


class SafeFormatter(logging.Formatter):
    """The format above, the message escaped and bounded (:func:`safe`).

    Colour codes (Werkzeug's development server colours a few lines) are
    dropped rather than escaped.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802  (logging's name)
        message = _COLOUR.sub("", record.message)
        record.message = safe(message, MAX_MESSAGE_CHARS, backslash=False)
        return super().formatMessage(record)


def formatter() -> logging.Formatter:
    return SafeFormatter(FORMAT, DATE_FORMAT)


class RateLog:
    """Lines of one kind (refused requests, say) as a rate once they come in a flood.

    The first ``burst`` lines of each ``interval`` seconds are logged as they
    come; the rest are counted, and the first line or :meth:`tick` after the
    interval logs one line with the count, by kind (a line's text up to its
    first colon): ``request rejected: 4030 more in the last 10 s (signature
    does not match the body: 4030)``. A flood of junk then costs a few lines
    per interval, not one per request.
    """

    def __init__(
        self,
        logger: logging.Logger,
        prefix: str,
        *,
        level: int = logging.WARNING,
        burst: int = 10,
        interval: float = 10.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._logger = logger
        self._prefix = prefix
        self._level = level
        self._burst = burst
        self._interval = interval
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._start = monotonic()
        self._logged = 0
        self._counted: Counter[str] = Counter()

    def log(self, text: str) -> None:
        """Log ``text`` (escaped and cut), or count it when this interval has had its burst."""
        with self._lock:
            summary = self._roll()
            full = self._logged < self._burst
            if full:
                self._logged += 1
            else:
                self._counted[safe(text.split(":", 1)[0], 80)] += 1
        if summary:
            self._logger.log(self._level, "%s", summary)
        if full:
            self._logger.log(self._level, "%s: %s", self._prefix, safe(text, 400))

    def tick(self) -> None:
        """Log the count of the interval that has ended, if any: call it now and then."""
        if not self._counted:
            return
        with self._lock:
            summary = self._roll()
        if summary:
            self._logger.log(self._level, "%s", summary)

    def _roll(self) -> str:
        """Start a new interval if this one is over; the line to log for it. Lock held."""
        now = self._monotonic()
        if now < self._start + self._interval:
            return ""
        summary = ""
        if self._counted:
            kinds = ", ".join(f"{kind}: {n}" for kind, n in self._counted.most_common(3))
            total = sum(self._counted.values())
            summary = (
                f"{self._prefix}: {total} more in the last {now - self._start:.0f} s ({kinds})"
            )
        self._start, self._logged, self._counted = now, 0, Counter()
        return summary


def configure(stream: TextIO | None = None, level: int = logging.INFO) -> None:
    """Send every logger's lines (the skill's, the servers') to ``stream`` in this format.

    Like :func:`logging.basicConfig`, it leaves logging alone when the root logger
    already has a handler (someone else configured it), so calling it twice does
    not double the lines.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter())
    root.addHandler(handler)
    root.setLevel(level)


__all__ = [
    "DATE_FORMAT",
    "FORMAT",
    "MAX_MESSAGE_CHARS",
    "MAX_VALUE_CHARS",
    "RateLog",
    "SafeFormatter",
    "configure",
    "formatter",
    "one_line",
    "safe",
]
