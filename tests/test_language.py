"""Asked for the skill in another language: how to change the device's language, and the hotline's."""

from __future__ import annotations

import pytest

from skill import intents
from skill.content import Content
from skill.speech import say, ssml_to_text, to_ssml
from skill.tools.nlu import interpret, load_recognizer
from tests import PHONE
from tests.conversation import Conversation
from tests.locales import LOCALES, expected


def spoken(content: Content, text: str) -> str:
    return ssml_to_text(to_ssml(say(text), content.numbers))


def test_the_answer_says_how_to_change_the_language_and_gives_the_hotline(
    talk: Conversation, content: Content
) -> None:
    turn = talk.say(intents.LANGUAGE)
    assert turn.text.startswith(spoken(content, content.prompts["language"]))
    assert PHONE in turn.text
    assert turn.text.endswith(content.prompts["fallback_menu"])
    assert turn.ends_session is False and turn.reprompt
    assert turn.card is not None and PHONE in turn.card["content"]


def test_asked_mid_list_the_place_is_kept(talk: Conversation, content: Content) -> None:
    items = content.topic("risk_factors").items
    talk.say("RiskFactorsIntent")
    talk.yes()
    turn = talk.say(intents.LANGUAGE)
    assert turn.text.endswith(content.topic("risk_factors").pages[1].question)
    assert items[3] in talk.next().text


def test_the_languages_the_hotline_answers_in_are_named(content: Content) -> None:
    """The answer names both languages the hotline helps in, in the listener's language."""
    named = expected(content.locale).hotline_languages
    assert len(named) == 2  # English and Spanish
    for name in named:
        assert name in content.help.lines["trafficking"].details["languages"][0]
        assert name in content.prompts["language"]


@pytest.mark.parametrize(
    ("locale", "said"),
    [(locale, said) for locale in LOCALES for said in expected(locale).language_asks],
)
def test_asking_for_the_other_language_is_understood(locale: str, said: str) -> None:
    assert interpret(load_recognizer(locale), said).intent == intents.LANGUAGE


def test_asking_whether_the_hotline_speaks_spanish_is_a_hotline_question() -> None:
    """The hotline's languages are a help detail, not the skill's language."""
    heard = interpret(load_recognizer("en-US"), "do they speak spanish")
    assert heard.intent == intents.HOTLINE_DETAIL


def test_repeat_after_the_answer_says_the_last_content_again(talk: Conversation) -> None:
    page = talk.say("TraffickersIntent")
    talk.say(intents.LANGUAGE)
    assert talk.repeat().ssml == page.ssml
