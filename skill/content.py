"""Load and validate the skill's words from content/<locale>.yaml.

Every user-facing sentence lives in those files. They are read once at start-up
into frozen dataclasses; anything missing or malformed stops start-up with a
:class:`ContentError` that names the file and the key path.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from skill.config import Settings
from skill.paging import page_bounds
from skill.state import MAX_QUIZ_BANK, MAX_QUIZ_ROUND

DEFAULT_LOCALE = "en-US"
# The `then` of a topic that offers the hotline instead of another topic.
HOTLINE_TARGET = "hotline"
SAY_AS_KINDS = frozenset({"telephone", "digits"})
# How a number may be asked for in a text: "{name}" or "{name:slow}".
NUMBER_SPECS = frozenset({"", "slow"})
STYLES = frozenset({"prose", "list"})
# Help situations the skill's intents name, and the hotline questions it answers.
SITUATIONS = ("info", "danger", "emergency", "home")
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
# libyaml's loader where PyYAML was built with it (several times faster), else pure Python.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LOCALE_RE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")

# Every prompt, with the placeholders it may use besides the numbers.
PROMPTS: Mapping[str, frozenset[str]] = {
    "welcome": frozenset(),
    "welcome_reprompt": frozenset(),
    "menu_full": frozenset(),
    "menu_short": frozenset(),
    "menu_reprompt": frozenset(),
    "okay": frozenset(),
    "no_list": frozenset(),
    "first_items": frozenset({"size"}),
    "list_beginning": frozenset(),
    "page_reprompt": frozenset(),
    "category_question": frozenset(),
    "category_reprompt": frozenset(),
    "category_unknown": frozenset(),
    "tip_lead": frozenset(),
    "tip_question": frozenset(),
    "tip_reprompt": frozenset(),
    "tips_restart": frozenset(),
    "tip_first": frozenset(),
    "source": frozenset({"source_title", "publisher"}),
    "language": frozenset(),
    "help_first": frozenset(),
    "help_menu": frozenset(),
    "help_list": frozenset({"title", "first", "last", "total"}),
    "help_lead": frozenset({"title"}),
    "help_prose": frozenset({"title"}),
    "help_category": frozenset(),
    "help_tip": frozenset(),
    "help_help": frozenset(),
    "fallback": frozenset(),
    "fallback_menu": frozenset(),
    "fallback_topic": frozenset({"title"}),
    "error": frozenset(),
    "goodbye": frozenset(),
    "goodbye_no": frozenset(),
    "goodbye_thanks": frozenset(),
}


# Every quiz prompt, with the placeholders it may use besides the numbers.
QUIZ_PROMPTS: Mapping[str, frozenset[str]] = {
    "intro": frozenset({"total"}),
    "number": frozenset({"number", "total"}),
    "choice": frozenset({"letter", "words"}),
    "ask_choice": frozenset(),
    "ask_true_false": frozenset(),
    "reprompt_choice": frozenset(),
    "reprompt_true_false": frozenset(),
    "right": frozenset(),
    "wrong_choice": frozenset({"letter"}),
    "wrong_true": frozenset(),
    "wrong_false": frozenset(),
    "true": frozenset(),
    "false": frozenset(),
    "skip": frozenset(),
    "move_on": frozenset(),
    "not_a_choice": frozenset(),
    "fallback": frozenset(),
    "reask_choice": frozenset(),
    "reask_true_false": frozenset(),
    "ready": frozenset({"number"}),
    "ready_reprompt": frozenset(),
    "score": frozenset({"score", "total"}),
    "encourage_all": frozenset(),
    "encourage_most": frozenset(),
    "encourage_some": frozenset(),
    "offer": frozenset(),
    "offer_reprompt": frozenset(),
    "help_choice": frozenset(),
    "help_true_false": frozenset(),
    "help_ready": frozenset(),
    "help_round": frozenset(),
    "resume": frozenset(),
    "resume_round": frozenset(),
    "goodbye": frozenset({"score", "total"}),
}


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


@dataclass(frozen=True)
class Help:
    title: str
    offer: str
    situations: Mapping[str, Situation]
    details: Mapping[str, tuple[str, ...]]
    more: tuple[str, ...]
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

    @property
    def source_url(self) -> str:
        return self.source.url

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

    def prompt(self, key: str, **fields: object) -> str:
        """Prompt ``key`` with its own ``fields`` filled in; number placeholders stay."""
        return self.fill(self.prompts[key], **fields)

    def fill(self, text: str, **fields: object) -> str:
        """``text`` with ``fields`` filled in; number placeholders stay for the renderer."""
        if not fields:
            return text
        return fill_fields(text, {**_keep(self.numbers), **{k: str(v) for k, v in fields.items()}})


def fill_fields(text: str, fields: Mapping[str, str]) -> str:
    """``text`` with its ``{name}`` fields replaced, ``{name:spec}`` kept as written."""
    out: list[str] = []
    for literal, name, spec, _conv in string.Formatter().parse(text):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if spec:
            out.append("{" + name + ":" + spec + "}")
        else:
            out.append(fields[name])
    return "".join(out)


# --- reading helpers -------------------------------------------------------


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> ContentError:
        return ContentError(f"{self.source}: {path}: {message}")

    def mapping(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        return value

    def key(self, parent: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in parent or parent[key] is None:
            raise self.fail(f"{path}.{key}" if path else key, "missing")
        return parent[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {type(value).__name__}")
        if not value.strip():
            raise self.fail(path, "is empty")
        return value.strip()

    def texts(self, value: Any, path: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise self.fail(path, f"expected a list, got {type(value).__name__}")
        if not value and not allow_empty:
            raise self.fail(path, "is an empty list")
        return tuple(self.text(v, f"{path}[{i}]") for i, v in enumerate(value))

    def ident(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if not _ID_RE.match(text):
            raise self.fail(path, f"{text!r} is not a lowercase id (letters, digits, _)")
        return text

    def positive_int(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(path, f"expected a whole number of at least 1, got {value!r}")
        return value

    def flag(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {value!r}")
        return value

    def only_keys(self, m: Mapping[str, Any], allowed: Sequence[str], path: str) -> None:
        unknown = sorted(set(m) - set(allowed))
        if unknown:
            where = f"{path}.{unknown[0]}" if path else str(unknown[0])
            raise self.fail(where, "is not a key the skill uses")


class _Placeholders:
    """Checks the ``{placeholders}`` of every text against what may fill them."""

    def __init__(self, r: _Reader, numbers: Mapping[str, Number]) -> None:
        self.r = r
        self.numbers = numbers

    def check(self, text: str, path: str, fields: frozenset[str] = frozenset()) -> str:
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise self.r.fail(path, f"bad braces in {text!r}: {exc}") from exc
        for _literal, name, spec, conversion in parsed:
            if name is None:
                continue
            if conversion:
                raise self.r.fail(path, f"{{{name}!{conversion}}}: conversions are not allowed")
            if name in fields and not spec:
                continue
            if name not in self.numbers:
                raise self.r.fail(path, f"unknown placeholder {{{name}}}")
            if spec not in NUMBER_SPECS:
                raise self.r.fail(path, f"{{{name}:{spec}}}: the only way is {{{name}:slow}}")
        return text

    def all(self, texts: Sequence[str], path: str) -> tuple[str, ...]:
        return tuple(self.check(t, f"{path}[{i}]") for i, t in enumerate(texts))


# --- sections ------------------------------------------------------------------

_TOPIC_KEYS = (
    "id",
    "title",
    "offer",
    "style",
    "page_size",
    "lead",
    "lead_question",
    "count",
    "more",
    "items",
    "after_last",
    "then",
)


def _load_numbers(r: _Reader, raw: Any) -> dict[str, Number]:
    numbers: dict[str, Number] = {}
    for name, value in r.mapping(raw, "numbers").items():
        path = f"numbers.{name}"
        r.ident(name, path)
        n = r.mapping(value, path)
        r.only_keys(n, ("value", "say_as", "spoken"), path)
        raw_value = n.get("value")
        if isinstance(raw_value, int) and not isinstance(raw_value, bool):
            raise r.fail(f"{path}.value", "write the number as quoted text")
        say_as = r.text(n["say_as"], f"{path}.say_as") if n.get("say_as") is not None else None
        spoken = r.text(n["spoken"], f"{path}.spoken") if n.get("spoken") is not None else None
        if (say_as is None) == (spoken is None):
            raise r.fail(path, "give exactly one of say_as and spoken")
        if say_as is not None and say_as not in SAY_AS_KINDS:
            raise r.fail(f"{path}.say_as", f"must be one of {sorted(SAY_AS_KINDS)}")
        numbers[name] = Number(r.text(r.key(n, "value", path), f"{path}.value"), say_as, spoken)
    return numbers


def _load_topic(
    r: _Reader, ph: _Placeholders, raw: Any, path: str, prompts: Mapping[str, str]
) -> Topic:
    m = r.mapping(raw, path)
    r.only_keys(m, _TOPIC_KEYS, path)

    def text(key: str) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}")

    def optional_texts(key: str) -> tuple[str, ...]:
        raw_texts = m.get(key)
        if raw_texts is None:
            return ()
        return ph.all(r.texts(raw_texts, f"{path}.{key}"), f"{path}.{key}")

    topic_id = r.ident(r.key(m, "id", path), f"{path}.id")
    title, offer = text("title"), text("offer")
    style = r.text(r.key(m, "style", path), f"{path}.style")
    if style not in STYLES:
        raise r.fail(f"{path}.style", f"must be one of {sorted(STYLES)}, got {style!r}")
    page_size = r.positive_int(r.key(m, "page_size", path), f"{path}.page_size")
    items = ph.all(r.texts(r.key(m, "items", path), f"{path}.items"), f"{path}.items")
    lead = optional_texts("lead")
    after_last = optional_texts("after_last")
    then = r.ident(m["then"], f"{path}.then") if m.get("then") is not None else None
    bounds = page_bounds(len(items), page_size)

    lead_question = None
    if lead:
        lead_question = text("lead_question")
    elif "lead_question" in m:
        raise r.fail(f"{path}.lead_question", "has no lead to follow")
    count_lead: tuple[str, ...] = ()
    more = None
    if style == "list":
        count = ph.check(
            r.text(r.key(m, "count", path), f"{path}.count"), f"{path}.count", frozenset({"count"})
        )
        count_lead = (fill_fields(count, {"count": str(len(items)), **_keep(ph.numbers)}),)
        if len(bounds) > 1:
            first_size = bounds[0][1] - bounds[0][0]
            first_items = fill_fields(
                prompts["first_items"], {"size": str(first_size), **_keep(ph.numbers)}
            )
            count_lead += (first_items,)
    elif "count" in m:
        raise r.fail(f"{path}.count", "is only for lists")
    if len(bounds) > 1:
        more = text("more")
    elif "more" in m:
        raise r.fail(f"{path}.more", "is only for topics of more than one page")

    pages: list[Page] = []
    if lead:
        pages.append(Page(lead, (), 0, (), lead_question or "", False))
    for n, (start, stop) in enumerate(bounds):
        is_last = n == len(bounds) - 1
        pages.append(
            Page(
                lead=count_lead if n == 0 else (),
                items=items[start:stop],
                first=start + 1,
                after=after_last if is_last else (),
                question="" if is_last else (more or ""),
                is_last=is_last,
            )
        )
    return Topic(topic_id, title, offer, style, len(items), then, tuple(pages))


def _keep(numbers: Mapping[str, Number]) -> dict[str, str]:
    return {name: "{" + name + "}" for name in numbers}


def _with_end_questions(r: _Reader, topics: dict[str, Topic], help_offer: str) -> None:
    """Give each topic's last page the question that offers what comes next."""
    for i, topic in enumerate(list(topics.values())):
        if topic.then is None:
            question = ""
        elif topic.then == HOTLINE_TARGET:
            question = help_offer
        elif topic.then in topics:
            question = topics[topic.then].offer
        else:
            raise r.fail(f"topics[{i}].then", f"{topic.then!r} is neither a topic id nor 'hotline'")
        last = topic.pages[-1]
        pages = (*topic.pages[:-1], Page(*_page_fields(last, question)))
        topics[topic.id] = Topic(
            topic.id, topic.title, topic.offer, topic.style, topic.total, topic.then, pages
        )


def _page_fields(page: Page, question: str) -> tuple[Any, ...]:
    return (page.lead, page.items, page.first, page.after, question, page.is_last)


_HELP_KEYS = (
    "title",
    "offer",
    "situations",
    "details",
    "more",
    "question_again",
    "question_open",
    "reprompt_again",
    "reprompt_open",
    "resume",
    "card",
)


def _load_help(r: _Reader, ph: _Placeholders, raw: Any) -> Help:
    path = "help"
    m = r.mapping(raw, path)
    r.only_keys(m, _HELP_KEYS, path)

    def text(key: str, fields: frozenset[str] = frozenset()) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}", fields)

    def texts(value: Any, where: str) -> tuple[str, ...]:
        return ph.all(r.texts(value, where), where)

    raw_situations = r.mapping(r.key(m, "situations", path), f"{path}.situations")
    r.only_keys(raw_situations, SITUATIONS, f"{path}.situations")
    situations: dict[str, Situation] = {}
    for sid in SITUATIONS:
        spath = f"{path}.situations.{sid}"
        s = r.mapping(r.key(raw_situations, sid, f"{path}.situations"), spath)
        r.only_keys(s, ("lines", "again"), spath)
        situations[sid] = Situation(
            sid,
            texts(r.key(s, "lines", spath), f"{spath}.lines"),
            r.flag(r.key(s, "again", spath), f"{spath}.again"),
        )
    raw_details = r.mapping(r.key(m, "details", path), f"{path}.details")
    r.only_keys(raw_details, DETAILS, f"{path}.details")
    details = {
        d: texts(r.key(raw_details, d, f"{path}.details"), f"{path}.details.{d}") for d in DETAILS
    }
    return Help(
        title=text("title"),
        offer=text("offer"),
        situations=situations,
        details=details,
        more=texts(r.key(m, "more", path), f"{path}.more"),
        question_again=text("question_again"),
        question_open=text("question_open"),
        reprompt_again=text("reprompt_again"),
        reprompt_open=text("reprompt_open"),
        resume=text("resume", frozenset({"title"})),
        card=texts(r.key(m, "card", path), f"{path}.card"),
    )


SCREEN_BUTTONS = ("more", "back", "help")
_SCREEN_KEYS = (
    "buttons",
    "position",
    "position_one",
    "hint",
    "hint_more",
    "resources",
    "quiz_position",
)
_POSITION_FIELDS = frozenset({"first", "last", "total"})
_QUIZ_POSITION_FIELDS = frozenset({"number", "total"})


def _load_screen(r: _Reader, ph: _Placeholders, raw: Any) -> ScreenWords:
    path = "screen"
    m = r.mapping(raw, path)
    r.only_keys(m, _SCREEN_KEYS, path)

    def text(key: str, fields: frozenset[str] = frozenset()) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}", fields)

    raw_buttons = r.mapping(r.key(m, "buttons", path), f"{path}.buttons")
    r.only_keys(raw_buttons, SCREEN_BUTTONS, f"{path}.buttons")
    buttons = {
        b: r.text(r.key(raw_buttons, b, f"{path}.buttons"), f"{path}.buttons.{b}")
        for b in SCREEN_BUTTONS
    }
    position = text("position", _POSITION_FIELDS)
    position_one = text("position_one", _POSITION_FIELDS)
    quiz_position = text("quiz_position", _QUIZ_POSITION_FIELDS)
    for key, value, needed in (
        ("position", position, _POSITION_FIELDS),
        ("position_one", position_one, frozenset({"first", "total"})),
        ("quiz_position", quiz_position, _QUIZ_POSITION_FIELDS),
    ):
        used = {name for _l, name, _s, _c in string.Formatter().parse(value) if name}
        if not needed <= used:
            missing = ", ".join("{" + n + "}" for n in sorted(needed - used))
            raise r.fail(f"{path}.{key}", f"must show {missing}")
    raw_resources = r.key(m, "resources", path)
    if not isinstance(raw_resources, list) or not raw_resources:
        raise r.fail(f"{path}.resources", "expected a non-empty list")
    resources: list[Resource] = []
    for i, item in enumerate(raw_resources):
        rpath = f"{path}.resources[{i}]"
        entry = r.mapping(item, rpath)
        r.only_keys(entry, ("label", "value"), rpath)
        label = ph.check(r.text(r.key(entry, "label", rpath), f"{rpath}.label"), f"{rpath}.label")
        value = ph.check(r.text(r.key(entry, "value", rpath), f"{rpath}.value"), f"{rpath}.value")
        resources.append(Resource(label, value))
    return ScreenWords(
        buttons=buttons,
        position=position,
        position_one=position_one,
        hint=text("hint"),
        hint_more=text("hint_more"),
        resources=tuple(resources),
        quiz_position=quiz_position,
    )


_QUIZ_KEYS = ("title", "round_size", "letters", "prompts", "questions")
_QUESTION_KEYS = ("id", "kind", "text", "choices", "answer", "source", "explain")


def _load_question(r: _Reader, ph: _Placeholders, raw: Any, path: str) -> Question:
    m = r.mapping(raw, path)
    r.only_keys(m, _QUESTION_KEYS, path)

    def text(key: str) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}")

    question_id = r.ident(r.key(m, "id", path), f"{path}.id")
    if len(question_id) > MAX_QUESTION_ID:
        raise r.fail(f"{path}.id", f"is longer than {MAX_QUESTION_ID} characters")
    kind = r.text(r.key(m, "kind", path), f"{path}.kind")
    if kind not in QUESTION_KINDS:
        raise r.fail(f"{path}.kind", f"must be one of {list(QUESTION_KINDS)}, got {kind!r}")
    raw_answer = r.key(m, "answer", path)
    choices: tuple[Choice, ...] = ()
    if kind == TRUE_FALSE:
        if "choices" in m:
            raise r.fail(f"{path}.choices", "are only for questions of kind choice")
        answer = TRUE if r.flag(raw_answer, f"{path}.answer") else FALSE
    else:
        raw_choices = r.key(m, "choices", path)
        if not isinstance(raw_choices, list) or len(raw_choices) != len(LETTER_IDS):
            raise r.fail(f"{path}.choices", f"expected a list of {len(LETTER_IDS)} choices")
        found: list[Choice] = []
        for n, raw_choice in enumerate(raw_choices):
            cpath = f"{path}.choices[{n}]"
            c = r.mapping(raw_choice, cpath)
            r.only_keys(c, ("id", "text"), cpath)
            choice_id = r.ident(r.key(c, "id", cpath), f"{cpath}.id")
            if choice_id in RESERVED_ANSWER_IDS:
                raise r.fail(f"{cpath}.id", f"{choice_id!r} is a letter or true/false answer id")
            if choice_id in {f.id for f in found}:
                raise r.fail(f"{cpath}.id", f"duplicate choice id {choice_id!r}")
            choice_text = r.text(r.key(c, "text", cpath), f"{cpath}.text")
            found.append(Choice(choice_id, ph.check(choice_text, f"{cpath}.text")))
        choices = tuple(found)
        answer = r.text(raw_answer, f"{path}.answer") if isinstance(raw_answer, str) else ""
        if answer not in LETTER_IDS:
            raise r.fail(f"{path}.answer", f"must be one of {list(LETTER_IDS)}, got {raw_answer!r}")
    return Question(
        id=question_id,
        kind=kind,
        text=text("text"),
        choices=choices,
        answer=answer,
        source=text("source"),
        explain=text("explain"),
    )


def _load_quiz(r: _Reader, ph: _Placeholders, raw: Any) -> Quiz:
    path = "quiz"
    m = r.mapping(raw, path)
    r.only_keys(m, _QUIZ_KEYS, path)
    title = ph.check(r.text(r.key(m, "title", path), f"{path}.title"), f"{path}.title")
    round_size = r.positive_int(r.key(m, "round_size", path), f"{path}.round_size")
    if round_size > MAX_QUIZ_ROUND:
        raise r.fail(f"{path}.round_size", f"must be at most {MAX_QUIZ_ROUND}")
    letters = r.texts(r.key(m, "letters", path), f"{path}.letters")
    if len(letters) != len(LETTER_IDS):
        raise r.fail(f"{path}.letters", f"expected {len(LETTER_IDS)} letters, got {len(letters)}")
    ppath = f"{path}.prompts"
    raw_prompts = r.mapping(r.key(m, "prompts", path), ppath)
    r.only_keys(raw_prompts, tuple(QUIZ_PROMPTS), ppath)
    prompts = {
        key: ph.check(
            r.text(r.key(raw_prompts, key, ppath), f"{ppath}.{key}"), f"{ppath}.{key}", fields
        )
        for key, fields in QUIZ_PROMPTS.items()
    }
    qpath = f"{path}.questions"
    raw_questions = r.key(m, "questions", path)
    if not isinstance(raw_questions, list) or not raw_questions:
        raise r.fail(qpath, "expected a non-empty list")
    if len(raw_questions) > MAX_QUIZ_BANK:
        raise r.fail(qpath, f"has {len(raw_questions)} questions; at most {MAX_QUIZ_BANK}")
    questions: dict[str, Question] = {}
    words: dict[str, tuple[str, str]] = {}  # choice id -> (its text, where first seen)
    for i, raw_question in enumerate(raw_questions):
        question = _load_question(r, ph, raw_question, f"{qpath}[{i}]")
        if question.id in questions:
            raise r.fail(f"{qpath}[{i}].id", f"duplicate id {question.id!r}")
        questions[question.id] = question
        for n, choice in enumerate(question.choices):
            first = words.setdefault(choice.id, (choice.text, f"{qpath}[{i}].choices[{n}]"))
            if first[0] != choice.text:
                raise r.fail(
                    f"{qpath}[{i}].choices[{n}].text",
                    f"choice id {choice.id!r} has other words at {first[1]}",
                )
    if round_size > len(questions):
        raise r.fail(f"{path}.round_size", f"is more than the {len(questions)} questions")
    return Quiz(title, round_size, letters, prompts, questions)


_ROOT_KEYS = (
    "locale",
    "skill_name",
    "source",
    "numbers",
    "topics",
    "tip_categories",
    "help",
    "footer",
    "screen",
    "prompts",
    "classroom",
    "quiz",
)


def parse_content(data: Any, source: str) -> Content:
    """Validate parsed YAML ``data``; ``source`` names the file in errors."""
    r = _Reader(source)
    root = r.mapping(data, "(top level)")
    r.only_keys(root, _ROOT_KEYS, "")
    locale = r.text(r.key(root, "locale", ""), "locale")
    if not _LOCALE_RE.match(locale):
        raise r.fail("locale", f"{locale!r} is not a locale such as en-US")
    skill_name = r.text(r.key(root, "skill_name", ""), "skill_name")
    source_map = r.mapping(r.key(root, "source", ""), "source")
    r.only_keys(source_map, ("title", "publisher", "url"), "source")
    page_source = Source(
        *(
            r.text(r.key(source_map, k, "source"), f"source.{k}")
            for k in ("title", "publisher", "url")
        )
    )

    numbers = _load_numbers(r, r.key(root, "numbers", ""))
    ph = _Placeholders(r, numbers)

    raw_prompts = r.mapping(r.key(root, "prompts", ""), "prompts")
    r.only_keys(raw_prompts, tuple(PROMPTS), "prompts")
    prompts = {
        key: ph.check(
            r.text(r.key(raw_prompts, key, "prompts"), f"prompts.{key}"), f"prompts.{key}", fields
        )
        for key, fields in PROMPTS.items()
    }

    help_ = _load_help(r, ph, r.key(root, "help", ""))

    raw_topics = r.key(root, "topics", "")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise r.fail("topics", "expected a non-empty list")
    topics: dict[str, Topic] = {}
    for i, raw in enumerate(raw_topics):
        topic = _load_topic(r, ph, raw, f"topics[{i}]", prompts)
        if topic.id in topics:
            raise r.fail(f"topics[{i}].id", f"duplicate id {topic.id!r}")
        topics[topic.id] = topic
    _with_end_questions(r, topics, help_.offer)

    categories = tuple(
        r.ident(c, f"tip_categories[{i}]")
        for i, c in enumerate(r.texts(r.key(root, "tip_categories", ""), "tip_categories"))
    )
    if len(set(categories)) != len(categories):
        raise r.fail("tip_categories", "lists a category twice")
    for i, c in enumerate(categories):
        if c not in topics:
            raise r.fail(f"tip_categories[{i}]", f"{c!r} is not a topic id")
    tips = tuple(
        Tip(f"{c}.{n}", c, item) for c in categories for n, item in enumerate(topics[c].items, 1)
    )
    footer = ph.check(r.text(r.key(root, "footer", ""), "footer"), "footer")
    screen = _load_screen(r, ph, r.key(root, "screen", ""))
    raw_classroom = r.mapping(r.key(root, "classroom", ""), "classroom")
    classroom = {
        r.ident(key, f"classroom.{key}"): ph.check(
            r.text(value, f"classroom.{key}"), f"classroom.{key}"
        )
        for key, value in raw_classroom.items()
    }
    quiz = _load_quiz(r, ph, r.key(root, "quiz", ""))

    return Content(
        locale=locale,
        skill_name=skill_name,
        source=page_source,
        numbers=numbers,
        topics=topics,
        tip_categories=categories,
        tips=tips,
        help=help_,
        footer=footer,
        prompts=prompts,
        screen=screen,
        classroom=classroom,
        quiz=quiz,
    )


def load_file(path: Path) -> Content:
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=_YAML_LOADER)
    except OSError as exc:
        raise ContentError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc
    content = parse_content(data, str(path))
    if content.locale != path.stem:
        raise ContentError(f"{path}: locale: {content.locale!r} does not match the file name")
    return content


def content_dir() -> Path:
    """The content folder the environment names (``SKILL_CONTENT_DIR``), else the default."""
    return Settings.from_environ().content_dir


@dataclass(frozen=True)
class Library:
    """All locales' content, with a default for locales the skill does not speak."""

    by_locale: Mapping[str, Content]
    default: str = DEFAULT_LOCALE

    def for_locale(self, locale: str | None) -> Content:
        if locale and locale in self.by_locale:
            return self.by_locale[locale]
        return self.by_locale[self.default]


def load_library(directory: Path | None = None) -> Library:
    directory = directory or content_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ContentError(f"{directory}: no content files (*.yaml)")
    by_locale = {c.locale: c for c in (load_file(f) for f in files)}
    if DEFAULT_LOCALE not in by_locale:
        raise ContentError(f"{directory}: no {DEFAULT_LOCALE}.yaml")
    return Library(by_locale)


@cache
def default_library() -> Library:
    """The library from the default content directory, loaded once per process."""
    return load_library()
