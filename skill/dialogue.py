"""What the skill answers, as pure functions of (content, state, what was asked).

Each function returns a :class:`Reply`: the SSML to speak, the reprompt, an
optional card, whether the session ends, and the state for the next turn.
Nothing here touches the SDK; the handlers are thin glue around these.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from skill.content import HOTLINE_TARGET, Content, Page, Tip, Topic
from skill.paging import clamp_page
from skill.speech import Speech, lines, say, to_plain, to_ssml
from skill.state import (
    OFFER_CATEGORY,
    OFFER_NEXT,
    OFFER_THEN,
    OFFER_TIP,
    LastReply,
    State,
)


@dataclass(frozen=True)
class Reply:
    speech: str  # inner SSML, no <speak>
    reprompt: str | None
    card_title: str | None
    card_text: str | None
    end_session: bool
    state: State


def _reply(
    content: Content,
    state: State,
    speech: Speech,
    reprompt: Speech | None,
    card: tuple[str, Speech] | None = None,
) -> Reply:
    """A reply that keeps the session open and is remembered for Repeat."""
    return _remembered(state, _render(content, speech, reprompt, card))


Rendered = tuple[str, str | None, str | None, str | None]


def _remembered(state: State, rendered: Rendered, **changes: Any) -> Reply:
    """The reply of ``rendered`` speech, with the state changed and the speech kept for Repeat."""
    ssml, reprompt_ssml, card_title, card_text = rendered
    new_state = replace(state, last=LastReply(ssml, reprompt_ssml), **changes)
    return Reply(ssml, reprompt_ssml, card_title, card_text, False, new_state)


@lru_cache(maxsize=1024)
def _render(
    content: Content, speech: Speech, reprompt: Speech | None, card: tuple[str, Speech] | None
) -> tuple[str, str | None, str | None, str | None]:
    """SSML, reprompt SSML, card title and card text (the content's texts are few and fixed)."""
    ssml = to_ssml(speech, content.numbers)
    reprompt_ssml = to_ssml(reprompt, content.numbers) if reprompt else None
    card_title = card[0] if card else None
    card_text = to_plain(card[1], content.numbers) if card else None
    return ssml, reprompt_ssml, card_title, card_text


def current_topic(content: Content, state: State) -> Topic | None:
    return content.topics.get(state.topic) if state.topic else None


def _in_list(content: Content, state: State) -> Topic | None:
    """The topic whose next page "next" would read, if any."""
    topic = current_topic(content, state)
    return topic if topic is not None and state.offer == OFFER_NEXT else None


def _page_speech(page: Page) -> Speech:
    speech = say(*page.lead)
    return speech.prose(*page.items) if page.style == "prose" else speech.items(page.items)


# --- the menu ----------------------------------------------------------------


def launch(content: Content, state: State) -> Reply:
    fresh = State(heard=state.heard)
    p = content.prompts
    return _reply(content, fresh, say(p["welcome"]), say(p["welcome_reprompt"]))


def menu(content: Content, state: State, lead: str | None = None) -> Reply:
    p = content.prompts
    home = State(heard=state.heard)
    speech = say(lead) + say(p["menu"]) if lead else say(p["menu"])
    return _reply(content, home, speech, say(p["menu_reprompt"]))


# --- topics, a page at a time -------------------------------------------------


def read_page(content: Content, state: State, topic: Topic, index: int, lead: str = "") -> Reply:
    index = clamp_page(index, len(topic.pages))
    page = topic.pages[index]
    if page.is_last:
        offer, target = (OFFER_THEN, topic.then) if topic.then else (None, None)
    else:
        offer, target = OFFER_NEXT, None
    rendered = _rendered_page(content, topic.id, index, lead)
    return _remembered(state, rendered, topic=topic.id, page=index, offer=offer, target=target)


@lru_cache(maxsize=256)
def _rendered_page(content: Content, topic_id: str, index: int, lead: str) -> Rendered:
    """Speech, reprompt and card of one page of a topic, rendered."""
    topic = content.topic(topic_id)
    page = topic.pages[index]
    body = _page_speech(page)
    after = content.prompts["end_reprompt" if page.is_last else "page_reprompt"]
    speech = say(lead) + body + say(page.question)
    return _render(content, speech, say(page.question, after), (topic.title, body))


def start_topic(content: Content, state: State, topic_id: str) -> Reply:
    return read_page(content, state, content.topic(topic_id), 0)


def next_page(content: Content, state: State, rng: random.Random) -> Reply:
    if state.offer == OFFER_TIP:
        return random_tip(content, state, rng)
    topic = current_topic(content, state)
    if topic is None:
        return menu(content, state, content.prompts["no_list"])
    index = clamp_page(state.page, len(topic.pages))
    if index + 1 < len(topic.pages):
        return read_page(content, state, topic, index + 1)
    return _list_end(content, state, topic)


def _list_end(content: Content, state: State, topic: Topic) -> Reply:
    p = content.prompts
    offer, target = (OFFER_THEN, topic.then) if topic.then else (None, None)
    new_state = replace(state, offer=offer, target=target)
    speech = say(p["list_finished"], topic.end_question)
    return _reply(content, new_state, speech, say(topic.end_question, p["end_reprompt"]))


def previous_page(content: Content, state: State) -> Reply:
    topic = current_topic(content, state)
    if topic is None:
        return menu(content, state, content.prompts["no_list"])
    index = clamp_page(state.page, len(topic.pages))
    if index == 0:
        return read_page(content, state, topic, 0, lead=content.prompts["list_beginning"])
    return read_page(content, state, topic, index - 1)


def yes(content: Content, state: State, rng: random.Random) -> Reply:
    if state.offer == OFFER_NEXT:
        return next_page(content, state, rng)
    if state.offer == OFFER_TIP:
        return random_tip(content, state, rng)
    if state.offer == OFFER_CATEGORY:
        return ask_category(content, state)
    if state.offer == OFFER_THEN and state.target == HOTLINE_TARGET:
        return hotline(content, state)
    if state.offer == OFFER_THEN and state.target is not None and state.target in content.topics:
        return start_topic(content, state, state.target)
    return menu(content, state)


def no(content: Content, state: State) -> Reply:
    return menu(content, state, content.prompts["okay"])


# --- safety tips --------------------------------------------------------------


def ask_category(content: Content, state: State, lead: str | None = None) -> Reply:
    p = content.prompts
    new_state = replace(state, topic=None, page=0, offer=OFFER_CATEGORY, target=None)
    speech = say(lead) + say(p["category_question"]) if lead else say(p["category_question"])
    return _reply(content, new_state, speech, say(p["category_reprompt"]))


def tips(content: Content, state: State, category: str | None, matched: bool) -> Reply:
    """Tips for ``category``; ask which one when it is missing or unknown.

    ``matched`` is False when the user named something that is no category.
    """
    if category in content.tip_categories:
        return start_topic(content, state, category)
    lead = None if matched else content.prompts["category_unknown"]
    return ask_category(content, state, lead)


def pick_tip(tips: tuple[Tip, ...], heard: tuple[str, ...], rng: random.Random) -> tuple[Tip, bool]:
    """A random tip not heard yet; once all were heard, start again.

    Returns the tip and whether the round started again. The tip just heard
    is never picked twice in a row.
    """
    unheard = [t for t in tips if t.id not in heard]
    if unheard:
        return rng.choice(unheard), False
    last = heard[-1] if heard else None
    pool = [t for t in tips if t.id != last] or list(tips)
    return rng.choice(pool), True


def random_tip(content: Content, state: State, rng: random.Random) -> Reply:
    p = content.prompts
    tip, restarted = pick_tip(content.tips, state.heard, rng)
    heard = (tip.id,) if restarted else (*state.heard, tip.id)
    new_state = replace(state, topic=None, page=0, offer=OFFER_TIP, target=None, heard=heard)
    body = say(p["tip_lead"]).items([tip.text])
    lead = say(p["tips_restart"]) if restarted else Speech()
    speech = lead + body + say(p["tip_question"])
    card = (content.topic(tip.category).title, Speech().items([tip.text]))
    return _reply(content, new_state, speech, say(p["tip_reprompt"]), card)


# --- help and information -------------------------------------------------------


def hotline(content: Content, state: State) -> Reply:
    """The hotline, from anywhere; a list in progress can be resumed afterwards."""
    p = content.prompts
    topic = _in_list(content, state)
    if topic is not None:
        question = content.prompt("hotline_resume", title=topic.title)
        new_state = state
    else:
        question = p["hotline_question"]
        new_state = replace(state, offer=None, target=None)
    h = content.hotline
    speech = say(*h.speech, question)
    reprompt = say(p["hotline_reprompt"], question)
    return _reply(content, new_state, speech, reprompt, (h.title, lines(*h.card)))


def learn_more(content: Content, state: State) -> Reply:
    lm = content.learn_more
    question = content.prompts["learn_more_question"]
    new_state = replace(state, offer=None, target=None)
    speech = say(*lm.speech, question)
    return _reply(content, new_state, speech, say(question), (lm.title, lines(*lm.card)))


def help_(content: Content, state: State) -> Reply:
    """What can be said at this point; the offer stays, so "yes" still works."""
    p = content.prompts
    topic = _in_list(content, state)
    if state.offer == OFFER_CATEGORY:
        text = p["help_category"]
    elif state.offer == OFFER_TIP:
        text = p["help_tip"]
    elif topic is not None:
        text = content.prompt("help_in_list", title=topic.title)
    else:
        text = p["help_menu"]
    return _reply(content, state, say(text), say(p["menu_reprompt"]))


def fallback(content: Content, state: State) -> Reply:
    """Not understood: re-offer what can be said here, keeping the place."""
    p = content.prompts
    if state.offer == OFFER_CATEGORY:
        return ask_category(content, state, p["fallback"])
    topic = _in_list(content, state)
    if topic is not None:
        hint = content.prompt("fallback_in_list", title=topic.title)
        return _reply(content, state, say(p["fallback"], hint), say(hint))
    return _reply(
        content,
        replace(state, offer=None, target=None),
        say(p["fallback"], p["menu"]),
        say(p["menu_reprompt"]),
    )


def repeat(content: Content, state: State) -> Reply:
    last = state.last
    if last is None:
        return menu(content, state)
    return Reply(last.speech, last.reprompt, None, None, False, state)


def error(content: Content, state: State) -> Reply:
    """An apology that keeps the session, the place and what Repeat repeats."""
    p = content.prompts
    reply = _reply(content, state, say(p["error"]), say(p["menu_reprompt"]))
    return replace(reply, state=state)


def goodbye(content: Content, state: State) -> Reply:
    ssml = _render(content, say(content.prompts["goodbye"]), None, None)[0]
    return Reply(ssml, None, None, None, True, state)
