"""Understanding that generalises: the held-out phrasings, out-of-domain requests, determinism.

The held-out files (tests/phrasings/held-out/) never inform a sample, synonym
or rule of the model or the recogniser (see their headers and the README):
they measure words the recogniser was never shown.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from skill.content import default_library
from skill.handlers import build_skill
from skill.tools import intent_classifier
from skill.tools.cli import main
from skill.tools.nlu import (
    FALLBACK_INTENT,
    Recognizer,
    available_locales,
    load_recognizer,
    training_rows,
)
from skill.tools.nlu_report import corpus_files, hear, rate
from skill.tools.phrasings import Row, parse_corpus
from skill.tools.simulator import LOCAL_SKILL_ID, Simulator

MIN_HELD_OUT = 0.90  # to the labelled intent and slot ids
MIN_OUT_OF_DOMAIN = 0.95  # to AMAZON.FallbackIntent or OffTopicIntent
HELD_OUT_SIZE = {"en-US": 150, "es-US": 100}


def rows(locale: str, which: str) -> tuple[Row, ...]:
    path = corpus_files(locale)[which]
    return parse_corpus(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture(scope="module", params=available_locales())
def locale(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def rec(locale: str) -> Recognizer:
    return load_recognizer(locale)


def test_the_held_out_corpora_are_big_enough(locale: str) -> None:
    held = rows(locale, "held out")
    assert len(held) >= HELD_OUT_SIZE.get(locale, 100)
    assert len(rows(locale, "out of domain")) >= 40
    assert {r.intent for r in rows(locale, "out of domain")} == {FALLBACK_INTENT}


def test_held_out_phrasings_reach_the_labelled_intent_and_slots(
    rec: Recognizer, locale: str
) -> None:
    found = hear(rec, rows(locale, "held out"))
    misses = "\n".join(h.describe() for h in found if not h.routed)
    assert rate(found) >= MIN_HELD_OUT, f"{rate(found):.1%} routed; misses:\n{misses}"


def test_every_held_out_cry_for_help_hears_a_help_number_in_its_first_answer(
    rec: Recognizer, locale: str
) -> None:
    library = default_library()
    skill = build_skill(library, skill_id=LOCAL_SKILL_ID, rng=random.Random(7))
    content = library.for_locale(locale)
    numbers = (content.numbers["emergency"].value, content.numbers["hotline_phone"].value)
    help_rows = [r for r in rows(locale, "held out") if r.must_help]
    assert help_rows
    unhelped = [
        f"{r.said!r} -> {turn.text[:80]!r}"
        for r in help_rows
        if not any(n in (turn := Simulator(skill, rec).say(r.said)).text for n in numbers)
    ]
    assert unhelped == []


def test_out_of_domain_requests_reach_the_fallback_or_an_honest_no(
    rec: Recognizer, locale: str
) -> None:
    found = hear(rec, rows(locale, "out of domain"))
    misses = "\n".join(h.describe() for h in found if not h.routed)
    assert rate(found) >= MIN_OUT_OF_DOMAIN, (
        f"{rate(found):.1%} to the fallback or off topic:\n{misses}"
    )


SOME_INTENTS = frozenset(
    {"GroomingIntent", "SafetyTipsIntent", "DangerIntent", "QuizIntent", FALLBACK_INTENT}
)


def test_training_is_deterministic(tmp_path: Path) -> None:
    """The same rows train the same weights: the same words give the same intent."""
    rec = load_recognizer("es-US")
    rows_ = tuple(
        row
        for row in training_rows(rec.samples, rec.intent_slots, rec.types)
        if row[1] in SOME_INTENTS
    )
    first = intent_classifier.train(rows_)
    second = intent_classifier.obtain("es-US", rows_, tmp_path)  # trained again, then cached
    cached = intent_classifier.obtain("es-US", rows_, tmp_path)
    for words in [("dame", "unos", "tips"), ("tengo", "miedo"), ("que", "hora", "es")]:
        assert first.probabilities(words) == second.probabilities(words)
        assert cached.probabilities(words) == first.probabilities(words)
    assert list(tmp_path.glob("es-US-*.npz"))


def test_a_changed_model_is_trained_again(tmp_path: Path) -> None:
    rec = load_recognizer("en-US")
    rows_ = training_rows(rec.samples, rec.intent_slots, rec.types)
    more = (*rows_, (("what", "is", "a", "pineapple"), FALLBACK_INTENT))
    assert intent_classifier.digest(rows_) != intent_classifier.digest(more)


def test_a_broken_cache_file_is_trained_again(tmp_path: Path) -> None:
    rec = load_recognizer("en-US")
    rows_ = training_rows(rec.samples, rec.intent_slots, rec.types)
    path = tmp_path / f"en-US-{intent_classifier.digest(rows_)}.npz"
    path.write_bytes(b"not a zip")
    classifier = intent_classifier.obtain("en-US", rows_, tmp_path)
    assert classifier.probabilities(("what", "is", "grooming"))[0][0] == "GroomingIntent"


def test_a_sentence_never_becomes_a_quiz_answer_or_hotline_detail_it_does_not_name() -> None:
    rec = load_recognizer("en-US")
    for text in ("i think it is raining", "is it lunch time yet", "what about my cat"):
        heard = hear(
            rec, parse_corpus(f"said\tintent\tslots\tmust\twho\n{text}\tX\t-\t-\tstudent", "x")
        )
        assert heard[0].intent not in ("QuizAnswerIntent", "HotlineDetailIntent"), text


def test_the_nlu_report_prints_seen_and_held_out_apart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nlu-report", "--locale", "en-US"]) == 0
    out = capsys.readouterr().out
    assert "  seen: " in out and "  held out: " in out and "  out of domain: " in out
    assert "held out, per intent (rows, recall, precision):" in out
    assert "confusions (" in out
