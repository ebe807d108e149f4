"""The lesson as a teacher runs it, "huh?" and "what was number two", and no loop on yes."""

from __future__ import annotations

import pytest

from skill import engine
from skill.content import Content
from skill.modes import lesson
from skill.modes.base import View
from skill.reply import Reply
from skill.vocabulary import Action
from tests.conversation import Conversation, EngineConversation, reply_text, words
from tests.locales import expected, help_words
from tests.walk import every_turn

# What a listener hears of a page: its lead, items and the sentences after them.
WORD_BUDGET = 60
LIST_WORD_BUDGET = 70


def page_sentences(content: Content) -> list[str]:
    """Every sentence of the page the lesson reads, in the page's order.

    A page of a list leads with where the list is ("Here are the first 3"): the
    skill's words, not the page's; a page with no items leads with the page's own.
    """
    said: list[str] = []
    for topic_id in lesson.order(content):
        for page in content.topic(topic_id).pages:
            said += [*(() if page.items else page.lead), *page.items, *page.after]
    return said


def teach(content: Content) -> tuple[EngineConversation, list[str]]:
    """A teacher starts the lesson and says yes until the quiz begins."""
    chat = Conversation.engine(content)
    chat.ask(Action.LAUNCH)
    turns = [chat.ask(Action.LESSON).text]
    while chat.state.mode == "lesson" and len(turns) < 40:
        turns.append(chat.ask(Action.YES).text)
    return chat, turns


def test_the_lesson_reads_every_page_sentence_once_in_order_then_offers_the_quiz(
    content: Content,
) -> None:
    chat, turns = teach(content)
    transcript = " ".join(turns[:-1])
    position = 0
    for sentence in page_sentences(content):
        spoken = reply_text(content, Reply(lead=(sentence,))).rstrip(".")
        found = transcript.find(spoken, position)
        assert found >= 0, (sentence, transcript[position : position + 200])
        assert transcript.count(spoken) == 1, spoken
        position = found + len(spoken)
    end = content.prompts["lesson_end"]
    assert sum(turn.count(end) for turn in turns) == 1
    assert turns[-2].endswith(content.prompts["lesson_quiz"])
    assert chat.state.mode == "quiz"
    assert len(set(turns)) == len(turns), "a yes repeated the turn it answered"


def test_the_lesson_says_which_part_the_class_is_in(content: Content) -> None:
    _chat, turns = teach(content)
    total = len(lesson.parts(content))
    for number in range(1, total):
        line = content.prompt("lesson_part", number=number, total=total)
        assert sum(line in turn for turn in turns) == 1, line


def test_the_tip_categories_are_one_part_with_no_part_line_between_them(
    content: Content,
) -> None:
    """The page's sections are the parts (definition, traffickers, grooming, youth at
    risk, learn more, safety tips): the three tip lists are the last one, and the end of
    one tip list offers the next, never "That was part 6"."""
    assert lesson.parts(content)[-1] == content.tip_categories
    assert (
        len(lesson.parts(content)) == len(lesson.order(content)) - len(content.tip_categories) + 1
    )
    total = len(lesson.parts(content))
    part_lines = [content.prompt("lesson_part", number=n, total=total) for n in range(1, total + 1)]
    _chat, turns = teach(content)
    for category in content.tip_categories[1:]:
        offer = content.offer(category)
        between = [turn for turn in turns if offer and turn.endswith(offer)]
        assert len(between) == 1, category
        assert not any(line in between[0] for line in part_lines), between[0]


def test_no_lesson_turn_is_over_its_word_budget(chat: EngineConversation, content: Content) -> None:
    chat.ask(Action.LESSON)
    for _ in range(40):
        reply = chat.last.reply
        limit = LIST_WORD_BUDGET if reply.items and reply.total else WORD_BUDGET
        assert words(chat.last.text) <= limit, chat.last.text
        if chat.state.mode != "lesson":
            break
        chat.ask(Action.YES)


def test_no_at_the_end_says_goodbye_with_the_help_line(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LESSON)
    while not chat.last.text.endswith(content.prompts["lesson_quiz"]):
        chat.ask(Action.YES)
    reply = chat.ask(Action.NO).reply
    said = reply_text(content, reply)
    assert reply.end_session
    assert content.numbers["hotline_phone"].value in said
    assert help_words(content.locale) in said.lower()
    assert words(said) <= 30


def test_no_in_the_middle_goes_to_the_menu_and_keeps_the_session(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LESSON)
    chat.ask(Action.YES)
    reply = chat.ask(Action.NO).reply
    assert not reply.end_session and chat.state.mode == "menu"


@pytest.mark.parametrize("start", [Action.LESSON, Action.START_OVER, Action.NEXT])
def test_the_lesson_starts_where_nothing_is_playing(
    chat: EngineConversation, content: Content, start: str
) -> None:
    chat.ask(Action.LAUNCH)
    said = chat.ask(start).text
    assert said.startswith(
        reply_text(content, Reply(lead=(page_sentences(content)[0],))).rstrip(".")
    )
    assert chat.state.mode == "lesson"


def test_start_over_in_the_lesson_goes_back_to_its_start(
    chat: EngineConversation, content: Content
) -> None:
    first = chat.ask(Action.LESSON).reply
    chat.ask(Action.YES)
    chat.ask(Action.YES)
    assert chat.ask(Action.START_OVER).reply == first


def test_continue_with_nothing_said_yet_says_no_list_plays(content: Content) -> None:
    said = Conversation.engine(content).ask(Action.NEXT).text
    assert said.startswith(content.prompts["no_list"])
    assert content.prompts["menu_short"] in said


def test_back_goes_to_the_part_before(chat: EngineConversation, content: Content) -> None:
    first = chat.ask(Action.LESSON).reply
    chat.ask(Action.YES)
    assert chat.ask(Action.PREVIOUS).reply == first
    assert chat.ask(Action.PREVIOUS).text.startswith(content.prompts["list_beginning"])


def test_a_cry_for_help_mid_lesson_gets_its_line_and_no_way_back_to_the_lesson(
    content: Content,
) -> None:
    chat = Conversation.engine(content)
    chat.ask(Action.LESSON)
    chat.ask(Action.YES)
    said = chat.ask(Action.HOTLINE, "suicide").text
    assert content.numbers["lifeline"].value in said
    title = content.topic(chat.state.topic or "traffickers").title
    assert title not in said
    assert content.fill(content.help.resume, title=title) not in said


def test_help_mid_lesson_offers_to_go_back_and_yes_goes_on(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LESSON)
    said = chat.ask(Action.HOTLINE, "info").text
    assert content.fill(content.help.resume, title=content.topic("definition").title) in said
    chat.ask(Action.YES)
    assert chat.state.mode == "lesson" and chat.state.topic == "traffickers"


# --- listening like a person -----------------------------------------------------------


@pytest.mark.parametrize(
    "start", [(Action.LESSON, None), (Action.TOPIC, "risk_factors"), (Action.MENU, None)]
)
def test_huh_repeats_the_last_turn_never_i_did_not_catch_that(
    chat: EngineConversation, content: Content, start: tuple[str, str | None]
) -> None:
    chat.ask(Action.LAUNCH)
    last = chat.ask(*start).reply
    again = chat.ask(Action.REPEAT).reply
    assert again == last
    assert content.prompts["fallback"].split(".")[0] not in reply_text(content, again)


def test_repeat_in_every_reachable_mode_never_says_it_did_not_catch_that(
    content: Content,
) -> None:
    not_caught = reply_text(content, Reply(lead=(content.prompts["fallback"],))).split(".")[0]
    modes = set()
    for state, request, reply in every_turn(content):
        if request.action == Action.REPEAT:
            modes.add(state.mode)
            assert not_caught not in reply_text(content, reply), state
    assert modes >= {"menu", "topic", "category", "tip", "help", "quiz", "lesson"}


def _at_risk_factors_page(content: Content, page: int) -> EngineConversation:
    chat = Conversation.engine(content)
    chat.ask(Action.TOPIC, "risk_factors")
    for _ in range(page):
        chat.ask(Action.YES)
    return chat


def test_what_was_number_two_repeats_that_item(content: Content) -> None:
    chat = _at_risk_factors_page(content, 2)
    items = content.topic("risk_factors").pages
    said = chat.ask(Action.ITEM, item="2").text
    assert items[1].items[1] in said
    assert chat.state.page == 2


def test_the_last_one_is_the_last_item_heard(content: Content) -> None:
    chat = _at_risk_factors_page(content, 2)
    page = content.topic("risk_factors").pages[2]
    said = chat.ask(Action.ITEM, item="last").text
    assert page.items[-1] in said
    assert not any(item in said for item in page.items[:-1])


def test_the_first_one_in_the_lesson_keeps_the_lesson_going(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LESSON)
    while chat.state.topic != "online_safety":
        chat.ask(Action.YES)
    said = chat.ask(Action.ITEM, item="1").text
    assert content.topic("online_safety").pages[0].items[0] in said
    assert chat.state.mode == "lesson"


@pytest.mark.parametrize(("said", "at"), [("a", 0), ("b", 1), ("c", -1)])
def test_the_first_or_last_one_in_a_list_is_that_item_of_the_page(
    content: Content, said: str, at: int
) -> None:
    """Said alone, "the first one" and "the last one" reach the quiz's answer (A, C)."""
    page = content.topic("risk_factors").pages[2]
    for chat in (_at_risk_factors_page(content, 2), _in_the_lesson_at(content, "risk_factors", 2)):
        spoken = chat.ask(Action.ANSWER, answer=said).text
        assert page.items[at] in spoken
        assert [item for item in page.items if item in spoken] == [page.items[at]]


def test_a_quiz_answer_in_a_list_that_names_no_item_is_not_understood(content: Content) -> None:
    chat = _at_risk_factors_page(content, 2)
    said = chat.ask(Action.ANSWER, answer="true").text
    assert content.numbers["hotline_phone"].value in said


def _in_the_lesson_at(content: Content, topic_id: str, page: int) -> EngineConversation:
    chat = Conversation.engine(content)
    chat.ask(Action.LESSON)
    while (chat.state.topic, chat.state.page) != (topic_id, page):
        chat.ask(Action.YES)
    return chat


def test_an_item_not_heard_yet_is_not_read(content: Content) -> None:
    chat = _at_risk_factors_page(content, 1)
    said = chat.ask(Action.ITEM, item="9").text
    assert content.topic("risk_factors").pages[3].items[2] not in said


def test_an_item_asked_for_where_no_list_plays_says_so(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LAUNCH)
    said = chat.ask(Action.ITEM, item="2").text
    assert said.startswith(content.prompts["no_list"])
    assert content.prompts["fallback"].split(".")[0] not in said


# --- safety tips: no loop on the category question -------------------------------------


def test_yes_at_which_tips_reads_the_first_category(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LAUNCH)
    asked = chat.ask(Action.TIPS).text
    assert content.prompts["category_question"] in asked
    said = chat.ask(Action.YES).text
    assert content.prompts["category_question"] not in said
    assert chat.state.topic == content.tip_categories[0]


def test_go_back_at_which_tips_returns_to_the_menu(
    chat: EngineConversation, content: Content
) -> None:
    chat.ask(Action.LAUNCH)
    chat.ask(Action.TIPS)
    said = chat.ask(Action.PREVIOUS).text
    assert content.prompts["category_question"] not in said
    assert chat.state.mode == "menu"


# --- no loop anywhere -------------------------------------------------------------------


def _said(content: Content, reply: Reply) -> str:
    return reply_text(content, reply)


def test_a_reachable_yes_never_repeats_the_turn_it_answers(content: Content) -> None:
    """Yes answers the question a turn ends with: it must move on, never say that turn again.

    Asked "Want to hear the number again?", yes says the number again: that
    is what was offered, and a different turn from the help turn it follows.
    """
    again = content.help.question_again
    loops = []
    for state, request, reply in every_turn(content):
        if request.action != Action.YES or state.view is None or state.view in ("detail",):
            continue
        before = engine.render(content, state, View(state.view, state.args))
        if before.prompt and before.prompt[-1] == again:
            continue
        if _said(content, reply) == _said(content, before):
            loops.append((state.mode, state.view, _said(content, reply)))
    assert loops == []


def test_the_welcome_menu_and_help_name_the_lesson_and_the_quiz(content: Content) -> None:
    lesson_words = expected(content.locale).lesson_start
    quiz_words = expected(content.locale).quiz.moves["start"]
    chat = Conversation.engine(content)
    for turn in (chat.ask(Action.LAUNCH), chat.ask(Action.MENU), chat.ask("help")):
        said = turn.text.lower()
        assert lesson_words in said and quiz_words in said, said


@pytest.mark.parametrize(
    "attributes",
    [
        {"mode": "lesson"},
        {"mode": "lesson", "topic": "no_such_topic"},
        {"mode": "lesson", "topic": "definition", "page": 9},
    ],
)
def test_a_lesson_place_that_is_not_in_the_page_starts_afresh(
    content: Content, attributes: dict[str, object]
) -> None:
    state, usable = engine.load_state(content, attributes)
    assert not usable and state.mode == "menu"


def test_a_lesson_place_of_the_page_is_kept(content: Content) -> None:
    state, usable = engine.load_state(content, {"mode": "lesson", "topic": "grooming"})
    assert usable and state.topic == "grooming"
