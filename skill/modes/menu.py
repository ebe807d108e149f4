"""The menu: where a session starts and where it comes back to."""

from __future__ import annotations

from skill.content import Content
from skill.modes import lesson, shared
from skill.modes.base import ModeTable
from skill.state import State
from skill.vocabulary import Action, Mode


def question(content: Content, state: State) -> str:
    return content.prompts["fallback_menu"]


def reprompt(content: Content, state: State) -> tuple[str, ...]:
    return (content.prompts["menu_reprompt"],)


def help_text(content: Content, state: State) -> str:
    return content.prompts["help_menu"]


MODE = ModeTable(
    name=Mode.MENU,
    actions=shared.moves(
        {
            Action.YES: shared.full_menu,  # yes to "what would you like?": say what there is
            Action.NO: shared.goodbye("goodbye_no"),  # no to an open question ends the session
            # Where nothing is playing, "continue" and "start over" start the lesson.
            Action.NEXT: lesson.go_on_at_menu,
            Action.START_OVER: lesson.start,
            Action.PREVIOUS: shared.no_list,
            Action.MORE: shared.full_menu,
        }
    ),
    question=question,
    reprompt=reprompt,
    help_text=help_text,
)
