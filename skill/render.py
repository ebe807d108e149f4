"""Turning a :class:`~skill.reply.Reply` into what a device presents, in one pass.

:func:`render` gives everything a response needs (:class:`Rendered`): the
speech and reprompt as SSML, the card, and the screen, typed as a
:class:`~skill.screen.ScreenData` (the datasource contract, in
:mod:`skill.screen`) together with the datasources it makes and the SSML its
read-along speaks. Every word on the screen comes from the same reply and
content as the speech, and each item carries the SSML a voice-only device
hears for it. Replies are few and made of content text, so each rendering is
memoised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from skill import screen as apl
from skill.content import Content
from skill.reply import Item, QuizScreen, Reply
from skill.screen import (
    Choice,
    QuizMove,
    QuizParts,
    Resource,
    ScreenData,
    ScreenKind,
    ShownItem,
)
from skill.serializer import EncodedJson
from skill.speech import Speech, lines, say, to_plain, to_ssml
from skill.vocabulary import Kind

# The screen that shows each kind of reply; any other kind shows none.
SCREENS: Mapping[str, ScreenKind] = {
    Kind.LIST: "list",
    Kind.TEXT: "text",
    Kind.HELP: "help",
    Kind.QUIZ: "quiz",
}


@dataclass(frozen=True)
class Rendered:
    """A reply as a response presents it. Memoised and shared: do not modify it."""

    ssml: str  # inner SSML, without <speak>
    reprompt: str | None
    card_title: str | None
    card_text: str | None
    screen: ScreenData | None  # what a device with a screen shows, or None: no screen
    # The RenderDocument datasources showing ``screen``, encoded once (a response
    # writes them as they are).
    datasources: EncodedJson | None
    read_along: tuple[str, ...]  # the SSML documents the screen reads aloud, in order
    # The ExecuteCommands commands that read them (empty when nothing is read), encoded once.
    commands: tuple[EncodedJson, ...] = ()
    # What the handlers make of this rendering, made once for every response that sends
    # it (skill.handlers.conversation keeps the SDK's card and directives here).
    made: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def items(reply: Reply, texts: list[str]) -> Speech:
    """``texts`` as the reply reads its items: as a list (a pause after each), or as prose."""
    return Speech().items(texts) if reply.listed else Speech().prose(*texts)


def body(reply: Reply) -> Speech:
    """Lead sentences, the items (as a list, or as prose), and the sentences after them."""
    speech = say(*reply.lead) + items(reply, [item.text for item in reply.items])
    return speech.prose(*reply.after)


def spoken(reply: Reply) -> Speech:
    return body(reply).prose(*reply.prompt)


@lru_cache(maxsize=2048)
def render(content: Content, reply: Reply) -> Rendered:
    """Everything a response presenting ``reply`` needs, made once per reply."""
    ssml = to_ssml(spoken(reply), content.numbers, content.english_names())
    reprompt = None
    if reply.reprompt and not reply.end_session:
        reprompt = to_ssml(say(*reply.reprompt), content.numbers, content.english_names())
    title, text = card(content, reply) or (None, None)
    shown = screen_data(content, reply)
    if shown is None:
        return Rendered(ssml, reprompt, title, text, None, None, ())
    datasources = EncodedJson(apl.screen_datasource(shown))
    read_along = tuple(apl.read_along_ssml(datasources))
    commands = tuple(EncodedJson(c) for c in apl.read_along_commands(datasources))
    return Rendered(ssml, reprompt, title, text, shown, datasources, read_along, commands)


def card(content: Content, reply: Reply) -> tuple[str, str] | None:
    """The card for the Alexa app, or None.

    A help card is the same whatever was said: only the resources, so the
    phone it reaches (a parent's or a teacher's) learns nothing about why help
    was asked for. A content card holds the page's words and the footer.
    """
    if reply.resources:
        return content.help.title, to_plain(lines(*content.help.card), content.numbers)
    if not reply.card:
        return None
    text = to_plain(body(reply).prose(content.footer), content.numbers)
    return reply.title or content.skill_name, text


def plain(content: Content, reply: Reply) -> str:
    """What the reply says, as plain text (numbers written as on a card)."""
    return to_plain(spoken(reply), content.numbers)


# --- the screen ---------------------------------------------------------------------------


def _speak(ssml: str) -> str:
    return f"<speak>{ssml}</speak>"


def _item(content: Content, reply: Reply, item: Item) -> ShownItem:
    """An item as shown and as spoken: its SSML is its part of the voice-only speech."""
    return ShownItem(
        number=str(item.number) if item.number else "",
        text=to_plain(say(item.text), content.numbers),
        ssml=_speak(to_ssml(items(reply, [item.text]), content.numbers, content.english_names())),
    )


def _position(content: Content, reply: Reply) -> str:
    where = reply.position
    if where is None:
        return ""
    first, last, total = where
    pattern = content.screen.position if first != last else content.screen.position_one
    return content.fill(pattern, first=first, last=last, total=total)


def _quiz_moves(content: Content) -> tuple[QuizMove, ...]:
    """The buttons beside an open question: skip, repeat it, the score, end the quiz."""
    labels = content.screen.quiz_buttons
    return tuple(QuizMove(event, labels[name]) for name, event in apl.QUIZ_MOVE_EVENTS.items())


def _quiz_screen(content: Content, reply: Reply) -> ScreenData:
    """A quiz screen: what answers the last turn, the open question with its place in the
    round, its choices to tap (each with the answer id it sends) and the quiz's other
    moves as buttons, or the score; then what is said last. Its speech stays in
    outputSpeech: nothing is read along."""
    numbers = content.numbers

    def plain(*texts: str) -> str:
        return to_plain(say(*texts), numbers)

    parts = reply.quiz or QuizScreen(feedback=reply.lead)
    position = ""
    if parts.number:
        position = content.fill(
            content.screen.quiz_position, number=parts.number, total=parts.total
        )
    return ScreenData(
        kind="quiz",
        title=plain(reply.title or content.skill_name),
        lead=tuple(plain(text) for text in parts.feedback),
        lead_ssml="",
        items=(),
        position=position,
        prompt=plain(*reply.after, *reply.prompt),
        footer=plain(content.footer),
        resources=(),
        buttons=content.screen.buttons,
        has_more=False,
        has_back=False,
        hint="",
        quiz=QuizParts(
            question=plain(parts.question) if parts.question else "",
            choices=tuple(Choice(c.answer, plain(c.text)) for c in reply.choices),
            score=tuple(plain(text) for text in parts.score),
            moves=_quiz_moves(content) if reply.choices else (),
        ),
    )


def screen_data(content: Content, reply: Reply) -> ScreenData | None:
    """The screen showing ``reply``, or None: no screen.

    Replies that end the session, and kinds no document shows, have none. A
    help screen shows the numbers large, labelled, and the question; like the
    help card it is the same however help was asked for (a classroom can see
    it), and it reads nothing along. A quiz screen (:func:`_quiz_screen`)
    reads nothing along either. On the others the lead and the items carry the
    SSML the screen speaks, and ``prompt`` is what is said after them.
    """
    kind = SCREENS.get(reply.kind)
    if kind is None or reply.end_session:
        return None
    if kind == "quiz":
        return _quiz_screen(content, reply)
    numbers = content.numbers
    words = content.screen

    def plain(*texts: str) -> str:
        return to_plain(say(*texts), numbers)

    help_screen = kind == "help"
    reads_lead = bool(reply.lead) and not help_screen
    if help_screen:
        hint = ""
    else:
        hint = words.hint_more if reply.more else words.hint
    return ScreenData(
        kind=kind,
        title=plain(reply.title or content.skill_name),
        lead=() if help_screen else tuple(plain(text) for text in reply.lead),
        lead_ssml=_speak(to_ssml(say(*reply.lead), numbers, content.english_names()))
        if reads_lead
        else "",
        items=tuple(_item(content, reply, item) for item in reply.items),
        position=_position(content, reply),
        prompt=plain(*reply.after, *reply.prompt),
        footer=plain(content.footer),
        resources=tuple(Resource(plain(r.label), plain(r.value)) for r in words.resources)
        if help_screen
        else (),
        buttons=words.buttons,
        has_more=reply.more,
        has_back=reply.back,
        hint=plain(hint) if hint else "",
    )
