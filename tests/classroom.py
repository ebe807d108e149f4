"""Helpers for the classroom player's tests: a page session that keeps the attributes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from skill.tools.classroom.server import address, classroom_server

TURN = "/api/turn"


class Classroom:
    """What the page does: post each turn with the last answer's attributes, and a touch
    with the token of the screen on show."""

    def __init__(self, client: FlaskClient, locale: str = "en-US") -> None:
        self.client = client
        self.locale = locale
        self.attributes: dict[str, Any] | None = None
        self.new = True
        self.token: str | None = None

    def say(self, text: str) -> dict[str, Any]:
        return self._post({"text": text})

    def touch(self, *event: str) -> dict[str, Any]:
        assert self.token is not None, "nothing on screen to touch"
        return self._post({"event": list(event), "token": self.token})

    def _post(self, asked: dict[str, Any]) -> dict[str, Any]:
        result = self.client.post(
            TURN,
            json={**asked, "attributes": self.attributes, "locale": self.locale, "new": self.new},
        )
        assert result.status_code == 200, result.data[:200]
        reply: dict[str, Any] = result.get_json()
        if reply["ended"]:
            self.attributes, self.new = None, True
        else:
            self.attributes, self.new = reply["attributes"], False
        if reply["token"] is not None:
            self.token = reply["token"]
        return reply


def spoken(reply: dict[str, Any]) -> str:
    """Everything the page would speak for ``reply``, segments joined."""
    return " ".join(segment["text"] for segment in reply["segments"])


def screen_of(reply: dict[str, Any]) -> dict[str, Any]:
    """The properties of the screen ``reply`` shows."""
    assert reply["screen"] is not None, reply["text"]
    properties: dict[str, Any] = reply["screen"]["screen"]["properties"]
    return properties


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` served by the classroom's own server on a free loopback port: its address."""
    server = classroom_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address(server)
    finally:
        server.shutdown()
        server.server_close()
