"""The conversation engine as a pure function: mode tables, reachable replies, navigation."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from skill import engine
from skill.content import Content, default_library
from skill.modes import MODES
from skill.modes.base import (
    BUILT_IN_ACTIONS,
    DETAIL,
    HOTLINE,
    LAUNCH,
    MENU,
    MORE,
    NEXT,
    NO,
    PREVIOUS,
    QUIZ,
    RANDOM_TIP,
    REPEAT,
    SOURCE,
    START_OVER,
    STOP,
    THANKS,
    TIPS,
    TOPIC,
    YES,
    Mode,
    Request,
)
from skill.render import render
from skill.reply import Reply
from skill.speech import ssml_to_text
from skill.state import FRESH, State
from tests.engine_chat import Chat, words
from tests.locales import LOCALES, help_words
from tests.walk import every_turn

# --- every mode declares every built-in action --------------------------------------------


def test_a_mode_must_say_what_every_built_in_action_does() -> None:
    with pytest.raises(ValueError, match="previous"):
        Mode(
            name="broken",
            actions={a: MODES["menu"].actions[a] for a in BUILT_IN_ACTIONS if a != PREVIOUS},
            question=MODES["menu"].question,
            reprompt=MODES["menu"].reprompt,
            help_text=MODES["menu"].help_text,
        )


def states_in_every_mode(content: Content) -> Iterator[tuple[str, State]]:
    """A state of each mode, reached the way a user reaches it."""
    chat = Chat(content)
    yield "menu", FRESH
    chat.ask(TOPIC, "risk_factors")
    yield "topic: a lead page", chat.state
    chat.ask(NEXT)
    chat.ask(NEXT)
    yield "topic: mid-list", chat.state
    chat.ask(HOTLINE, "info")
    yield "help after a question, mid-list", chat.state
    chat.ask(HOTLINE, "danger")
    yield "help after a disclosure", chat.state
    chat.ask(TOPIC, "definition")
    yield "topic: a prose page", chat.state
    chat.ask(TIPS)
    yield "category", chat.state
    chat.ask(RANDOM_TIP)
    yield "tip", chat.state
    yield "help at the menu", Chat(content).state.but(mode="help", back="menu", situation="info")
    yield from quiz_states(content)


def quiz_states(content: Content) -> Iterator[tuple[str, State]]:
    """A state of each phase of the quiz, with a question of each kind open."""
    kinds = {q.kind: q.id for q in content.quiz.questions.values()}
    chat = Chat(content)
    chat.ask(QUIZ)
    for kind, question_id in sorted(kinds.items()):
        asking = chat.state.but(quiz=(question_id, *chat.state.quiz[1:]))
        if question_id in chat.state.quiz[1:]:
            asking = chat.state.but(quiz=(question_id,))
        yield f"quiz: a {kind} question", asking
        yield f"quiz: a {kind} question asked again", asking.but(quiz_retry=True)
    chat.ask(NEXT)
    yield "quiz: the second question", chat.state
    chat.ask("fallback")
    yield "quiz: a question not understood", chat.state
    chat.ask(HOTLINE, "info")
    yield "help mid-quiz", chat.state
    chat.ask(YES)
    while chat.state.quiz_at < len(chat.state.quiz):
        chat.ask(NEXT)
    yield "quiz: the round is over", chat.state


@pytest.mark.parametrize("action", [*BUILT_IN_ACTIONS, MORE])
def test_every_built_in_action_in_every_mode_asks_a_question_or_ends_cleanly(
    content: Content, action: str
) -> None:
    for label, state in states_in_every_mode(content):
        chat = Chat(content, state)
        reply = chat.ask(action)
        said = chat.text(reply)
        if reply.end_session:
            assert not reply.prompt and not reply.reprompt, (label, said)
            continue
        assert said.endswith("?"), (label, action, said)
        assert reply.reprompt, (label, action, said)
        assert render(content, reply).reprompt, (label, action)


# --- every reply a conversation can reach --------------------------------------------------


Walk = tuple[Content, list[tuple[State, Request, Reply, str]]]


@pytest.fixture(scope="module", params=LOCALES)
def walk(request: pytest.FixtureRequest) -> Walk:
    """Every reply reachable in one locale, with what a listener hears."""
    content = default_library().for_locale(request.param)
    out = []
    for state, asked, reply in every_turn(content):
        out.append((state, asked, reply, ssml_to_text(render(content, reply).ssml)))
    return content, out


@pytest.fixture
def every_reply(walk: Walk) -> list[tuple[State, Request, Reply, str]]:
    return walk[1]


def test_the_walk_reaches_every_mode_and_view(
    every_reply: list[tuple[State, Request, Reply, str]],
) -> None:
    from skill.modes import VIEWS

    modes = {state.mode for state, _, _, _ in every_reply}
    assert modes >= {"menu", "topic", "category", "tip", "help"}
    views = {state.view for state, _, _, _ in every_reply}
    assert modes >= {"quiz"}
    # Views never kept in the state: the rest of a read-along turn, errors, endings,
    # and the answers that keep the place (not understood, another language).
    not_kept = {"rest", "error", "goodbye", "quiz_goodbye", "fallback", "language", None}
    assert views >= set(VIEWS) - not_kept


def test_no_turn_is_too_long(every_reply: list[tuple[State, Request, Reply, str]]) -> None:
    """At most 60 words a turn; a list page whose items are the page's own may have 70."""
    for _state, request, reply, said in every_reply:
        limit = 70 if reply.items and reply.total else 60
        assert words(said) <= limit, (request, said)


# Never said to someone asking for help.
CANNOT_HELP = ("can't help", "cannot help", "no puedo ayudar", "no te puedo ayudar")


def test_nothing_reachable_says_it_cannot_help(
    every_reply: list[tuple[State, Request, Reply, str]],
) -> None:
    for _state, request, _reply, said in every_reply:
        lowered = said.lower().replace("’", "'")
        assert not [c for c in CANNOT_HELP if c in lowered], (request, said)


def test_every_fallback_gives_911_and_the_hotline(walk: Walk) -> None:
    content, every_reply = walk
    phone = content.numbers["hotline_phone"].value
    fallbacks = [(r, s) for _, r, _, s in every_reply if r.action == "fallback"]
    assert fallbacks
    for request, said in fallbacks:
        assert phone in said and "911" in said, (request, said)
        assert words(said) <= 45, said


def test_every_open_turn_ends_in_a_question(
    every_reply: list[tuple[State, Request, Reply, str]],
) -> None:
    for _state, request, reply, said in every_reply:
        if not reply.end_session:
            assert said.endswith("?"), (request, said)
            assert reply.reprompt, (request, said)


def test_every_ending_names_i_need_help(walk: Walk) -> None:
    content, every_reply = walk
    endings = {said for _, _, reply, said in every_reply if reply.end_session}
    assert len(endings) >= 3
    for said in endings:
        assert help_words(content.locale) in said.lower()


# --- direct answers and lists --------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic_id", "next_offer"),
    [("definition", "traffickers"), ("traffickers", "grooming"), ("grooming", "risk_factors")],
)
def test_direct_answers_are_short_and_offer_the_next(
    content: Content, topic_id: str, next_offer: str
) -> None:
    chat = Chat(content)
    reply = chat.ask(TOPIC, topic_id)
    topic = content.topic(topic_id)
    assert 1 <= len(reply.items) <= 2
    assert [i.text for i in reply.items] == list(topic.items)
    assert reply.prompt == (content.topic(next_offer).offer,)
    chat.ask(YES)
    assert chat.state.topic == next_offer


def test_grooming_is_answered_first_not_after_the_definition(content: Content) -> None:
    said = Chat(content).say(TOPIC, "grooming")
    assert said.startswith(content.topic("grooming").items[0])
    assert content.topic("definition").items[0] not in said


def test_a_list_says_its_count_then_three_items_a_turn(content: Content) -> None:
    chat = Chat(content)
    lead = chat.ask(TOPIC, "risk_factors")
    assert not lead.items  # the lead sentences have a turn of their own
    first = chat.ask(YES)
    said = chat.text(first)
    count, first_three = content.topic("risk_factors").pages[1].lead
    assert "11" in count and "3" in first_three
    assert said.startswith(f"{count} {first_three}")
    pages = [first]
    while chat.reply is not None and chat.reply.more:
        pages.append(chat.ask(NEXT))
    numbers = [item.number for page in pages for item in page.items]
    assert numbers == list(range(1, 12))
    assert all(len(page.items) <= 3 for page in pages)


def test_list_help_says_where_the_listener_is(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "risk_factors")
    chat.ask(YES)
    chat.ask(NEXT)
    said = chat.say("help")
    title = content.topic("risk_factors").title
    assert content.prompt("help_list", title=title, first=4, last=6, total=11) in said


# --- navigation -----------------------------------------------------------------------------


@pytest.mark.parametrize("action", [YES, NEXT])
def test_after_the_last_page_yes_and_next_take_up_the_offer(content: Content, action: str) -> None:
    chat = Chat(content)
    chat.ask(TIPS, category="general_safety")
    last = chat.ask(NEXT)
    assert not last.more
    assert last.prompt == (content.topic("out_with_friends").offer,)
    chat.ask(action)
    assert (chat.state.mode, chat.state.topic) == ("topic", "out_with_friends")


@pytest.mark.parametrize(
    "detour", [("help", None), (HOTLINE, "info"), (REPEAT, None), (DETAIL, None)]
)
def test_an_offer_survives_a_detour(content: Content, detour: tuple[str, str | None]) -> None:
    chat = Chat(content)
    chat.ask(TIPS, category="general_safety")
    chat.ask(NEXT)  # the last page offers the tips for going out with friends
    chat.ask(*detour)
    chat.ask(YES)
    assert (chat.state.mode, chat.state.topic) == ("topic", "out_with_friends")


def test_another_one_in_a_list_is_the_next_page_and_previous_goes_back(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "risk_factors")
    chat.ask(YES)
    second = chat.ask(NEXT)  # "another one" is a sample of AMAZON.NextIntent
    assert [i.number for i in second.items] == [4, 5, 6]
    back = chat.ask(PREVIOUS)
    assert [i.number for i in back.items] == [1, 2, 3]


def test_previous_after_a_single_tip_goes_to_the_tip_before(content: Content) -> None:
    chat = Chat(content)
    first = chat.ask(RANDOM_TIP)
    second = chat.ask(NEXT)
    assert first.items != second.items
    assert chat.ask(PREVIOUS).items == first.items
    again = chat.ask(PREVIOUS)
    assert again.items == first.items
    assert chat.text(again).startswith(content.prompts["tip_first"])
    assert chat.ask(NEXT).items == second.items


def test_tips_do_not_repeat_until_all_were_heard(content: Content) -> None:
    chat = Chat(content)
    heard = [chat.ask(RANDOM_TIP).items[0].text for _ in content.tips]
    assert sorted(heard) == sorted(t.text for t in content.tips)
    restarted = chat.say(RANDOM_TIP)
    assert restarted.startswith(content.prompts["tips_restart"])


# --- exits ------------------------------------------------------------------------------------


def test_no_to_an_open_question_ends_the_session(content: Content) -> None:
    chat = Chat(content)
    chat.ask(LAUNCH)
    reply = chat.ask(NO)
    assert reply.end_session
    assert help_words(content.locale) in chat.text(reply).lower()


def test_no_to_a_yes_or_no_question_asks_what_else_then_no_ends(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "definition")
    first = chat.ask(NO)
    assert not first.end_session
    assert chat.text(first).startswith(content.prompts["okay"])
    assert chat.ask(NO).end_session


def test_the_menu_reprompt_says_what_no_does(content: Content) -> None:
    reply = Chat(content).ask(MENU)
    assert "no" in " ".join(reply.reprompt).lower().split()


@pytest.mark.parametrize("action", [THANKS, STOP])
def test_thanks_and_stop_end_politely(content: Content, action: str) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "risk_factors")
    reply = chat.ask(action)
    assert reply.end_session and not reply.reprompt


# --- the rest ----------------------------------------------------------------------------------


def test_repeat_after_a_fallback_repeats_the_content_not_the_fallback(content: Content) -> None:
    chat = Chat(content)
    page = chat.ask(TOPIC, "traffickers")
    chat.ask("fallback")
    assert chat.ask(REPEAT) == page


def test_repeat_re_renders_from_ids_kept_in_the_state(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "risk_factors")
    page = chat.ask(YES)
    assert chat.state.view == "page"
    assert chat.state.args == ("risk_factors", "1", "")
    assert chat.ask(REPEAT) == page


def test_the_welcome_reprompt_keeps_i_need_help(content: Content) -> None:
    reply = Chat(content).ask(LAUNCH)
    assert help_words(content.locale) in " ".join(reply.reprompt).lower()


def test_the_menu_is_shorter_after_the_first_time(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "traffickers")
    first = chat.say(START_OVER)
    chat.ask(TOPIC, "traffickers")
    second = chat.say(START_OVER)
    assert words(second) < words(first)
    assert help_words(content.locale) in second.lower()


def test_what_else_gives_the_whole_menu(content: Content) -> None:
    chat = Chat(content)
    chat.ask(LAUNCH)
    assert chat.say(MENU) == ssml_to_text(content.prompts["menu_full"])


def test_where_this_comes_from_names_the_page_and_publisher(content: Content) -> None:
    said = Chat(content).say(SOURCE)
    assert content.source.title in said
    assert content.source.publisher in said


def test_learn_more_is_offered_after_the_risk_factors(content: Content) -> None:
    chat = Chat(content)
    chat.ask(TOPIC, "risk_factors")
    while chat.reply is not None and (chat.reply.more or not chat.reply.items):
        chat.ask(NEXT)
    assert chat.reply is not None
    assert chat.reply.prompt == (content.topic("learn_more").offer,)
    said = chat.say(YES)
    assert content.topic("learn_more").items[0] in said


def test_tampered_state_goes_back_to_the_menu_with_a_normal_answer(content: Content) -> None:
    state, usable = engine.load_state(content, {"mode": "topic", "topic": "no_such_topic"})
    assert (state, usable) == (FRESH, False)
    chat = Chat(content, state)
    said = chat.say(NEXT)
    assert said.startswith(content.prompts["no_list"])


def test_a_turn_is_the_answer_and_whether_its_state_replays_it() -> None:
    """engine.turn (what the handler calls) gives answer()'s reply and state, and replays()
    of them, on every reachable turn of every locale: only a reply that was not kept is
    rendered again to tell."""
    reference = default_library().for_locale("en-US")
    kept = 0
    for locale in LOCALES:
        content = default_library().for_locale(locale)
        for n, (state, request, _reply) in enumerate(every_turn(reference)):
            turn = engine.turn(content, state, request, random.Random(n))
            reply, after = engine.answer(content, state, request, random.Random(n))
            assert (turn.reply, turn.state) == (reply, after)
            assert turn.replays == engine.replays(content, after, reply)
            kept += turn.replays
    assert kept > 1000
