"""Getting help: the hotline, from any point of a conversation, and what follows it.

How help was asked for is a *situation* of the content's help section: a
plain question ("what is the hotline number"), a disclosure or danger, a
request to call 911, or harm at home. The help turn says what that situation
says. Afterwards, a situation marked ``again`` offers the number again and
never steers back to a lesson; otherwise the skill offers to go back to what
was playing. In both cases "next" resumes a list that was playing, because the
mode it came from is kept (``back``) with its place.
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.content import DETAILS, OTHER_LINE, Content
from skill.intents import DETAIL_SLOT, LINE_SLOT
from skill.modes import shared
from skill.modes.base import Ctx, ModeTable, Move, Outcome, View, ViewFn
from skill.reply import Reply
from skill.state import State
from skill.vocabulary import Action, Kind, Mode

INFO = "info"
NUMBER = "number"
TEXT = "text"

# What follows a help turn.
AGAIN = "again"  # the number again
RESUME = "resume"  # going back to what was playing
OPEN = "open"  # an open question


def _detour(state: State, situation: str, line: str) -> State:
    """``state`` in help mode, remembering the mode it came from and its place."""
    back = state.back if state.mode == Mode.HELP else state.mode
    return state.but(mode=Mode.HELP, back=back or Mode.MENU, situation=situation, line=line)


def _situation_now(content: Content, state: State, asked: str) -> str:
    """A danger that was mentioned stays in force for the rest of the detour."""
    current = content.help.situations.get(state.situation or "")
    if state.mode == Mode.HELP and current is not None and current.again:
        if not content.help.situations[asked].again:
            return current.id
    return asked


def hotline(ctx: Ctx, situation: str) -> Outcome:
    situation = _situation_now(ctx.content, ctx.state, situation)
    line = ctx.content.help.situations[situation].line
    return Outcome(_detour(ctx.state, situation, line), View("hotline", (situation,)))


def ask_for_help(ctx: Ctx) -> Outcome:
    """One of the help intents: the routing table names its situation."""
    asked = ctx.request.arg or INFO
    if asked not in ctx.content.help.situations:
        asked = INFO
    return hotline(ctx, asked)


def line_asked(content: Content, state: State, line: str | None, which: str) -> tuple[str, str]:
    """The line and detail a question about a help line is about.

    A line named ("the suicide number") is that line's; otherwise the line the
    last help turn gave. "The other number" is the situation's second line (and
    from there, its main line again), or the main line's text number.
    """
    situation = (
        content.help.situations.get(state.situation or INFO) or content.help.situations[INFO]
    )
    current = state.line if state.mode == Mode.HELP and state.line else situation.line
    chosen = line or current
    if which != OTHER_LINE:
        return chosen, which
    if situation.also is None:
        return chosen, TEXT
    return (situation.line if chosen == situation.also else situation.also), NUMBER


def detail(ctx: Ctx) -> Outcome:
    """A question about a help line, from anywhere.

    A slot said but not resolved to a known id may be any words at all, a cry
    for help included: it is not understood, and the fallback gives the number.
    """
    asked = ctx.request.slot(DETAIL_SLOT)
    named = ctx.request.slot(LINE_SLOT)
    lines = ctx.content.help.lines
    if (asked.said and asked.id not in (*DETAILS, OTHER_LINE)) or (
        named.said and named.id not in lines
    ):
        return shared.mode_of(ctx.state).actions[Action.FALLBACK](ctx)
    which = asked.id or ctx.request.arg or NUMBER
    line, which = line_asked(ctx.content, ctx.state, named.id, which)
    situation = ctx.state.situation if ctx.state.mode == Mode.HELP else None
    state = _detour(ctx.state, situation or INFO, line)
    return Outcome(state, View("detail", (line, which)))


def details(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("details", (_line_now(ctx.content, ctx.state),)))


def number_again(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("detail", (_line_now(ctx.content, ctx.state), NUMBER)))


def _line_now(content: Content, state: State) -> str:
    situation = (
        content.help.situations.get(state.situation or INFO) or content.help.situations[INFO]
    )
    return state.line or situation.line


# --- what follows a help turn ------------------------------------------------------------


def _back_state(state: State) -> State:
    return state.but(mode=state.back or Mode.MENU, back=None, situation=None, line=None)


def _back_mode(state: State) -> ModeTable:
    return shared.mode_named(state.back or Mode.MENU)


def follow_up(content: Content, state: State) -> tuple[str, str, tuple[str, ...]]:
    """What a help turn asks next: (kind, question, reprompt)."""
    h = content.help
    situation = h.situations.get(state.situation or INFO) or h.situations[INFO]
    if situation.again:
        return AGAIN, h.question_again, (h.reprompt_again,)
    back = _back_mode(state)
    if back.resume_question is not None:
        offer = back.resume_question(content, _back_state(state))
        if offer:
            return RESUME, offer, (offer, h.reprompt_open)
    return OPEN, h.question_open, (h.reprompt_open,)


def _help_reply(content: Content, state: State, lines: tuple[str, ...]) -> Reply:
    _kind, question, reprompt = follow_up(content, state)
    return Reply(
        kind=Kind.HELP,
        title=content.help.title,
        lead=lines,
        prompt=(question,),
        reprompt=reprompt,
        card=True,
        resources=True,
    )


def hotline_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    (situation,) = args
    return _help_reply(content, state, content.help.situations[situation].lines)


def detail_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    line, which = args
    if which not in DETAILS:
        raise KeyError(which)
    return _help_reply(content, state, content.help.lines[line].detail(which))


def details_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    (line,) = args
    return _help_reply(content, state, content.help.lines[line].more)


# --- the mode's actions ---------------------------------------------------------------------


def _resumable(ctx: Ctx) -> ModeTable | None:
    """The mode the detour came from, if it has something to come back to."""
    back = _back_mode(ctx.state)
    if back.resume is None or back.resume_question is None:
        return None
    return back if back.resume_question(ctx.content, _back_state(ctx.state)) else None


def _in_back_mode(ctx: Ctx, action: Move) -> Outcome:
    return action(ctx.with_state(_back_state(ctx.state)))


def yes(ctx: Ctx) -> Outcome:
    kind, _question, _reprompt = follow_up(ctx.content, ctx.state)
    if kind == AGAIN:
        return number_again(ctx)
    back = _resumable(ctx) if kind == RESUME else None
    if back is not None and back.resume is not None:
        return _in_back_mode(ctx, back.resume)
    return shared.help_here(ctx)


def next_(ctx: Ctx) -> Outcome:
    """Next resumes what was playing, whatever the help turn asked."""
    back = _resumable(ctx)
    if back is None or back.resume is None:
        return shared.no_list(ctx)
    return _in_back_mode(ctx, back.resume)


def previous(ctx: Ctx) -> Outcome:
    """Previous goes back in what was playing."""
    back = _resumable(ctx)
    if back is None:
        return shared.no_list(ctx)
    return _in_back_mode(ctx, back.actions[Action.PREVIOUS])


def no(ctx: Ctx) -> Outcome:
    kind, _question, _reprompt = follow_up(ctx.content, ctx.state)
    if kind == OPEN:
        return shared.goodbye("goodbye_no")(ctx)
    return shared.decline(ctx)


def question(content: Content, state: State) -> str:
    return follow_up(content, state)[1]


def reprompt(content: Content, state: State) -> tuple[str, ...]:
    return follow_up(content, state)[2]


def help_text(content: Content, state: State) -> str:
    return content.prompts["help_help"]


def fits(content: Content, state: State) -> bool:
    """A known help situation and line, and in help mode the mode it came from."""
    if state.situation is not None and state.situation not in content.help.situations:
        return False
    if state.line is not None and state.line not in content.help.lines:
        return False
    return state.mode != Mode.HELP or state.back is not None


MODE = ModeTable(
    name=Mode.HELP,
    actions=shared.moves(
        {
            Action.YES: yes,
            Action.NO: no,
            Action.NEXT: next_,
            Action.PREVIOUS: previous,
            Action.MORE: details,
        }
    ),
    question=question,
    reprompt=reprompt,
    help_text=help_text,
    fits=fits,
)


VIEWS: Mapping[str, ViewFn] = {
    "hotline": hotline_view,
    "detail": detail_view,
    "details": details_view,
}
