"""One content file's parsed YAML -> :class:`~skill.content.model.Content`, or a ContentError.

:func:`parse_content` reads the sections in a fixed order, so a file with
several mistakes always reports the same one first: the locale, the skill's
name and the source page; the numbers (every other text may name them); the
prompts; help; the topics; the tip categories (each a topic, its tips that
topic's items); the footer; the screen words; the classroom page's words; the
quiz. The small top-level sections are read here, each larger one by its own
module (:mod:`.numbers`, :mod:`.help`, :mod:`.topics`, :mod:`.screen`,
:mod:`.quiz`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.content.help import load_help
from skill.content.model import Content, Source, Tip
from skill.content.numbers import load_numbers
from skill.content.quiz import load_quiz
from skill.content.reading import Placeholders, Reader
from skill.content.screen import load_screen
from skill.content.topics import load_topics

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
    "off_topic": frozenset(),
    "fallback_menu": frozenset(),
    "fallback_topic": frozenset({"title"}),
    "error": frozenset(),
    "goodbye": frozenset(),
    "goodbye_no": frozenset(),
    "goodbye_thanks": frozenset(),
    "lesson_part": frozenset({"number", "total"}),
    "lesson_next": frozenset(),
    "lesson_end": frozenset(),
    "lesson_quiz": frozenset(),
    "lesson_goodbye": frozenset(),
}


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
    r = Reader(source)
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

    numbers = load_numbers(r, r.key(root, "numbers", ""))
    ph = Placeholders(r, numbers)

    raw_prompts = r.mapping(r.key(root, "prompts", ""), "prompts")
    r.only_keys(raw_prompts, tuple(PROMPTS), "prompts")
    prompts = {
        key: ph.check(
            r.text(r.key(raw_prompts, key, "prompts"), f"prompts.{key}"), f"prompts.{key}", fields
        )
        for key, fields in PROMPTS.items()
    }

    help_ = load_help(r, ph, r.key(root, "help", ""))

    topics = load_topics(r, ph, r.key(root, "topics", ""), prompts, help_.offer)

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
    screen = load_screen(r, ph, r.key(root, "screen", ""))
    raw_classroom = r.mapping(r.key(root, "classroom", ""), "classroom")
    classroom = {
        r.ident(key, f"classroom.{key}"): ph.check(
            r.text(value, f"classroom.{key}"), f"classroom.{key}"
        )
        for key, value in raw_classroom.items()
    }
    quiz = load_quiz(r, ph, r.key(root, "quiz", ""))

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
