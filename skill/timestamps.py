"""Alexa's request timestamps: a strict ISO 8601 reader with a length bound.

Alexa writes ``2026-11-24T15:00:00Z``, sometimes with a fraction of a second
or a numeric offset. Nothing else is accepted: no general date parser ever
sees a timestamp from a request (dateutil's takes seconds over a long enough
string of digits and dots).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# "2026-11-24T15:00:00.123456789+05:30" is 35 characters; nothing longer is read.
MAX_TIMESTAMP_CHARS = 35

_ISO_8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?",
    re.ASCII,
)
_UTC = timezone.utc


class TimestampError(ValueError):
    """Not a timestamp in Alexa's format; the message is safe to return."""


# The last timestamp read and its datetime (both immutable): a request's
# timestamp is read twice, by the envelope check and by the deserialiser.
_last_read: tuple[str, datetime] | None = None


def parse_timestamp(value: object) -> datetime:
    """``value`` as a datetime: aware when it names a zone (``Z`` or ``+HH:MM``), else naive.

    Raises :class:`TimestampError` for anything else: another type, more than
    :data:`MAX_TIMESTAMP_CHARS` characters, another format, a date or time that
    does not exist, an offset of 24 hours or more.
    """
    if not isinstance(value, str) or len(value) > MAX_TIMESTAMP_CHARS:
        raise TimestampError("timestamp is not an ISO 8601 date and time")
    last = _last_read
    if last is not None and last[0] == value:
        return last[1]
    moment = _read(value)
    _remember(value, moment)
    return moment


def _remember(value: str, moment: datetime) -> None:
    global _last_read
    _last_read = (value, moment)


def _read(value: str) -> datetime:
    match = _ISO_8601.fullmatch(value)
    if match is None:
        raise TimestampError("timestamp is not an ISO 8601 date and time")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tz: timezone | None = None
    if zone == "Z":
        tz = _UTC
    elif zone:
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        if hours > 23 or minutes > 59:
            raise TimestampError("timestamp has an offset of 24 hours or more")
        offset = (hours * 60 + minutes) * (1 if zone[0] == "+" else -1)
        tz = _UTC if offset == 0 else timezone(timedelta(minutes=offset))
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise TimestampError("timestamp is not a real date and time") from exc


__all__ = ["MAX_TIMESTAMP_CHARS", "TimestampError", "parse_timestamp"]
