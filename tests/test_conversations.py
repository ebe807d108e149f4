"""Whole conversations through the endpoint, carrying session attributes like a device."""

from __future__ import annotations

import pytest

from skill import dialogue
from skill.content import Content
from skill.speech import lines, say, ssml_to_text, to_plain, to_ssml
from tests.alexa import Conversation, Turn, category_slot


def spoken(content: Content, *texts: str) -> str:
    """Plain text of sentences as the skill speaks them (numbers filled in)."""
    return ssml_to_text(to_ssml(say(*texts), content.numbers))


def items_heard(turn: Turn, items: tuple[str, ...]) -> list[str]:
    return [item for item in items if item in turn.text]


def test_launch_welcomes_briefly_and_asks(talk: Conversation, content: Content) -> None:
    turn = talk.launch()
    assert turn.text == content.prompts["welcome"]
    assert len(turn.text.split()) <= 25
    assert turn.text.endswith("?")
    assert turn.reprompt == content.prompts["welcome_reprompt"]
    assert turn.ends_session is False


def test_definition_then_traffickers_then_risk(talk: Conversation, content: Content) -> None:
    topic = content.topic("definition")
    first = talk.say("WhatIsTraffickingIntent")
    assert topic.pages[0].items[0] in first.text
    assert first.text.endswith("Want to hear how traffickers find victims?")
    assert first.card is not None and first.card["title"] == topic.title
    assert topic.pages[0].items[0] in first.card["content"]
    assert first.ends_session is False

    second = talk.yes()
    for sentence in topic.pages[1].items:
        assert sentence in second.text
    assert topic.pages[0].items[0] not in second.text
    assert second.text.endswith(topic.end_question)

    third = talk.yes()
    assert content.topic("risk_factors").pages[0].lead[0] in third.text


def test_all_eleven_risk_factors_with_yes(talk: Conversation, content: Content) -> None:
    topic = content.topic("risk_factors")
    all_items = tuple(i for p in topic.pages for i in p.items)
    assert len(all_items) == 11
    talk.launch()
    pages = [talk.say("RiskFactorsIntent"), talk.yes(), talk.yes()]
    heard = [items_heard(t, all_items) for t in pages]
    assert heard == [list(all_items[0:4]), list(all_items[4:8]), list(all_items[8:11])]
    for lead in topic.pages[0].lead:
        assert lead in pages[0].text
        assert lead not in pages[1].text
    assert pages[0].text.endswith("Want to hear more risk factors?")
    assert pages[1].text.endswith("Want to hear more risk factors?")
    assert pages[2].text.endswith(topic.end_question)
    for turn in pages:
        assert turn.ends_session is False
        assert turn.reprompt
        assert len(items_heard(turn, all_items)) <= 4
    # The cards carry the same words.
    assert pages[1].card is not None
    assert pages[1].card["content"] == "\n".join("• " + i for i in all_items[4:8])


def test_next_and_previous_move_through_pages(talk: Conversation, content: Content) -> None:
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    talk.say("RiskFactorsIntent")
    assert items_heard(talk.next(), items) == list(items[4:8])
    back = talk.previous()
    assert items_heard(back, items) == list(items[0:4])
    at_start = talk.previous()
    assert at_start.text.startswith(content.prompts["list_beginning"])
    assert items_heard(at_start, items) == list(items[0:4])


def test_next_after_the_last_page_says_so_and_offers_the_next_topic(
    talk: Conversation, content: Content
) -> None:
    talk.say("SafetyTipsIntent", category_slot("online", "online_safety"))
    end = talk.next()
    assert end.text == spoken(
        content, content.prompts["list_finished"], content.topic("online_safety").end_question
    )
    following = talk.yes()
    assert content.topic("general_safety").pages[0].items[0] in following.text


def test_no_returns_to_the_menu(talk: Conversation, content: Content) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.no()
    assert turn.text == spoken(content, content.prompts["okay"], content.prompts["menu"])
    assert turn.ends_session is False
    assert talk.next().text.startswith(content.prompts["no_list"])


@pytest.mark.parametrize(
    ("spoken_word", "category"),
    [
        ("internet", "online_safety"),
        ("at school", "general_safety"),
        ("hanging out", "out_with_friends"),
    ],
)
def test_tip_category_by_synonym(
    talk: Conversation, content: Content, spoken_word: str, category: str
) -> None:
    turn = talk.say("SafetyTipsIntent", category_slot(spoken_word, category))
    page = content.topic(category).pages[0]
    for item in page.items:
        assert item in turn.text
    assert turn.card is not None and turn.card["title"] == content.topic(category).title


def test_general_safety_tips_are_paged(talk: Conversation, content: Content) -> None:
    topic = content.topic("general_safety")
    items = tuple(i for p in topic.pages for i in p.items)
    first = talk.say("SafetyTipsIntent", category_slot("general", "general_safety"))
    second = talk.yes()
    assert items_heard(first, items) == list(items[:3])
    assert items_heard(second, items) == list(items[3:])


def test_missing_category_is_asked_for_and_taken_next_turn(
    talk: Conversation, content: Content
) -> None:
    question = talk.say("SafetyTipsIntent")
    assert question.text == content.prompts["category_question"]
    assert question.reprompt == content.prompts["category_reprompt"]
    answer = talk.say("SafetyTipsIntent", category_slot("friends", "out_with_friends"))
    assert content.topic("out_with_friends").pages[0].items[0] in answer.text


def test_unmatched_category_apologises_and_asks(talk: Conversation, content: Content) -> None:
    turn = talk.say("SafetyTipsIntent", category_slot("cooking", None))
    assert turn.text == spoken(
        content, content.prompts["category_unknown"], content.prompts["category_question"]
    )
    assert talk.yes().text == content.prompts["category_question"]


def test_random_tips_do_not_repeat_until_all_are_heard(
    talk: Conversation, content: Content
) -> None:
    all_tips = {t.text for t in content.tips}
    heard = []
    turn = talk.say("RandomTipIntent")
    for _ in range(len(all_tips)):
        found = [t for t in all_tips if t in turn.text]
        assert len(found) == 1, turn.text
        heard.append(found[0])
        assert turn.text.endswith(content.prompts["tip_question"])
        turn = talk.say("RandomTipIntent")
    assert sorted(heard) == sorted(all_tips)
    # The 14th starts a new round, says so, and is not the tip just heard.
    assert turn.text.startswith(content.prompts["tips_restart"])
    assert heard[-1] not in turn.text


def test_yes_and_next_after_a_tip_give_another_tip(talk: Conversation, content: Content) -> None:
    first = talk.say("RandomTipIntent")
    second = talk.yes()
    third = talk.next()
    texts = [
        [t.text for t in content.tips if t.text in turn.text] for turn in (first, second, third)
    ]
    assert all(len(t) == 1 for t in texts)
    assert len({t[0] for t in texts}) == 3


def test_repeat_after_a_tip_says_exactly_the_same(talk: Conversation) -> None:
    tip = talk.say("RandomTipIntent")
    again = talk.repeat()
    assert again.ssml == tip.ssml
    assert again.response["reprompt"] == tip.response["reprompt"]
    # And the place is kept: yes still gives another tip.
    assert talk.yes().ssml != tip.ssml


def test_repeat_with_nothing_said_yet_gives_the_menu(talk: Conversation, content: Content) -> None:
    assert talk.repeat().text == content.prompts["menu"]


def test_hotline_speaks_numbers_with_say_as_twice(talk: Conversation, content: Content) -> None:
    turn = talk.say("GetHelpIntent")
    phone = content.numbers["hotline_phone"].value
    assert turn.ssml.count(f'<say-as interpret-as="telephone">{phone}</say-as>') == 2
    assert turn.ssml.count('<say-as interpret-as="digits">233733</say-as>') == 2
    assert '<say-as interpret-as="digits">911</say-as>' in turn.ssml
    assert "24 hours a day, 7 days a week" in turn.text
    assert "confidential" in turn.text
    assert turn.card is not None
    assert turn.card["title"] == content.hotline.title
    assert "1-888-373-7888" in turn.card["content"] and "233733" in turn.card["content"]
    assert turn.card["content"] == to_plain(lines(*content.hotline.card), content.numbers)
    assert turn.ends_session is False
    assert phone in turn.reprompt


def test_hotline_mid_list_then_next_resumes(talk: Conversation, content: Content) -> None:
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    talk.launch()
    talk.say("RiskFactorsIntent")
    help_turn = talk.say("GetHelpIntent")
    assert help_turn.text.endswith(
        content.prompt("hotline_resume", title=content.topic("risk_factors").title)
    )
    resumed = talk.next()
    assert items_heard(resumed, items) == list(items[4:8])


def test_hotline_mid_question_and_after_an_error(
    talk: Conversation, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    talk.say("SafetyTipsIntent")  # the skill asks which category
    turn = talk.say("GetHelpIntent")
    assert content.hotline.speech[0].split("{")[0] in turn.text

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(dialogue, "learn_more", broken)
    error = talk.say("LearnMoreIntent")
    assert error.text == content.prompts["error"]
    assert error.ends_session is False
    assert "boom" not in error.text
    after = talk.say("GetHelpIntent")
    assert "1-888-373-7888" in after.card["content"]  # type: ignore[index]


def test_an_error_keeps_the_place_in_a_list(
    talk: Conversation, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    talk.say("RiskFactorsIntent")

    def broken(*args: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(dialogue, "learn_more", broken)
    talk.say("LearnMoreIntent")
    monkeypatch.undo()
    assert items_heard(talk.next(), items) == list(items[4:8])


def test_fallback_mid_list_keeps_the_place(talk: Conversation, content: Content) -> None:
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    talk.say("RiskFactorsIntent")
    turn = talk.say("AMAZON.FallbackIntent")
    assert turn.text.startswith(content.prompts["fallback"])
    assert content.topic("risk_factors").title in turn.text
    assert turn.ends_session is False
    assert items_heard(talk.yes(), items) == list(items[4:8])


def test_fallback_at_the_menu_re_offers_the_options(talk: Conversation, content: Content) -> None:
    talk.launch()
    turn = talk.say("AMAZON.FallbackIntent")
    assert turn.text == spoken(content, content.prompts["fallback"], content.prompts["menu"])
    assert turn.reprompt


def test_help_depends_on_where_the_user_is(talk: Conversation, content: Content) -> None:
    menu_help = talk.say("AMAZON.HelpIntent")
    assert menu_help.text == spoken(content, content.prompts["help_menu"])
    assert "1-888-373-7888" in menu_help.text
    talk.say("RiskFactorsIntent")
    in_list = talk.say("AMAZON.HelpIntent")
    assert in_list.text == content.prompt("help_in_list", title=content.topic("risk_factors").title)
    talk.say("SafetyTipsIntent")
    assert talk.say("AMAZON.HelpIntent").text == content.prompts["help_category"]
    talk.say("RandomTipIntent")
    assert talk.say("AMAZON.HelpIntent").text == content.prompts["help_tip"]


def test_help_in_a_list_keeps_yes_working(talk: Conversation, content: Content) -> None:
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    talk.say("RiskFactorsIntent")
    talk.say("AMAZON.HelpIntent")
    assert items_heard(talk.yes(), items) == list(items[4:8])


@pytest.mark.parametrize("intent", ["AMAZON.StartOverIntent", "AMAZON.NavigateHomeIntent"])
def test_start_over_and_home_go_to_the_menu(
    talk: Conversation, content: Content, intent: str
) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.say(intent)
    assert turn.text == content.prompts["menu"]
    assert turn.ends_session is False
    assert talk.previous().text.startswith(content.prompts["no_list"])


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_stop_and_cancel_say_goodbye_and_end(
    talk: Conversation, content: Content, intent: str
) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.say(intent)
    assert turn.text == content.prompts["goodbye"]
    assert turn.ends_session is True
    assert "reprompt" not in turn.response


def test_learn_more_says_what_the_page_says(talk: Conversation, content: Content) -> None:
    turn = talk.say("LearnMoreIntent")
    assert (
        "To learn more about risk factors and how to recognize warning signs, "
        "visit the National Human Trafficking Hotline." in turn.text
    )
    assert turn.card is not None and "humantraffickinghotline.org" in turn.card["content"]
    assert turn.text.endswith(content.prompts["learn_more_question"])


def test_end_of_the_last_tips_offers_the_hotline(talk: Conversation, content: Content) -> None:
    last = talk.say("SafetyTipsIntent", category_slot("party", "out_with_friends"))
    assert last.text.endswith(content.topic("out_with_friends").end_question)
    assert "1-888-373-7888" in talk.yes().card["content"]  # type: ignore[index]


def test_session_attributes_survive_a_tampered_session(
    talk: Conversation, content: Content
) -> None:
    talk.attributes = {
        "topic": "no_such_topic",
        "page": "x",
        "offer": 5,
        "heard": "all",
        "last": [],
    }
    turn = talk.next()
    assert turn.text.startswith(content.prompts["no_list"])
    talk.attributes = {"topic": "risk_factors", "page": 99, "offer": "next"}
    items = tuple(i for p in content.topic("risk_factors").pages for i in p.items)
    # An out-of-range page is read as the last page.
    assert talk.previous().text.count(items[4]) == 1
