"""Reading a topic, a page at a time: the definition, traffickers, grooming, lists.

A topic is read page by page (see :mod:`skill.content.topics`). Yes, next and "tell me
more" read the next page; after the last page they take up what that page
offered (the next topic, or the hotline). Previous goes back a page. On a
screen, tapping a numbered item of the page says that item again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from skill.content import HOTLINE_TARGET, Content, Page, Topic
from skill.intents import ANSWER_SLOT, ITEM_SLOT
from skill.modes import help as help_mode
from skill.modes import shared
from skill.modes.base import Ctx, ModeTable, Move, Outcome, View, ViewFn
from skill.paging import clamp_page
from skill.reply import Item, Reply
from skill.state import State
from skill.vocabulary import Action, Kind, Mode


def current(content: Content, state: State) -> tuple[Topic, int]:
    """The topic being read and the index of its current page (KeyError if none)."""
    if state.topic is None:
        raise KeyError("no topic")
    topic = content.topic(state.topic)
    return topic, clamp_page(state.page, len(topic.pages))


def _reading(state: State, topic_id: str, index: int) -> State:
    return state.lasting().but(mode=Mode.TOPIC, topic=topic_id, page=index)


def read(ctx: Ctx, topic_id: str, index: int, lead: str = "") -> Outcome:
    topic = ctx.content.topic(topic_id)
    index = clamp_page(index, len(topic.pages))
    return Outcome(_reading(ctx.state, topic_id, index), View("page", (topic_id, str(index), lead)))


def start(ctx: Ctx, topic_id: str) -> Outcome:
    return read(ctx, topic_id, 0)


def offer_target(ctx: Ctx, target: str | None) -> Outcome:
    """Take up what a finished topic offered: another topic, or the hotline."""
    if target == HOTLINE_TARGET:
        return help_mode.hotline(ctx, help_mode.INFO)
    if target is not None and target in ctx.content.topics:
        return start(ctx, target)
    return shared.to_menu(ctx, variant="short")


def advance(ctx: Ctx) -> Outcome:
    """The next page; after the last one, what it offered."""
    try:
        topic, index = current(ctx.content, ctx.state)
    except KeyError:
        return shared.no_list(ctx)
    if index + 1 < len(topic.pages):
        return read(ctx, topic.id, index + 1)
    return offer_target(ctx, topic.then)


def go_back(ctx: Ctx) -> Outcome:
    try:
        topic, index = current(ctx.content, ctx.state)
    except KeyError:
        return shared.no_list(ctx)
    if index == 0:
        return read(ctx, topic.id, 0, lead="list_beginning")
    return read(ctx, topic.id, index - 1)


def open_topic(ctx: Ctx) -> Outcome:
    """A topic's own intent (the routing table names the topic)."""
    topic_id = ctx.request.arg
    if topic_id is None or topic_id not in ctx.content.topics:
        return shared.fallback(ctx)
    return start(ctx, topic_id)


_NUMBER = re.compile(r"^[0-9]{1,3}$")
LAST_ITEM = "last"  # the item slot's id for "the last one"


def page_of(topic: Topic, number: int) -> int | None:
    """The index of the page of ``topic`` that holds item ``number``, if any."""
    for index, page in enumerate(topic.pages):
        if page.first <= number < page.first + len(page.items):
            return index
    return None


def item_asked(ctx: Ctx, topic: Topic, index: int) -> int | None:
    """The item a request names, if it is one the listener has seen or heard.

    A tap names an item of the page on screen (its number); a spoken request
    ("what was number two", "the last one") an item of this page or one before.
    """
    page = topic.pages[index]
    heard = page.first + len(page.items) - 1 if page.items else page.first - 1
    said = ctx.request.slot(ITEM_SLOT)
    if said.said:
        chosen = said.id or ""
        if chosen == LAST_ITEM:
            return heard if page.items else None
        lowest = 1
    else:
        chosen = ctx.request.arg or ""
        lowest = page.first
    if not _NUMBER.match(chosen) or not lowest <= int(chosen) <= heard:
        return None
    return int(chosen)


def item_action(view: str) -> Move:
    """An item tapped or asked for: that item again (in ``view``) and its page's question."""

    def say_item(ctx: Ctx) -> Outcome:
        try:
            topic, index = current(ctx.content, ctx.state)
        except KeyError:
            return item_elsewhere(ctx)
        number = item_asked(ctx, topic, index) if topic.style == "list" else None
        at = page_of(topic, number) if number is not None else None
        if number is None or at is None:
            return shared.fallback(ctx)
        return Outcome(ctx.state, View(view, (topic.id, str(at), str(number))))

    return say_item


tap = item_action("item")

# "The first one", "the second one", "the last one" are also the quiz's ways to say
# A, B and C (QuizAnswerType): in a list they name an item of the page just heard.
_ORDINAL_ANSWERS: Mapping[str, int] = {"a": 0, "b": 1, "c": -1}


def ordinal_action(view: str) -> Move:
    """A quiz answer said in a list: "the first one" or "the last one" of this page, again."""

    def say_item(ctx: Ctx) -> Outcome:
        position = _ORDINAL_ANSWERS.get(ctx.request.slot(ANSWER_SLOT).id or "")
        topic, index = current(ctx.content, ctx.state)
        page = topic.pages[index]
        if position is None or topic.style != "list" or len(page.items) <= position:
            return shared.fallback(ctx)
        number = page.first + (position if position >= 0 else len(page.items) - 1)
        return Outcome(ctx.state, View(view, (topic.id, str(index), str(number))))

    return say_item


def item_elsewhere(ctx: Ctx) -> Outcome:
    """An item asked for where no list is playing: say so; a stray tap is not understood."""
    if ctx.request.slot(ITEM_SLOT).said:
        return shared.no_list(ctx)
    return shared.not_understood(ctx)


# --- the page view ------------------------------------------------------------------


def _question(content: Content, page: Page) -> str:
    return page.question or content.prompts["menu_short"]


def page_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (topic id, page index, the key of a lead prompt or "")."""
    return _page(content, args)


@lru_cache(maxsize=1024)
def _page(content: Content, args: tuple[str, ...]) -> Reply:
    """The page view, made once per page: it depends on the content and the arguments alone
    (a page is read on most turns; a new Reply and its items each time cost a fifth of
    answering one). Content is hashed by identity."""
    topic_id, index_text, lead = args
    topic = content.topic(topic_id)
    index = int(index_text)
    if not 0 <= index < len(topic.pages):
        raise IndexError(index)
    page = topic.pages[index]
    listed = topic.style == "list"
    items = tuple(Item(text, page.first + n if listed else 0) for n, text in enumerate(page.items))
    question = _question(content, page)
    return Reply(
        kind=Kind.LIST if listed and items else Kind.TEXT,
        title=topic.title,
        lead=shared.prompt_or_none(content, lead) + page.lead,
        items=items,
        listed=listed,
        total=topic.total if listed else 0,
        after=page.after,
        prompt=(question,),
        reprompt=(question, content.prompts["page_reprompt"]),
        card=True,
        more=not page.is_last,
        back=index > 0,
    )


def item_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (topic id, page index, the item's number in the list)."""
    topic_id, index_text, number_text = args
    topic = content.topic(topic_id)
    index, number = int(index_text), int(number_text)
    if not 0 <= index < len(topic.pages):
        raise IndexError(index)
    page = topic.pages[index]
    at = number - page.first
    if topic.style != "list" or not 0 <= at < len(page.items):
        raise IndexError(number)
    question = _question(content, page)
    return Reply(
        kind=Kind.LIST,
        title=topic.title,
        items=(Item(page.items[at], number),),
        total=topic.total,
        prompt=(question,),
        reprompt=(question, content.prompts["page_reprompt"]),
        more=not page.is_last,
        back=index > 0,
    )


# --- the mode -----------------------------------------------------------------------


def question(content: Content, state: State) -> str:
    topic, index = current(content, state)
    return _question(content, topic.pages[index])


def reprompt(content: Content, state: State) -> tuple[str, ...]:
    return (question(content, state), content.prompts["page_reprompt"])


def help_text(content: Content, state: State) -> str:
    topic, index = current(content, state)
    page = topic.pages[index]
    if page.items and topic.style == "list":
        first = page.first
        return content.prompt(
            "help_list",
            title=topic.title,
            first=first,
            last=first + len(page.items) - 1,
            total=topic.total,
        )
    if not page.items:
        return content.prompt("help_lead", title=topic.title)
    return content.prompt("help_prose", title=topic.title)


def resume_question(content: Content, state: State) -> str | None:
    topic, index = current(content, state)
    page = topic.pages[index]
    if page.is_last:
        return content.offer(topic.then)
    return content.fill(content.help.resume, title=topic.title)


def fits(content: Content, state: State) -> bool:
    """A topic of the content and one of its pages; in topic mode, a topic."""
    if state.topic is None:
        return state.mode != Mode.TOPIC
    topic = content.topics.get(state.topic)
    return topic is not None and state.page < len(topic.pages)


MODE = ModeTable(
    name=Mode.TOPIC,
    actions=shared.moves(
        {
            Action.YES: advance,
            Action.NEXT: advance,
            Action.MORE: advance,
            Action.PREVIOUS: go_back,
            Action.ITEM: tap,
            Action.ANSWER: ordinal_action("item"),
        }
    ),
    question=question,
    reprompt=reprompt,
    help_text=help_text,
    resume=advance,
    resume_question=resume_question,
    fits=fits,
)


VIEWS: Mapping[str, ViewFn] = {
    "page": page_view,
    "item": item_view,
}
