"""The conversation driver (tests/conversation.py): over the engine and through the endpoint, one conversation.

A test chooses where it talks to the skill; these check that the choice changes
only the speed: both ways send the same requests and read the same answers.
"""

from __future__ import annotations

from typing import Any

import pytest
from ask_sdk_model import RequestEnvelope

from skill.content import Content
from skill.routing import to_request
from skill.vocabulary import Action
from tests.conftest import SEED, AppFactory
from tests.conversation import SERIALIZER, Conversation, Turn
from tests.envelopes import answer_slot, category_slot, detail_slot, envelope_for
from tests.walk import all_requests


def test_every_request_the_walk_makes_is_one_a_device_can_send(content: Content) -> None:
    """The routing table read backwards (tests/envelopes.py) and forwards again is the request."""
    for request in all_requests(content):
        sent = SERIALIZER.deserialize(envelope_for(request), RequestEnvelope).request
        routed = to_request(
            sent.object_type,
            getattr(sent, "intent", None),
            token=getattr(sent, "token", None),
            arguments=getattr(sent, "arguments", None),
        )
        assert routed == request


def play(talk: Conversation) -> list[Turn]:
    """Launch, a list, help and back, tips by category, a hotline detail, the quiz, touches, stop."""
    talk.launch()
    talk.say("RiskFactorsIntent")
    talk.yes()
    talk.ask(Action.ITEM, item="2")
    talk.touch("next")
    talk.touch("item", "8")
    talk.say("GetHelpIntent")
    talk.next()
    talk.say("SafetyTipsIntent", category_slot("online", "online_safety"))
    talk.ask(Action.RANDOM_TIP)
    talk.previous()
    talk.say("HotlineDetailIntent", detail_slot("text", "text"))
    talk.no()
    talk.ask(Action.QUIZ)
    talk.say("QuizAnswerIntent", answer_slot("a"))
    talk.touch("answer", "true")
    talk.repeat()
    talk.ask(Action.FALLBACK)
    talk.say("AMAZON.HelpIntent")
    talk.ask(Action.LESSON)
    talk.touch("readAlongDone")
    talk.ask(Action.STOP)
    return talk.turns


def without_user_agent(body: dict[str, Any]) -> dict[str, Any]:
    """A response envelope without the SDK's ``userAgent``, which only the endpoint adds."""
    return {key: value for key, value in body.items() if key != "userAgent"}


@pytest.mark.parametrize("hub", [False, True], ids=["voice", "hub"])
def test_the_engine_and_the_endpoint_answer_alike(
    make_app: AppFactory, content: Content, hub: bool
) -> None:
    """Turn for turn, the same response envelope and the same state, on either device."""
    fast = play(Conversation.engine(content, seed=SEED, hub=hub))
    whole = play(Conversation.endpoint(make_app().test_client(), content.locale, hub=hub))
    assert len(fast) == len(whole)
    read_along = 0
    for engine_turn, endpoint_turn in zip(fast, whole, strict=True):
        assert engine_turn.body == without_user_agent(endpoint_turn.body)
        assert engine_turn.state == endpoint_turn.state
        read_along += endpoint_turn.text == ""
    assert bool(read_along) == hub  # a hub reads some pages aloud from its screen


def test_only_a_conversation_over_the_engine_sees_the_engines_reply(
    make_app: AppFactory, content: Content
) -> None:
    fast = Conversation.engine(content).launch()
    assert fast.reply.prompt
    whole = Conversation.endpoint(make_app().test_client(), content.locale).launch()
    with pytest.raises(AssertionError, match="the endpoint sends no Reply"):
        _ = whole.reply
