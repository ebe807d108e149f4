"""The registry: every mode's table, every view and the actions that mean the same everywhere.

Each mode module exports its :class:`~skill.modes.base.ModeTable` (its table lists
only where it differs from :data:`~skill.modes.shared.DEFAULT_MOVES`) and its
views; they are assembled here, in one visible place. To add a mode: name it
in :class:`skill.vocabulary.Mode`, write its module, and add its table, its
views and any action it answers from anywhere below.
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.modes import help, lesson, menu, quiz, shared, tips, topic
from skill.modes.base import ModeTable, Move, ViewFn
from skill.vocabulary import Action, Mode


def _by_name(*modes: ModeTable) -> Mapping[Mode, ModeTable]:
    table = {mode.name: mode for mode in modes}
    if len(table) != len(modes):
        raise ValueError("two modes have the same name")
    return table


def _views(*groups: Mapping[str, ViewFn]) -> Mapping[str, ViewFn]:
    table: dict[str, ViewFn] = {}
    for group in groups:
        twice = table.keys() & group.keys()
        if twice:
            raise ValueError(f"view {sorted(twice)[0]} is defined twice")
        table.update(group)
    return table


MODES: Mapping[Mode, ModeTable] = _by_name(
    menu.MODE, topic.MODE, tips.CATEGORY_MODE, tips.TIP_MODE, help.MODE, quiz.MODE, lesson.MODE
)

VIEWS: Mapping[str, ViewFn] = _views(
    shared.VIEWS, help.VIEWS, quiz.VIEWS, tips.VIEWS, topic.VIEWS, lesson.VIEWS
)

# What an action does in a mode whose table does not name it.
GLOBAL_ACTIONS: Mapping[Action, Move] = {
    Action.LAUNCH: shared.launch,
    Action.STOP: shared.goodbye("goodbye"),
    Action.THANKS: shared.goodbye("goodbye_thanks"),
    Action.MENU: shared.full_menu,
    Action.MORE: shared.full_menu,
    Action.SOURCE: shared.source,
    Action.LANGUAGE: shared.language,
    Action.REPEAT: shared.repeat,
    Action.START_OVER: shared.start_over,
    Action.READ_ALONG_DONE: shared.read_along_done,
    # An item tapped or asked for means something only in a list (skill.modes.topic).
    Action.ITEM: topic.item_elsewhere,
    Action.LESSON: lesson.start,
    Action.TOPIC: topic.open_topic,
    Action.TIPS: tips.tips,
    Action.RANDOM_TIP: tips.random_tip,
    Action.HOTLINE: help.ask_for_help,
    Action.DETAIL: help.detail,
    Action.QUIZ: quiz.start_or_go_back,
    Action.ANSWER: quiz.answer_anywhere,
    Action.PASS: shared.full_menu,  # "I don't know" outside the quiz: what there is
    Action.SCORE: shared.not_understood,
    Action.END_QUIZ: quiz.end_quiz,
    Action.OFF_TOPIC: shared.off_topic,
}

__all__ = ["GLOBAL_ACTIONS", "MODES", "VIEWS"]
