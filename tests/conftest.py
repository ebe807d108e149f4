"""Shared fixtures: the Flask app and test client, as in Flask's tutorial.

``content`` and ``talk`` are parametrised by locale: a test that takes either
runs once for every locale of the content folder. A module whose tests are
about one locale's words (English typed into the simulator, say) pins them by
defining its own ``locale`` fixture.
"""

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
from tests.crisis import CRISIS_SCORES
from tests.locales import LOCALES


@pytest.fixture
def app() -> Iterator[Flask]:
    app = create_app({"TESTING": True, "VERIFY_SIGNATURES": False, "RNG": random.Random(1234)})
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(params=LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture
def content(locale: str) -> Content:
    return default_library().for_locale(locale)


@pytest.fixture
def talk(client: FlaskClient, locale: str) -> Conversation:
    """A conversation in ``locale`` that carries each response's session attributes into the next request."""
    return Conversation(client, locale)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The phrasing and crisis corpus rates (tests/test_phrasings.py, tests/test_crisis.py)."""
    scores = config.stash.get(SCORES, {})
    if scores:
        terminalreporter.write_sep("-", "phrasing corpus")
        for locale in sorted(scores):
            for line in scores[locale].report():
                terminalreporter.write_line(line)
    crisis = config.stash.get(CRISIS_SCORES, {})
    if crisis:
        terminalreporter.write_sep("-", "crisis corpus")
        for locale in sorted(crisis):
            for line in crisis[locale]:
                terminalreporter.write_line(line)
