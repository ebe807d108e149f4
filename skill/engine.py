"""The conversation as a pure function: (content, state, request) -> (reply, state).

:func:`answer` looks the request's action up in the current mode's table, then
in the actions that are the same everywhere, runs it, and renders the view it
chose. :func:`load_state` turns session attributes into a state this content
can serve, or a fresh one. Nothing here touches the SDK.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from skill.content import Content
from skill.modes import GLOBAL_ACTIONS, MODES, VIEWS
from skill.modes.base import Ctx, Request, View
from skill.modes.shared import to_menu
from skill.reply import Reply
from skill.state import FRESH, State, from_attributes
from skill.vocabulary import Action


def refers_to_content(content: Content, state: State) -> bool:
    """Whether every id and position ``state`` names exists in ``content``.

    Each mode checks the fields it keeps (:attr:`~skill.modes.base.ModeTable.fits`).
    """
    if state.mode not in MODES or (state.back is not None and state.back not in MODES):
        return False
    if state.view is not None and state.view not in VIEWS:
        return False
    for mode in MODES.values():
        if not mode.fits(content, state):
            return False
    return True


def load_state(content: Content, attributes: Any) -> tuple[State, bool]:
    """The state in ``attributes`` if it is one this skill wrote for ``content``.

    Returns a fresh state and False for anything else, so a tampered or
    outdated session goes back to the menu with a normal answer.
    """
    state, usable = from_attributes(attributes)
    if usable and refers_to_content(content, state):
        return state, True
    return FRESH, state == FRESH and usable


def render(content: Content, state: State, view: View) -> Reply:
    return VIEWS[view.name](content, state, view.args)


def answer(
    content: Content, state: State, request: Request, rng: random.Random
) -> tuple[Reply, State]:
    """What the skill says to ``request`` in ``state``, and the state after it."""
    reply, new_state, _kept = _answer(content, state, request, rng)
    return reply, new_state


@dataclass(frozen=True)
class Turn:
    """One turn's answer: the reply, the state after it, and :func:`replays` of the two."""

    reply: Reply
    state: State
    replays: bool


def turn(content: Content, state: State, request: Request, rng: random.Random) -> Turn:
    """:func:`answer`, and whether the state after it can render the reply again.

    A reply the state keeps (the outcome was remembered) is by definition the
    kept view rendered, as views are pure, so only a reply that was not kept is
    rendered again to compare (see :func:`replays`).
    """
    reply, new_state, kept = _answer(content, state, request, rng)
    return Turn(reply, new_state, kept or replays(content, new_state, reply))


def _answer(
    content: Content, state: State, request: Request, rng: random.Random
) -> tuple[Reply, State, bool]:
    """The reply, the state after it, and whether that state keeps the reply's view."""
    mode = MODES[state.mode]
    action = (
        mode.actions.get(request.action)
        or GLOBAL_ACTIONS.get(request.action)
        or mode.actions[Action.FALLBACK]
    )
    ctx = Ctx(content, state, request, rng)
    outcome = action(ctx)
    new_state = outcome.state
    if outcome.remember:
        new_state = new_state.but(view=outcome.view.name, args=outcome.view.args)
    try:
        return render(content, new_state, outcome.view), new_state, outcome.remember
    except (KeyError, ValueError, IndexError):
        # Only a view kept in odd session attributes can fail: start afresh.
        home = to_menu(Ctx(content, FRESH, request, rng))
        home_state = home.state.but(view=home.view.name, args=home.view.args)
        return render(content, home_state, home.view), home_state, True


def replays(content: Content, state: State, reply: Reply) -> bool:
    """Whether the view ``state`` keeps renders ``reply`` again.

    Then a later request can finish ``reply`` from the state alone (the rest of
    the turn after a screen has read it aloud); not so for replies that are not
    kept, such as a fallback.
    """
    if state.view is None or state.view not in VIEWS:
        return False
    try:
        return render(content, state, View(state.view, state.args)) == reply
    except (KeyError, ValueError, IndexError):
        return False


def error_reply(content: Content) -> Reply:
    return render(content, FRESH, View("error"))
