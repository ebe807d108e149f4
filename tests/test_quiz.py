"""The classroom quiz: questions from the page's own facts, played through the endpoint.

The conversations below are typed words, understood by the same matcher as
``python -m skill say`` (the interaction model), sent to the endpoint as Alexa
would send them, with the app's fixed random generator (tests/conftest.py).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

from skill import engine, intents
from skill import screen as screen_events
from skill.content import (
    CHOICE,
    LETTER_IDS,
    TRUE_FALSE,
    Content,
    ContentError,
    Question,
    default_library,
    parse_content,
)
from skill.modes import quiz
from skill.modes.base import View
from skill.quiz_check import contains, plain, quiz_problems, stem, topic_texts
from skill.quiz_check import words as words_of
from skill.reply import Reply
from skill.state import FRESH, State
from skill.tools.interaction_model import language_model, read_model
from skill.tools.nlu import (
    Interpretation,
    Recognizer,
    available_locales,
    interpret,
    load_recognizer,
)
from skill.tools.simulator import intent_json
from skill.vocabulary import Action, Kind
from tests import CONTENT_DIR, PHONE, TESTS
from tests.conversation import Conversation, Turn, post, reply_text, words
from tests.envelopes import intent_request
from tests.locales import LOCALES, expected, help_words

CONTENT_FILE = CONTENT_DIR / "en-US.yaml"
PHRASINGS = TESTS / "phrasings"
MIN_ROUTED = 0.95


@cache
def recognizer(locale: str) -> Recognizer:
    return load_recognizer(locale)


@cache
def model(locale: str) -> Mapping[str, Any]:
    return language_model(read_model(locale))


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))
    return data


def en_us() -> Content:
    return default_library().for_locale("en-US")


# --- talking in words -------------------------------------------------------------------


def heard(text: str, locale: str = "en-US") -> Interpretation:
    return interpret(recognizer(locale), text)


def say(talk: Conversation, move: str) -> Turn:
    """Say a move of the quiz (tests/locales/<locale>.yaml: ``quiz.moves``) in the
    conversation's language, or words as given.

    Understood from the locale's model, sent as Alexa would send it.
    """
    text = expected(talk.locale).quiz.moves.get(move, move)
    rec = recognizer(talk.locale)
    understood = interpret(rec, text)
    assert understood.kind == "intent" and understood.intent, (text, understood)
    slot_names = tuple(name for name, _type in rec.intent_slots.get(understood.intent, ()))
    slots = intent_json(understood, slot_names, "amzn1.ask.skill.test").get("slots") or {}
    return talk.say(understood.intent, slots)


def _plain(content: Content, text: str) -> str:
    """A content text as a listener hears it (numbers written out)."""
    return plain(text, content.numbers)


def question_heard(content: Content, turn: Turn) -> Question:
    """The question a turn asks, found by its words (and its choices' words) after its
    number (what closes the question before may say a sentence of another)."""
    asked = turn.text
    for n in range(1, content.quiz.round_size + 1):
        asked = asked.split(number(content, n, content.quiz.round_size))[-1]
    found = [
        q
        for q in content.quiz.questions.values()
        if _plain(content, q.text) in asked
        and all(_plain(content, c.text) in asked for c in q.choices)
    ]
    assert len(found) == 1, turn.text
    return found[0]


def model_words(value_id: str, locale: str = "en-US") -> str:
    """How the interaction model names an answer id (the value's own words)."""
    (answer_type,) = [t for t in model(locale)["types"] if t["name"] == intents.ANSWER_TYPE]
    (value,) = [v for v in answer_type["values"] if v["id"] == value_id]
    name: str = value["name"]["value"]
    return name


def answer_words(question: Question, form: str, right: bool, locale: str = "en-US") -> str:
    """Words that answer ``question`` in ``form``, right or wrong."""
    words_of = expected(locale).quiz
    if question.kind == TRUE_FALSE:
        said = question.answer if right else ("false" if question.answer == "true" else "true")
        return (words_of.yes_no if form == "yes_no" else words_of.true_false)[said]
    index = LETTER_IDS.index(question.answer)
    if not right:
        index = (index + 1) % len(LETTER_IDS)
    letter = LETTER_IDS[index]
    if form == "letter":
        return letter
    if form == "ordinal":
        return words_of.ordinals[letter]
    return model_words(question.choices[index].id, locale)


def the_answer(content: Content, question: Question) -> str:
    """The right answer to ``question`` in words, as the class hears it."""
    p = content.quiz.prompts
    if question.kind == TRUE_FALSE:
        return p["answer_true"] if question.answer == "true" else p["answer_false"]
    index = LETTER_IDS.index(question.answer)
    letter = content.quiz.letters[index]
    said = content.fill(p["answer_choice"], letter=letter, words=question.choices[index].text)
    assert question.choices[index].text in said
    return said


def closing(content: Content, question: Question, first: str) -> str:
    """What closes ``question``: ``first`` (right, wrong, skip...), the answer in words,
    the explanation."""
    p = content.quiz.prompts
    said = (p[first], the_answer(content, question), _plain(content, question.explain))
    return " ".join(said)


def wrong(content: Content, question: Question) -> str:
    """What the skill says first to a wrong answer to ``question``."""
    return closing(content, question, "wrong")


def number(content: Content, n: int, total: int = 5) -> str:
    """ "Question n of total." in the content's words."""
    return content.fill(content.quiz.prompts["number"], number=n, total=total)


FORMS = {CHOICE: ("letter", "ordinal", "words"), TRUE_FALSE: ("true_false_words", "yes_no")}


@dataclass
class Forms:
    """The answer forms still to be used, picked to suit each question."""

    left: set[str]

    def pick(self, question: Question) -> str:
        fitting = FORMS[question.kind]
        for form in fitting:
            if form in self.left:
                self.left.discard(form)
                return form
        return fitting[0]


# --- a whole round through the endpoint ----------------------------------------------------


def test_a_full_round_with_every_kind_of_turn(talk: Conversation, content: Content) -> None:
    p = content.quiz.prompts
    forms = Forms({f for kind in FORMS.values() for f in kind})
    talk.launch()
    locale = talk.locale
    turn = say(talk, "quiz my class")
    assert turn.text.startswith(content.fill(p["intro"], total=5))
    asked: list[str] = []
    score = 0

    # 1: repeat, then help, then a right answer.
    question = question_heard(content, turn)
    assert number(content, 1) in turn.text and turn.text.endswith("?")
    again = say(talk, "repeat")
    assert question_heard(content, again) == question
    assert content.fill(p["intro"], total=5) not in again.text
    helped = say(talk, "help")
    assert helped.text.startswith(content.prompts["help_first"].split("{")[0])
    assert PHONE in helped.text
    how = p["help_true_false"] if question.kind == TRUE_FALSE else p["help_choice"]
    assert helped.text.endswith(how)
    turn = say(talk, answer_words(question, forms.pick(question), True, locale))
    assert turn.text.startswith(closing(content, question, "right"))
    asked.append(question.id)
    score += 1

    # 2: "I need help" gives the hotline at once, then offers to go back; a wrong answer.
    question = question_heard(content, turn)
    assert number(content, 2) in turn.text
    hotline = say(talk, "i need help")
    assert hotline.text.startswith(_plain(content, content.help.situations["info"].lines[0]))
    assert hotline.text.endswith(p["resume"])
    back = say(talk, "yes")
    assert question_heard(content, back) == question and number(content, 2) in back.text
    turn = say(talk, answer_words(question, forms.pick(question), False, locale))
    assert turn.text.startswith(wrong(content, question))
    assert _plain(content, question.explain) in turn.text
    asked.append(question.id)

    # 3: an answer that is not one of the choices is asked again with the accepted answers.
    question = question_heard(content, turn)
    assert number(content, 3) in turn.text
    other = "a letter" if question.kind == TRUE_FALSE else "true"
    not_a_choice = say(talk, other)
    assert not_a_choice.text.startswith(p["not_a_choice"])
    accepted = p["reask_true_false"] if question.kind == TRUE_FALSE else p["reask_choice"]
    assert not_a_choice.text.endswith(accepted)
    turn = say(talk, answer_words(question, forms.pick(question), True, locale))
    assert turn.text.startswith(p["right"])
    asked.append(question.id)
    score += 1

    # 4: skip.
    question = question_heard(content, turn)
    turn = say(talk, "skip")
    assert turn.text.startswith(closing(content, question, "skip") + " " + number(content, 5))
    asked.append(question.id)

    # 5: the last answer, then the score, one encouraging line and the offer.
    question = question_heard(content, turn)
    turn = say(talk, answer_words(question, forms.pick(question), True, locale))
    asked.append(question.id)
    score += 1
    assert content.fill(p["score"], score=score, total=5) in turn.text
    assert p["encourage_most"] in turn.text
    assert turn.text.endswith(p["offer"])
    assert turn.ends_session is False

    # Yes is another round; it uses the answer forms not used yet.
    turn = say(talk, "yes")
    assert number(content, 1) in turn.text
    while forms.left:
        question = question_heard(content, turn)
        assert question.id not in asked
        asked.append(question.id)
        turn = say(talk, answer_words(question, forms.pick(question), True, locale))
        assert turn.text.startswith(p["right"]), turn.text
    assert len(set(asked)) == len(asked)


@pytest.mark.parametrize("banana", ["nonsense", "a nonsense answer"])
def test_words_not_understood_give_the_hotline_and_the_quiz_never_moves_on(
    talk: Conversation, content: Content, banana: str
) -> None:
    """A fallback, or an answer slot that did not resolve: both give 911 and the hotline."""
    p = content.quiz.prompts
    first = say(talk, "start")
    question = question_heard(content, first)
    once = say(talk, banana)
    assert once.text.startswith(content.fill(p["fallback"]).split("{")[0])
    assert "911" in once.text and PHONE in once.text
    if question.kind == CHOICE:
        for letter, choice in zip(content.quiz.letters, question.choices, strict=True):
            assert f"{letter}: {_plain(content, choice.text)}" in once.text
    # Words not understood may be a cry for help: never the next question in that turn.
    twice = say(talk, banana)
    assert "911" in twice.text and PHONE in twice.text
    assert number(content, 2) not in twice.text
    assert question_heard(content, say(talk, "repeat")) == question


def test_an_answer_right_after_i_need_help_answers_the_quiz(
    talk: Conversation, content: Content
) -> None:
    question = question_heard(content, say(talk, "quiz me"))
    say(talk, "i need help")
    turn = say(talk, answer_words(question, FORMS[question.kind][0], True, talk.locale))
    assert turn.text.startswith(content.quiz.prompts["right"])


def test_a_disclosure_mid_quiz_does_not_steer_back_to_the_quiz_but_next_resumes(
    talk: Conversation, content: Content
) -> None:
    question = question_heard(content, say(talk, "quiz my class"))
    turn = talk.say(intents.DANGER)
    assert turn.text.endswith(content.help.question_again)
    assert content.quiz.prompts["resume"] not in turn.text + turn.reprompt
    assert PHONE in say(talk, "yes").text
    resumed = say(talk, "next")
    assert question_heard(content, resumed) == question


# --- the class hears the answer, and finds its way --------------------------------------


def until_choice(talk: Conversation, content: Content, turn: Turn) -> tuple[Question, Turn]:
    """Skip to the first question with choices (a round always has one within 5)."""
    for _ in range(content.quiz.round_size):
        question = question_heard(content, turn)
        if question.kind == CHOICE:
            return question, turn
        turn = say(talk, "skip")
    raise AssertionError("no question with choices in the round")


@pytest.mark.parametrize("not_knowing", ["i don't know", "pass", "skip"])
def test_not_knowing_gives_the_right_answer_in_words_then_the_next_question(
    talk: Conversation, content: Content, not_knowing: str
) -> None:
    turn = say(talk, "quiz my class")
    for n in (1, 2):
        question = question_heard(content, turn)
        turn = say(talk, not_knowing)
        assert turn.text.startswith(closing(content, question, "skip")), turn.text
        assert number(content, n + 1) in turn.text and turn.ends_session is False


def test_a_second_answer_that_is_not_a_choice_moves_on_with_the_answer(
    talk: Conversation, content: Content
) -> None:
    question, _turn = until_choice(talk, content, say(talk, "start"))
    assert say(talk, "true").text.startswith(content.quiz.prompts["not_a_choice"])
    turn = say(talk, "true")
    assert turn.text.startswith(closing(content, question, "move_on")), turn.text


def test_every_answer_right_or_wrong_is_followed_by_the_answer_in_words(
    talk: Conversation, content: Content
) -> None:
    turn = say(talk, "quiz us")
    for n in range(content.quiz.round_size):
        question = question_heard(content, turn)
        right = n % 2 == 0
        turn = say(talk, answer_words(question, FORMS[question.kind][0], right, talk.locale))
        first = "right" if right else "wrong"
        assert turn.text.startswith(closing(content, question, first)), turn.text


@pytest.mark.parametrize("asked_again", ["repeat the question", "what was the question"])
def test_the_question_again_with_its_choices(
    talk: Conversation, content: Content, asked_again: str
) -> None:
    question, turn = until_choice(talk, content, say(talk, "quiz me"))
    again = say(talk, asked_again)
    assert question_heard(content, again) == question
    for letter, choice in zip(content.quiz.letters, question.choices, strict=True):
        assert f"{letter}: {_plain(content, choice.text)}" in again.text
    assert again.text.endswith(content.quiz.prompts["ask_choice"])


def test_one_letter_said_several_times_is_an_answer_and_different_letters_are_asked_again(
    talk: Conversation, content: Content
) -> None:
    p = content.quiz.prompts
    question, _turn = until_choice(talk, content, say(talk, "quiz me"))
    several = say(talk, "two letters")  # "A B"
    assert several.text.startswith(p["several"]) and several.text.endswith(p["reask_choice"])
    assert question_heard(content, say(talk, "repeat")) == question
    turn = say(talk, "one letter three times")  # "B B B"
    first = "right" if question.answer == "b" else "wrong"
    assert turn.text.startswith(closing(content, question, first)), turn.text


def test_one_answer_judges_several_letters_only_when_all_are_the_same() -> None:
    assert quiz.one_answer(["b", "b", "b"]) == "b"
    assert quiz.one_answer(["a", "b"]) is None
    assert quiz.one_answer(["c", None]) is None


@pytest.mark.parametrize("asking", ["what's my score", "how many are left"])
def test_the_score_so_far_and_the_questions_left_then_the_same_question(
    talk: Conversation, content: Content, asking: str
) -> None:
    turn = say(talk, "test us")
    question = question_heard(content, turn)
    turn = say(talk, answer_words(question, FORMS[question.kind][0], True, talk.locale))
    open_now = question_heard(content, turn)
    scored = say(talk, asking)
    said = content.fill(content.quiz.prompts["so_far"], score=1, asked=1, left=4)
    assert scored.text.startswith(said), scored.text
    assert question_heard(content, scored) == open_now and number(content, 2) in scored.text
    assert scored.ends_session is False


def test_the_score_before_any_answer_says_there_is_none_yet(
    talk: Conversation, content: Content
) -> None:
    question = question_heard(content, say(talk, "quiz us"))
    scored = say(talk, "what's my score")
    none_yet = content.fill(content.quiz.prompts["so_far_none"], left=content.quiz.round_size)
    assert scored.text.startswith(none_yet) and question_heard(content, scored) == question


@pytest.mark.parametrize("leaving", ["stop the quiz", "end quiz"])
def test_leaving_the_quiz_gives_the_score_and_the_menu_and_keeps_the_session(
    talk: Conversation, content: Content, leaving: str
) -> None:
    p = content.quiz.prompts
    talk.launch()
    turn = say(talk, "quiz my class")
    question = question_heard(content, turn)
    say(talk, answer_words(question, FORMS[question.kind][0], False, talk.locale))
    left = say(talk, leaving)
    assert left.text.startswith(content.fill(p["left"], score=0, total=1)), left.text
    assert left.text.endswith(content.prompts["menu_short"])
    assert left.ends_session is False
    # The session is open and the quiz is over: a new round starts from question 1.
    again = say(talk, "quiz us again")
    assert again.text.startswith(content.fill(p["intro"], total=5))


def test_leaving_before_any_answer_says_so_and_keeps_the_session(
    talk: Conversation, content: Content
) -> None:
    say(talk, "quiz me")
    left = say(talk, "end quiz")
    assert left.text.startswith(content.quiz.prompts["left_early"])
    assert left.ends_session is False


def test_a_tapped_choice_hears_the_answer_in_words_like_a_spoken_one(
    client: FlaskClient, locale: str, content: Content
) -> None:
    screen = Conversation.endpoint(client, locale, hub=True)
    turn = say(screen, "quiz my class")
    for n in range(content.quiz.round_size):
        question = question_heard(content, turn)
        right = n % 2 == 1
        ids = LETTER_IDS[: len(question.choices)] if question.choices else ("true", "false")
        tapped = question.answer if right else next(i for i in ids if i != question.answer)
        turn = screen.touch("answer", tapped)
        first = "right" if right else "wrong"
        assert turn.text.startswith(closing(content, question, first)), turn.text


# Each button beside an open question, and the words it stands for.
SPOKEN_MOVE = {
    screen_events.EVENT_PASS: "i don't know",
    screen_events.EVENT_REPEAT: "repeat the question",
    screen_events.EVENT_SCORE: "what's my score",
    screen_events.EVENT_END_QUIZ: "stop the quiz",
}


@pytest.mark.parametrize("event", sorted(SPOKEN_MOVE))
def test_each_quiz_button_does_what_saying_it_does(
    client: FlaskClient, locale: str, content: Content, event: str
) -> None:
    """A class with a screen taps Skip, Repeat, Score or End quiz: it hears
    what saying it gives, on a second question with one answer given."""
    talk = Conversation.endpoint(client, locale, hub=True)
    talk.launch()
    question = question_heard(content, say(talk, "quiz my class"))
    say(talk, answer_words(question, FORMS[question.kind][0], True, locale))
    shown = talk.turns[-1].screen
    assert shown is not None
    labels = {move["event"]: move["label"] for move in shown["moves"]}
    names = {e: n for n, e in screen_events.QUIZ_MOVE_EVENTS.items()}
    assert labels[event] == content.screen.quiz_buttons[names[event]]
    before = copy.deepcopy(talk.attributes)
    tapped = talk.touch(event)
    talk.attributes = before  # the same moment again, by voice
    spoken = say(talk, SPOKEN_MOVE[event])
    assert tapped.response == spoken.response and tapped.attributes == spoken.attributes
    assert tapped.ends_session is not True and tapped.screen is not None


def test_the_quiz_buttons_show_only_while_a_question_is_open(
    client: FlaskClient, locale: str, content: Content
) -> None:
    talk = Conversation.endpoint(client, locale, hub=True)
    turn = say(talk, "quiz my class")
    for _ in range(content.quiz.round_size):
        assert turn.screen is not None and turn.screen["choices"] and turn.screen["moves"]
        turn = talk.touch(screen_events.EVENT_PASS)
    assert turn.screen is not None and turn.screen["score"] and not turn.screen["moves"]


def test_a_question_about_something_else_is_answered_honestly_and_the_question_stays(
    talk: Conversation, content: Content
) -> None:
    """ "What's the weather like?" mid-quiz: the skill says it cannot answer that, briefly,
    with no help line (it understood), and asks the same question again; not a miss."""
    question = question_heard(content, say(talk, "quiz my class"))
    aside = say(talk, "a question about something else")
    assert aside.text.startswith(content.prompts["off_topic"]), aside.text
    assert PHONE not in aside.text and content.numbers["emergency"].value not in aside.text
    assert question_heard(content, aside) == question and number(content, 1) in aside.text
    assert aside.ends_session is False
    turn = say(talk, answer_words(question, FORMS[question.kind][0], True, talk.locale))
    assert turn.text.startswith(closing(content, question, "right")), turn.text


def test_a_question_about_something_else_at_the_menu_and_in_a_list(
    talk: Conversation, content: Content
) -> None:
    talk.launch()
    at_menu = say(talk, "a question about something else")
    assert at_menu.text.startswith(content.prompts["off_topic"]), at_menu.text
    assert PHONE not in at_menu.text and at_menu.ends_session is False
    say(talk, "who is at risk")
    page = say(talk, "yes")
    in_list = say(talk, "a question about something else")
    assert in_list.text.startswith(content.prompts["off_topic"])
    assert in_list.text.endswith(content.topic("risk_factors").pages[1].question)
    assert say(talk, "next").text != page.text  # the list goes on from where it was
    assert content.topic("risk_factors").pages[2].items[0] in talk.turns[-1].text


def test_stop_mid_quiz_gives_the_score_so_far(talk: Conversation, content: Content) -> None:
    question = question_heard(content, say(talk, "test us"))
    turn = say(talk, answer_words(question, FORMS[question.kind][0], True, talk.locale))
    question = question_heard(content, turn)
    say(talk, answer_words(question, FORMS[question.kind][0], False, talk.locale))
    goodbye = say(talk, "stop")
    assert goodbye.text == content.fill(content.quiz.prompts["goodbye"], score=1, total=2)
    assert help_words(talk.locale) in goodbye.text.lower()
    assert goodbye.ends_session is True


def test_stop_before_any_answer_is_a_plain_goodbye(talk: Conversation, content: Content) -> None:
    say(talk, "quiz me")
    goodbye = say(talk, "stop")
    assert goodbye.text == content.prompts["goodbye"] and goodbye.ends_session is True


def test_asking_for_the_quiz_mid_round_goes_back_to_the_question(
    talk: Conversation, content: Content
) -> None:
    question = question_heard(content, say(talk, "quiz me"))
    turn = say(talk, "start")
    assert question_heard(content, turn) == question and number(content, 1) in turn.text


def test_yes_to_a_choice_question_is_not_one_of_the_answers(content: Content) -> None:
    chat = Conversation.engine(content, _asking(content, CHOICE))
    turn = chat.ask("yes")
    assert turn.text.startswith(content.quiz.prompts["not_a_choice"])
    assert chat.state.quiz_retry and chat.state.quiz_at == 0


# --- rounds across a session ----------------------------------------------------------------


def test_rounds_repeat_no_question_until_the_bank_runs_out(
    talk: Conversation, content: Content
) -> None:
    bank = len(content.quiz.questions)
    rounds = bank // 5
    heard_ids: list[str] = []
    turn = say(talk, "quiz us")
    for n in range(rounds + 1):
        this_round = []
        for _ in range(5):
            last = question_heard(content, turn)
            this_round.append(last.id)
            turn = say(talk, "skip")
        assert len(set(this_round)) == 5
        if n < rounds:
            heard_ids.extend(this_round)
            assert len(set(heard_ids)) == len(heard_ids), n
        else:
            # The bank ran out: the last unasked questions come in this round.
            assert set(content.quiz.questions) - set(heard_ids) <= set(this_round)
        score = content.fill(content.quiz.prompts["score"], score=0, total=5)
        assert turn.text.startswith(closing(content, last, "skip") + " " + score)
        turn = say(talk, "yes")


def test_a_second_round_after_other_topics_still_repeats_nothing(
    talk: Conversation, content: Content
) -> None:
    turn = say(talk, "quiz my class")
    first = []
    for _ in range(5):
        first.append(question_heard(content, turn).id)
        turn = say(talk, "skip")
    say(talk, "who is at risk")
    say(talk, "a tip")
    turn = say(talk, "quiz us again")
    second = []
    for _ in range(5):
        second.append(question_heard(content, turn).id)
        turn = say(talk, "skip")
    assert not set(first) & set(second)


def test_pick_round_draws_unasked_questions_then_starts_over() -> None:
    bank = [f"q{n}" for n in range(12)]
    rng = random.Random(3)
    asked: tuple[str, ...] = ()
    seen: list[str] = []
    for _ in range(2):
        chosen, asked = quiz.pick_round(bank, asked, 5, rng)
        assert len(set(chosen)) == 5 and not set(chosen) & set(seen)
        seen.extend(chosen)
    chosen, asked = quiz.pick_round(bank, asked, 5, rng)
    assert set(bank) - set(seen) <= set(chosen) and len(set(chosen)) == 5
    assert asked == chosen  # the bank starts over from this round
    again, _ = quiz.pick_round(bank, asked, 5, rng)
    assert not set(again) & set(chosen)


def test_judge_takes_letters_choice_words_and_true_or_false(content: Content) -> None:
    choice = next(q for q in content.quiz.questions.values() if q.kind == CHOICE)
    right = choice.right_choice
    assert right is not None
    assert quiz.judge(choice, choice.answer) is True
    assert quiz.judge(choice, right.id) is True
    wrong = next(c for c in choice.choices if c != right)
    assert quiz.judge(choice, wrong.id) is False
    assert quiz.judge(choice, "true") is None
    other = next(
        c.id
        for q in content.quiz.questions.values()
        for c in q.choices
        if c.id not in {x.id for x in choice.choices}
    )
    assert quiz.judge(choice, other) is None
    assert quiz.judge(choice, None) is None
    statement = next(q for q in content.quiz.questions.values() if q.kind == TRUE_FALSE)
    assert quiz.judge(statement, statement.answer) is True
    assert quiz.judge(statement, "a") is None


# --- tampered session attributes ------------------------------------------------------------


@pytest.mark.parametrize(
    "attributes",
    [
        {"mode": "quiz", "quiz": ["no_such_question"]},
        {"mode": "quiz", "quiz": ["def_slavery"], "quiz_at": 4},
        {"mode": "quiz", "quiz": ["def_slavery", "trust_gut"], "quiz_at": 1, "quiz_score": 5},
        {"mode": "quiz", "quiz": ["def_slavery"], "quiz_asked": ["</speak>"]},
        {"mode": "menu", "quiz": ["def_slavery"]},
    ],
)
def test_tampered_quiz_attributes_go_back_to_the_menu(
    client: Any, content: Content, attributes: dict[str, Any]
) -> None:
    envelope = intent_request(intents.NEXT, attributes=attributes)
    envelope["request"]["locale"] = content.locale
    turn = post(client, envelope)
    assert turn.status == 200
    assert turn.text.startswith(content.prompts["no_list"])
    assert not any(k.startswith("quiz") for k in turn.attributes)
    assert turn.attributes.get("mode", "menu") == "menu"


# --- every turn of every question fits --------------------------------------------------


def _asking(content: Content, kind: str, question_id: str | None = None) -> State:
    chosen = question_id or next(q.id for q in content.quiz.questions.values() if q.kind == kind)
    others = [q for q in content.quiz.questions if q != chosen][:4]
    return State(mode="quiz", quiz=(chosen, *others), menu_heard=True)


def _reply(content: Content, state: State, view: str, args: tuple[str, ...]) -> tuple[Reply, str]:
    reply = engine.render(content, state, View(view, args))
    return reply, reply_text(content, reply)


def test_every_answer_and_next_question_fits_in_one_turn(content: Content) -> None:
    """Right or not, the explain sentence and any next question: at most 60 words."""
    questions = list(content.quiz.questions)
    for answered in questions:
        for following in questions:
            if following == answered or quiz.gives_away(following, {answered}, content.quiz.apart):
                continue
            state = State(mode="quiz", quiz=(answered, following), quiz_at=1)
            for before in (quiz.RIGHT, quiz.WRONG, quiz.INTRO):
                reply, said = _reply(content, state, quiz.QUESTION_VIEW, (before, answered))
                assert words(said) <= 60, said
                assert said.endswith("?") and reply.reprompt
        over = State(mode="quiz", quiz=(answered,), quiz_at=1, quiz_score=1)
        for before in (quiz.RIGHT, quiz.WRONG, quiz.SKIP, quiz.MOVE_ON):
            reply, said = _reply(content, over, quiz.QUESTION_VIEW, (before, answered))
            assert words(said) <= 60 and said.endswith("?"), said


def test_asking_again_fits_and_a_fallback_gives_911_and_the_hotline(content: Content) -> None:
    for question in content.quiz.questions.values():
        state = _asking(content, question.kind, question.id)
        for why in (quiz.NOT_A_CHOICE, quiz.NOT_UNDERSTOOD):
            reply, said = _reply(content, state, quiz.REASK_VIEW, (why,))
            assert said.endswith("?") and reply.reprompt, said
            assert words(said) <= (45 if why == quiz.NOT_UNDERSTOOD else 60), said
            if why == quiz.NOT_UNDERSTOOD:
                assert "911" in said and PHONE in said


def test_a_question_reply_has_title_question_and_lettered_choices(content: Content) -> None:
    p = content.quiz.prompts
    choice_state = _asking(content, CHOICE)
    question = content.quiz.questions[choice_state.quiz[0]]
    reply, said = _reply(content, choice_state, quiz.QUESTION_VIEW, ("", ""))
    assert reply.kind == Kind.QUIZ and reply.title == content.quiz.title
    assert reply.lead == (content.fill(p["number"], number=1, total=5), question.text)
    assert [i.answer for i in reply.items] == list(LETTER_IDS)
    assert [i.number for i in reply.items] == [1, 2, 3]
    assert reply.choices == reply.items
    assert reply.items[0].text == f"{content.quiz.letters[0]}: {question.choices[0].text}"
    assert reply.prompt == (p["ask_choice"],)
    statement_state = _asking(content, TRUE_FALSE)
    reply, said = _reply(content, statement_state, quiz.QUESTION_VIEW, ("", ""))
    assert reply.items == ()
    assert [(c.text, c.answer) for c in reply.choices] == [
        (p["true"], "true"),
        (p["false"], "false"),
    ]
    assert said.endswith(p["ask_true_false"])


def test_a_question_not_understood_stays_open(content: Content) -> None:
    chat = Conversation.engine(content, _asking(content, CHOICE))
    for _ in range(3):
        turn = chat.ask(Action.FALLBACK)
        assert chat.state.quiz_at == 0 and "911" in turn.text
    # An answer now answers the same question.
    judged = chat.ask(Action.ANSWER, answer="a")
    assert chat.state.quiz_at == 1 and number(content, 2) in judged.text


def test_the_quiz_can_be_started_from_any_mode(content: Content) -> None:
    for start in (FRESH, State(mode="topic", topic="grooming")):
        chat = Conversation.engine(content, start)
        chat.ask(Action.QUIZ)
        assert chat.state.mode == "quiz" and len(chat.state.quiz) == content.quiz.round_size


def test_an_answer_outside_the_quiz_is_not_understood(content: Content) -> None:
    turn = Conversation.engine(content).ask(Action.ANSWER, answer="a")
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    said_true = Conversation.engine(content, seed=1).ask(Action.ANSWER, answer="true")
    assert said_true.state.mode == "menu"


# --- the bank and its sources --------------------------------------------------------------


def test_the_bank_covers_every_part_of_the_page_and_getting_help(content: Content) -> None:
    bank = content.quiz.questions.values()
    assert len(content.quiz.questions) >= 20 and content.quiz.round_size == 5
    assert {q.kind for q in bank} == {CHOICE, TRUE_FALSE}
    for part in content.topics:  # a topic added to the page needs a question too
        texts = " ".join(_plain(content, t) for t in content.topic(part).sentences)
        assert any(_plain(content, q.source) in texts for q in bank), part
    topics = " ".join(topic_texts(content))
    assert all(_plain(content, q.source) in topics for q in bank)


def test_every_question_is_on_a_sentence_the_lesson_speaks(content: Content) -> None:
    """Not on the help section's details (hours, languages...), which the lesson never says;
    and no wrong choice is one of the content's numbers (a real help number)."""
    spoken = [words_of(t) for t in topic_texts(content)]
    for q in content.quiz.questions.values():
        source = words_of(_plain(content, q.source))
        assert any(contains(sentence, source) for sentence in spoken), q.id
    numbers = {n.value for n in content.numbers.values()}
    for q in content.quiz.questions.values():
        wrong_choices = [c for n, c in enumerate(q.choices) if LETTER_IDS[n] != q.answer]
        said = {_plain(content, c.text) for c in wrong_choices}
        assert not any(number in choice for number in numbers for choice in said), q.id


def test_questions_on_one_sentence_never_share_a_round(content: Content) -> None:
    """The same source gives the other away: such questions are in one group of ``apart``."""
    by_source: dict[str, set[str]] = {}
    for q in content.quiz.questions.values():
        by_source.setdefault(q.source, set()).add(q.id)
    for ids in by_source.values():
        if len(ids) > 1:
            assert any(ids <= set(group) for group in content.quiz.apart), sorted(ids)
    bank = list(content.quiz.questions)
    for seed in range(200):
        rng = random.Random(seed)
        asked: tuple[str, ...] = ()
        for _ in range(len(bank) // content.quiz.round_size + 2):
            chosen, asked = quiz.pick_round(
                bank, asked, content.quiz.round_size, rng, content.quiz.apart
            )
            assert len(set(chosen)) == content.quiz.round_size
            for group in content.quiz.apart:
                assert len(set(group) & set(chosen)) <= 1, (seed, sorted(set(group) & set(chosen)))


def test_a_round_is_never_played_with_two_questions_of_a_group(
    talk: Conversation, content: Content
) -> None:
    turn = say(talk, "quiz my class")
    for _round in range(3):
        heard = []
        for _ in range(content.quiz.round_size):
            heard.append(question_heard(content, turn).id)
            turn = say(talk, "skip")
        assert all(len(set(group) & set(heard)) <= 1 for group in content.quiz.apart), heard
        turn = say(talk, "yes")


def test_every_question_comes_from_the_content(content: Content) -> None:
    assert quiz_problems(content) == []


def _broken(raw: dict[str, Any], edit: Callable[[dict[str, Any]], None]) -> Content:
    data = copy.deepcopy(raw)
    edit(data)
    return parse_content(data, "content/en-US.yaml")


def _question(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(q for q in data["quiz"]["questions"] if q["id"] == question_id)
    return found


BROKEN_QUESTIONS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "source not on the page",
        lambda d: _question(d, "trafficker_man").update(source="Traffickers are always men."),
        "(trafficker_man).source: not in the page",
    ),
    (
        "explain invented",
        lambda d: _question(d, "trust_gut").update(explain="Your gut is always right."),
        "(trust_gut).explain: not in the page",
    ),
    (
        "right choice not in the source",
        lambda d: _question(d, "def_freedom").update(answer="a"),
        "(def_freedom).answer: the right choice 'Money' is not in the source",
    ),
    (
        "a wrong choice the source also supports",
        lambda d: _question(d, "meet_where")["choices"][0].update(text="Online"),
        "(meet_where).answer: the wrong choice 'Online' is in the source too",
    ),
    (
        "a false statement marked true",
        lambda d: _question(d, "trafficker_man").update(answer=True),
        "(trafficker_man).answer: the true statement is not what the source says",
    ),
    (
        "a true statement marked false",
        lambda d: _question(d, "block_uncomfortable").update(answer=False),
        "(block_uncomfortable).answer: the false statement says only what the source says",
    ),
    (
        "a statement about something else",
        lambda d: _question(d, "unfamiliar_alone").update(text="Pizza tastes great on Fridays."),
        "(unfamiliar_alone).answer: the false statement is not about its source",
    ),
]


@pytest.mark.parametrize(
    ("label", "edit", "message"), BROKEN_QUESTIONS, ids=[b[0] for b in BROKEN_QUESTIONS]
)
def test_quiz_problems_finds_a_question_that_strays_from_the_page(
    raw: dict[str, Any], label: str, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    problems = quiz_problems(_broken(raw, edit))
    assert any(message in p for p in problems), problems
    question_id = message.split(")")[0] + ")"
    assert all(p.startswith("quiz.questions[") and question_id in p for p in problems), problems


def test_word_endings_do_not_make_another_word(raw: dict[str, Any]) -> None:
    """Key words are compared by their stems: "victim" is in a source saying "victims"."""
    assert stem("bloquea") == stem("bloquear") and stem("interpreters") == stem("interpreter")
    assert stem("233733") == "233733"

    def statement(answer: bool) -> Callable[[dict[str, Any]], None]:
        def edit(d: dict[str, Any]) -> None:
            text = "A trafficker may use private information shared during grooming to exploit a victim."
            _question(d, "grooming_info").update(text=text, answer=answer)

        return edit

    assert quiz_problems(_broken(raw, statement(True))) == []
    (problem,) = quiz_problems(_broken(raw, statement(False)))
    assert "the false statement says only what the source says" in problem


BROKEN_QUIZ: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("no quiz", lambda d: d.pop("quiz"), "quiz: missing"),
    ("missing prompt", lambda d: d["quiz"]["prompts"].pop("score"), "quiz.prompts.score: missing"),
    (
        "wrong field in a prompt",
        lambda d: d["quiz"]["prompts"].update(right="Right, {score}!"),
        "quiz.prompts.right: unknown placeholder {score}",
    ),
    (
        "bad kind",
        lambda d: d["quiz"]["questions"][0].update(kind="essay"),
        "quiz.questions[0].kind",
    ),
    (
        "two choices",
        lambda d: d["quiz"]["questions"][2]["choices"].pop(),
        "quiz.questions[2].choices: expected a list of 3 choices",
    ),
    (
        "answer d",
        lambda d: d["quiz"]["questions"][2].update(answer="d"),
        "quiz.questions[2].answer",
    ),
    (
        "true or false with choices",
        lambda d: d["quiz"]["questions"][0].update(choices=[]),
        "quiz.questions[0].choices: are only for questions of kind choice",
    ),
    (
        "true or false answered with a letter",
        lambda d: d["quiz"]["questions"][0].update(answer="a"),
        "quiz.questions[0].answer: expected true or false",
    ),
    (
        "a letter as a choice id",
        lambda d: d["quiz"]["questions"][2]["choices"][0].update(id="b"),
        "quiz.questions[2].choices[0].id: 'b' is a letter",
    ),
    (
        "a choice id twice in a question",
        lambda d: d["quiz"]["questions"][2]["choices"][0].update(id="freedom"),
        "quiz.questions[2].choices[2].id: duplicate choice id 'freedom'",
    ),
    (
        "duplicate question id",
        lambda d: d["quiz"]["questions"][1].update(id="def_slavery"),
        "quiz.questions[1].id: duplicate id 'def_slavery'",
    ),
    (
        "a long question id",
        lambda d: d["quiz"]["questions"][1].update(id="q" * 30),
        "quiz.questions[1].id: is longer than",
    ),
    (
        "unknown number",
        lambda d: d["quiz"]["questions"][0].update(text="Call {police}."),
        "quiz.questions[0].text: unknown placeholder {police}",
    ),
    (
        "round bigger than the bank",
        lambda d: d["quiz"].update(round_size=9, questions=d["quiz"]["questions"][:8]),
        "quiz.round_size: is more than the 8 questions",
    ),
    (
        "two letters",
        lambda d: d["quiz"].update(letters=["A", "B"]),
        "quiz.letters: expected 3 letters",
    ),
    ("unknown key", lambda d: d["quiz"].update(timer=30), "quiz.timer: is not a key"),
]


@pytest.mark.parametrize(("label", "edit", "message"), BROKEN_QUIZ, ids=[b[0] for b in BROKEN_QUIZ])
def test_a_broken_quiz_section_names_file_and_key(
    raw: dict[str, Any], label: str, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(ContentError) as excinfo:
        _broken(raw, edit)
    assert str(excinfo.value).startswith("content/en-US.yaml: ")
    assert message in str(excinfo.value)


def test_the_same_choice_id_must_have_the_same_words(raw: dict[str, Any]) -> None:
    def edit(d: dict[str, Any]) -> None:
        _question(d, "who_knows")["choices"][1].update(text="No one at all")

    with pytest.raises(ContentError, match=r"choices\[1\]\.text: choice id 'nobody' has other"):
        _broken(raw, edit)


# --- the interaction model ----------------------------------------------------------------


def _intent(name: str, locale: str = "en-US") -> dict[str, Any]:
    (found,) = [i for i in model(locale)["intents"] if i["name"] == name]
    return dict(found)


def test_the_answer_type_has_every_answer_id_the_content_uses(content: Content) -> None:
    lm = model(content.locale)
    (answer_type,) = [t for t in lm["types"] if t["name"] == intents.ANSWER_TYPE]
    ids = [v["id"] for v in answer_type["values"]]
    choice_ids = {c.id for q in content.quiz.questions.values() for c in q.choices}
    assert len(ids) == len(set(ids))
    assert set(ids) == {*LETTER_IDS, "true", "false", *choice_ids}
    assert _intent(intents.QUIZ_ANSWER, content.locale)["slots"] == [
        {"name": name, "type": intents.ANSWER_TYPE}
        for name in (intents.ANSWER_SLOT, *intents.MORE_ANSWER_SLOTS)
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_quiz_intent_has_the_phrases_teachers_and_students_use(locale: str) -> None:
    samples = _intent(intents.QUIZ, locale)["samples"]
    assert len(samples) >= 15
    for phrase in expected(locale).quiz.phrases:
        assert phrase in samples


@pytest.mark.parametrize(
    ("locale", "said", "answer_id"),
    [
        (locale, said, answer)
        for locale in LOCALES
        for said, answer in expected(locale).quiz.answers.items()
    ],
)
def test_letters_ordinals_and_true_or_false_are_understood(
    locale: str, said: str, answer_id: str
) -> None:
    result = heard(said, locale)
    assert result.intent == intents.QUIZ_ANSWER, result
    (slot,) = result.slots
    assert slot.resolution is not None and slot.resolution.values[0][0] == answer_id


def test_the_words_of_every_choice_are_understood(content: Content) -> None:
    for question in content.quiz.questions.values():
        for choice in question.choices:
            said = choice.text if "{" not in choice.text else model_words(choice.id, content.locale)
            result = heard(said, content.locale)
            if result.intent in intents.HELP_INTENTS:
                continue  # getting help always wins over a quiz answer
            assert result.intent == intents.QUIZ_ANSWER, (said, result)
            ids = [v for s in result.slots if s.resolution for v, _ in s.resolution.values]
            assert ids[:1] == [choice.id], (said, result)


@pytest.mark.parametrize(
    ("locale", "said"),
    [(locale, said) for locale in LOCALES for said in expected(locale).quiz.skip],
)
def test_skip_is_next(locale: str, said: str) -> None:
    assert heard(said, locale).intent == intents.NEXT


# --- the phrasing corpus --------------------------------------------------------------------


def corpus_rows(locale: str) -> list[tuple[int, str, str, dict[str, str]]]:
    rows = []
    lines = (PHRASINGS / f"quiz-{locale}.tsv").read_text(encoding="utf-8").splitlines()
    body = [
        (n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")
    ]
    assert body[0][1].split("\t") == ["said", "intent", "slots", "must", "who"]
    for n, line in body[1:]:
        said, intent, slots, must, who = line.split("\t")
        assert must == "-" and who in {"teacher", "student"}, n
        labelled = {} if slots == "-" else dict(s.split("=", 1) for s in slots.split(","))
        rows.append((n, said, intent, labelled))
    return rows


@pytest.mark.parametrize("locale", available_locales())
def test_the_quiz_phrasings_route_to_the_labelled_intent_and_answer(locale: str) -> None:
    rows = corpus_rows(locale)
    assert len(rows) >= 30
    assert {intent for _, _, intent, _ in rows} >= {intents.QUIZ, intents.QUIZ_ANSWER}
    missed = []
    for n, said, intent, labelled in rows:
        result = heard(said, locale)
        got = {
            s.name: s.resolution.values[0][0]
            for s in result.slots
            if s.resolution and s.resolution.values
        }
        if result.intent != intent or any(got.get(k) != v for k, v in labelled.items()):
            missed.append(f"line {n}: {said!r} -> {result.intent} {got}")
    rate = 1 - len(missed) / len(rows)
    assert rate >= MIN_ROUTED, missed


# --- Spanish speech ------------------------------------------------------------------------


def test_english_names_in_spanish_speech_are_said_in_english_and_shown_plain(
    talk: Conversation, content: Content
) -> None:
    """Data-driven (classroom.english_words): the SSML marks them, the card does not."""
    turn = talk.say("LearnMoreIntent")
    mark = '<lang xml:lang="en-US">'
    card = (turn.card or {}).get("content", "") + (turn.card or {}).get("text", "")
    if content.locale.startswith("en"):
        assert mark not in turn.ssml
        return
    assert f"{mark}National Human Trafficking Hotline</lang>" in turn.ssml
    assert f"{mark}human trafficking hotline</lang> punto org" in turn.ssml
    assert "National Human Trafficking Hotline" in card and "<lang" not in card
