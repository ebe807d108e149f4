"""Shared fixtures: the Flask app and test client, as in Flask's tutorial.

Every test gets its app here: ``app`` and ``client`` for the skill as the tests
run it (verification off, a seeded random number generator), ``make_app`` for
a test that needs its own app or is about the app's configuration.

``content``, ``talk`` and ``chat`` are parametrised by locale: a test that takes
one runs once for every locale of the content folder. ``talk`` and ``chat`` are
the one conversation driver (tests/conversation.py), through the endpoint and
over the pure engine. A module whose tests are about one locale's words
(English typed into the simulator, say) pins them by defining its own
``locale`` fixture.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any, Protocol

import pytest
from flask import Flask
from flask.testing import FlaskClient

from skill import create_app
from skill.content import Content, default_library
from tests.conversation import Conversation, EndpointConversation, EngineConversation
from tests.corpus import SCORES
from tests.crisis import CRISIS_SCORES
from tests.locales import LOCALES

SEED = 1234  # the random tips of every app the tests make


class AppFactory(Protocol):
    def __call__(self, *, from_environment: bool = False, **config: Any) -> Flask: ...


def _make_app(*, from_environment: bool = False, **config: Any) -> Flask:
    """The skill's app: the tests' settings (verification off, seeded tips) with ``config`` over them.

    ``from_environment``: only ``config`` over the settings from the environment,
    as the app starts in production.
    """
    tests = {"TESTING": True, "VERIFY_SIGNATURES": False, "RNG": random.Random(SEED)}
    settings = config if from_environment else {**tests, **config}
    return create_app(settings or None)


@pytest.fixture(scope="session")
def make_app() -> AppFactory:
    """The app factory: ``make_app(SKILL_ID=...)``, ``make_app(from_environment=True)``."""
    return _make_app


@pytest.fixture
def app(make_app: AppFactory) -> Iterator[Flask]:
    app = make_app()
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
def talk(client: FlaskClient, locale: str) -> EndpointConversation:
    """A conversation with the endpoint in ``locale``: the whole stack, as a device."""
    return Conversation.endpoint(client, locale)


@pytest.fixture
def chat(content: Content) -> EngineConversation:
    """A conversation with the pure engine in ``content``'s locale: the same API, fast."""
    return Conversation.engine(content)


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
