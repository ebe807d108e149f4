"""Helpers for the classroom player's tests: a page session that keeps the attributes."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

TURN = "/api/turn"


class Classroom:
    """What the page does: post each turn with the last answer's attributes."""

    def __init__(self, client: FlaskClient, locale: str = "en-US") -> None:
        self.client = client
        self.locale = locale
        self.attributes: dict[str, Any] | None = None
        self.new = True

    def say(self, text: str) -> dict[str, Any]:
        result = self.client.post(
            TURN,
            json={
                "text": text,
                "attributes": self.attributes,
                "locale": self.locale,
                "new": self.new,
            },
        )
        assert result.status_code == 200, result.data[:200]
        reply: dict[str, Any] = result.get_json()
        if reply["ended"]:
            self.attributes, self.new = None, True
        else:
            self.attributes, self.new = reply["attributes"], False
        return reply


def spoken(reply: dict[str, Any]) -> str:
    """Everything the page would speak for ``reply``, segments joined."""
    return " ".join(segment["text"] for segment in reply["segments"])
