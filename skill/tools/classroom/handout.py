"""``python -m skill handout``: one printed page for the classroom wall, from the content files.

The page, in the content's language: what human trafficking is, who is most at
risk, the safety tips, and every help line (the help screen's numbers, then the
help card's lines), in type large enough to read from a desk; with
``--teacher``, then every quiz question with its answer. Every word comes from
``content/<locale>.yaml`` (the page's own headings from its ``classroom``
section), so nothing is written twice. The classroom server serves the same
pages at /handout and /handout/teacher.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from markupsafe import Markup, escape

from skill.content import CHOICE, TRUE, Content, ContentError, Question, fill_fields
from skill.tools.classroom.words import Words, english_terms, help_lines, marked_html, words_for

DEFINITION = "definition"
RISK_FACTORS = "risk_factors"

STYLE = """
@page { size: letter; margin: 9mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 0.5rem; color: #111; background: #fff;
  font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.2; overflow-wrap: break-word; }
h1 { margin: 0 0 0.2rem; font-size: 22pt; line-height: 1.1; }
h2 { margin: 0.3rem 0 0.1rem; font-size: 12.5pt; line-height: 1.15; color: #0b2545;
  break-after: avoid; }
p, ul, ol { margin: 0 0 0.2rem; }
ul, ol { padding-left: 1.1rem; }
.definition p { font-size: 12.5pt; font-weight: 600; }
.columns { column-count: 3; column-gap: 1.2rem; }
.columns li { break-inside: avoid; }
.help { margin-top: 0.4rem; padding: 0.3rem 0.6rem; border: 3pt solid #111;
  border-left-width: 10pt; break-inside: avoid; }
.help h2 { margin-top: 0; color: #111; }
.lines { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
  gap: 0.1rem 1rem; margin: 0 0 0.2rem; }
.lines dt { font-size: 10pt; line-height: 1.15; }
.lines dd { margin: 0 0 0.1rem; font-size: 16pt; font-weight: 800; line-height: 1.1; }
.more { font-size: 8pt; line-height: 1.1; margin: 0; padding-left: 1rem;
  column-count: 2; column-gap: 1.6rem; }
.more li { break-inside: avoid; }
.nowrap, .lines dd { white-space: nowrap; }
.source { margin: 0.3rem 0 0; font-size: 8.5pt; color: #333; }
.teacher { break-before: page; }
.teacher h1 { font-size: 18pt; }
.quiz { padding-left: 1.6rem; font-size: 11pt; }
.quiz li { margin-bottom: 0.3rem; break-inside: avoid; }
.quiz .choices { list-style: none; padding-left: 0; margin: 0; }
.answer { font-weight: 700; }
.why { color: #333; }
"""


def style_hash() -> str:
    """The base64 SHA-256 of the handout's style, for a Content-Security-Policy."""
    return base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")


def _text(content: Content, text: str, english: Sequence[str]) -> Markup:
    """``text`` with its numbers filled in, as HTML: English names marked, numbers whole."""
    plain = {name: number.value for name, number in content.numbers.items()}
    return marked_html(fill_fields(text, plain), english)


def _tag(tag: str, body: Markup | str, **attributes: str) -> Markup:
    attrs = Markup("").join(
        Markup(' {}="{}"').format(name.rstrip("_").replace("_", "-"), value)
        for name, value in attributes.items()
    )
    return Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), attrs, body)


def _list(tag: str, items: Iterable[Markup], **attributes: str) -> Markup:
    return _tag(tag, Markup("").join(_tag("li", item) for item in items), **attributes)


def answer_text(content: Content, question: Question) -> str:
    """The right answer as the quiz's screen words it: ``C: Freedom``, or ``True``."""
    quiz = content.quiz
    right = question.right_choice
    if right is None:
        return quiz.prompt("true" if question.answer == TRUE else "false")
    letter = quiz.letters[question.choices.index(right)]
    return content.fill(quiz.prompt("choice"), letter=letter, words=right.text)


def _quiz_item(
    content: Content, question: Question, words: Words, english: Sequence[str]
) -> Markup:
    quiz = content.quiz
    parts = [_text(content, question.text, english)]
    if question.kind == CHOICE:
        choices = (
            _text(
                content, content.fill(quiz.prompt("choice"), letter=letter, words=c.text), english
            )
            for letter, c in zip(quiz.letters, question.choices, strict=True)
        )
        parts.append(_list("ul", choices, class_="choices"))
    answer = (
        escape(words["handout_answer"])
        + " "
        + _text(content, answer_text(content, question), english)
    )
    parts.append(_tag("p", answer, class_="answer"))
    parts.append(_tag("p", _text(content, question.explain, english), class_="why"))
    return Markup("").join(parts)


def render_handout(content: Content, *, teacher: bool = False) -> str:
    """The handout for ``content``'s locale as a page of HTML; ``teacher``: with the quiz."""
    words = words_for(content)
    english = english_terms(words)

    def text(value: str) -> Markup:
        return _text(content, value, english)

    def section(title: str, body: Markup, **attributes: str) -> Markup:
        return _tag("section", _tag("h2", text(title)) + body, **attributes)

    definition = content.topic(DEFINITION)
    risk = content.topic(RISK_FACTORS)
    tips = [content.topic(category) for category in content.tip_categories]
    lines = Markup("").join(
        _tag("div", _tag("dt", text(line.label)) + _tag("dd", text(line.value)))
        for line in help_lines(content)
    )
    help_box = _tag(
        "section",
        _tag("h2", text(content.help.title))
        + _tag("dl", lines, class_="lines")
        + _list("ul", (text(line) for line in content.help.card), class_="more"),
        class_="help",
    )
    source = content.source
    page = [
        _tag("h1", text(content.skill_name)),
        section(
            definition.title,
            Markup("").join(_tag("p", text(item)) for item in definition.items),
            class_="definition",
        ),
        _tag(
            "div",
            section(risk.title, _list("ul", (text(item) for item in risk.items)))
            + Markup("").join(
                section(topic.title, _list("ul", (text(item) for item in topic.items)))
                for topic in tips
            ),
            class_="columns",
        ),
        help_box,
        _tag(
            "p",
            escape(words["handout_source"])
            + " "
            + text(f"{source.title}, {source.publisher}")
            + Markup(" ({})").format(source.url),
            class_="source",
        ),
    ]
    if teacher:
        questions = (
            _quiz_item(content, q, words, english) for q in content.quiz.questions.values()
        )
        page.append(
            _tag(
                "section",
                _tag("h1", text(words["handout_teacher"]))
                + _tag("h2", text(content.quiz.title))
                + _list("ol", questions, class_="quiz"),
                class_="teacher",
            )
        )
    title = words["handout_teacher"] if teacher else words["handout_title"]
    return (
        "<!doctype html>\n"
        + str(
            _tag(
                "html",
                _tag(
                    "head",
                    Markup('<meta charset="utf-8">')
                    + Markup('<meta name="viewport" content="width=device-width, initial-scale=1">')
                    + _tag("title", escape(f"{content.skill_name}: {title}"))
                    + _tag("style", Markup(STYLE)),
                )
                + _tag("body", Markup("\n").join(page)),
                lang=content.locale,
            )
        )
        + "\n"
    )


# --- the command -----------------------------------------------------------------------


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "handout",
        help="write a one-page handout for the classroom wall (HTML, to print)",
        description=(
            "Write the handout: what human trafficking is, who is most at risk, the safety "
            "tips and every help line, on one printed page, from the content files. Open it "
            "in a browser and print it."
        ),
    )
    parser.add_argument(
        "--locale", default=None, help="the handout's language, such as es-US (default: en-US)"
    )
    parser.add_argument(
        "--teacher", action="store_true", help="add the quiz, every question with its answer"
    )
    parser.add_argument(
        "-o", "--output", default=None, help="write to this file (default: standard output)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from skill.content import load_library

    out = out or sys.stdout
    try:
        library = load_library()
        locale = args.locale or library.default
        if locale not in library.by_locale:
            known = ", ".join(sorted(library.by_locale))
            out.write(f"error: no content for {locale!r} (there is: {known})\n")
            return 1
        html = render_handout(library.for_locale(locale), teacher=args.teacher)
    except ContentError as exc:
        out.write(f"error: {exc}\n")
        return 1
    if args.output is None:
        out.write(html)
        return 0
    target = Path(args.output)
    try:
        target.write_text(html, encoding="utf-8")
    except OSError as exc:
        out.write(f"error: cannot write {target}: {exc.strerror}\n")
        return 1
    out.write(f"Wrote {target}: open it in a browser and print it.\n")
    return 0


__all__ = ["STYLE", "add_parser", "answer_text", "render_handout", "run", "style_hash"]
