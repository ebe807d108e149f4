"""Checks that every quiz question comes from the content's own facts.

:func:`quiz_problems` is pure: given loaded content, it returns one line per
problem (empty when there is none). For each question it checks that

- its ``source`` is in the page text: a topic's lead sentences, items or
  closing sentences, or the help section's lines (numbers filled in);
- its ``explain`` sentence is in that text too;
- the source supports the answer: for a question with choices, every key word
  of the right choice is in the source, and no wrong choice has all of its key
  words there; for a true statement, at least three quarters of its key words
  are in the source; for a false one, at least half are (it is about that
  sentence) but not all (something was turned around).

Words are compared case-folded, without punctuation; key words are words of
four letters or more, and numbers. For the support rules, words are compared
by their first six letters, so that most word endings do not make another
word: "interpreter" and "interpreters", "bloquea" and "bloquear" (Spanish
conjugates much more than English). Whether a false statement is the *clear*
opposite of its source, and a wrong choice harmless, stays a reviewer's call:
these rules only catch a question that drifted away from the page.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence

from skill.content import CHOICE, LETTER_IDS, TRUE, Content, Number, Question

MIN_TRUE_SUPPORT = 0.75
MIN_FALSE_SUPPORT = 0.5
MIN_KEY_WORD = 4
# Letters of a word compared by the support rules (its stem, roughly).
STEM_LETTERS = 6

_WORD = re.compile(r"[^\W_]+")
Words = tuple[str, ...]


def plain(text: str, numbers: Mapping[str, Number]) -> str:
    """``text`` with every ``{number}`` placeholder written as its value."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            number = numbers.get(name)
            out.append(number.value if number else "{" + name + "}")
    return "".join(out)


def words(text: str) -> Words:
    return tuple(_WORD.findall(text.casefold().replace("\u2019", "'")))


def key_words(said: Sequence[str]) -> set[str]:
    return {w for w in said if len(w) >= MIN_KEY_WORD or w.isdigit()}


def stem(word: str) -> str:
    """The part of ``word`` the support rules compare: its first letters (numbers whole)."""
    return word if word.isdigit() else word[:STEM_LETTERS]


def missing_words(keys: set[str], have: set[str]) -> set[str]:
    """The key words whose stem is not among the stems ``have``."""
    return {k for k in keys if stem(k) not in have}


def contains(whole: Words, part: Words) -> bool:
    """Whether ``part`` occurs in ``whole`` as consecutive words."""
    if not part:
        return False
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def topic_texts(content: Content) -> tuple[str, ...]:
    """The page's text as the topics hold it: lead sentences, items, closing sentences.

    A list page's own lead ("There are 11 risk factors.") is the skill's, not
    the page's, and is left out.
    """
    texts: list[str] = []
    for topic in content.topics.values():
        for page in topic.pages:
            if not page.items:
                texts.extend(page.lead)
            texts.extend(page.items)
            texts.extend(page.after)
    return tuple(plain(t, content.numbers) for t in texts)


def help_texts(content: Content) -> tuple[str, ...]:
    """The help section's facts: what each situation and each line says, and the card."""
    h = content.help
    texts = [line for situation in h.situations.values() for line in situation.lines]
    for help_line in h.lines.values():
        texts += [line for lines in help_line.details.values() for line in lines]
        texts += [*help_line.about, *help_line.more]
    texts += h.card
    return tuple(plain(t, content.numbers) for t in texts)


def page_texts(content: Content) -> tuple[str, ...]:
    """The texts a question may come from: the topics' text and the help section."""
    return topic_texts(content) + help_texts(content)


def _in_page(page: Iterable[Words], text: Words) -> bool:
    return any(contains(sentence, text) for sentence in page)


def _support(question: Question, source: Words, numbers: Mapping[str, Number]) -> list[str]:
    """Why ``source`` does not support the question's answer (empty when it does)."""
    have = {stem(w) for w in source}
    if question.kind == CHOICE:
        problems: list[str] = []
        for letter, choice in zip(LETTER_IDS, question.choices, strict=True):
            keys = key_words(words(plain(choice.text, numbers)))
            missing = missing_words(keys, have)
            if letter == question.answer:
                if not keys:
                    problems.append(f"the right choice {choice.text!r} has no key word to check")
                elif missing:
                    problems.append(
                        f"the right choice {choice.text!r} is not in the source "
                        f"(no {', '.join(sorted(missing))})"
                    )
            elif keys and not missing:
                problems.append(f"the wrong choice {choice.text!r} is in the source too")
        return problems
    keys = key_words(words(plain(question.text, numbers)))
    if not keys:
        return ["the statement has no key word to check"]
    missing = missing_words(keys, have)
    share = 1 - len(missing) / len(keys)
    if question.answer == TRUE:
        if share < MIN_TRUE_SUPPORT:
            return [
                f"the true statement is not what the source says (no {', '.join(sorted(missing))})"
            ]
        return []
    if share < MIN_FALSE_SUPPORT:
        return ["the false statement is not about its source"]
    if share == 1:
        return ["the false statement says only what the source says"]
    return []


def quiz_problems(content: Content) -> list[str]:
    """Every way a quiz question strays from the content's facts, one line each."""
    page = tuple(words(t) for t in page_texts(content))
    problems: list[str] = []
    for i, question in enumerate(content.quiz.questions.values()):
        where = f"quiz.questions[{i}] ({question.id})"
        source = words(plain(question.source, content.numbers))
        if not _in_page(page, source):
            problems.append(f"{where}.source: not in the page or help text: {question.source!r}")
        explain = words(plain(question.explain, content.numbers))
        if not _in_page(page, explain):
            problems.append(f"{where}.explain: not in the page or help text: {question.explain!r}")
        problems.extend(
            f"{where}.answer: {why}" for why in _support(question, source, content.numbers)
        )
    return problems
