"""What one locale's content is: frozen dataclasses, and the ids and limits they use.

:class:`Content` holds everything the skill says in one locale, read once from
``content/<locale>.yaml`` by :func:`skill.content.parse.parse_content`. Texts
keep their number placeholders (``{hotline_phone}``); the renderer writes them
out. :class:`ContentError` is what every check of the file raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skill.content.fields import fill_fields, keep_numbers

DEFAULT_LOCALE = "en-US"
# The `then` of a topic that offers the hotline instead of another topic.
HOTLINE_TARGET = "hotline"
# Help situations the skill's intents name, the help lines it gives, and the
# questions about a line it answers ("other" asks for the situation's second line).
SITUATIONS = ("info", "danger", "emergency", "home", "suicide", "assault")
LINES = ("trafficking", "lifeline", "childhelp", "rainn", "missouri")
# What every line answers itself; its other details fall back to its `about`.
REQUIRED_DETAILS = ("number", "slowly")
OTHER_LINE = "other"
DETAILS = (
    "number",
    "slowly",
    "text",
    "confidential",
    "cost",
    "anonymous",
    "languages",
    "hours",
    "police",
    "tty",
    "chat",
)
# Quiz questions: true or false, or three spoken choices. The answer ids are the
# QuizAnswerType value ids of the interaction model: a, b and c for the letters
# (in order), true and false, and each choice's own id for its words.
TRUE_FALSE = "true_false"
CHOICE = "choice"
QUESTION_KINDS = (TRUE_FALSE, CHOICE)
LETTER_IDS = ("a", "b", "c")
TRUE = "true"
FALSE = "false"
RESERVED_ANSWER_IDS = frozenset({*LETTER_IDS, TRUE, FALSE})
# Question ids travel in session attributes: short, so a session's worth fits.
MAX_QUESTION_ID = 24


# How ``classroom.english_words`` separates the English names said inside a locale's text.
ENGLISH_WORDS_SEPARATOR = ";"
ENGLISH = "en"


class ContentError(ValueError):
    """The content file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Number:
    """A number (or name) written once: ``value`` on cards and screens.

    In speech it is ``say_as`` SSML, or the ``spoken`` words when given.
    """

    value: str
    say_as: str | None = None
    spoken: str | None = None


@dataclass(frozen=True)
class Page:
    """One spoken turn of a topic."""

    lead: tuple[str, ...]  # sentences before the items
    items: tuple[str, ...]
    first: int  # the list position of the first item, counting from 1 (0: no items)
    after: tuple[str, ...]  # sentences after the items
    question: str  # what the skill asks after reading this page
    is_last: bool


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    offer: str  # the question that offers this topic from elsewhere
    style: str  # "prose" or "list"
    total: int  # items in the whole topic
    then: str | None  # what the last page offers: a topic id or HOTLINE_TARGET
    pages: tuple[Page, ...]

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for page in self.pages for item in page.items)

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for p in self.pages for s in (*p.lead, *p.items, *p.after))


@dataclass(frozen=True)
class Tip:
    id: str  # "<category>.<n>", n counting from 1
    category: str
    text: str


@dataclass(frozen=True)
class Situation:
    id: str
    lines: tuple[str, ...]
    again: bool  # offer the number again (and never a lesson) afterwards
    line: str  # the help line it gives (a LINES id), which follow-up questions are about
    also: str | None = None  # the line "the other number" gives, if any


@dataclass(frozen=True)
class Line:
    """One help line: its answers to questions about it, by detail id."""

    id: str
    phone: str  # the entry of `numbers` to call it on
    details: Mapping[str, tuple[str, ...]]  # some of DETAILS; number and slowly always
    about: tuple[str, ...]  # the answer to a detail it has no published fact for
    more: tuple[str, ...]  # "tell me more"

    def detail(self, which: str) -> tuple[str, ...]:
        return self.details.get(which) or self.about


@dataclass(frozen=True)
class Help:
    title: str
    offer: str
    situations: Mapping[str, Situation]
    lines: Mapping[str, Line]
    question_again: str
    question_open: str
    reprompt_again: str
    reprompt_open: str
    resume: str  # "Want to go back to {title}?"
    card: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """One help number on the help screen: what it is, and the number (with placeholders)."""

    label: str
    value: str


@dataclass(frozen=True)
class ScreenWords:
    """The words a screen adds to what is spoken: button labels, the position, a hint."""

    buttons: Mapping[str, str]  # "more", "back", "help"
    # The quiz's moves besides answering, as buttons while a question is open:
    # "pass", "repeat", "score", "end_quiz".
    quiz_buttons: Mapping[str, str]
    position: str  # "{first} to {last} of {total}"
    position_one: str  # "{first} of {total}": a page of one item
    hint: str  # a phrase that works anywhere
    hint_more: str  # the phrase that goes on when there is more
    resources: tuple[Resource, ...]  # the help screen's numbers, in order
    quiz_position: str  # "Question {number} of {total}": the open quiz question's place


@dataclass(frozen=True)
class Choice:
    """One of a question's three spoken choices."""

    id: str  # the QuizAnswerType value id of its words
    text: str


@dataclass(frozen=True)
class Question:
    """A quiz question and where its answer comes from."""

    id: str
    kind: str  # TRUE_FALSE or CHOICE
    text: str  # the statement (true or false) or the question (choices)
    choices: tuple[Choice, ...]  # three for CHOICE, none for TRUE_FALSE
    answer: str  # TRUE or FALSE, or the letter id of the right choice
    source: str  # the page sentence (or help fact) the answer comes from
    explain: str  # said after the answer: one sentence of the page or help content

    @property
    def right_choice(self) -> Choice | None:
        if self.kind != CHOICE:
            return None
        return self.choices[LETTER_IDS.index(self.answer)]


@dataclass(frozen=True)
class Quiz:
    title: str
    round_size: int
    letters: tuple[str, ...]  # how LETTER_IDS are said and shown
    prompts: Mapping[str, str]
    questions: Mapping[str, Question]  # in the file's order
    # Groups of question ids that never share a round: one would give the other away.
    apart: tuple[tuple[str, ...], ...] = ()

    def prompt(self, key: str) -> str:
        return self.prompts[key]


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str


@dataclass(frozen=True, eq=False)
class Content:
    """One locale's words. Compared and hashed by identity: each is loaded once."""

    locale: str
    skill_name: str
    source: Source
    numbers: Mapping[str, Number]
    topics: Mapping[str, Topic]
    tip_categories: tuple[str, ...]
    tips: tuple[Tip, ...]
    help: Help
    footer: str
    prompts: Mapping[str, str]
    screen: ScreenWords
    # Words of the classroom player's page, by key (the tool checks which keys it needs).
    classroom: Mapping[str, str]
    quiz: Quiz

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def tip(self, tip_id: str) -> Tip:
        for tip in self.tips:
            if tip.id == tip_id:
                return tip
        raise KeyError(tip_id)

    def offer(self, target: str | None) -> str | None:
        """The question that offers ``target`` (a topic id or the hotline)."""
        if target == HOTLINE_TARGET:
            return self.help.offer
        topic = self.topics.get(target) if target else None
        return topic.offer if topic else None

    def english_names(self) -> tuple[str, ...]:
        """The English names said inside this locale's speech (``classroom.english_words``),
        longest first; none when the locale is English."""
        if self.locale.split("-")[0] == ENGLISH:
            return ()
        raw = self.classroom.get("english_words", "")
        names = {t.strip() for t in raw.split(ENGLISH_WORDS_SEPARATOR) if t.strip()}
        return tuple(sorted(names, key=lambda t: (-len(t), t)))

    def prompt(self, key: str, **fields: object) -> str:
        """Prompt ``key`` with its own ``fields`` filled in; number placeholders stay."""
        return self.fill(self.prompts[key], **fields)

    def fill(self, text: str, **fields: object) -> str:
        """``text`` with ``fields`` filled in; number placeholders stay for the renderer."""
        if not fields:
            return text
        return fill_fields(
            text, {**keep_numbers(self.numbers), **{k: str(v) for k, v in fields.items()}}
        )
