"""Shared fixtures: the Flask app and test client, as in Flask's tutorial."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import create_app
from skill.content import Content, default_library
from tests.alexa import Conversation
from tests.corpus import SCORES


@pytest.fixture
def app() -> Iterator[Flask]:
    app = create_app({"TESTING": True, "VERIFY_SIGNATURES": False, "RNG": random.Random(1234)})
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def content() -> Content:
    return default_library().for_locale("en-US")


@pytest.fixture
def talk(client: FlaskClient) -> Conversation:
    """A conversation that carries each response's session attributes into the next request."""
    return Conversation(client)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The phrasing corpus rates (tests/test_phrasings.py), whenever those tests ran."""
    scores = config.stash.get(SCORES, {})
    if not scores:
        return
    terminalreporter.write_sep("-", "phrasing corpus")
    for locale in sorted(scores):
        for line in scores[locale].report():
            terminalreporter.write_line(line)
