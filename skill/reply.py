"""What the skill presents in one turn, before it is rendered.

A :class:`Reply` says *what* to present: a title, lead sentences, the items of
a list page with their positions, sentences after them, the closing question,
the reprompt, whether the session ends, and whether the help resources go
with it. Renderers (:mod:`skill.render`) turn it into SSML, a card and a
screen. Every text in a reply is content text (with ``{number}`` placeholders
still in it): nothing the user said is ever part of one.
"""

from __future__ import annotations

from dataclasses import dataclass

from skill.vocabulary import Kind

KINDS = tuple(Kind)


@dataclass(frozen=True)
class Item:
    text: str
    number: int  # its position in the whole list, counting from 1; 0 when not numbered
    # For a quiz choice: the answer id choosing it gives (a QuizAnswerType value
    # id: "a", "b", "c", "true" or "false"); empty for every other item.
    answer: str = ""


@dataclass(frozen=True)
class QuizScreen:
    """What a quiz screen shows besides the choices: the parts of a quiz reply's lead.

    The reply's ``lead`` is what is said; these say which part is which, so a
    screen can show the feedback above the question, the question's place in
    the round as its position, and the score large. Every text here is one of
    the lead's sentences, except ``question`` on a re-ask of a question with
    choices: it is shown (the question still open) but not said again.
    """

    feedback: tuple[str, ...] = ()  # what answers the last turn (or the quiz's introduction)
    number: int = 0  # the open question's place in the round, counting from 1; 0: none open
    total: int = 0  # questions in the round (0 when none is open)
    question: str = ""  # the open question, or the statement to judge true or false
    score: tuple[str, ...] = ()  # at the end of a round: the score and the encouraging line


@dataclass(frozen=True)
class Reply:
    kind: Kind = Kind.TEXT
    title: str = ""
    lead: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    listed: bool = True  # items are read as a list (a pause after each), else as prose
    total: int = 0  # items in the whole list this page belongs to (0: not a list)
    after: tuple[str, ...] = ()
    prompt: tuple[str, ...] = ()  # the closing question (empty when the session ends)
    reprompt: tuple[str, ...] = ()
    end_session: bool = False
    card: bool = False  # worth a card in the Alexa app
    resources: bool = False  # the help resources go on the card and the screen
    more: bool = False  # "next" has more of this list to read
    back: bool = False  # "previous" has an earlier page to go to
    # The answers a screen can offer for the open quiz question, in order, each
    # with its answer id; not spoken. For a three-choice question they are the
    # lettered ``items``; for a true-or-false one, "True" and "False".
    choices: tuple[Item, ...] = ()
    # For a reply of kind QUIZ: how its lead divides up on a screen.
    quiz: QuizScreen | None = None

    @property
    def position(self) -> tuple[int, int, int] | None:
        """(first, last, total) of a list page's items, or None."""
        numbered = [item.number for item in self.items if item.number]
        if not numbered or not self.total:
            return None
        return numbered[0], numbered[-1], self.total

    def rest(self) -> Reply:
        """The part of this reply spoken after its lead and items: the ``after``
        sentences and the question, with the same reprompt.

        A screen that reads the lead and the items aloud leaves this to be
        spoken as a turn of its own; together they are this reply's speech.
        """
        return Reply(
            kind=Kind.REST,
            title=self.title,
            after=self.after,
            prompt=self.prompt,
            reprompt=self.reprompt,
            end_session=self.end_session,
        )
