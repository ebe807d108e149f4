"""Log lines in gunicorn's shape: time, process, level, then the logger and message.

    [2026-11-24 15:00:00 +0000] [4242] [WARNING] skill.dispatch: request rejected: ...

gunicorn's own lines look the same, so one log reads as one stream. Colour
codes (Werkzeug's development server colours its request lines) are removed
unless the log goes to a terminal.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class PlainFormatter(logging.Formatter):
    """The format above, without terminal colour codes."""

    def format(self, record: logging.LogRecord) -> str:
        return _ANSI.sub("", super().format(record))


def formatter_for(stream: TextIO) -> logging.Formatter:
    """Colour codes are kept only for a terminal, where they mean something."""
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        return logging.Formatter(FORMAT, DATE_FORMAT)
    return PlainFormatter(FORMAT, DATE_FORMAT)


def configure(stream: TextIO | None = None, level: int = logging.INFO) -> None:
    """Send every logger's lines (the skill's, Werkzeug's) to ``stream`` in this format.

    Like :func:`logging.basicConfig`, it leaves logging alone when the root logger
    already has a handler (someone else configured it), so calling it twice does
    not double the lines.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter_for(stream))
    root.addHandler(handler)
    root.setLevel(level)


__all__ = ["DATE_FORMAT", "FORMAT", "PlainFormatter", "configure", "formatter_for"]
