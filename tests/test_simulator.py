"""Requests as Alexa sends them, answered by the skill (skill/tools/simulator.py)."""

from __future__ import annotations

import itertools
import json
import random
from datetime import datetime, timezone
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from skill import intents
from skill.content import DEFAULT_LOCALE, Content
from skill.envelope import read_envelope
from skill.modes.base import SlotValue
from skill.routing import resolved_id
from skill.tools.nlu import MATCH, NO_MATCH, Interpretation, Resolution, Slot
from skill.tools.simulator import (
    LOCAL_SKILL_ID,
    Simulator,
    SimulatorError,
    Turn,
    authority,
    build_simulator,
    complete_read_along,
    event_source,
    intent_json,
    slot_json,
    timestamp,
)
from tests import PHONE
from tests.envelopes import fixture
from tests.locales import expected, pinned_locale

# English typed into the simulator: the words of tests/locales/en-US.yaml.
locale = pinned_locale()
WORDS = expected(DEFAULT_LOCALE)
SAY = {**WORDS.quiz.moves, **WORDS.simulator}

MOMENT = datetime(2026, 11, 24, 15, 0, 0, tzinfo=timezone.utc)


def simulator(**kwargs: Any) -> Simulator:
    counter = itertools.count(1)
    return build_simulator(
        DEFAULT_LOCALE,
        rng=random.Random(7),
        clock=lambda: MOMENT,
        new_id=lambda: f"id-{next(counter)}",
        **kwargs,
    )


@pytest.fixture
def sim() -> Simulator:
    return simulator()


def test_a_resolved_slot_is_shaped_like_alexas() -> None:
    slot = Slot(
        "category",
        "CategoryType",
        "internet",
        Resolution(MATCH, (("online_safety", "online safety"),)),
    )
    resolutions = {
        "resolutionsPerAuthority": [
            {
                "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.X.CategoryType",
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "online safety", "id": "online_safety"}}],
            }
        ]
    }
    assert slot_json(slot, "amzn1.ask.skill.X") == {
        "name": "category",
        "value": "internet",
        "confirmationStatus": "NONE",
        "source": "USER",
        "resolutions": resolutions,
        "slotValue": {"type": "Simple", "value": "internet", "resolutions": resolutions},
    }


def test_an_unresolved_slot_has_a_no_match_status_and_no_values() -> None:
    slot = Slot("category", "CategoryType", "pizza", Resolution(NO_MATCH, ()))
    (per_authority,) = slot_json(slot, "S")["resolutions"]["resolutionsPerAuthority"]
    assert per_authority == {
        "authority": authority("S", "CategoryType"),
        "status": {"code": "ER_SUCCESS_NO_MATCH"},
    }


def test_the_resolutions_match_the_recorded_alexa_request() -> None:
    recorded = fixture("safety_tips_online")
    skill_id = recorded["context"]["System"]["application"]["applicationId"]
    heard = Interpretation(
        "intent",
        "exact",
        intents.SAFETY_TIPS,
        (
            Slot(
                "category",
                "CategoryType",
                "internet",
                Resolution(MATCH, (("online_safety", "online safety"),)),
            ),
        ),
    )
    built = intent_json(heard, ("category",), skill_id)
    expected = recorded["request"]["intent"]
    built["slots"]["category"].pop("slotValue")  # newer than the recording
    assert built == expected


def test_an_intent_lists_its_empty_slots_and_intents_without_slots_have_none() -> None:
    heard = Interpretation("intent", "exact", intents.SAFETY_TIPS)
    assert intent_json(heard, ("category",), "S") == {
        "name": intents.SAFETY_TIPS,
        "confirmationStatus": "NONE",
        "slots": {"category": {"name": "category", "confirmationStatus": "NONE"}},
    }
    assert intent_json(Interpretation("intent", "exact", intents.YES), (), "S") == {
        "name": intents.YES,
        "confirmationStatus": "NONE",
    }


def test_timestamps_are_utc_to_the_second() -> None:
    assert (
        timestamp(datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=timezone.utc)) == "2026-01-02T03:04:05Z"
    )


def test_requests_are_complete_envelopes_the_sdk_reads(sim: Simulator) -> None:
    turn = sim.say(SAY["category tips"])
    sent = turn.request
    read_envelope(json.dumps(sent).encode())
    assert sent["version"] == "1.0"
    assert sent["session"]["new"] is True
    assert sent["session"]["application"]["applicationId"] == LOCAL_SKILL_ID
    system = sent["context"]["System"]
    assert system["application"]["applicationId"] == LOCAL_SKILL_ID
    assert system["user"]["userId"] == sent["session"]["user"]["userId"]
    assert "supportedInterfaces" in system["device"]
    request = sent["request"]
    assert request["type"] == "IntentRequest"
    assert request["requestId"].startswith("amzn1.echo-api.request.")
    assert (request["timestamp"], request["locale"]) == ("2026-11-24T15:00:00Z", DEFAULT_LOCALE)

    envelope = DefaultSerializer().deserialize(json.dumps(sent), RequestEnvelope)
    slot = envelope.request.intent.slots["category"]
    assert resolved_id(slot) == SlotValue(True, "online_safety")


def test_the_skill_answers_through_the_endpoint_path(sim: Simulator, content: Content) -> None:
    turn = sim.say(SAY["category tips"])
    assert turn.response["version"] == "1.0"
    assert turn.ssml is not None and turn.ssml.startswith("<speak>")
    assert turn.text.startswith(content.topic("online_safety").pages[0].lead[0])
    assert turn.card is not None and turn.card[0] == content.topic("online_safety").title
    assert turn.ends_session is False


def test_session_attributes_carry_over_between_turns(sim: Simulator) -> None:
    first = sim.say(SAY["open"])
    second = sim.say(SAY["who is at risk"])
    third = sim.say(SAY["yes"])
    sessions = [t.request["session"] for t in (first, second, third)]
    assert [s["new"] for s in sessions] == [True, False, False]
    assert len({s["sessionId"] for s in sessions}) == 1
    assert sessions[2]["attributes"] == second.attributes
    assert (third.attributes["topic"], third.attributes["page"]) == ("risk_factors", 1)


def test_stop_ends_the_session_and_the_next_request_starts_a_new_one(sim: Simulator) -> None:
    sim.say(SAY["who is at risk"])
    first_session = sim.session_id
    stop = sim.say(SAY["stop"])
    assert stop.ends_session is True and not sim.in_session
    again = sim.say(SAY["yes"])
    assert again.request["session"]["new"] is True
    assert again.request["session"]["attributes"] == {}
    assert again.request["session"]["sessionId"] != first_session


def test_exit_sends_a_session_ended_request_the_skill_cannot_answer(sim: Simulator) -> None:
    sim.say(SAY["open"])
    turn = sim.say(SAY["exit"])
    assert turn.request["request"]["type"] == "SessionEndedRequest"
    assert turn.request["request"]["reason"] == "USER_INITIATED"
    assert turn.text == "" and turn.ssml is None
    assert not sim.in_session


def test_empty_words_open_the_skill(sim: Simulator, content: Content) -> None:
    turn = sim.say("   ")
    assert turn.request["request"]["type"] == "LaunchRequest"
    assert turn.text == content.prompts["welcome"]


def test_unknown_words_get_the_fallback_answer(sim: Simulator, content: Content) -> None:
    turn = sim.say(SAY["something unknown"])
    assert turn.request["request"]["intent"]["name"] == intents.FALLBACK
    assert turn.text.startswith(content.prompts["fallback"].split("{")[0])
    assert PHONE in turn.text


def test_the_skill_id_given_is_the_one_checked_and_named_in_resolutions(content: Content) -> None:
    sim = simulator(skill_id="amzn1.ask.skill.mine")
    turn = sim.say(SAY["category tips, short"])
    slot = turn.request["request"]["intent"]["slots"]["category"]
    (per_authority,) = slot["resolutions"]["resolutionsPerAuthority"]
    assert (
        per_authority["authority"]
        == "amzn1.er-authority.echo-sdk.amzn1.ask.skill.mine.CategoryType"
    )
    assert turn.text.startswith(content.topic("online_safety").pages[0].lead[0])


def test_a_locale_without_content_or_model_is_an_error() -> None:
    with pytest.raises(SimulatorError, match="xx-XX"):
        build_simulator("xx-XX")


# --- as a device with a screen -----------------------------------------------------------


def test_a_hub_says_it_has_a_screen_and_a_speaker_does_not() -> None:
    hub = simulator(screen=True).say(SAY["who is at risk"]).request
    speaker = simulator().say(SAY["who is at risk"]).request
    interfaces = hub["context"]["System"]["device"]["supportedInterfaces"]
    assert "Alexa.Presentation.APL" in interfaces
    assert hub["context"]["Viewport"]["mode"] == "HUB"
    assert (
        hub["context"]["Viewport"]["pixelWidth"],
        hub["context"]["Viewport"]["pixelHeight"],
    ) == (
        1024,
        600,
    )
    envelope = DefaultSerializer().deserialize(json.dumps(hub), RequestEnvelope)
    assert envelope.context.system.device.supported_interfaces.alexa_presentation_apl is not None
    assert envelope.context.viewport.pixel_width == 1024
    assert speaker["context"]["System"]["device"]["supportedInterfaces"] == {}
    assert "Viewport" not in speaker["context"]


def test_a_hub_reads_the_page_then_asks_for_the_rest_as_a_device_does() -> None:
    hub, speaker = simulator(screen=True), simulator()
    for move in ("open", "who is at risk", "yes", "next", "i need help", "next", "repeat"):
        words = SAY[move]
        shown, spoken = hub.say(words), speaker.say(words)
        assert shown.text == spoken.text, words
        assert shown.reprompt == spoken.reprompt, words
        assert shown.ends_session is spoken.ends_session
        assert shown.attributes == spoken.attributes
        assert spoken.screen is None and spoken.rest is None
        assert shown.screen is not None
    page = hub.say(SAY["previous"])
    assert page.read_along and page.rest is not None
    assert "outputSpeech" not in page.response["response"]
    done = page.rest.request["request"]
    assert done["type"] == "Alexa.Presentation.APL.UserEvent"
    assert done["arguments"] == ["readAlongDone"]
    assert done["token"] == "youthSafety.list"
    assert page.rest.request["session"]["attributes"] == page.response["sessionAttributes"]
    assert page.rest.screen is None  # the page stays on screen
    assert hub.last is page


def test_a_touch_on_a_hub_is_answered(content: Content) -> None:
    hub = simulator(screen=True)
    for move in ("who is at risk", "yes", "next"):
        hub.say(SAY[move])
    tapped = hub.touch("youthSafety.list", ["item", "5"])
    page = content.topic("risk_factors").pages[2]  # items 4 to 6; item 5 is its second
    assert tapped.text == f"{page.items[1]}. {page.question}"
    more = hub.touch("youthSafety.list", ["next"])
    assert more.screen is not None
    assert more.screen["position"] == content.fill(
        content.screen.position, first=7, last=9, total=11
    )
    read_envelope(json.dumps(more.request).encode())


@pytest.mark.parametrize(
    ("arguments", "component"),
    [
        (["item", "5"], "item-5"),
        (["next"], "button-next"),
        (["previous"], "button-previous"),
        (["help"], "button-help"),
        (["answer", "b"], "choice-b"),
    ],
)
def test_a_touch_names_the_component_touched_as_the_documents_do(
    arguments: list[str], component: str
) -> None:
    hub = simulator(screen=True)
    hub.say(SAY["who is at risk"])
    sent = hub.touch("youthSafety.list", arguments).request["request"]
    assert sent["source"] == {
        "type": "TouchWrapper",
        "handler": "Press",
        "id": component,
        "value": False,
    }
    assert event_source(["readAlongDone"])["type"] == "Document"


def test_complete_read_along_leaves_a_turn_without_one_as_it_is() -> None:
    hub = simulator(screen=True)
    helped = hub.say(SAY["i need help"])  # the help screen reads nothing along
    assert helped.rest is None and not helped.read_along

    def never(token: str, arguments: list[Any]) -> Turn:
        raise AssertionError("nothing to report")

    assert complete_read_along(helped, never) is helped
