"""The locales the tests run in, and pinning a module to one of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from skill import intents
from skill.content import DEFAULT_LOCALE, default_library
from skill.tools.interaction_model import intent_name, language_model, read_model, samples
from skill.tools.interaction_model import intents as model_intents

# Every locale the skill speaks: one content file each.
LOCALES = tuple(sorted(default_library().by_locale))


def pinned_locale(value: str = DEFAULT_LOCALE) -> Callable[[], str]:
    """A ``locale`` fixture for a module whose tests are about one locale only.

    Assign it to the module's ``locale``: ``locale = pinned_locale()``; the
    ``content`` and ``talk`` fixtures of tests/conftest.py then use it.
    """

    @pytest.fixture(name="locale")
    def fixed() -> str:
        return value

    return fixed


def help_words(locale: str) -> str:
    """The words that get help (the first sample of GetHelpIntent), as the skill names them.

    Lower case: a test looks for them in what the skill says, lower-cased.
    """
    lm = language_model(read_model(locale))
    (get_help,) = [i for i in model_intents(lm) if intent_name(i) == intents.GET_HELP]
    return samples(get_help)[0].lower()
