"""Screens for Echo Show and Fire TV: APL documents, their datasource and read-along.

The documents in ``skill/apl/`` hold layout only; every word on screen comes
from the datasource, which the conversation builds from the same reply as the
speech. This module knows nothing about the conversation: it loads the
documents, holds the datasource contract as a type (:class:`ScreenData`, which
:mod:`skill.render` builds and the type checker checks), and builds the two
directives a reply with a screen sends:

- ``Alexa.Presentation.APL.RenderDocument`` (:func:`render_directive`), one
  token per kind of screen (:func:`document_token`), so a later answer replaces
  the screen;
- ``Alexa.Presentation.APL.ExecuteCommands`` (:func:`execute_commands_directive`)
  with the read-along commands (:func:`read_along_commands`): the document
  speaks the page's lead and items, highlighting each while it is spoken, then
  sends the ``readAlongDone`` event. The skill answers that event with the
  page's question as ordinary speech, which opens the microphone after it.

A response carrying read-along has no outputSpeech and leaves
``shouldEndSession`` unset (the microphone stays closed while the document
speaks). The help and quiz screens read nothing along: their speech stays in
outputSpeech. docs/screens.md gives the reasons and the sources.

The datasource contract (``properties`` of the ``screen`` datasource, written
by :meth:`ScreenData.properties`):

``kind``
    ``"list"``, ``"text"``, ``"help"`` or ``"quiz"``.
``title``, ``prompt``, ``footer``
    Text on screen; the footer carries the hotline number and text code.
``lead``, ``leadSsml``
    The lead sentences as shown, and as spoken (one ``<speak>`` document; empty
    when there is no lead or, on the help and quiz screens, which read nothing
    along). On a quiz screen the lead is what answers the last turn: whether
    the answer was right and why, or the quiz's introduction.
``items``
    ``[{"number": "4", "text": "...", "ssml": "<speak>...</speak>"}]``: the
    page's items as shown and as spoken. ``number`` is ``""`` for unnumbered
    prose. A help screen has none.
``position``
    ``"4 to 6 of 11"`` on a list page, ``"Question 2 of 5"`` on a quiz
    question, else ``""``.
``resources``
    ``[{"label": "...", "value": "..."}]``: the help screen's numbers.
``buttons``
    ``{"more": ..., "back": ..., "help": ...}``: the button labels.
``hasMore``, ``hasBack``
    Whether the More and Back buttons show (never on a quiz screen).
``hint``
    A phrase to suggest (``"next"``), or ``""``. Alexa's ``textToHint``
    transformer turns it into ``hintText`` with the device's wake word.

A quiz screen has four more fields (and no other screen has them):

``question``
    The open question, or the statement to judge true or false; ``""`` when
    none is open (the score).
``choices``
    ``[{"id": "a", "text": "A: Freedom"}]``: the answers to tap, in order, each
    with the answer id it sends (``"a"``, ``"b"``, ``"c"``, ``"true"`` or
    ``"false"``); empty when no question is open.
``score``
    ``["You got 4 out of 5.", "..."]``: at the end of a round, the score and
    the encouraging line; else empty.
``moves``
    ``[{"event": "pass", "label": "Skip"}]``: while a question is open, the
    quiz's other moves as buttons (skip, repeat the question, the score, end
    the quiz), each sending its event as saying it does; else empty.

The transformers add ``speech`` to each item, ``leadSpeech`` and ``hintText``;
the datasource must not carry those names itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from skill.serializer import EncodedJson

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
EXECUTE_COMMANDS = "Alexa.Presentation.APL.ExecuteCommands"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"
APL_INTERFACE = "Alexa.Presentation.APL"

# The documents' folder, read as files beside this module (importlib.resources, which
# would also read them from a zip, cost about 7 ms of a cold start to import).
_APL_DIR = Path(__file__).resolve().parent / "apl"
# Kinds of screen, each with its document skill/apl/<kind>.json.
ScreenKind = Literal["list", "text", "help", "quiz"]
KINDS: tuple[ScreenKind, ...] = get_args(ScreenKind)
# Kinds whose speech stays in outputSpeech: nothing is read along.
SPOKEN_KINDS = ("help", "quiz")
TOKEN_PREFIX = "youthSafety."
DATASOURCE = "screen"

# Component ids the read-along commands address (see skill/apl/common.json and
# the documents' mainTemplate).
LEAD_COMPONENT = "leadBlock"
ITEMS_COMPONENT = "itemList"

# UserEvent arguments the documents and the read-along commands send.
EVENT_ITEM = "item"  # ["item", "<number>"]: an item was tapped
EVENT_NEXT = "next"  # ["next"]: More
EVENT_PREVIOUS = "previous"  # ["previous"]: Back
EVENT_HELP = "help"  # ["help"]: Get help
EVENT_READ_ALONG_DONE = "readAlongDone"  # ["readAlongDone"]: the page has been read
EVENT_ANSWER = "answer"  # ["answer", "<id>"]: a quiz choice was tapped
# The quiz's moves besides answering, as their buttons send them.
EVENT_PASS = "pass"  # ["pass"]: Skip, as "I don't know"
EVENT_REPEAT = "repeat"  # ["repeat"]: Repeat (the question)
EVENT_SCORE = "score"  # ["score"]: Score, as "what's my score"
EVENT_END_QUIZ = "endQuiz"  # ["endQuiz"]: End quiz, as "stop the quiz"
# The quiz buttons' events, by the content's name for each (screen.quiz_buttons).
QUIZ_MOVE_EVENTS: Mapping[str, str] = {
    "pass": EVENT_PASS,
    "repeat": EVENT_REPEAT,
    "score": EVENT_SCORE,
    "end_quiz": EVENT_END_QUIZ,
}
EVENTS = (
    EVENT_ITEM,
    EVENT_NEXT,
    EVENT_PREVIOUS,
    EVENT_HELP,
    EVENT_READ_ALONG_DONE,
    EVENT_ANSWER,
    *QUIZ_MOVE_EVENTS.values(),
)
# Events that name what was tapped in a second argument (a tuple: the first
# argument may be anything, hashable or not).
_WITH_ARGUMENT = (EVENT_ITEM, EVENT_ANSWER)


class ScreenError(ValueError):
    """An unknown kind of screen, a broken document, or datasources without the screen."""


@dataclass(frozen=True)
class ScreenEvent:
    """A touch or read-along event from a document: what it asks, and what was tapped.

    ``item`` is the tapped item's number (``item``) or the tapped choice's
    answer id (``answer``); None for the other events.
    """

    name: str
    item: str | None = None


# --- documents --------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ScreenError(f"no screen of kind {kind!r}; the kinds are {', '.join(KINDS)}")
    return kind


def _load(name: str) -> dict[str, Any]:
    text = (_APL_DIR / f"{name}.json").read_text(encoding="utf-8")
    loaded = json.loads(text)
    if not isinstance(loaded, dict):
        raise ScreenError(f"skill/apl/{name}.json is not a JSON object")
    return loaded


def _types_used(node: object) -> set[str]:
    """Every component type named anywhere in ``node``."""
    if isinstance(node, Mapping):
        found = {node["type"]} if isinstance(node.get("type"), str) else set()
        for value in node.values():
            found |= _types_used(value)
        return found
    if isinstance(node, list):
        return set().union(*(_types_used(v) for v in node)) if node else set()
    return set()


def merge_documents(common: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Any]:
    """``document`` with the shared resources, styles and layouts of ``common``.

    Resources apply in order, the shared ones first. Of the shared layouts only
    those the document uses (directly or through another layout) are added. A
    style or layout may not be defined in both.
    """
    merged = dict(document)
    merged["resources"] = [*common.get("resources", []), *document.get("resources", [])]
    for section in ("styles", "layouts"):
        shared = common.get(section, {})
        own = document.get(section, {})
        both = sorted(set(shared) & set(own))
        if both:
            raise ScreenError(f"{section} defined twice: {', '.join(both)}")
    shared_layouts: Mapping[str, Any] = common.get("layouts", {})
    used: dict[str, Any] = {}
    wanted = _types_used(document)
    while names := sorted((wanted & set(shared_layouts)) - set(used)):
        for name in names:
            used[name] = shared_layouts[name]
            wanted |= _types_used(shared_layouts[name])
    merged["styles"] = {**common.get("styles", {}), **document.get("styles", {})}
    merged["layouts"] = {**used, **document.get("layouts", {})}
    return merged


@cache
def render_document(kind: str) -> EncodedJson:
    """The APL document for ``kind``, loaded and encoded once, and shared: do not modify it.

    It is :class:`~skill.serializer.EncodedJson`: a response carries it as it
    is, and the endpoint writes its JSON, encoded once, into every response
    that sends it (the documents are most of a response with a screen).
    """
    return EncodedJson(merge_documents(_load("common"), _load(_kind(kind))))


def document_token(kind: str) -> str:
    """The presentation token of ``kind``'s document, e.g. ``youthSafety.list``."""
    return TOKEN_PREFIX + _kind(kind)


# --- the datasource contract ------------------------------------------------------------


@dataclass(frozen=True)
class ShownItem:
    """An item as shown (its number, "" when unnumbered, and text) and as spoken (SSML)."""

    number: str
    text: str
    ssml: str


@dataclass(frozen=True)
class Resource:
    """A help line on the help screen: what it is, and the number."""

    label: str
    value: str


@dataclass(frozen=True)
class Choice:
    """A quiz answer to tap: the answer id it sends, and its text."""

    id: str
    text: str


@dataclass(frozen=True)
class QuizMove:
    """A quiz move to tap besides answering: the event it sends, and its label."""

    event: str
    label: str


@dataclass(frozen=True)
class QuizParts:
    """What only a quiz screen has: the open question, its choices and moves, or the score."""

    question: str
    choices: tuple[Choice, ...]
    score: tuple[str, ...]
    moves: tuple[QuizMove, ...] = ()


@dataclass(frozen=True)
class ScreenData:
    """The ``screen`` datasource's properties: the contract above, as a type.

    The type checker holds every screen to the fields and their types; what a
    type cannot say (a list page numbers its items, a help screen reads nothing
    along...) the tests check on every screen the skill can send.
    """

    kind: ScreenKind
    title: str
    lead: tuple[str, ...]
    lead_ssml: str
    items: tuple[ShownItem, ...]
    position: str
    prompt: str
    footer: str
    resources: tuple[Resource, ...]
    buttons: Mapping[str, str]
    has_more: bool
    has_back: bool
    hint: str
    quiz: QuizParts | None = None  # a quiz screen's own fields; None on the others

    def properties(self) -> dict[str, Any]:
        """The datasource's properties as JSON values, in the contract's order."""
        shown: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "lead": list(self.lead),
            "leadSsml": self.lead_ssml,
            "items": [{"number": i.number, "text": i.text, "ssml": i.ssml} for i in self.items],
            "position": self.position,
            "prompt": self.prompt,
            "footer": self.footer,
            "resources": [{"label": r.label, "value": r.value} for r in self.resources],
            "buttons": dict(self.buttons),
            "hasMore": self.has_more,
            "hasBack": self.has_back,
            "hint": self.hint,
        }
        if self.quiz is not None:
            shown["question"] = self.quiz.question
            shown["choices"] = [{"id": c.id, "text": c.text} for c in self.quiz.choices]
            shown["score"] = list(self.quiz.score)
            shown["moves"] = [{"event": m.event, "label": m.label} for m in self.quiz.moves]
        return shown


# --- directives -------------------------------------------------------------------------


def screen_datasource(data: ScreenData) -> dict[str, Any]:
    """The RenderDocument ``datasources`` showing ``data``, with the transformers it needs."""
    transformers: list[dict[str, str]] = []
    if data.items:
        transformers.append(
            {"inputPath": "items[*].ssml", "outputName": "speech", "transformer": "ssmlToSpeech"}
        )
    if data.lead_ssml:
        transformers.append(
            {"inputPath": "leadSsml", "outputName": "leadSpeech", "transformer": "ssmlToSpeech"}
        )
    if data.hint:
        transformers.append(
            {"inputPath": "hint", "outputName": "hintText", "transformer": "textToHint"}
        )
    return {
        DATASOURCE: {
            "type": "object",
            "objectId": DATASOURCE,
            "properties": data.properties(),
            "transformers": transformers,
        }
    }


def _properties(datasources: Mapping[str, Any]) -> Mapping[str, Any]:
    screen = datasources.get(DATASOURCE)
    properties = screen.get("properties") if isinstance(screen, Mapping) else None
    if not isinstance(properties, Mapping):
        raise ScreenError(f"datasources has no {DATASOURCE}.properties")
    return properties


def screen_properties_of(datasources: object) -> Mapping[str, Any] | None:
    """The screen's properties in a RenderDocument's ``datasources``, or None if it has none."""
    if not isinstance(datasources, Mapping):
        return None
    try:
        return _properties(datasources)
    except ScreenError:
        return None


def render_directive(datasources: Mapping[str, Any]) -> dict[str, Any]:
    """The RenderDocument directive showing the screen in ``datasources``."""
    kind = _properties(datasources)["kind"]
    return {
        "type": RENDER_DOCUMENT,
        "token": document_token(kind),
        "document": render_document(kind),
        "datasources": dict(datasources),
    }


def read_along_commands(datasources: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The commands that read the page aloud from the screen; empty if nothing is read.

    One Sequential command, holding the screen while it runs: the lead
    (highlighted as a block), each item in turn (SpeakList highlights the item
    being spoken), then the ``readAlongDone`` event. A help screen reads
    nothing, and neither does a quiz screen: their speech stays in outputSpeech.
    """
    properties = _properties(datasources)
    if properties["kind"] in SPOKEN_KINDS:
        return []
    steps: list[dict[str, Any]] = []
    if properties["leadSsml"]:
        steps.append(
            {
                "type": "SpeakItem",
                "componentId": LEAD_COMPONENT,
                "highlightMode": "block",
                "align": "visible",
            }
        )
    if properties["items"]:
        steps.append(
            {
                "type": "SpeakList",
                "componentId": ITEMS_COMPONENT,
                "start": 0,
                "count": len(properties["items"]),
                "align": "visible",
            }
        )
    if not steps:
        return []
    steps.append({"type": "SendEvent", "arguments": [EVENT_READ_ALONG_DONE]})
    return [{"type": "Sequential", "screenLock": True, "commands": steps}]


def execute_commands_directive(datasources: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ExecuteCommands directive reading the screen in ``datasources`` aloud (same
    token as its RenderDocument), or None when the screen reads nothing along."""
    commands = read_along_commands(datasources)
    if not commands:
        return None
    kind = _properties(datasources)["kind"]
    return {"type": EXECUTE_COMMANDS, "token": document_token(kind), "commands": commands}


def read_along_ssml(datasources: Mapping[str, Any]) -> list[str]:
    """The SSML documents the read-along speaks, in order: the lead, then each item.

    Together with the question that follows as outputSpeech, these are the
    words a voice-only device hears for the same page.
    """
    properties = _properties(datasources)
    if not read_along_commands(datasources):
        return []
    lead = [properties["leadSsml"]] if properties["leadSsml"] else []
    return lead + [item["ssml"] for item in properties["items"]]


# --- events -----------------------------------------------------------------------------


def parse_user_event(arguments: object) -> ScreenEvent | None:
    """The event a UserEvent's ``arguments`` carry, or None if they are not ours."""
    if not isinstance(arguments, list) or not arguments:
        return None
    name, rest = arguments[0], arguments[1:]
    if name in _WITH_ARGUMENT:
        if len(rest) == 1 and isinstance(rest[0], str) and rest[0].strip():
            return ScreenEvent(name, rest[0].strip())
        return None
    if name in EVENTS and not rest:
        return ScreenEvent(name)
    return None
