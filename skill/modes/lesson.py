"""The lesson: the whole page in order, in its six parts, then the quiz.

"Start the lesson", "teach us", "start over" or "continue" where nothing is
playing read the content's topics in the order the page gives them (the first
topic, then each topic's ``then``), a page at a time, as :mod:`skill.modes.topic`
reads one topic; the three tip categories are one part. The last page of each
part says which part it was ("That was part 3 of 6") and asks to go on; the
last part says the page is over, once, and offers the quiz: yes starts it, no
ends the session with the help line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from skill.content import Content, Topic
from skill.modes import quiz, shared, topic
from skill.modes.base import Ctx, ModeTable, Outcome, View, ViewFn
from skill.paging import clamp_page
from skill.reply import Reply
from skill.state import State
from skill.vocabulary import Action, Mode

PAGE_VIEW = "lesson_page"
ITEM_VIEW = "lesson_item"


def order(content: Content) -> tuple[str, ...]:
    """The lesson's topics in order: the first topic, then what each one offers next."""
    read: list[str] = []
    at: str | None = next(iter(content.topics), None)
    while at is not None and at in content.topics and at not in read:
        read.append(at)
        at = content.topics[at].then
    return tuple(read)


def parts(content: Content) -> tuple[tuple[str, ...], ...]:
    """The lesson's parts: each topic its own part, except that tip categories in a row are one.

    The page has six sections (the definition, traffickers, grooming, youth at
    risk, learning more, and safety tips in three categories), so the class
    hears "part 3 of 6", and the three tip lists are the sixth part.
    """
    grouped: list[tuple[str, ...]] = []
    tips = set(content.tip_categories)
    for topic_id in order(content):
        if grouped and topic_id in tips and grouped[-1][-1] in tips:
            grouped[-1] = (*grouped[-1], topic_id)
        else:
            grouped.append((topic_id,))
    return tuple(grouped)


def part_number(content: Content, topic_id: str) -> int:
    """The number of the part a topic belongs to, from 1."""
    return next(n for n, part in enumerate(parts(content), 1) if topic_id in part)


def _place(content: Content, state: State) -> tuple[Topic, int, int]:
    """The topic being read, its page index, and its part's number (from 1)."""
    read_now, index = topic.current(content, state)
    return read_now, index, part_number(content, read_now.id)


def _ends_part(content: Content, state: State) -> bool:
    """Whether this page is the last of its part (the last page of the part's last topic)."""
    read_now, index, number = _place(content, state)
    return read_now.pages[index].is_last and parts(content)[number - 1][-1] == read_now.id


def _at_end(content: Content, state: State) -> bool:
    return _ends_part(content, state) and _place(content, state)[2] == len(parts(content))


# --- actions ----------------------------------------------------------------------


def read(ctx: Ctx, topic_id: str, index: int, lead: str = "") -> Outcome:
    pages = len(ctx.content.topic(topic_id).pages)
    index = clamp_page(index, pages)
    reading = ctx.state.lasting().but(mode=Mode.LESSON, topic=topic_id, page=index)
    return Outcome(reading, View(PAGE_VIEW, (topic_id, str(index), lead)))


def start(ctx: Ctx) -> Outcome:
    return read(ctx, order(ctx.content)[0], 0)


def go_on_at_menu(ctx: Ctx) -> Outcome:
    """ "Continue" at the menu: the lesson, once the session has said something to go on from.

    A request that opens a session with nothing said yet (or whose attributes
    were not usable) has nothing to continue: it hears that no list is playing.
    """
    if ctx.state.view is None:
        return shared.no_list(ctx)
    return start(ctx)


def advance(ctx: Ctx) -> Outcome:
    """The next page, the next part, or after the whole page, the quiz."""
    read_now, index = topic.current(ctx.content, ctx.state)
    if index + 1 < len(read_now.pages):
        return read(ctx, read_now.id, index + 1)
    topics = order(ctx.content)
    at = topics.index(read_now.id)
    if at + 1 < len(topics):
        return read(ctx, topics[at + 1], 0)
    return quiz.start_round(ctx)


def go_back(ctx: Ctx) -> Outcome:
    """The page before, across parts; at the very start, that page again."""
    read_now, index = topic.current(ctx.content, ctx.state)
    if index > 0:
        return read(ctx, read_now.id, index - 1)
    topics = order(ctx.content)
    at = topics.index(read_now.id)
    if at > 0:
        before = ctx.content.topic(topics[at - 1])
        return read(ctx, before.id, len(before.pages) - 1)
    return read(ctx, read_now.id, 0, lead="list_beginning")


def no(ctx: Ctx) -> Outcome:
    """No to the quiz at the end: goodbye with the help line; before it, the menu."""
    if _at_end(ctx.content, ctx.state):
        return shared.goodbye("lesson_goodbye")(ctx)
    return shared.decline(ctx)


# --- views ------------------------------------------------------------------------


def question(content: Content, state: State) -> tuple[str, ...]:
    """What the lesson asks here: a part's end says which part it was, the last one the end."""
    _read_now, _index, number = _place(content, state)
    if not _ends_part(content, state):
        return (topic.question(content, state),)
    p = content.prompts
    if number == len(parts(content)):
        return (p["lesson_end"], p["lesson_quiz"])
    said = content.prompt("lesson_part", number=number, total=len(parts(content)))
    return (said, p["lesson_next"])


def _in_lesson(content: Content, state: State, reply: Reply) -> Reply:
    asked = question(content, state)
    return replace(reply, prompt=asked, reprompt=(asked[-1], content.prompts["page_reprompt"]))


def page_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: as the topic's page view (topic id, page index, lead key or "")."""
    return _in_lesson(content, state, topic.page_view(content, state, args))


def item_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: as the topic's item view (topic id, page index, item number)."""
    return _in_lesson(content, state, topic.item_view(content, state, args))


def reprompt(content: Content, state: State) -> tuple[str, ...]:
    return (question(content, state)[-1], content.prompts["page_reprompt"])


def resume_question(content: Content, state: State) -> str:
    read_now, _index, _number = _place(content, state)
    return content.fill(content.help.resume, title=read_now.title)


def fits(content: Content, state: State) -> bool:
    """In the lesson: one of its parts, and one of that part's pages."""
    if state.mode != Mode.LESSON:
        return True
    return state.topic in order(content) and topic.fits(content, state)


MODE = ModeTable(
    name=Mode.LESSON,
    actions=shared.moves(
        {
            Action.YES: advance,
            Action.NEXT: advance,
            Action.MORE: advance,
            Action.PREVIOUS: go_back,
            Action.NO: no,
            Action.START_OVER: start,
            Action.ITEM: topic.item_action(ITEM_VIEW),
            Action.ANSWER: topic.ordinal_action(ITEM_VIEW),
        }
    ),
    question=lambda content, state: " ".join(question(content, state)),
    reprompt=reprompt,
    help_text=topic.help_text,
    resume=advance,
    resume_question=resume_question,
    fits=fits,
)


VIEWS: Mapping[str, ViewFn] = {
    PAGE_VIEW: page_view,
    ITEM_VIEW: item_view,
}
