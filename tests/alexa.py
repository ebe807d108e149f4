"""Building Alexa request envelopes from the fixtures in tests/requests/, and talking to the endpoint."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from flask.testing import FlaskClient

from skill.speech import ssml_to_text

REQUESTS = Path(__file__).parent / "requests"


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REQUESTS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def fixture_names() -> list[str]:
    return sorted(p.stem for p in REQUESTS.glob("*.json"))


def intent_request(
    name: str,
    *,
    slots: dict[str, Any] | None = None,
    attributes: dict[str, Any] | None = None,
    new: bool = False,
) -> dict[str, Any]:
    """An IntentRequest envelope shaped like the fixtures."""
    envelope = copy.deepcopy(fixture("amazon_help_intent"))
    envelope["request"]["intent"] = {
        "name": name,
        "confirmationStatus": "NONE",
        "slots": slots or {},
    }
    envelope["session"]["new"] = new
    envelope["session"]["attributes"] = attributes or {}
    return envelope


# What a medium hub (Echo Show, 1024x600) tells the skill about itself.
HUB = fixture("screen_risk_factors")["context"]
APL_INTERFACE = "Alexa.Presentation.APL"
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
EXECUTE_COMMANDS = "Alexa.Presentation.APL.ExecuteCommands"


def on_hub(envelope: dict[str, Any]) -> dict[str, Any]:
    """``envelope`` as a medium hub sends it: the APL interface, its viewport."""
    context = envelope.setdefault("context", {})
    device = context.setdefault("System", {}).setdefault("device", {})
    device["supportedInterfaces"] = copy.deepcopy(HUB["System"]["device"]["supportedInterfaces"])
    context["Viewports"] = copy.deepcopy(HUB["Viewports"])
    context["Viewport"] = copy.deepcopy(HUB["Viewport"])
    return envelope


def user_event(
    arguments: Any, token: Any = "youthSafety.list", *, attributes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A touch on the screen of a medium hub, as Alexa sends it."""
    envelope = copy.deepcopy(fixture("screen_user_event"))
    envelope["request"]["arguments"] = arguments
    envelope["request"]["token"] = token
    envelope["session"]["attributes"] = attributes or {}
    return envelope


def resolved_slot(
    name: str, spoken: str, value_id: str | None, value_name: str | None = None
) -> dict[str, Any]:
    """A slot as Alexa resolves it: ER_SUCCESS_MATCH with an id, or NO_MATCH."""
    authority: dict[str, Any] = {
        "authority": f"amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.{name}",
        "status": {"code": "ER_SUCCESS_MATCH" if value_id else "ER_SUCCESS_NO_MATCH"},
    }
    if value_id:
        authority["values"] = [{"value": {"name": value_name or spoken, "id": value_id}}]
    return {
        name: {
            "name": name,
            "value": spoken,
            "confirmationStatus": "NONE",
            "source": "USER",
            "resolutions": {"resolutionsPerAuthority": [authority]},
        }
    }


def category_slot(
    spoken: str, value_id: str | None, value_name: str | None = None
) -> dict[str, Any]:
    """The category slot of SafetyTipsIntent."""
    return resolved_slot("category", spoken, value_id, value_name)


def detail_slot(spoken: str, value_id: str | None) -> dict[str, Any]:
    """The detail slot of HotlineDetailIntent."""
    return resolved_slot("detail", spoken, value_id)


class Turn:
    """One response from the endpoint, with the parts a listener notices."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.body = body
        self.response: dict[str, Any] = body.get("response", {})
        self.attributes: dict[str, Any] = body.get("sessionAttributes") or {}

    @property
    def ssml(self) -> str:
        speech: str = self.response["outputSpeech"]["ssml"]
        return speech

    @property
    def text(self) -> str:
        """What Alexa says, as plain text."""
        return ssml_to_text(self.ssml) if "outputSpeech" in self.response else ""

    @property
    def reprompt(self) -> str:
        return ssml_to_text(self.response["reprompt"]["outputSpeech"]["ssml"])

    @property
    def ends_session(self) -> bool | None:
        value: bool | None = self.response.get("shouldEndSession")
        return value

    @property
    def card(self) -> dict[str, Any] | None:
        card: dict[str, Any] | None = self.response.get("card")
        return card

    @property
    def directives(self) -> list[dict[str, Any]]:
        directives: list[dict[str, Any]] = self.response.get("directives") or []
        return directives

    def directive(self, kind: str) -> dict[str, Any] | None:
        """The response's directive of type ``kind``, if it has one."""
        found = [d for d in self.directives if d.get("type") == kind]
        assert len(found) <= 1, found
        return found[0] if found else None

    @property
    def screen(self) -> dict[str, Any] | None:
        """The properties of the screen the response shows, if it shows one."""
        document = self.directive(RENDER_DOCUMENT)
        if document is None:
            return None
        properties: dict[str, Any] = document["datasources"]["screen"]["properties"]
        return properties


def post(client: FlaskClient, envelope: dict[str, Any] | str | bytes) -> Turn:
    data = envelope if isinstance(envelope, (str, bytes)) else json.dumps(envelope)
    result = client.post("/alexa", data=data, content_type="application/json")
    body = result.get_json(silent=True)
    assert isinstance(body, dict), result.data[:200]
    return Turn(result.status_code, body)


def assert_valid_response(turn: Turn) -> None:
    """What Alexa requires of every spoken response."""
    assert turn.status == 200
    if "outputSpeech" not in turn.response:
        # Silent (a session's end), or a screen reading the page aloud: it
        # neither waits for an answer nor ends the session.
        assert "reprompt" not in turn.response
        if turn.directive(EXECUTE_COMMANDS) is not None:
            assert "shouldEndSession" not in turn.response
        return
    ssml = turn.ssml
    assert len(ssml) <= 8000
    ElementTree.fromstring(ssml)  # raises on invalid XML
    assert ssml.startswith("<speak>")
    if turn.ends_session is False:
        reprompt = turn.response["reprompt"]["outputSpeech"]["ssml"]
        ElementTree.fromstring(reprompt)
    else:
        assert turn.ends_session is True


class Conversation:
    """Talks to the endpoint like a device, carrying session attributes from turn to turn.

    Every request carries ``locale``. With ``hub`` it is a medium hub: every
    request says so, and :meth:`touch` sends what the screen sends.
    """

    def __init__(self, client: FlaskClient, locale: str = "en-US", *, hub: bool = False) -> None:
        self.client = client
        self.locale = locale
        self.hub = hub
        self.attributes: dict[str, Any] = {}
        self.new = True
        self.turns: list[Turn] = []

    def _send(self, envelope: dict[str, Any]) -> Turn:
        envelope["request"]["locale"] = self.locale
        envelope["session"]["new"] = self.new
        envelope["session"]["attributes"] = self.attributes
        if self.hub:
            on_hub(envelope)
        turn = post(self.client, envelope)
        assert_valid_response(turn)
        self.new = False
        self.attributes = turn.attributes
        self.turns.append(turn)
        return turn

    def launch(self) -> Turn:
        return self._send(copy.deepcopy(fixture("launch")))

    def say(self, intent: str, slots: dict[str, Any] | None = None) -> Turn:
        return self._send(intent_request(intent, slots=slots))

    def touch(self, *arguments: Any, token: Any = None) -> Turn:
        """A UserEvent from the screen on show (``token``: that of the last document sent)."""
        if token is None:
            shown = [t.directive(RENDER_DOCUMENT) for t in self.turns]
            token = next(d["token"] for d in reversed(shown) if d is not None)
        return self._send(user_event(list(arguments), token))

    # Short names for the built-ins.
    def yes(self) -> Turn:
        return self.say("AMAZON.YesIntent")

    def no(self) -> Turn:
        return self.say("AMAZON.NoIntent")

    def next(self) -> Turn:
        return self.say("AMAZON.NextIntent")

    def previous(self) -> Turn:
        return self.say("AMAZON.PreviousIntent")

    def repeat(self) -> Turn:
        return self.say("AMAZON.RepeatIntent")
