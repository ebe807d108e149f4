"""The skill's names, each defined once: modes, actions and the kinds of reply.

Each is a ``str`` enum, so a member is its value wherever a string is expected
(in session attributes, in a table's keys, in a log) and the type checker
tells one kind of name from another: a mode compared with an action is an
error. Slot names are in :mod:`skill.intents`; view names in the mode that
renders them (:mod:`skill.modes`).
"""

from __future__ import annotations

from enum import Enum


class Name(str, Enum):
    """A name that reads and formats as its value (as ``enum.StrEnum`` from Python 3.11)."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str(self), spec)


class Mode(Name):
    """Where a conversation is (:mod:`skill.state`); each has a table in :mod:`skill.modes`."""

    MENU = "menu"
    TOPIC = "topic"
    CATEGORY = "category"
    TIP = "tip"
    HELP = "help"
    QUIZ = "quiz"
    LESSON = "lesson"


class Action(Name):
    """What a request asks for (:mod:`skill.routing`), looked up in the mode's table."""

    # Every mode answers these (Alexa's built-in intents).
    YES = "yes"
    NO = "no"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    HELP = "help"
    FALLBACK = "fallback"
    START_OVER = "start_over"
    # The same in every mode unless a mode says otherwise.
    LAUNCH = "launch"
    STOP = "stop"
    THANKS = "thanks"
    MENU = "menu"
    MORE = "more"
    TOPIC = "topic"
    TIPS = "tips"
    RANDOM_TIP = "random_tip"
    SOURCE = "source"
    LANGUAGE = "language"  # asked for the skill in another language
    HOTLINE = "hotline"
    DETAIL = "detail"
    LESSON = "lesson"  # the whole page in order, from the start
    # Touches on a screen that have no spoken equivalent.
    ITEM = "item"  # an item of the list was tapped (arg: its number) or asked for (slot "item")
    READ_ALONG_DONE = "read_along_done"  # the screen has read the page's lead and items aloud
    QUIZ = "quiz"  # start (or go back to) the quiz
    ANSWER = "answer"  # an answer to a quiz question, in the slot "answer"
    PASS = "pass"  # "I don't know", "pass": the quiz gives the answer and moves on
    SCORE = "score"  # "what's my score", "how many are left"
    END_QUIZ = "end_quiz"  # "stop the quiz": the score, then the menu (the session stays open)
    # A question this skill cannot answer ("what's the weather", "tell me a joke"):
    # said so, briefly, then the question open (no help line: it was understood).
    OFF_TOPIC = "off_topic"


# Actions every mode must declare.
BUILT_IN_ACTIONS = (
    Action.YES,
    Action.NO,
    Action.NEXT,
    Action.PREVIOUS,
    Action.REPEAT,
    Action.HELP,
    Action.FALLBACK,
    Action.START_OVER,
)


class Kind(Name):
    """What kind of screen shows a reply (:mod:`skill.reply`)."""

    LIST = "list"  # a page of a list: numbered items and their position
    TEXT = "text"  # sentences: a prose page, the menu, a single tip
    HELP = "help"  # the help numbers, large
    QUIZ = "quiz"  # a quiz question (lead: number and question; choices), or the score
    END = "end"  # the session ends: no screen
    # What follows the items once a screen has read them aloud: the sentences after
    # them and the question, with no screen of its own (the page stays on screen).
    REST = "rest"


__all__ = ["BUILT_IN_ACTIONS", "Action", "Kind", "Mode", "Name"]
