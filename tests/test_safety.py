"""Getting help: every cry for help reaches the hotline at once, in a turn a listener can use."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from skill import intents
from skill.content import DETAILS, Content
from skill.speech import say, ssml_to_text, to_ssml
from tests import PHONE, TEXT_CODE
from tests.conversation import Conversation, Turn
from tests.envelopes import category_slot, detail_slot
from tests.locales import expected

MISSOURI = "1-800-392-3738"

# The hotline details with a fact to say ("slowly" says the number again). What
# each answer must say in each language, what is never said, and what is never
# said to someone asking for help: tests/locales/<locale>.yaml, ``hotline``.
DETAILS_WITH_A_FACT = sorted(set(DETAILS) - {"slowly"})
# The help intents whose answer is the National Human Trafficking Hotline; the
# other lines (988, RAINN, Childhelp) are tested in test_crisis.py.
HELP_INTENTS = {
    intents.GET_HELP: "info",
    intents.DANGER: "danger",
    intents.EMERGENCY: "emergency",
}
# A question for the number is short; a disclosure adds an acknowledgement.
QUESTION_WORDS = 45
DISCLOSURE_WORDS = 60


def spoken(content: Content, text: str) -> str:
    """A content text as a listener hears it."""
    return ssml_to_text(to_ssml(say(text), content.numbers))


def words(turn: Turn) -> int:
    return len(turn.text.split())


@pytest.mark.parametrize("intent", sorted(HELP_INTENTS))
def test_a_help_turn_can_be_written_down(talk: Conversation, intent: str) -> None:
    turn = talk.say(intent)
    # Short enough to follow.
    assert words(turn) <= (QUESTION_WORDS if intent == intents.GET_HELP else DISCLOSURE_WORDS)
    assert turn.text.count(PHONE) == 2
    telephone = f'<say-as interpret-as="telephone">{PHONE}</say-as>'
    # The number, a pause, then the number again slowly.
    assert re.search(
        re.escape(telephone)
        + r'.*?<break time="\d+ms"/><prosody rate="slow">'
        + re.escape(telephone),
        turn.ssml,
    ), turn.ssml
    ElementTree.fromstring(turn.ssml)
    assert "911" in turn.text
    assert turn.ends_session is False and turn.reprompt


@pytest.mark.parametrize("intent", [intents.DANGER, intents.EMERGENCY])
def test_danger_puts_911_first(talk: Conversation, intent: str) -> None:
    turn = talk.say(intent)
    assert turn.text.index("911") < turn.text.index(PHONE)


def test_the_text_code_is_spelled_out(talk: Conversation) -> None:
    """Digit by digit, with the word its keys spell (BEFREE in every language)."""
    turn = talk.say(intents.GET_HELP)
    assert '<say-as interpret-as="digits">233733</say-as>' in turn.ssml
    assert "BEFREE" in turn.text


@pytest.mark.parametrize("intent", [intents.DANGER, intents.UNSAFE_HOME])
def test_a_disclosure_is_acknowledged_first(
    talk: Conversation, content: Content, intent: str
) -> None:
    turn = talk.say(intent)
    assert turn.text.startswith(content.help.situations["danger"].lines[0])


def test_hurt_at_home_adds_the_missouri_hotline_after_childhelp(
    talk: Conversation, content: Content
) -> None:
    turn = talk.say(intents.UNSAFE_HOME)
    childhelp = content.numbers[content.help.lines["childhelp"].phone].value
    assert turn.text.rindex(childhelp) < turn.text.index(MISSOURI)
    assert turn.text.count(MISSOURI) == 1 and PHONE not in turn.text


def test_a_disclosure_mid_list_does_not_go_back_to_the_lesson_but_next_resumes(
    talk: Conversation, content: Content
) -> None:
    items = content.topic("risk_factors").items
    talk.say("RiskFactorsIntent")
    talk.yes()
    turn = talk.say(intents.DANGER)
    assert turn.text.endswith(content.help.question_again)
    assert content.topic("risk_factors").title not in turn.text + turn.reprompt
    # Yes says the number again, not the lesson.
    again = talk.yes()
    assert PHONE in again.text and items[3] not in again.text
    # "next" still resumes the list.
    resumed = talk.next()
    assert items[3] in resumed.text


def test_a_question_for_the_number_mid_list_offers_to_go_back(
    talk: Conversation, content: Content
) -> None:
    items = content.topic("risk_factors").items
    talk.say("RiskFactorsIntent")
    talk.yes()
    turn = talk.say(intents.GET_HELP)
    title = content.topic("risk_factors").title
    assert turn.text.endswith(content.fill(content.help.resume, title=title))
    assert items[3] in talk.yes().text


def test_after_a_disclosure_a_later_question_still_offers_no_lesson(
    talk: Conversation, content: Content
) -> None:
    talk.say("RiskFactorsIntent")
    talk.say(intents.DANGER)
    turn = talk.say(intents.GET_HELP)
    assert turn.text.endswith(content.help.question_again)


@pytest.mark.parametrize("detail", DETAILS_WITH_A_FACT)
def test_each_hotline_question_is_answered_from_any_point(
    talk: Conversation, content: Content, detail: str
) -> None:
    talk.say("SafetyTipsIntent", category_slot("online", "online_safety"))
    turn = talk.say(intents.HOTLINE_DETAIL, detail_slot(detail, detail))
    assert expected(content.locale).hotline.facts[detail] in turn.text
    assert spoken(content, content.help.lines["trafficking"].detail(detail)[0]) in turn.text
    assert turn.text.endswith("?") and turn.ends_session is False


def test_every_locale_says_every_hotline_fact(content: Content) -> None:
    assert sorted(expected(content.locale).hotline.facts) == DETAILS_WITH_A_FACT


def test_slower_says_the_number_alone_slowly(talk: Conversation) -> None:
    talk.say(intents.GET_HELP)
    turn = talk.say(intents.HOTLINE_DETAIL, detail_slot("slower", "slowly"))
    assert turn.text.split("?")[0].count(PHONE) == 1
    assert '<prosody rate="slow">' in turn.ssml
    assert len(turn.text.split()) <= 12


def test_free_and_anonymous_say_nothing_the_hotline_does_not_publish(
    talk: Conversation, content: Content
) -> None:
    for detail in ("cost", "anonymous"):
        text = talk.say(intents.HOTLINE_DETAIL, detail_slot(detail, detail)).text.lower()
        unpublished = expected(content.locale).hotline.unpublished
        assert not [w for w in unpublished if w in text], text


def test_an_unknown_hotline_question_is_not_understood_and_gives_the_number(
    talk: Conversation,
) -> None:
    turn = talk.say(intents.HOTLINE_DETAIL, detail_slot("fax", None))
    assert PHONE in turn.text and "911" in turn.text


def test_tell_me_more_after_the_hotline_gives_the_details(
    talk: Conversation, content: Content
) -> None:
    talk.say(intents.GET_HELP)
    turn = talk.say(intents.MORE)
    facts = expected(content.locale).hotline.facts
    for detail in ("confidential", "languages", "tty", "chat"):
        assert facts[detail] in turn.text
    assert " ".join(facts["hours"].split()[:2]) in turn.text  # "24 hours"
    assert len(turn.text.split()) <= 60


def test_built_in_help_gives_the_number_first(talk: Conversation, content: Content) -> None:
    for setup in (
        lambda: None,
        lambda: talk.say("RiskFactorsIntent"),
        lambda: talk.say("RandomTipIntent"),
    ):
        setup()
        turn = talk.say("AMAZON.HelpIntent")
        first_sentence = turn.text.split(". ")[0]
        assert PHONE in first_sentence, turn.text


def test_after_the_hard_risk_factors_comes_how_to_get_help(
    talk: Conversation, content: Content
) -> None:
    talk.say("RiskFactorsIntent")
    turn = talk.yes()
    more = content.topic("risk_factors").pages[1].question
    while turn.text.endswith(more):
        turn = talk.next()
    items = content.topic("risk_factors").items
    assert items[-1] in turn.text
    help_line = turn.text.index(PHONE)
    assert (
        turn.text.index(items[-1]) < help_line < turn.text.index(content.topic("learn_more").offer)
    )


@pytest.mark.parametrize(
    "setup",
    [[], ["RiskFactorsIntent"], ["SafetyTipsIntent"], ["RandomTipIntent"], [intents.DANGER]],
)
def test_every_fallback_gives_911_and_the_hotline(
    talk: Conversation, content: Content, setup: list[str]
) -> None:
    for intent in setup:
        talk.say(intent)
    turn = talk.say("AMAZON.FallbackIntent")
    assert PHONE in turn.text and "911" in turn.text
    lowered = turn.text.lower().replace("’", "'")
    assert not [c for c in expected(content.locale).hotline.cannot_help if c in lowered]
    assert turn.text.endswith("?")
    assert len(turn.text.split()) <= 45


def test_an_intent_the_skill_does_not_know_is_a_fallback(talk: Conversation) -> None:
    turn = talk.say("SomeOtherSkillsIntent")
    assert PHONE in turn.text and turn.ends_session is False


def test_the_help_card_has_every_line_and_is_the_same_whatever_was_said(
    talk: Conversation, content: Content
) -> None:
    cards = []
    for intent in [*HELP_INTENTS, intents.UNSAFE_HOME, intents.SUICIDE, intents.SEXUAL_ASSAULT]:
        turn = talk.say(intent)
        assert turn.card is not None
        cards.append(turn.card)
    assert all(card == cards[0] for card in cards)
    for line in content.help.lines.values():
        assert content.numbers[line.phone].value in cards[0]["content"], line.id
    assert "911" in cards[0]["content"] and TEXT_CODE in cards[0]["content"]


def test_no_card_holds_what_the_user_said(talk: Conversation) -> None:
    said = "my uncle dave at 42 elm street"
    turns = [
        talk.say("SafetyTipsIntent", category_slot(said, None)),
        talk.say("SafetyTipsIntent", category_slot(said, "online_safety")),
        talk.say(intents.HOTLINE_DETAIL, detail_slot(said, None)),
        talk.say(intents.HOTLINE_DETAIL, detail_slot(said, "hours")),
        talk.say(intents.DANGER, category_slot(said, None)),
    ]
    for turn in turns:
        assert "dave" not in str(turn.body).lower()


def test_every_line_says_its_number_and_answers_what_it_does_not_publish(
    content: Content,
) -> None:
    for line in content.help.lines.values():
        assert {"number", "slowly"} <= set(line.details), line.id
        # Every answer about a line gives a number to call: its own, or 911 when
        # the question was about the police.
        for detail in DETAILS:
            said = " ".join(line.detail(detail))
            assert f"{{{line.phone}" in said or "{emergency}" in said, (line.id, detail)
