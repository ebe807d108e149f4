"""Whole conversations through the endpoint, carrying session attributes like a device."""

from __future__ import annotations

import pytest

from skill.content import Content
from skill.speech import say, ssml_to_text, to_ssml
from tests import PHONE
from tests.conversation import Conversation, EndpointConversation, Turn
from tests.envelopes import category_slot
from tests.locales import help_words


def spoken(content: Content, *texts: str) -> str:
    """Plain text of sentences as the skill speaks them (numbers filled in)."""
    return ssml_to_text(to_ssml(say(*texts), content.numbers))


def items_heard(turn: Turn, items: tuple[str, ...]) -> list[str]:
    return [item for item in items if item in turn.text]


def risk_items(content: Content) -> tuple[str, ...]:
    return content.topic("risk_factors").items


def more_risk_factors(content: Content) -> str:
    """The question between two pages of risk factors."""
    return content.topic("risk_factors").pages[1].question


def test_launch_welcomes_briefly_and_asks(talk: Conversation, content: Content) -> None:
    turn = talk.launch()
    assert turn.text == content.prompts["welcome"]
    assert len(turn.text.split()) <= 25
    assert turn.text.endswith("?")
    assert turn.reprompt == content.prompts["welcome_reprompt"]
    assert help_words(talk.locale) in turn.reprompt.lower()
    assert turn.ends_session is False


def test_the_definition_then_traffickers_then_grooming_then_who_is_at_risk(
    talk: Conversation, content: Content
) -> None:
    first = talk.say("WhatIsTraffickingIntent")
    assert (
        first.text
        == content.topic("definition").items[0] + " " + content.topic("traffickers").offer
    )
    assert first.card is not None and first.card["title"] == content.topic("definition").title
    second = talk.yes()
    assert second.text.startswith(" ".join(content.topic("traffickers").items))
    third = talk.yes()
    assert third.text.startswith(" ".join(content.topic("grooming").items))
    assert third.text.endswith(content.topic("risk_factors").offer)
    fourth = talk.yes()
    assert fourth.text.startswith(content.topic("risk_factors").pages[0].lead[0])


@pytest.mark.parametrize(
    ("intent", "topic_id"), [("TraffickersIntent", "traffickers"), ("GroomingIntent", "grooming")]
)
def test_traffickers_and_grooming_are_answered_directly(
    talk: Conversation, content: Content, intent: str, topic_id: str
) -> None:
    turn = talk.say(intent)
    assert turn.text.startswith(" ".join(content.topic(topic_id).items))
    assert content.topic("definition").items[0] not in turn.text


def test_all_eleven_risk_factors_count_first_three_a_turn(
    talk: Conversation, content: Content
) -> None:
    items = risk_items(content)
    lead = talk.say("RiskFactorsIntent")
    for sentence in content.topic("risk_factors").pages[0].lead:
        assert sentence in lead.text
    assert items_heard(lead, items) == []
    pages = [talk.yes()]
    count, first_three = content.topic("risk_factors").pages[1].lead
    assert "11" in count and "3" in first_three
    assert pages[0].text.startswith(f"{count} {first_three}")
    while pages[-1].text.endswith(more_risk_factors(content)):
        pages.append(talk.next())
    heard = [items_heard(p, items) for p in pages]
    assert [i for page in heard for i in page] == list(items)
    assert all(len(page) <= 3 for page in heard)
    # The cards carry the same words, and where to get help.
    assert pages[1].card is not None
    assert pages[1].card["content"].startswith("\n".join("• " + i for i in items[3:6]))
    assert PHONE in pages[1].card["content"]


def test_next_and_previous_move_through_pages(talk: Conversation, content: Content) -> None:
    items = risk_items(content)
    talk.say("RiskFactorsIntent")
    talk.yes()
    assert items_heard(talk.next(), items) == list(items[3:6])
    assert items_heard(talk.previous(), items) == list(items[0:3])
    talk.previous()
    at_start = talk.previous()
    assert at_start.text.startswith(content.prompts["list_beginning"])


def test_next_after_the_last_page_takes_up_its_offer(talk: Conversation, content: Content) -> None:
    talk.say("SafetyTipsIntent", category_slot("online", "online_safety"))
    last = talk.next()
    assert last.text.endswith(content.topic("general_safety").offer)
    following = talk.next()
    assert content.topic("general_safety").items[0] in following.text


@pytest.mark.parametrize(
    ("spoken_word", "category"),
    [
        ("instagram", "online_safety"),
        ("walking home", "general_safety"),
        ("sleepover", "out_with_friends"),
    ],
)
def test_tip_category_by_synonym(
    talk: Conversation, content: Content, spoken_word: str, category: str
) -> None:
    turn = talk.say("SafetyTipsIntent", category_slot(spoken_word, category))
    for item in content.topic(category).pages[0].items:
        assert item in turn.text
    assert turn.card is not None and turn.card["title"] == content.topic(category).title


def test_missing_category_is_asked_for_and_taken_next_turn(
    talk: Conversation, content: Content
) -> None:
    question = talk.say("SafetyTipsIntent")
    assert question.text == content.prompts["category_question"]
    answer = talk.say("SafetyTipsIntent", category_slot("friends", "out_with_friends"))
    assert content.topic("out_with_friends").items[0] in answer.text


def test_unmatched_category_says_what_there_is_and_asks(
    talk: Conversation, content: Content
) -> None:
    turn = talk.say("SafetyTipsIntent", category_slot("cooking", None))
    assert turn.text == spoken(
        content, content.prompts["category_unknown"], content.prompts["category_question"]
    )
    assert "cooking" not in turn.text


def test_another_tip_and_the_one_before(talk: Conversation, content: Content) -> None:
    tips = [t.text for t in content.tips]
    first = talk.say("RandomTipIntent")
    second = talk.next()
    back = talk.previous()
    one = [t for t in tips if t in first.text]
    two = [t for t in tips if t in second.text]
    assert len(one) == len(two) == 1 and one != two
    assert [t for t in tips if t in back.text] == one


def test_repeat_says_exactly_the_same_and_keeps_the_place(
    talk: Conversation, content: Content
) -> None:
    items = risk_items(content)
    talk.say("RiskFactorsIntent")
    page = talk.yes()
    again = talk.repeat()
    assert again.ssml == page.ssml
    assert again.response["reprompt"] == page.response["reprompt"]
    assert items_heard(talk.yes(), items) == list(items[3:6])


def test_repeat_after_a_fallback_repeats_the_content(talk: Conversation) -> None:
    page = talk.say("TraffickersIntent")
    talk.say("AMAZON.FallbackIntent")
    assert talk.repeat().ssml == page.ssml


def test_repeat_with_nothing_said_yet_gives_the_menu(talk: Conversation, content: Content) -> None:
    assert talk.repeat().text == content.prompts["menu_full"]


def test_no_after_a_question_then_no_to_what_else_ends(
    talk: Conversation, content: Content
) -> None:
    talk.say("RiskFactorsIntent")
    first = talk.no()
    assert first.text == spoken(content, content.prompts["okay"], content.prompts["menu_short"])
    assert first.ends_session is False
    goodbye = talk.no()
    assert goodbye.ends_session is True
    assert help_words(talk.locale) in goodbye.text.lower()
    assert "reprompt" not in goodbye.response


@pytest.mark.parametrize("intent", ["ThanksIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_thanks_stop_and_cancel_end_politely(talk: Conversation, intent: str) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.say(intent)
    assert turn.ends_session is True
    assert help_words(talk.locale) in turn.text.lower()
    assert "reprompt" not in turn.response


def test_what_else_gives_the_menu(talk: Conversation, content: Content) -> None:
    talk.say("RiskFactorsIntent")
    assert talk.say("MenuIntent").text == content.prompts["menu_full"]


def test_the_menu_is_shorter_the_second_time(talk: Conversation, content: Content) -> None:
    talk.launch()
    talk.say("RiskFactorsIntent")
    assert talk.say("AMAZON.StartOverIntent").text == content.prompts["menu_short"]


@pytest.mark.parametrize("intent", ["AMAZON.StartOverIntent", "AMAZON.NavigateHomeIntent"])
def test_start_over_and_home_leave_the_list(
    talk: Conversation, content: Content, intent: str
) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.say(intent)
    assert turn.ends_session is False
    assert talk.previous().text.startswith(content.prompts["no_list"])


def test_where_this_comes_from(talk: Conversation, content: Content) -> None:
    turn = talk.say("SourceIntent")
    assert content.source.title in turn.text and content.source.publisher in turn.text
    assert turn.card is not None


def test_learn_more_is_offered_after_the_risk_factors(talk: Conversation, content: Content) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.yes()
    while turn.text.endswith(more_risk_factors(content)):
        turn = talk.next()
    assert turn.text.endswith(content.topic("learn_more").offer)
    learn = talk.yes()
    assert content.topic("learn_more").items[0] in learn.text
    assert learn.card is not None and "humantraffickinghotline.org" in learn.card["content"]
    assert content.numbers["website"].spoken
    assert content.numbers["website"].spoken in learn.text


def test_an_error_apologises_gives_the_hotline_and_keeps_the_place(
    talk: Conversation, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skill import modes

    items = risk_items(content)
    talk.say("RiskFactorsIntent")
    talk.yes()

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(modes.VIEWS, "source", broken)
    error = talk.say("SourceIntent")
    assert error.text == spoken(content, content.prompts["error"])
    assert PHONE in error.text
    assert error.ends_session is False
    monkeypatch.undo()
    assert items_heard(talk.next(), items) == list(items[3:6])


def test_a_tampered_session_goes_back_to_the_menu(
    talk: EndpointConversation, content: Content
) -> None:
    talk.attributes = {"mode": "topic", "topic": "no_such_topic", "page": "x"}
    turn = talk.next()
    assert turn.text.startswith(content.prompts["no_list"])
    assert turn.attributes.get("topic") is None


def test_repeat_never_speaks_text_from_the_session(
    talk: EndpointConversation, content: Content
) -> None:
    """Repeat re-renders from content ids: words put into the attributes are never spoken."""
    talk.attributes = {
        "view": "page",
        "args": ["risk_factors", "1", ""],
        "mode": "topic",
        "topic": "risk_factors",
        "page": 1,
    }
    assert risk_items(content)[0] in talk.repeat().text
    talk.attributes = {"view": "page", "args": ["</speak><audio src='x'/>"], "mode": "menu"}
    turn = talk.repeat()
    assert "audio" not in turn.ssml
    talk.attributes = {"last": {"speech": "x" * 250_000}}
    turn = talk.repeat()
    assert len(turn.ssml) < 1000
    assert len(str(turn.body)) < 3000
