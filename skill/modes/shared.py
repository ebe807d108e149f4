"""What means the same in every mode: the shared views, actions and default moves.

The shared views (welcome, menu, help, fallback, goodbye, source, language),
the actions :data:`skill.modes.GLOBAL_ACTIONS` names from here, and
:data:`DEFAULT_MOVES`, the rows every mode's table has unless it says
otherwise (:func:`moves`). The registry that assembles the modes is
:mod:`skill.modes`.
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.content import Content
from skill.modes.base import Ctx, ModeTable, Move, Outcome, View, ViewFn
from skill.reply import Reply
from skill.state import FRESH, State
from skill.vocabulary import Action, Kind, Mode


def mode_of(state: State) -> ModeTable:
    """The table of ``state``'s mode."""
    return mode_named(state.mode)


def mode_named(name: Mode) -> ModeTable:
    """The table of the mode ``name`` (:data:`skill.modes.MODES`, which imports this module)."""
    from skill.modes import MODES

    return MODES[name]


def view_named(name: str) -> ViewFn | None:
    """The view Repeat keeps under ``name`` (:data:`skill.modes.VIEWS`), or None."""
    from skill.modes import VIEWS

    return VIEWS.get(name)


def _view(name: str) -> ViewFn:
    found = view_named(name)
    if found is None:
        raise KeyError(name)
    return found


def prompt_or_none(content: Content, key: str) -> tuple[str, ...]:
    return (content.prompts[key],) if key else ()


# --- shared views ------------------------------------------------------------------


def welcome_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    p = content.prompts
    return Reply(
        title=content.skill_name, prompt=(p["welcome"],), reprompt=(p["welcome_reprompt"],)
    )


def menu_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: ("full" or "short", the key of a lead prompt or "")."""
    variant, lead = args
    p = content.prompts
    question = p["menu_full"] if variant == "full" else p["menu_short"]
    return Reply(
        title=content.skill_name,
        lead=prompt_or_none(content, lead),
        prompt=(question,),
        reprompt=(p["menu_reprompt"],),
    )


def source_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    p = content.prompts
    said = content.prompt(
        "source", source_title=content.source.title, publisher=content.source.publisher
    )
    return Reply(
        title=content.source.title,
        lead=(said,),
        prompt=(p["menu_short"],),
        reprompt=(p["menu_reprompt"],),
        card=True,
    )


def _aside(content: Content, state: State, said: str, *, card: bool = False) -> Reply:
    """One line of content (``said``, a prompt's key), then the question open here."""
    mode = mode_of(state)
    return Reply(
        title=content.skill_name,
        lead=(content.prompts[said],),
        prompt=(mode.question(content, state),),
        reprompt=mode.reprompt(content, state),
        card=card,
    )


def language_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Asked for another language: how to change the device's, then the question open here."""
    return _aside(content, state, "language", card=True)


def help_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Built-in Help: first the hotline number, then what can be said here."""
    mode = mode_of(state)
    return Reply(
        title=content.skill_name,
        lead=(content.prompts["help_first"],),
        prompt=(mode.help_text(content, state),),
        reprompt=mode.reprompt(content, state),
    )


def fallback_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Not understood: how to get help, then the question open here."""
    return _aside(content, state, "fallback")


def off_topic_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """A question the skill cannot answer: said so, briefly, then the question open here.

    The words were understood as a question about something else, so no help
    line: the fallback, for words not understood, keeps it.
    """
    return _aside(content, state, "off_topic")


def goodbye_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    (key,) = args
    return Reply(kind=Kind.END, lead=(content.prompts[key],), end_session=True)


def rest_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """What follows the lead and items of another view: args are its name and arguments.

    Never kept in the state: it answers a screen that has read that view aloud.
    """
    name, *inner = args
    if name == "rest":
        raise ValueError("a rest of a rest")
    return _view(name)(content, state, tuple(inner)).rest()


def error_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    p = content.prompts
    return Reply(kind=Kind.TEXT, lead=(p["error"],), reprompt=(p["menu_reprompt"],))


# --- shared actions ----------------------------------------------------------------


def menu_variant(state: State) -> str:
    """The full menu the first time in a session, the short one after."""
    return "short" if state.menu_heard else "full"


def to_menu(ctx: Ctx, lead: str = "", variant: str | None = None) -> Outcome:
    chosen = variant or menu_variant(ctx.state)
    home = ctx.state.lasting().but(menu_heard=True)
    return Outcome(home, View("menu", (chosen, lead)))


def launch(ctx: Ctx) -> Outcome:
    return Outcome(FRESH.but(menu_heard=True), View("welcome"))


def full_menu(ctx: Ctx) -> Outcome:
    return to_menu(ctx, variant="full")


def start_over(ctx: Ctx) -> Outcome:
    return to_menu(ctx)


def decline(ctx: Ctx) -> Outcome:
    """No to a yes-or-no question: back to the menu, which asks what else."""
    return to_menu(ctx, lead="okay", variant="short")


def no_list(ctx: Ctx) -> Outcome:
    return to_menu(ctx, lead="no_list", variant="short")


def goodbye(key: str) -> Move:
    def leave(ctx: Ctx) -> Outcome:
        return Outcome(ctx.state, View("goodbye", (key,)), remember=False)

    return leave


def source(ctx: Ctx) -> Outcome:
    home = ctx.state.lasting()
    return Outcome(home.but(mode=Mode.MENU), View("source"))


def language(ctx: Ctx) -> Outcome:
    """The skill speaks the device's language: say how to change it; the place is kept.

    Like a fallback, it is not remembered: Repeat says the last content again.
    """
    return Outcome(ctx.state, View("language"), remember=False)


def repeat(ctx: Ctx) -> Outcome:
    """The last content or help turn again, rendered anew from the state."""
    state = ctx.state
    if state.view is None or view_named(state.view) is None:
        return to_menu(ctx)
    return Outcome(state, View(state.view, state.args))


def read_along_done(ctx: Ctx) -> Outcome:
    """The screen has read the lead and items of the view the state keeps: say the rest.

    The state does not change. Without a view to finish (a new session), a
    fresh start.
    """
    state = ctx.state
    if state.view is None or view_named(state.view) is None:
        return launch(ctx)
    return Outcome(state, View("rest", (state.view, *state.args)), remember=False)


def not_understood(ctx: Ctx) -> Outcome:
    """What the current mode does with words it did not understand."""
    return mode_of(ctx.state).actions[Action.FALLBACK](ctx)


def help_here(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("help"))


def fallback(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("fallback"), remember=False)


def off_topic(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("off_topic"), remember=False)


# The moves every mode makes alike; a mode's table lists only where it differs (:func:`moves`).
DEFAULT_MOVES: Mapping[Action, Move] = {
    Action.NO: decline,
    Action.REPEAT: repeat,
    Action.HELP: help_here,
    Action.FALLBACK: fallback,
    Action.START_OVER: start_over,
}


def moves(own: Mapping[Action, Move]) -> Mapping[Action, Move]:
    """A mode's table of actions: :data:`DEFAULT_MOVES`, and ``own`` where it differs."""
    return {**DEFAULT_MOVES, **own}


# The shared views, by the name Repeat keeps in the state.
VIEWS: Mapping[str, ViewFn] = {
    "welcome": welcome_view,
    "menu": menu_view,
    "source": source_view,
    "language": language_view,
    "help": help_view,
    "fallback": fallback_view,
    "off_topic": off_topic_view,
    "goodbye": goodbye_view,
    "rest": rest_view,
    "error": error_view,
}
