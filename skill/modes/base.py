"""The pieces every mode is made of: requests, actions, outcomes, views and the mode table.

A conversation is always in one mode (:mod:`skill.state`). A mode declares, in
one table, what each action does there: ``yes``, ``no``, ``next``,
``previous``, ``repeat``, ``help``, ``fallback`` and ``start_over`` always (those it
makes like every mode come from :data:`~skill.modes.shared.DEFAULT_MOVES`),
plus any of its own (an action a mode does not declare is looked up in
:data:`~skill.modes.GLOBAL_ACTIONS`). An action is a pure function from a :class:`Ctx` to an
:class:`Outcome`: the next state and the :class:`View` to present. A view is a
pure function of content, state and the view's arguments (content ids and
numbers, never words) that returns a :class:`~skill.reply.Reply`; because a
view can be rendered again from what the state keeps, Repeat needs no copy of
what was said.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from skill.content import Content
from skill.reply import Reply
from skill.state import State
from skill.vocabulary import BUILT_IN_ACTIONS, Action, Mode


@dataclass(frozen=True)
class SlotValue:
    """A slot as the skill may use it: whether something was said, and its resolved id.

    The words themselves are never kept: only an id the interaction model gave.
    """

    said: bool
    id: str | None = None


@dataclass(frozen=True)
class Request:
    """What the user asked for, as the routing table names it."""

    action: Action
    arg: str | None = None  # e.g. the topic id of a topic's own intent
    slots: Mapping[str, SlotValue] = field(default_factory=dict)

    def slot(self, name: str) -> SlotValue:
        return self.slots.get(name) or SlotValue(False)


@dataclass(frozen=True)
class Ctx:
    content: Content
    state: State
    request: Request
    rng: random.Random

    def with_state(self, state: State) -> Ctx:
        return Ctx(self.content, state, self.request, self.rng)


@dataclass(frozen=True)
class View:
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    state: State
    view: View
    remember: bool = True  # Repeat says this again (not for fallbacks and goodbyes)


Move = Callable[[Ctx], Outcome]
ViewFn = Callable[[Content, State, tuple[str, ...]], Reply]
Question = Callable[[Content, State], str]
OptionalQuestion = Callable[[Content, State], "str | None"]


@dataclass(frozen=True)
class ModeTable:
    """One mode of the conversation and its table of actions."""

    name: Mode
    actions: Mapping[Action, Move]
    # The question open in this mode (what yes answers), and its reprompt.
    question: Question
    reprompt: Callable[[Content, State], tuple[str, ...]]
    # What built-in Help says here, after the line with the hotline number.
    help_text: Question
    # After a detour to help: what yes or next does to come back, and the
    # question that offers it (None: nothing to come back to).
    resume: Move | None = None
    resume_question: OptionalQuestion | None = None
    # Whether the state fields this mode keeps name what exists in the content and
    # agree with each other (session attributes come from the network).
    fits: Callable[[Content, State], bool] = lambda content, state: True

    def __post_init__(self) -> None:
        missing = [a for a in BUILT_IN_ACTIONS if a not in self.actions]
        if missing:
            raise ValueError(f"mode {self.name} does not say what {', '.join(missing)} do")
