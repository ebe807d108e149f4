"""The registries of modes and views, and what means the same in every mode.

Each mode module registers its :class:`~skill.modes.base.Mode` and its views
here when it is imported (:mod:`skill.modes` imports them all). The shared
views (welcome, menu, help, fallback, goodbye, source, language) and the actions that
do the same wherever they are asked (:data:`GLOBAL_ACTIONS`) live here too.
"""

from __future__ import annotations

from collections.abc import Callable

from skill.content import Content
from skill.modes.base import (
    FALLBACK,
    ITEM,
    LANGUAGE,
    LAUNCH,
    MENU,
    MORE,
    READ_ALONG_DONE,
    REPEAT,
    SOURCE,
    START_OVER,
    STOP,
    THANKS,
    Action,
    Ctx,
    Mode,
    Outcome,
    View,
    ViewFn,
)
from skill.reply import END, TEXT, Reply
from skill.state import FRESH, State
from skill.state import MENU as MENU_MODE

MODES: dict[str, Mode] = {}
VIEWS: dict[str, ViewFn] = {}


def register(mode: Mode) -> Mode:
    if mode.name in MODES:
        raise ValueError(f"mode {mode.name} is registered twice")
    MODES[mode.name] = mode
    return mode


def view(name: str) -> Callable[[ViewFn], ViewFn]:
    """Register a view under ``name`` (the name Repeat keeps in the state)."""

    def add(fn: ViewFn) -> ViewFn:
        if name in VIEWS:
            raise ValueError(f"view {name} is registered twice")
        VIEWS[name] = fn
        return fn

    return add


def mode_of(state: State) -> Mode:
    return MODES[state.mode]


def prompt_or_none(content: Content, key: str) -> tuple[str, ...]:
    return (content.prompts[key],) if key else ()


# --- shared views ------------------------------------------------------------------


@view("welcome")
def welcome_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    p = content.prompts
    return Reply(
        title=content.skill_name, prompt=(p["welcome"],), reprompt=(p["welcome_reprompt"],)
    )


@view("menu")
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


@view("source")
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


@view("language")
def language_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Asked for another language: how to change the device's, then the question open here."""
    mode = mode_of(state)
    return Reply(
        title=content.skill_name,
        lead=(content.prompts["language"],),
        prompt=(mode.question(content, state),),
        reprompt=mode.reprompt(content, state),
        card=True,
    )


@view("help")
def help_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Built-in Help: first the hotline number, then what can be said here."""
    mode = mode_of(state)
    return Reply(
        title=content.skill_name,
        lead=(content.prompts["help_first"],),
        prompt=(mode.help_text(content, state),),
        reprompt=mode.reprompt(content, state),
    )


@view("fallback")
def fallback_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """Not understood: how to get help, then the question open here."""
    mode = mode_of(state)
    return Reply(
        title=content.skill_name,
        lead=(content.prompts["fallback"],),
        prompt=(mode.question(content, state),),
        reprompt=mode.reprompt(content, state),
    )


@view("goodbye")
def goodbye_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    (key,) = args
    return Reply(kind=END, lead=(content.prompts[key],), end_session=True)


@view("rest")
def rest_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """What follows the lead and items of another view: args are its name and arguments.

    Never kept in the state: it answers a screen that has read that view aloud.
    """
    name, *inner = args
    if name == "rest":
        raise ValueError("a rest of a rest")
    return VIEWS[name](content, state, tuple(inner)).rest()


@view("error")
def error_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    p = content.prompts
    return Reply(kind=TEXT, lead=(p["error"],), reprompt=(p["menu_reprompt"],))


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


def goodbye(key: str) -> Action:
    def leave(ctx: Ctx) -> Outcome:
        return Outcome(ctx.state, View("goodbye", (key,)), remember=False)

    return leave


def source(ctx: Ctx) -> Outcome:
    home = ctx.state.lasting()
    return Outcome(home.but(mode=MENU_MODE), View("source"))


def language(ctx: Ctx) -> Outcome:
    """The skill speaks the device's language: say how to change it; the place is kept.

    Like a fallback, it is not remembered: Repeat says the last content again.
    """
    return Outcome(ctx.state, View("language"), remember=False)


def repeat(ctx: Ctx) -> Outcome:
    """The last content or help turn again, rendered anew from the state."""
    state = ctx.state
    if state.view is None or state.view not in VIEWS:
        return to_menu(ctx)
    return Outcome(state, View(state.view, state.args))


def read_along_done(ctx: Ctx) -> Outcome:
    """The screen has read the lead and items of the view the state keeps: say the rest.

    The state does not change. Without a view to finish (a new session), a
    fresh start.
    """
    state = ctx.state
    if state.view is None or state.view not in VIEWS:
        return launch(ctx)
    return Outcome(state, View("rest", (state.view, *state.args)), remember=False)


def not_understood(ctx: Ctx) -> Outcome:
    """What the current mode does with words it did not understand."""
    return mode_of(ctx.state).actions[FALLBACK](ctx)


def help_here(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("help"))


def fallback(ctx: Ctx) -> Outcome:
    return Outcome(ctx.state, View("fallback"), remember=False)


GLOBAL_ACTIONS: dict[str, Action] = {
    LAUNCH: launch,
    STOP: goodbye("goodbye"),
    THANKS: goodbye("goodbye_thanks"),
    MENU: full_menu,
    MORE: full_menu,
    SOURCE: source,
    LANGUAGE: language,
    REPEAT: repeat,
    START_OVER: start_over,
    READ_ALONG_DONE: read_along_done,
    # A tapped item means something only on a page of a list (skill.modes.topic).
    ITEM: not_understood,
}
