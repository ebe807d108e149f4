"""Conversation state, carried between turns in Alexa session attributes.

The service keeps nothing between requests: where the user is in a list, what
"yes" would do next, which random tips were heard and what was said last all
travel in ``sessionAttributes``. Reading is forgiving: attributes that are
missing, of the wrong type or out of range fall back to a fresh state, so a
tampered or outdated session can never break a turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# What "yes" (and, for NEXT and TIP, "next") does after this turn.
OFFER_NEXT = "next"  # the next page of the current topic
OFFER_THEN = "then"  # start the topic (or hotline) named by `target`
OFFER_TIP = "tip"  # another random tip
OFFER_CATEGORY = "category"  # the skill asked which tip category
OFFERS = frozenset({OFFER_NEXT, OFFER_THEN, OFFER_TIP, OFFER_CATEGORY})

MAX_HEARD = 64


@dataclass(frozen=True)
class LastReply:
    """What the skill said last, for AMAZON.RepeatIntent."""

    speech: str
    reprompt: str | None


@dataclass(frozen=True)
class State:
    topic: str | None = None
    page: int = 0
    offer: str | None = None
    target: str | None = None
    heard: tuple[str, ...] = field(default=())
    last: LastReply | None = None

    def with_offer(self, offer: str | None, target: str | None = None) -> State:
        return replace(self, offer=offer, target=target)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _last(raw: Any) -> LastReply | None:
    if not isinstance(raw, Mapping):
        return None
    speech = _text(raw.get("speech"))
    if speech is None:
        return None
    return LastReply(
        speech=speech,
        reprompt=_text(raw.get("reprompt")),
    )


def from_attributes(attributes: Any) -> State:
    """The state stored in ``attributes``, or the parts of it that make sense."""
    if not isinstance(attributes, Mapping):
        return State()
    page = attributes.get("page")
    offer = _text(attributes.get("offer"))
    heard = attributes.get("heard")
    return State(
        topic=_text(attributes.get("topic")),
        page=page if isinstance(page, int) and not isinstance(page, bool) and page >= 0 else 0,
        offer=offer if offer in OFFERS else None,
        target=_text(attributes.get("target")),
        heard=tuple(h for h in heard if isinstance(h, str))[-MAX_HEARD:]
        if isinstance(heard, list)
        else (),
        last=_last(attributes.get("last")),
    )


def to_attributes(state: State) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if state.topic is not None:
        attributes["topic"] = state.topic
        attributes["page"] = state.page
    if state.offer is not None:
        attributes["offer"] = state.offer
    if state.target is not None:
        attributes["target"] = state.target
    if state.heard:
        attributes["heard"] = list(state.heard)
    if state.last is not None:
        attributes["last"] = {
            k: v
            for k, v in (
                ("speech", state.last.speech),
                ("reprompt", state.last.reprompt),
            )
            if v is not None
        }
    return attributes
