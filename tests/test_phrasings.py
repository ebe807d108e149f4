"""What people say is understood: the phrasing corpus of each locale, through the simulator's matching.

The rates are printed in the terminal summary of every test run (conftest.py).
"""

from __future__ import annotations

import random

import pytest

from skill import intents
from skill.content import default_library
from skill.handlers import build_skill
from skill.routing import INTENT_ROUTES
from skill.tools.nlu import FALLBACK_INTENT, Recognizer, available_locales, load_recognizer
from skill.tools.simulator import LOCAL_SKILL_ID, Simulator
from skill.vocabulary import Action
from tests.corpus import (
    SCORES,
    TIPS_INTENTS,
    CorpusError,
    Row,
    Score,
    corpus_file,
    duplicates,
    load_corpus,
    parse_corpus,
    score,
)
from tests.locales import CorpusSize, expected

MIN_ROUTED = 0.95  # to the labelled intent and slot ids
MIN_SURE = 0.85  # matched word for word, not by the trained classifier
MIN_HELP_INTENT = 0.95  # cries for help that reach a help intent, not the fallback


# The rates are the same for every locale; the size grows as a locale's corpus
# does (tests/locales/<locale>.yaml: ``phrasings_minimum``), from this for a new one.
NEW_LOCALE_SIZE = CorpusSize(300, 120, 180)


@pytest.fixture(scope="module", params=available_locales())
def locale(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def rec(locale: str) -> Recognizer:
    return load_recognizer(locale)


@pytest.fixture(scope="module")
def rows(locale: str) -> tuple[Row, ...]:
    assert corpus_file(locale).is_file(), f"every locale with a model needs {corpus_file(locale)}"
    return load_corpus(locale)


@pytest.fixture(scope="module")
def scored(
    pytestconfig: pytest.Config, rec: Recognizer, locale: str, rows: tuple[Row, ...]
) -> Score:
    result = score(rec, locale, rows)
    pytestconfig.stash.setdefault(SCORES, {})[locale] = result
    return result


def test_the_corpus_is_big_enough_and_has_no_duplicates(
    locale: str, rec: Recognizer, rows: tuple[Row, ...]
) -> None:
    size = expected(locale).phrasings_minimum or NEW_LOCALE_SIZE
    help_rows = [r for r in rows if r.must_help]
    assert len(rows) >= size.rows
    assert len(help_rows) >= size.help_rows
    assert len(rows) - len(help_rows) >= size.other_rows
    assert duplicates(rec, rows) == []


def test_every_label_names_an_intent_slot_and_value_of_the_model(
    rec: Recognizer, rows: tuple[Row, ...]
) -> None:
    problems = []
    for row in rows:
        if row.intent not in rec.intent_slots:
            problems.append(f"line {row.line}: no intent {row.intent}")
            continue
        slot_types = dict(rec.intent_slots[row.intent])
        for name, value_id in row.slots.items():
            slot_type = rec.types.get(slot_types.get(name, ""))
            if slot_type is None:
                problems.append(f"line {row.line}: {row.intent} has no slot {name}")
            elif value_id not in {e.id for e in slot_type.entities}:
                problems.append(f"line {row.line}: {slot_type.name} has no value {value_id}")
    assert problems == []


def test_every_topic_is_asked_for_in_the_corpus(rows: tuple[Row, ...]) -> None:
    """Each topic's own intent (the routing table's) has phrasings: a new topic brings its own."""
    topic_intents = {name for name, route in INTENT_ROUTES.items() if route.action == Action.TOPIC}
    assert topic_intents - {row.intent for row in rows} == set()


def test_cries_for_help_are_labelled_with_help_intents(rows: tuple[Row, ...]) -> None:
    assert [r.line for r in rows if r.must_help and r.intent not in intents.HELP_INTENTS] == []


def test_phrasings_reach_the_labelled_intent_and_slots(scored: Score) -> None:
    misses = "\n".join(o.describe() for o in scored.misses)
    assert scored.routed_rate >= MIN_ROUTED, f"{scored.routed_rate:.1%} routed; misses:\n{misses}"


def test_phrasings_match_a_sample_word_for_word(scored: Score) -> None:
    unsure = "\n".join(o.describe() for o in scored.outcomes if not o.sure)
    assert scored.sure_rate >= MIN_SURE, f"{scored.sure_rate:.1%} exact; not exact:\n{unsure}"


def test_every_cry_for_help_reaches_help_and_never_tips(scored: Score) -> None:
    outcomes = scored.help_outcomes
    elsewhere = [
        o.describe()
        for o in outcomes
        if o.intent not in intents.HELP_INTENTS and o.intent != FALLBACK_INTENT
    ]
    assert elsewhere == []
    assert [o.describe() for o in outcomes if o.intent in TIPS_INTENTS] == []
    assert scored.help_rate >= MIN_HELP_INTENT, "\n".join(
        o.describe() for o in outcomes if o.intent not in intents.HELP_INTENTS
    )


def test_every_cry_for_help_hears_911_or_the_hotline_in_its_first_answer(
    locale: str, rec: Recognizer, rows: tuple[Row, ...]
) -> None:
    """Each cry for help, said as a one-shot request through ``python -m skill say``'s path."""
    library = default_library()
    skill = build_skill(library, skill_id=LOCAL_SKILL_ID, rng=random.Random(7))
    content = library.for_locale(locale)
    numbers = (content.numbers["emergency"].value, content.numbers["hotline_phone"].value)
    tip_texts = [tip.text for tip in content.tips]
    unhelped = []
    for row in rows:
        if not row.must_help:
            continue
        turn = Simulator(skill, rec).say(row.said)
        if not any(n in turn.text for n in numbers) or any(t in turn.text for t in tip_texts):
            unhelped.append(f"line {row.line}: {row.said!r} -> {turn.text[:80]!r}")
    assert unhelped == []


# --- reading the corpus ---------------------------------------------------------------

HEADER_LINE = "said\tintent\tslots\tmust\twho"


def test_a_corpus_file_is_read_into_rows() -> None:
    text = "\n".join(
        [
            "# a comment",
            HEADER_LINE,
            "",
            "tips for snapchat\tSafetyTipsIntent\tcategory=online_safety\t-\tstudent",
            "i'm scared\tDangerIntent\t-\thelp\tfriend",
        ]
    )
    first, second = parse_corpus(text, "x.tsv")
    assert (first.line, first.said, first.intent) == (4, "tips for snapchat", "SafetyTipsIntent")
    assert (dict(first.slots), first.must_help, first.who) == (
        {"category": "online_safety"},
        False,
        "student",
    )
    assert (dict(second.slots), second.must_help, second.who) == ({}, True, "friend")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("said\tintent\tslots\tmust", "x.tsv:1: the header must be"),
        ("# only a comment", "x.tsv: no header row"),
        (f"{HEADER_LINE}\ntips\tSafetyTipsIntent\t-\t-", "x.tsv:2: expected 5"),
        (f"{HEADER_LINE}\ntips\tSafetyTipsIntent\t-\tyes\tstudent", "x.tsv:2: must is help or -"),
        (f"{HEADER_LINE}\ntips\tSafetyTipsIntent\t-\t-\talien", "x.tsv:2: who is one of"),
        (f"{HEADER_LINE}\ntips\tSafetyTipsIntent\tonline\t-\tstudent", "x.tsv:2: slots must be"),
        (f"{HEADER_LINE}\ntips\tSafetyTipsIntent\ta=b, a=c\t-\tstudent", "slot a given twice"),
        (f"{HEADER_LINE}\n\tSafetyTipsIntent\t-\t-\tstudent", "x.tsv:2: said and intent"),
    ],
)
def test_a_malformed_corpus_line_is_an_error_naming_it(text: str, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        parse_corpus(text, "x.tsv")


def test_the_same_words_twice_are_duplicates() -> None:
    rec = load_recognizer("en-US")
    rows = parse_corpus(
        f"{HEADER_LINE}\nwhat's grooming\tGroomingIntent\t-\t-\tstudent\n"
        "What is grooming?\tGroomingIntent\t-\t-\tparent\n",
        "x.tsv",
    )
    assert duplicates(rec, rows) == ["line 3: 'What is grooming?' repeats line 2"]
    spanish = parse_corpus(
        f"{HEADER_LINE}\n¿Qué es el grooming?\tGroomingIntent\t-\t-\tstudent\n"
        "que es el grooming\tGroomingIntent\t-\t-\tparent\n",
        "x.tsv",
    )
    assert duplicates(rec, spanish) == ["line 3: 'que es el grooming' repeats line 2"]


def test_a_miss_is_scored_and_described(rec: Recognizer, locale: str) -> None:
    rows = parse_corpus(
        f"{HEADER_LINE}\npurple monkey dishwasher\tGroomingIntent\t-\t-\tstudent\n"
        "purple monkey dishwasher\tAMAZON.FallbackIntent\t-\t-\tstudent\n",
        "x.tsv",
    )
    result = score(rec, locale, rows)
    assert (result.routed_rate, result.sure_rate) == (0.5, 0.5)
    (miss,) = result.misses
    assert miss.describe() == (
        "line 2: 'purple monkey dishwasher' -> AMAZON.FallbackIntent [fallback], "
        "labelled GroomingIntent"
    )
    assert result.report()[1] == f"  miss: {miss.describe()}"
