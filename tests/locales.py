"""The locales the tests run in, pinning a module to one of them, and what each locale's tests expect.

Every locale the skill speaks has ``tests/locales/<locale>.yaml``: the words a
person says to the skill in that language (the quiz's moves, asking for
another language) and the words a listener must hear (the hotline's facts, a
screen's place in a list). They are written from how people speak and from
what the hotline publishes, not taken from the content or the model, so the
tests compare the skill with a person's expectations; :func:`expected` reads
and validates them, naming the file and the key path of anything wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill import intents
from skill.content import DEFAULT_LOCALE, FALSE, LETTER_IDS, TRUE, default_library
from skill.tools.interaction_model import intent_name, language_model, read_model, samples
from skill.tools.interaction_model import intents as model_intents

# Every locale the skill speaks: one content file each.
LOCALES = tuple(sorted(default_library().by_locale))
EXPECTED_DIR = Path(__file__).resolve().parent / "locales"

# The moves of a quiz the tests say (tests/test_quiz.py), each locale in its own words.
QUIZ_MOVES = (
    "start",
    "quiz me",
    "quiz my class",
    "quiz us",
    "quiz us again",
    "test us",
    "repeat",
    "help",
    "i need help",
    "yes",
    "skip",
    "next",
    "stop",
    "who is at risk",
    "a tip",
    "nonsense",
    "a nonsense answer",
    "a letter",
    "true",
    "i don't know",
    "pass",
    "repeat the question",
    "what was the question",
    "one letter three times",
    "two letters",
    "what's my score",
    "how many are left",
    "a question about something else",
    "stop the quiz",
    "end quiz",
)
ANSWER_IDS = (*LETTER_IDS, TRUE, FALSE)
# What tests/test_simulator.py types into the simulator, besides the quiz's moves.
SIMULATOR_WORDS = (
    "open",
    "exit",
    "previous",
    "category tips",
    "category tips, short",
    "something unknown",
)


def unspoken(*locales: str) -> tuple[str, ...]:
    """Those of ``locales`` the skill does not speak: examples that stay true as locales are added."""
    return tuple(locale for locale in locales if locale not in LOCALES)


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


# --- what each locale's tests expect ----------------------------------------------------------


@dataclass(frozen=True)
class QuizWords:
    """How people speaking the locale play the quiz."""

    moves: Mapping[str, str]  # a move of QUIZ_MOVES -> the words for it
    phrases: tuple[str, ...]  # what starts a quiz: samples QuizIntent must have
    ordinals: Mapping[str, str]  # letter id -> "the first one"
    true_false: Mapping[str, str]  # "true" / "false" -> "that's true"
    yes_no: Mapping[str, str]  # "true" / "false" -> "yes"
    answers: Mapping[str, str]  # what people answer -> the answer id it means
    skip: tuple[str, ...]  # ways to skip a question


@dataclass(frozen=True)
class HotlineWords:
    """What a listener must hear about the hotline, and never hear."""

    facts: Mapping[str, str]  # hotline detail -> words its answer must say
    unpublished: tuple[str, ...]  # words the hotline does not publish
    cannot_help: tuple[str, ...]  # never said to someone asking for help


@dataclass(frozen=True)
class ModelWords:
    """Words no sample of the interaction model may be made of (tests/test_interaction_model.py)."""

    carriers: tuple[str, ...]  # too short to carry an open slot alone ("is it {detail}")
    again: str  # "again": never alone after a slot ("{detail} again")


@dataclass(frozen=True)
class NewTopicWords:
    """A made-up topic, in one language, that tests/test_new_topic.py adds to a copy of the
    project as the README's recipe says: never part of the skill."""

    title: str
    offer: str  # the question that offers it: "Want to hear ...?"
    item: str  # its one sentence (also a true-or-false quiz question)
    samples: tuple[str, ...]  # its intent's samples (at least eight)
    phrasings: tuple[str, ...]  # what people say to reach it, for the phrasing corpus


@dataclass(frozen=True)
class Position:
    """Where a page is in its list, and how the screen must show it."""

    first: int
    last: int
    total: int
    shown: str


@dataclass(frozen=True)
class CorpusSize:
    """How big a locale's phrasing corpus must be: all rows, cries for help, and the rest."""

    rows: int
    help_rows: int
    other_rows: int


@dataclass(frozen=True)
class Expected:
    """What the tests expect in one locale (tests/locales/<locale>.yaml)."""

    locale: str
    quiz: QuizWords
    lesson_start: str  # how the menu names the lesson (tests/test_lesson.py)
    hotline: HotlineWords
    screen_positions: tuple[Position, ...]
    language_asks: tuple[str, ...]  # asking for the skill in another language
    hotline_languages: tuple[str, ...]  # the hotline's two languages, as this one names them
    model: ModelWords
    phrasings_minimum: CorpusSize | None  # None: the minimum for a new locale
    # A word of SIMULATOR_WORDS -> what is typed; empty where the simulator's tests do not run.
    simulator: Mapping[str, str]
    new_topic: NewTopicWords  # a made-up topic in this language (tests/test_new_topic.py)


class ExpectedError(ValueError):
    """A locale's expectations file is missing or malformed."""


def expected_file(locale: str) -> Path:
    return EXPECTED_DIR / f"{locale}.yaml"


@cache
def expected(locale: str) -> Expected:
    """What the tests expect in ``locale``, read from tests/locales/<locale>.yaml."""
    path = expected_file(locale)
    source = path.relative_to(EXPECTED_DIR.parent.parent).as_posix()
    if not path.is_file():
        raise ExpectedError(
            f"{source}: no such file: every locale the skill speaks needs the tests' expectations"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ExpectedError(f"{source}: cannot read: {exc}") from exc
    found = parse_expected(data, source)
    if found.locale != locale:
        raise ExpectedError(f"{source}: locale: {found.locale!r} does not match the file")
    return found


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> ExpectedError:
        return ExpectedError(
            f"{self.source}: {path}: {message}" if path else f"{self.source}: {message}"
        )

    def mapping(
        self, value: Any, path: str, keys: Sequence[str], optional: Sequence[str] = ()
    ) -> Mapping[str, Any]:
        """A mapping with exactly ``keys`` (and any of ``optional``)."""
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in keys and key not in optional:
                raise self.fail(_join(path, str(key)), "is not a key the tests use")
        for key in keys:
            if value.get(key) is None:
                raise self.fail(_join(path, key), "missing")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {value!r}")
        if not value.strip():
            raise self.fail(path, "is empty")
        return value

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(path, "expected a list of texts")
        return tuple(self.text(v, f"{path}[{n}]") for n, v in enumerate(value))

    def words(self, value: Any, path: str, keys: Sequence[str] = ()) -> dict[str, str]:
        """A mapping of text to text; with ``keys``, exactly those keys."""
        if not isinstance(value, Mapping) or not value:
            raise self.fail(path, "expected a mapping of texts")
        if keys:
            self.mapping(value, path, keys)
        return {
            self.text(k, f"{path} (key {k!r})"): self.text(v, _join(path, str(k)))
            for k, v in value.items()
        }

    def number(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, f"expected a whole number, got {value!r}")
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_expected(data: Any, source: str) -> Expected:
    """Validate a locale's expectations, loaded from ``source``."""
    r = _Reader(source)
    top = r.mapping(
        data,
        "",
        (
            "locale",
            "quiz",
            "lesson",
            "hotline",
            "screen_positions",
            "language",
            "model",
            "new_topic",
        ),
        optional=("phrasings_minimum", "simulator"),
    )
    quiz = r.mapping(
        top["quiz"],
        "quiz",
        ("moves", "phrases", "ordinals", "true_false", "yes_no", "answers", "skip"),
    )
    answers = r.words(quiz["answers"], "quiz.answers")
    for said, answer in answers.items():
        if answer not in ANSWER_IDS:
            raise r.fail(
                f"quiz.answers.{said}", f"{answer!r} is not an answer id ({', '.join(ANSWER_IDS)})"
            )
    lesson = r.mapping(top["lesson"], "lesson", ("start",))
    hotline = r.mapping(top["hotline"], "hotline", ("facts", "unpublished", "cannot_help"))
    raw_positions = top["screen_positions"]
    if not isinstance(raw_positions, list) or not raw_positions:
        raise r.fail("screen_positions", "expected a list of positions")
    positions = []
    for n, raw in enumerate(raw_positions):
        where = f"screen_positions[{n}]"
        p = r.mapping(raw, where, ("first", "last", "total", "shown"))
        positions.append(
            Position(
                *(r.number(p[k], f"{where}.{k}") for k in ("first", "last", "total")),
                r.text(p["shown"], f"{where}.shown"),
            )
        )
    language = r.mapping(top["language"], "language", ("asks", "hotline_languages"))
    model = r.mapping(top["model"], "model", ("carriers", "again"))
    minimum = None
    if top.get("phrasings_minimum") is not None:
        sizes = r.mapping(
            top["phrasings_minimum"], "phrasings_minimum", ("rows", "help_rows", "other_rows")
        )
        minimum = CorpusSize(
            *(
                r.number(sizes[k], f"phrasings_minimum.{k}")
                for k in ("rows", "help_rows", "other_rows")
            )
        )
    made_up = r.mapping(
        top["new_topic"], "new_topic", ("title", "offer", "item", "samples", "phrasings")
    )
    simulator = (
        r.words(top["simulator"], "simulator", SIMULATOR_WORDS) if top.get("simulator") else {}
    )
    return Expected(
        locale=r.text(top["locale"], "locale"),
        quiz=QuizWords(
            moves=r.words(quiz["moves"], "quiz.moves", QUIZ_MOVES),
            phrases=r.texts(quiz["phrases"], "quiz.phrases"),
            ordinals=r.words(quiz["ordinals"], "quiz.ordinals", LETTER_IDS),
            true_false=r.words(quiz["true_false"], "quiz.true_false", (TRUE, FALSE)),
            yes_no=r.words(quiz["yes_no"], "quiz.yes_no", (TRUE, FALSE)),
            answers=answers,
            skip=r.texts(quiz["skip"], "quiz.skip"),
        ),
        lesson_start=r.text(lesson["start"], "lesson.start"),
        hotline=HotlineWords(
            facts=r.words(hotline["facts"], "hotline.facts"),
            unpublished=r.texts(hotline["unpublished"], "hotline.unpublished"),
            cannot_help=r.texts(hotline["cannot_help"], "hotline.cannot_help"),
        ),
        screen_positions=tuple(positions),
        language_asks=r.texts(language["asks"], "language.asks"),
        hotline_languages=r.texts(language["hotline_languages"], "language.hotline_languages"),
        model=ModelWords(
            carriers=r.texts(model["carriers"], "model.carriers"),
            again=r.text(model["again"], "model.again"),
        ),
        phrasings_minimum=minimum,
        simulator=simulator,
        new_topic=NewTopicWords(
            title=r.text(made_up["title"], "new_topic.title"),
            offer=r.text(made_up["offer"], "new_topic.offer"),
            item=r.text(made_up["item"], "new_topic.item"),
            samples=r.texts(made_up["samples"], "new_topic.samples"),
            phrasings=r.texts(made_up["phrasings"], "new_topic.phrasings"),
        ),
    )
