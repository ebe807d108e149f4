"""Load and validate the skill's words from content/<locale>.yaml.

Every user-facing sentence lives in those files. They are read once at start-up
into frozen dataclasses; anything missing or malformed stops start-up with a
:class:`ContentError` that names the file and the key path.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from skill.paging import page_bounds

CONTENT_DIR_ENV = "SKILL_CONTENT_DIR"
DEFAULT_LOCALE = "en-US"
HOTLINE_TARGET = "hotline"
# Topics the skill's intents open by id; every content file must have them.
DEFINITION_TOPIC = "definition"
RISK_TOPIC = "risk_factors"
REQUIRED_TOPICS = (DEFINITION_TOPIC, RISK_TOPIC)
SAY_AS_KINDS = frozenset({"telephone", "digits"})
STYLES = frozenset({"prose", "list"})
# libyaml's loader where PyYAML was built with it (several times faster), else pure Python.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LOCALE_RE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")

PROMPT_KEYS = (
    "welcome",
    "welcome_reprompt",
    "menu",
    "menu_reprompt",
    "okay",
    "page_reprompt",
    "end_reprompt",
    "list_finished",
    "list_beginning",
    "no_list",
    "category_question",
    "category_reprompt",
    "category_unknown",
    "tip_lead",
    "tip_question",
    "tip_reprompt",
    "tips_restart",
    "hotline_resume",
    "hotline_question",
    "hotline_reprompt",
    "learn_more_question",
    "help_menu",
    "help_in_list",
    "help_category",
    "help_tip",
    "fallback",
    "fallback_in_list",
    "error",
    "goodbye",
)
# Placeholders a prompt may use besides the numbers.
PROMPT_FIELDS: Mapping[str, frozenset[str]] = {
    "hotline_resume": frozenset({"title"}),
    "help_in_list": frozenset({"title"}),
    "fallback_in_list": frozenset({"title"}),
}


class ContentError(ValueError):
    """The content file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Number:
    value: str
    say_as: str


@dataclass(frozen=True)
class Page:
    """One spoken turn of a topic."""

    style: str  # "prose" or "list"
    lead: tuple[str, ...]
    items: tuple[str, ...]
    question: str  # what the skill asks after reading this page
    is_last: bool


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    then: str | None
    end_question: str
    pages: tuple[Page, ...]

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for page in self.pages for s in (*page.lead, *page.items))


@dataclass(frozen=True)
class Passage:
    title: str
    speech: tuple[str, ...]
    card: tuple[str, ...]


@dataclass(frozen=True)
class Tip:
    id: str  # "<category>.<n>", n counting from 1
    category: str
    text: str


@dataclass(frozen=True, eq=False)
class Content:
    """One locale's words. Compared and hashed by identity: each is loaded once."""

    locale: str
    skill_name: str
    source_url: str
    numbers: Mapping[str, Number]
    topics: Mapping[str, Topic]
    tip_categories: tuple[str, ...]
    tips: tuple[Tip, ...]
    hotline: Passage
    learn_more: Passage
    prompts: Mapping[str, str]

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def prompt(self, key: str, **fields: str) -> str:
        text = self.prompts[key]
        return text.format(**fields, **{n: "{" + n + "}" for n in self.numbers}) if fields else text


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


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"bad braces in {text!r}: {exc}") from exc


def _check_placeholders(
    r: _Reader, text: str, path: str, allowed: frozenset[str] | set[str]
) -> None:
    try:
        names = _placeholders(text)
    except ValueError as exc:
        raise r.fail(path, str(exc)) from exc
    unknown = sorted(names - set(allowed))
    if unknown:
        raise r.fail(path, f"unknown placeholder {{{unknown[0]}}}")


def _load_topic(r: _Reader, raw: Any, path: str) -> Topic:
    m = r.mapping(raw, path)
    topic_id = r.ident(r.key(m, "id", path), f"{path}.id")
    title = r.text(r.key(m, "title", path), f"{path}.title")
    end_question = r.text(r.key(m, "end_question", path), f"{path}.end_question")
    then = r.ident(m["then"], f"{path}.then") if m.get("then") is not None else None
    raw_sections = r.key(m, "sections", path)
    if not isinstance(raw_sections, list) or not raw_sections:
        raise r.fail(f"{path}.sections", "expected a non-empty list")

    # First collect each section's pages, then attach the question that leads on.
    section_pages: list[list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = []
    offers: list[str | None] = []
    mores: list[str | None] = []
    for i, raw_section in enumerate(raw_sections):
        spath = f"{path}.sections[{i}]"
        s = r.mapping(raw_section, spath)
        style = r.text(r.key(s, "style", spath), f"{spath}.style")
        if style not in STYLES:
            raise r.fail(f"{spath}.style", f"must be one of {sorted(STYLES)}, got {style!r}")
        page_size = r.positive_int(r.key(s, "page_size", spath), f"{spath}.page_size")
        items = r.texts(r.key(s, "items", spath), f"{spath}.items")
        lead = r.texts(s.get("lead", []), f"{spath}.lead", allow_empty=True)
        offer = r.text(s["offer"], f"{spath}.offer") if s.get("offer") is not None else None
        more = r.text(s["more"], f"{spath}.more") if s.get("more") is not None else None
        bounds = page_bounds(len(items), page_size)
        if len(bounds) > 1 and more is None:
            raise r.fail(f"{spath}.more", "missing (needed: the items fill more than one page)")
        if i > 0 and offer is None:
            raise r.fail(f"{spath}.offer", "missing (needed: it follows another section)")
        section_pages.append(
            [(style, lead if n == 0 else (), items[a:b]) for n, (a, b) in enumerate(bounds)]
        )
        offers.append(offer)
        mores.append(more)

    pages: list[Page] = []
    for i, spages in enumerate(section_pages):
        for n, (style, lead, items) in enumerate(spages):
            if n + 1 < len(spages):
                question = mores[i] or ""
            elif i + 1 < len(section_pages):
                question = offers[i + 1] or ""
            else:
                question = end_question
            pages.append(Page(style, lead, items, question, False))
    last = pages[-1]
    pages[-1] = Page(last.style, last.lead, last.items, last.question, True)
    return Topic(topic_id, title, then, end_question, tuple(pages))


def _load_passage(r: _Reader, raw: Any, path: str, numbers: set[str]) -> Passage:
    m = r.mapping(raw, path)
    passage = Passage(
        title=r.text(r.key(m, "title", path), f"{path}.title"),
        speech=r.texts(r.key(m, "speech", path), f"{path}.speech"),
        card=r.texts(r.key(m, "card", path), f"{path}.card"),
    )
    for field in ("speech", "card"):
        for i, text in enumerate(getattr(passage, field)):
            _check_placeholders(r, text, f"{path}.{field}[{i}]", numbers)
    return passage


def parse_content(data: Any, source: str) -> Content:
    """Validate parsed YAML ``data``; ``source`` names the file in errors."""
    r = _Reader(source)
    root = r.mapping(data, "(top level)")
    locale = r.text(r.key(root, "locale", ""), "locale")
    if not _LOCALE_RE.match(locale):
        raise r.fail("locale", f"{locale!r} is not a locale such as en-US")
    skill_name = r.text(r.key(root, "skill_name", ""), "skill_name")
    source_map = r.mapping(r.key(root, "source", ""), "source")
    source_url = r.text(r.key(source_map, "url", "source"), "source.url")

    numbers: dict[str, Number] = {}
    for name, raw in r.mapping(r.key(root, "numbers", ""), "numbers").items():
        npath = f"numbers.{name}"
        r.ident(name, npath)
        n = r.mapping(raw, npath)
        value = n.get("value")
        if isinstance(value, int) and not isinstance(value, bool):
            raise r.fail(f"{npath}.value", "write the number as quoted text")
        say_as = r.text(r.key(n, "say_as", npath), f"{npath}.say_as")
        if say_as not in SAY_AS_KINDS:
            raise r.fail(f"{npath}.say_as", f"must be one of {sorted(SAY_AS_KINDS)}")
        numbers[name] = Number(r.text(r.key(n, "value", npath), f"{npath}.value"), say_as)
    number_names = set(numbers)

    raw_topics = r.key(root, "topics", "")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise r.fail("topics", "expected a non-empty list")
    topics: dict[str, Topic] = {}
    for i, raw in enumerate(raw_topics):
        topic = _load_topic(r, raw, f"topics[{i}]")
        if topic.id in topics:
            raise r.fail(f"topics[{i}].id", f"duplicate id {topic.id!r}")
        topics[topic.id] = topic
    for i, topic in enumerate(topics.values()):
        if topic.then is not None and topic.then not in topics and topic.then != HOTLINE_TARGET:
            raise r.fail(f"topics[{i}].then", f"{topic.then!r} is neither a topic id nor 'hotline'")
        for text in topic.sentences + (topic.title,) + tuple(p.question for p in topic.pages):
            _check_placeholders(r, text, f"topics[{i}]", number_names)

    for topic_id in REQUIRED_TOPICS:
        if topic_id not in topics:
            raise r.fail("topics", f"no topic with id {topic_id!r} (the skill opens it by id)")

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
        Tip(f"{c}.{n}", c, item)
        for c in categories
        for n, item in enumerate((it for p in topics[c].pages for it in p.items), start=1)
    )

    hotline = _load_passage(r, r.key(root, "hotline", ""), "hotline", number_names)
    learn_more = _load_passage(r, r.key(root, "learn_more", ""), "learn_more", number_names)

    raw_prompts = r.mapping(r.key(root, "prompts", ""), "prompts")
    prompts: dict[str, str] = {}
    for key in PROMPT_KEYS:
        text = r.text(r.key(raw_prompts, key, "prompts"), f"prompts.{key}")
        _check_placeholders(
            r, text, f"prompts.{key}", number_names | PROMPT_FIELDS.get(key, frozenset())
        )
        prompts[key] = text
    unknown = sorted(set(raw_prompts) - set(PROMPT_KEYS))
    if unknown:
        raise r.fail(f"prompts.{unknown[0]}", "is not a prompt the skill uses")

    return Content(
        locale=locale,
        skill_name=skill_name,
        source_url=source_url,
        numbers=numbers,
        topics=topics,
        tip_categories=categories,
        tips=tips,
        hotline=hotline,
        learn_more=learn_more,
        prompts=prompts,
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
    env = os.environ.get(CONTENT_DIR_ENV)
    return Path(env) if env else Path(__file__).resolve().parent.parent / "content"


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
