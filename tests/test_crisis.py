"""Every kind of crisis hears its own help line in the first answer, in every mode and locale.

The crisis corpora (tests/crisis.py) are said through ``python -m skill say``'s
path; their rates, seen and held-out apart, are printed in the terminal
summary. Then each line's crisis interrupts the quiz, a list, the tips, the
menu and a question about the hotline.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from skill import intents
from skill.content import Content, default_library
from skill.handlers import build_skill
from skill.tools.nlu import FALLBACK_INTENT, available_locales, interpret, load_recognizer
from skill.tools.phrasings import CRISIS_LINES, parse_crisis
from skill.tools.simulator import LOCAL_SKILL_ID, Simulator
from tests.conversation import Conversation, Turn
from tests.corpus import TIPS_INTENTS, CorpusError
from tests.crisis import CRISIS_SCORES, Said, load_crisis
from tests.envelopes import category_slot, detail_slot, resolved_slot

# Per line, at least this many rows in the locale's two files (seen and held out).
MIN_ROWS = {"en-US": 40, "es-US": 25}
NEW_LOCALE_ROWS = 25
MIN_HELD_OUT_SHARE = 0.25
# Through a crisis intent itself, not saved by the fallback.
MIN_CRISIS_INTENT = 0.95
MIN_CRISIS_INTENT_HELD_OUT = 0.90
# Held-out rows that hear their own line (the others hear another help line).
MIN_OWN_LINE_HELD_OUT = 0.95
# What a cry for help must never reach: a quiz answer, a list or a tip.
NEVER = frozenset({intents.QUIZ_ANSWER, *TIPS_INTENTS, intents.MORE})
# The help-turn budget: an acknowledgement, 911, one line twice and a second once.
MAX_HELP_WORDS = 60

# Which intent says each line's crisis, as the routing table names its situation.
CRISIS_INTENTS = {
    "lifeline": intents.SUICIDE,
    "rainn": intents.SEXUAL_ASSAULT,
    "childhelp": intents.UNSAFE_HOME,
    "trafficking": intents.DANGER,
}


def phone(content: Content, line: str) -> str:
    return content.numbers[content.help.lines[line].phone].value


@dataclass(frozen=True)
class Heard:
    row: Said
    intent: str
    answer: str

    def describe(self) -> str:
        """The row, what it reached and the answer; a held-out row's words are not shown,
        so that a miss there is fixed by generalising, never by copying it into the model."""
        said = "(held out)" if self.row.held_out else repr(self.row.said)
        return (
            f"{self.row.where()}: {said} ({self.row.line}) -> {self.intent}: {self.answer[:90]!r}"
        )


@dataclass(frozen=True)
class CrisisScore:
    locale: str
    heard: tuple[Heard, ...]

    def part(self, held_out: bool) -> tuple[Heard, ...]:
        return tuple(h for h in self.heard if h.row.held_out == held_out)

    @staticmethod
    def rate(heard: tuple[Heard, ...], good: Callable[[Heard], bool]) -> float:
        return sum(1 for h in heard if good(h)) / len(heard) if heard else 0.0

    def report(self, content: Content) -> list[str]:
        def through_crisis(h: Heard) -> bool:
            return h.intent in intents.HELP_INTENTS

        def right_line(h: Heard) -> bool:
            return phone(content, h.row.line) in h.answer

        lines = []
        for name, part in (("seen", self.part(False)), ("held out", self.part(True))):
            lines.append(
                f"{self.locale} crisis, {name}: {len(part)} rows, "
                f"{self.rate(part, right_line):.1%} heard their line first, "
                f"{self.rate(part, through_crisis):.1%} through a help intent"
            )
        lines += [
            f"  not a help intent: {h.describe()}" for h in self.heard if not through_crisis(h)
        ]
        return lines


@pytest.fixture(scope="module", params=available_locales())
def crisis_locale(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def crisis_content(crisis_locale: str) -> Content:
    return default_library().for_locale(crisis_locale)


@pytest.fixture(scope="module")
def crisis(pytestconfig: pytest.Config, crisis_locale: str, crisis_content: Content) -> CrisisScore:
    rec = load_recognizer(crisis_locale)
    skill = build_skill(default_library(), skill_id=LOCAL_SKILL_ID, rng=random.Random(7))
    heard = []
    for row in load_crisis(crisis_locale):
        said = interpret(rec, row.said)
        intent = said.kind if said.kind != "intent" else said.intent or FALLBACK_INTENT
        heard.append(Heard(row, intent, Simulator(skill, rec).say(row.said).text))
    result = CrisisScore(crisis_locale, tuple(heard))
    pytestconfig.stash.setdefault(CRISIS_SCORES, {})[crisis_locale] = result.report(crisis_content)
    return result


def test_each_line_has_enough_rows_and_a_held_out_quarter(crisis_locale: str) -> None:
    rows = load_crisis(crisis_locale)
    for line in CRISIS_LINES:
        mine = [r for r in rows if r.line == line]
        held = [r for r in mine if r.held_out]
        assert len(mine) >= MIN_ROWS.get(crisis_locale, NEW_LOCALE_ROWS), line
        assert len(held) >= MIN_HELD_OUT_SHARE * len(mine), line
    said = Counter(" ".join(r.said.split()) for r in rows)
    assert [s for s, n in said.items() if n > 1] == []


def test_every_row_hears_help_and_its_own_line_in_the_first_answer(
    crisis: CrisisScore, crisis_content: Content
) -> None:
    """Every row hears a help line and no tip; every seen row its own line, and
    at least MIN_OWN_LINE_HELD_OUT of the held-out rows (words the model never saw)."""
    tips = [tip.text for tip in crisis_content.tips]
    numbers = [
        crisis_content.numbers[line.phone].value for line in crisis_content.help.lines.values()
    ]
    unhelped = [
        h.describe()
        for h in crisis.heard
        if not any(n in h.answer for n in numbers) or any(t in h.answer for t in tips)
    ]
    assert unhelped == []

    def own_line(h: Heard) -> bool:
        return phone(crisis_content, h.row.line) in h.answer

    assert [h.describe() for h in crisis.part(False) if not own_line(h)] == []
    held = crisis.part(True)
    misses = "\n".join(h.describe() for h in held if not own_line(h))
    assert crisis.rate(held, own_line) >= MIN_OWN_LINE_HELD_OUT, misses


def test_cries_for_help_reach_a_help_intent_not_the_fallback(crisis: CrisisScore) -> None:
    def good(h: Heard) -> bool:
        return h.intent in intents.HELP_INTENTS

    misses = "\n".join(h.describe() for h in crisis.heard if not good(h))
    assert crisis.rate(crisis.heard, good) >= MIN_CRISIS_INTENT, misses
    assert crisis.rate(crisis.part(True), good) >= MIN_CRISIS_INTENT_HELD_OUT, misses
    assert [h.describe() for h in crisis.heard if h.intent in NEVER] == []


def test_a_malformed_crisis_row_is_an_error_naming_it() -> None:
    with pytest.raises(CorpusError, match=r"x.tsv:2: line is one of"):
        parse_crisis("said\tline\twho\ni'm scared\tpolice\tstudent\n", "x.tsv")
    with pytest.raises(CorpusError, match=r"x.tsv:1: the header must be"):
        parse_crisis("said\tintent\twho\n", "x.tsv")


# --- one answer per line ------------------------------------------------------------------


def slow_twice(ssml: str, number: str) -> bool:
    """The number, a pause, then the number again at a slow rate."""
    said = re.escape(number)
    return (
        re.search(
            rf"{said}</say-as>.*?<break time=\"\d+ms\"/><prosody rate=\"slow\"><say-as [^>]*>{said}",
            ssml,
        )
        is not None
    )


@pytest.mark.parametrize("line", CRISIS_LINES)
def test_a_crisis_names_its_line_twice_the_second_time_slowly(
    talk: Conversation, content: Content, line: str
) -> None:
    turn = talk.say(CRISIS_INTENTS[line])
    number = phone(content, line)
    assert turn.text.count(number) == 2, turn.text
    assert slow_twice(turn.ssml, number), turn.ssml
    emergency = content.numbers["emergency"].value
    assert turn.text.index(emergency) < turn.text.index(number)
    # One main line and at most one more: no third help number.
    others = {
        n
        for other, entry in content.help.lines.items()
        if other != line and (n := content.numbers[entry.phone].value) in turn.text
    }
    assert len(others) <= 1, others
    assert len(turn.text.split()) <= MAX_HELP_WORDS, turn.text
    assert turn.text.endswith(content.help.question_again)
    assert turn.ends_session is False and turn.reprompt


@pytest.mark.parametrize("line", CRISIS_LINES)
def test_yes_says_the_same_line_again_and_slower_says_it_slowly(
    talk: Conversation, content: Content, line: str
) -> None:
    number = phone(content, line)
    talk.say(CRISIS_INTENTS[line])
    again = talk.yes()
    assert again.text.count(number) == 2 and slow_twice(again.ssml, number), again.text
    slower = talk.say(intents.HOTLINE_DETAIL, detail("slowly"))
    assert number in slower.text and '<prosody rate="slow">' in slower.ssml
    for asked in ("hours", "confidential", "text", "languages"):
        answer = talk.say(intents.HOTLINE_DETAIL, detail(asked))
        assert number in answer.text, (asked, answer.text)


def detail(value_id: str) -> dict[str, Any]:
    return detail_slot(value_id, value_id)


def test_the_other_number_after_abuse_at_home_is_the_missouri_hotline(
    talk: Conversation, content: Content
) -> None:
    talk.say(intents.UNSAFE_HOME)
    other = talk.say(intents.OTHER_LINE)
    assert phone(content, "missouri") in other.text
    assert other.text.count(phone(content, "missouri")) == 2
    # And its follow-ups are the Missouri line's.
    assert phone(content, "missouri") in talk.yes().text


@pytest.mark.parametrize("line", ["lifeline", "rainn", "childhelp", "missouri", "trafficking"])
def test_a_line_asked_for_by_name_from_anywhere(
    talk: Conversation, content: Content, line: str
) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.say(intents.HOTLINE_DETAIL, named(line))
    assert phone(content, line) in turn.text
    assert turn.text.count(phone(content, line)) == 2


def named(line: str) -> dict[str, Any]:
    return resolved_slot("line", line, line)


def test_a_slot_that_resolved_to_nothing_is_not_understood(
    talk: Conversation, content: Content
) -> None:
    """Alexa may fill a slot with a whole sentence: it is answered as not understood."""
    turn = talk.say(intents.HOTLINE_DETAIL, detail_slot("okay to want to die", None))
    assert content.numbers["hotline_phone"].value in turn.text
    assert content.help.lines["trafficking"].details["hours"][0] not in turn.text


# --- a crisis outranks everything ------------------------------------------------------------


def start_quiz(talk: Conversation) -> Turn:
    return talk.say(intents.QUIZ)


def start_list(talk: Conversation) -> Turn:
    talk.say("RiskFactorsIntent")
    return talk.yes()


def start_tips(talk: Conversation) -> Turn:
    return talk.say(intents.SAFETY_TIPS, category_slot("online", "online_safety"))


def start_menu(talk: Conversation) -> Turn:
    return talk.launch()


def start_details(talk: Conversation) -> Turn:
    return talk.say(intents.HOTLINE_DETAIL, detail("hours"))


PLACES = {
    "quiz": start_quiz,
    "list": start_list,
    "tips": start_tips,
    "menu": start_menu,
    "details": start_details,
}


@pytest.mark.parametrize("line", CRISIS_LINES)
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_crisis_interrupts_anything_with_its_line_and_no_lesson(
    talk: Conversation, content: Content, place: str, line: str
) -> None:
    before = PLACES[place](talk)
    turn = talk.say(CRISIS_INTENTS[line])
    assert turn.text.count(phone(content, line)) == 2, turn.text
    # No next question, no list, no tip, no offer of the lesson.
    question_marks = [
        content.fill(content.quiz.prompts["number"], number=n, total=5) for n in (1, 2)
    ]
    assert not any(q in turn.text for q in question_marks), turn.text
    assert not any(tip.text in turn.text for tip in content.tips)
    assert not any(item in turn.text for item in content.topic("risk_factors").items)
    assert turn.text.endswith(content.help.question_again), turn.text
    titles = [t.title for t in content.topics.values()] + [content.quiz.title]
    assert not any(title in turn.text + turn.reprompt for title in titles), turn.reprompt
    # Yes gives the number again, not the lesson or the next question.
    again = talk.yes()
    assert phone(content, line) in again.text
    assert not any(q in again.text for q in question_marks)
    assert before.text != again.text


def test_words_not_understood_mid_quiz_give_the_hotline_and_keep_the_question(
    talk: Conversation, content: Content
) -> None:
    talk.say(intents.QUIZ)
    first = talk.say(intents.FALLBACK)
    second = talk.say(intents.FALLBACK)
    for turn in (first, second):
        assert content.numbers["hotline_phone"].value in turn.text
        assert content.fill(content.quiz.prompts["number"], number=2, total=5) not in turn.text
    assert talk.attributes.get("quiz_at", 0) == 0
