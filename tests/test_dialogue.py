"""The conversation engine as a pure function: mode tables, reachable replies, navigation."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from skill import engine
from skill.content import Content, default_library
from skill.modes import MODES
from skill.modes.base import BUILT_IN_ACTIONS, ModeTable, Request
from skill.render import render
from skill.reply import Reply
from skill.speech import ssml_to_text
from skill.state import FRESH, State
from skill.vocabulary import Action
from tests.conversation import Conversation, EngineConversation, reply_text, words
from tests.locales import LOCALES, expected, help_words
from tests.walk import every_turn

# --- every mode declares every built-in action --------------------------------------------


def test_a_mode_must_say_what_every_built_in_action_does() -> None:
    with pytest.raises(ValueError, match="previous"):
        ModeTable(
            name="broken",
            actions={a: MODES["menu"].actions[a] for a in BUILT_IN_ACTIONS if a != Action.PREVIOUS},
            question=MODES["menu"].question,
            reprompt=MODES["menu"].reprompt,
            help_text=MODES["menu"].help_text,
        )


def states_in_every_mode(content: Content) -> Iterator[tuple[str, State]]:
    """A state of each mode, reached the way a user reaches it."""
    chat = Conversation.engine(content)
    yield "menu", FRESH
    chat.ask(Action.TOPIC, "risk_factors")
    yield "topic: a lead page", chat.state
    chat.ask(Action.NEXT)
    chat.ask(Action.NEXT)
    yield "topic: mid-list", chat.state
    chat.ask(Action.HOTLINE, "info")
    yield "help after a question, mid-list", chat.state
    chat.ask(Action.HOTLINE, "danger")
    yield "help after a disclosure", chat.state
    chat.ask(Action.TOPIC, "definition")
    yield "topic: a prose page", chat.state
    chat.ask(Action.TIPS)
    yield "category", chat.state
    chat.ask(Action.RANDOM_TIP)
    yield "tip", chat.state
    yield (
        "help at the menu",
        Conversation.engine(content).state.but(mode="help", back="menu", situation="info"),
    )
    yield from quiz_states(content)


def quiz_states(content: Content) -> Iterator[tuple[str, State]]:
    """A state of each phase of the quiz, with a question of each kind open."""
    kinds = {q.kind: q.id for q in content.quiz.questions.values()}
    chat = Conversation.engine(content)
    chat.ask(Action.QUIZ)
    for kind, question_id in sorted(kinds.items()):
        asking = chat.state.but(quiz=(question_id, *chat.state.quiz[1:]))
        if question_id in chat.state.quiz[1:]:
            asking = chat.state.but(quiz=(question_id,))
        yield f"quiz: a {kind} question", asking
        yield f"quiz: a {kind} question asked again", asking.but(quiz_retry=True)
    chat.ask(Action.NEXT)
    yield "quiz: the second question", chat.state
    chat.ask("fallback")
    yield "quiz: a question not understood", chat.state
    chat.ask(Action.HOTLINE, "info")
    yield "help mid-quiz", chat.state
    chat.ask(Action.YES)
    while chat.state.quiz_at < len(chat.state.quiz):
        chat.ask(Action.NEXT)
    yield "quiz: the round is over", chat.state


@pytest.mark.parametrize("action", [*BUILT_IN_ACTIONS, Action.MORE])
def test_every_built_in_action_in_every_mode_asks_a_question_or_ends_cleanly(
    content: Content, action: str
) -> None:
    for label, state in states_in_every_mode(content):
        chat = Conversation.engine(content, state)
        reply = chat.ask(action).reply
        said = reply_text(content, reply)
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
    # and the answers that keep the place (not understood, off topic, another language).
    kept_elsewhere = {"fallback", "off_topic", "language"}
    not_kept = {"rest", "error", "goodbye", "quiz_goodbye", *kept_elsewhere, None}
    assert views >= set(VIEWS) - not_kept


def test_no_turn_is_too_long(every_reply: list[tuple[State, Request, Reply, str]]) -> None:
    """At most 60 words a turn; a list page whose items are the page's own may have 70."""
    for _state, request, reply, said in every_reply:
        limit = 70 if reply.items and reply.total else 60
        assert words(said) <= limit, (request, said)


# Never said to someone asking for help, in any of the languages the skill speaks.
CANNOT_HELP = tuple(c for locale in LOCALES for c in expected(locale).hotline.cannot_help)


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
    chat: EngineConversation, content: Content, topic_id: str, next_offer: str
) -> None:
    reply = chat.ask(Action.TOPIC, topic_id).reply
    topic = content.topic(topic_id)
    assert 1 <= len(reply.items) <= 2
    assert [i.text for i in reply.items] == list(topic.items)
    assert reply.prompt == (content.topic(next_offer).offer,)
    chat.ask(Action.YES)
    assert chat.state.topic == next_offer


def test_grooming_is_answered_first_not_after_the_definition(content: Content) -> None:
    said = Conversation.engine(content).ask(Action.TOPIC, "grooming").text
    assert said.startswith(content.topic("grooming").items[0])
    assert content.topic("definition").items[0] not in said


def test_a_list_says_its_count_then_three_items_a_turn(
    chat: EngineConversation, content: Content
) -> None:
    lead = chat.ask(Action.TOPIC, "risk_factors").reply
    assert not lead.items  # the lead sentences have a turn of their own
    first = chat.ask(Action.YES).reply
    said = reply_text(content, first)
    count, first_three = content.topic("risk_factors").pages[1].lead
    assert "11" in count and "3" in first_three
    assert said.startswith(f"{count} {first_three}")
    pages = [first]
    while chat.last.reply.more:
        pages.append(chat.ask(Action.NEXT).reply)
    numbers = [item.number for page in pages for item in page.items]
    assert numbers == list(range(1, 12))
    assert all(len(page.items) <= 3 for page in pages)


def test_list_help_says_where_the_listener_is(chat: EngineConversation, content: Content) -> None:
    chat.ask(Action.TOPIC, "risk_factors")
    chat.ask(Action.YES)
    chat.ask(Action.NEXT)
    said = chat.ask("help").text
    title = content.topic("risk_factors").title
    assert content.prompt("help_list", title=title, first=4, last=6, total=11) in said


# --- navigation -----------------------------------------------------------------------------


@pytest.mark.parametrize("action", [Action.YES, Action.NEXT])
def test_after_the_last_page_yes_and_next_take_up_the_offer(
    chat: EngineConversation, content: Content, action: str
) -> None:
    chat.ask(Action.TIPS, category="general_safety")
    last = chat.ask(Action.NEXT).reply
    assert not last.more
    assert last.prompt == (content.topic("out_with_friends").offer,)
    chat.ask(action)
    assert (chat.state.mode, chat.state.topic) == ("topic", "out_with_friends")


@pytest.mark.parametrize(
    "detour",
    [("help", None), (Action.HOTLINE, "info"), (Action.REPEAT, None), (Action.DETAIL, None)],
)
def test_an_offer_survives_a_detour(
    chat: EngineConversation, content: Content, detour: tuple[str, str | None]
) -> None:
    chat.ask(Action.TIPS, category="general_safety")
    chat.ask(Action.NEXT)  # the last page offers the tips for going out with friends
    chat.ask(*detour)
    chat.ask(Action.YES)
    assert (chat.state.mode, chat.state.topic) == ("topic", "out_with_friends")


def test_another_one_in_a_list_is_the_next_page_and_previous_goes_back(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.TOPIC, "risk_factors")
    chat.ask(Action.YES)
    second = chat.ask(Action.NEXT).reply  # "another one" is a sample of AMAZON.NextIntent
    assert [i.number for i in second.items] == [4, 5, 6]
    back = chat.ask(Action.PREVIOUS).reply
    assert [i.number for i in back.items] == [1, 2, 3]


def test_previous_after_a_single_tip_goes_to_the_tip_before(
    chat: EngineConversation, content: Content
) -> None:
    first = chat.ask(Action.RANDOM_TIP).reply
    second = chat.ask(Action.NEXT).reply
    assert first.items != second.items
    assert chat.ask(Action.PREVIOUS).reply.items == first.items
    again = chat.ask(Action.PREVIOUS).reply
    assert again.items == first.items
    assert reply_text(content, again).startswith(content.prompts["tip_first"])
    assert chat.ask(Action.NEXT).reply.items == second.items


def test_tips_do_not_repeat_until_all_were_heard(
    chat: EngineConversation, content: Content
) -> None:
    heard = [chat.ask(Action.RANDOM_TIP).reply.items[0].text for _ in content.tips]
    assert sorted(heard) == sorted(t.text for t in content.tips)
    restarted = chat.ask(Action.RANDOM_TIP).text
    assert restarted.startswith(content.prompts["tips_restart"])


# --- exits ------------------------------------------------------------------------------------


def test_no_to_an_open_question_ends_the_session(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LAUNCH)
    reply = chat.ask(Action.NO).reply
    assert reply.end_session
    assert help_words(content.locale) in reply_text(content, reply).lower()


def test_no_to_a_yes_or_no_question_asks_what_else_then_no_ends(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.TOPIC, "definition")
    first = chat.ask(Action.NO).reply
    assert not first.end_session
    assert reply_text(content, first).startswith(content.prompts["okay"])
    assert chat.ask(Action.NO).reply.end_session


def test_the_menu_reprompt_says_what_no_does(content: Content) -> None:
    reply = Conversation.engine(content).ask(Action.MENU).reply
    assert "no" in " ".join(reply.reprompt).lower().split()


@pytest.mark.parametrize("action", [Action.THANKS, Action.STOP])
def test_thanks_and_stop_end_politely(
    chat: EngineConversation, content: Content, action: str
) -> None:
    chat.ask(Action.TOPIC, "risk_factors")
    reply = chat.ask(action).reply
    assert reply.end_session and not reply.reprompt


# --- the rest ----------------------------------------------------------------------------------


def test_repeat_after_a_fallback_repeats_the_content_not_the_fallback(
    chat: EngineConversation, content: Content
) -> None:
    page = chat.ask(Action.TOPIC, "traffickers").reply
    chat.ask("fallback")
    assert chat.ask(Action.REPEAT).reply == page


def test_repeat_re_renders_from_ids_kept_in_the_state(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.TOPIC, "risk_factors")
    page = chat.ask(Action.YES).reply
    assert chat.state.view == "page"
    assert chat.state.args == ("risk_factors", "1", "")
    assert chat.ask(Action.REPEAT).reply == page


def test_the_welcome_reprompt_keeps_i_need_help(content: Content) -> None:
    reply = Conversation.engine(content).ask(Action.LAUNCH).reply
    assert help_words(content.locale) in " ".join(reply.reprompt).lower()


def test_the_menu_is_shorter_after_the_first_time(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.TOPIC, "traffickers")
    first = chat.ask(Action.START_OVER).text
    chat.ask(Action.TOPIC, "traffickers")
    second = chat.ask(Action.START_OVER).text
    assert words(second) < words(first)
    assert help_words(content.locale) in second.lower()


def test_what_else_gives_the_whole_menu(chat: EngineConversation, content: Content) -> None:
    chat.ask(Action.LAUNCH)
    assert chat.ask(Action.MENU).text == ssml_to_text(content.prompts["menu_full"])


def test_where_this_comes_from_names_the_page_and_publisher(content: Content) -> None:
    said = Conversation.engine(content).ask(Action.SOURCE).text
    assert content.source.title in said
    assert content.source.publisher in said


def test_learn_more_is_offered_after_the_risk_factors(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.TOPIC, "risk_factors")
    while chat.last.reply.more or not chat.last.reply.items:
        chat.ask(Action.NEXT)
    assert chat.last.reply.prompt == (content.topic("learn_more").offer,)
    said = chat.ask(Action.YES).text
    assert content.topic("learn_more").items[0] in said


def test_tampered_state_goes_back_to_the_menu_with_a_normal_answer(content: Content) -> None:
    state, usable = engine.load_state(content, {"mode": "topic", "topic": "no_such_topic"})
    assert (state, usable) == (FRESH, False)
    chat = Conversation.engine(content, state)
    said = chat.ask(Action.NEXT).text
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
