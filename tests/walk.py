"""Every reply a conversation can reach: a breadth-first walk of the engine from a new session.

Each step is the engine call a conversation over the engine makes
(:func:`tests.conversation.step`), for every request the routing table can
make, from every state met. Shared by the dialogue tests (words, questions,
endings), the screen tests (every screen the skill can send) and the
snapshots (every answer, byte for byte).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from functools import cache

from skill import engine
from skill.content import DEFAULT_LOCALE, DETAILS, Content, default_library
from skill.modes import quiz
from skill.modes.base import BUILT_IN_ACTIONS, Request, SlotValue, View
from skill.reply import Reply
from skill.routing import situation_ids, topic_ids
from skill.state import FRESH, State
from skill.vocabulary import Action, Mode
from tests.conversation import step


def all_requests(content: Content) -> list[Request]:
    """Every request the routing table can make, spoken or touched."""
    said = SlotValue(True)
    requests = [
        Request(a)
        for a in (
            *BUILT_IN_ACTIONS,
            Action.MORE,
            Action.LAUNCH,
            Action.STOP,
            Action.THANKS,
            Action.MENU,
        )
    ]
    requests += [
        Request(Action.SOURCE),
        Request(Action.RANDOM_TIP),
        Request(Action.TIPS),
        Request(Action.TIPS, slots={"category": said}),
    ]
    requests += [
        Request(Action.TIPS, slots={"category": SlotValue(True, c)}) for c in content.tip_categories
    ]
    requests += [Request(Action.TOPIC, t) for t in sorted(topic_ids())]
    requests += [Request(Action.HOTLINE, s) for s in sorted(situation_ids())]
    requests += [Request(Action.DETAIL, slots={"detail": SlotValue(True, d)}) for d in DETAILS]
    requests += [Request(Action.DETAIL)]
    requests += [
        Request(Action.QUIZ),
        Request(Action.ANSWER),
        Request(Action.ANSWER, slots={"answer": said}),
    ]
    requests += [Request(Action.LANGUAGE), Request(Action.LESSON), Request(Action.OFF_TOPIC)]
    # An item of a list asked for by voice: a number, the last one, one not understood.
    requests += [Request(Action.ITEM, slots={"item": SlotValue(True, i)}) for i in ("2", "last")]
    requests += [Request(Action.ITEM, slots={"item": said})]
    choice_ids = {c.id for q in content.quiz.questions.values() for c in q.choices}
    requests += [
        Request(Action.ANSWER, slots={"answer": SlotValue(True, a)})
        for a in ("a", "b", "c", "true", "false", *sorted(choice_ids)[:3])
    ]
    # The quiz's own moves, and several letters at once: the same, or not.
    requests += [Request(Action.PASS), Request(Action.SCORE), Request(Action.END_QUIZ)]
    requests += [
        Request(
            Action.ANSWER, slots={"answer": SlotValue(True, a), "answer_two": SlotValue(True, b)}
        )
        for a, b in (("b", "b"), ("a", "b"))
    ]
    # Screen touches: the read-along's end, and a tap on every item number there is.
    longest = max(topic.total for topic in content.topics.values())
    requests += [Request(Action.READ_ALONG_DONE)]
    requests += [Request(Action.ITEM, str(n)) for n in range(longest + 2)]
    return requests


def _key(content: Content, state: State) -> tuple[object, ...]:
    """What of a state can change a later reply.

    Coarser than the state, or the walk would never end: the history of tips
    heard counts only where a tip is on (its current tip and whether there is
    one before it), and elsewhere only whether any was heard; in help mode
    the view's arguments do not count (they only say which help answer Repeat
    gives again, and that reply was met on the way in). A quiz counts by its
    phase and the kind of question open, not by which questions were drawn
    (tests/test_quiz.py covers every question).
    """
    tip_wise = Mode.TIP in (state.mode, state.back)
    current_tip = state.tips[state.tip] if state.tips else None
    in_quiz = bool(state.quiz)
    quiz_view = state.view is not None and state.view.startswith("quiz")
    if state.mode == Mode.HELP:
        args: tuple[str, ...] | None = None
    else:
        args = state.args[:1] if quiz_view else state.args
    return (
        state.mode,
        state.back,
        state.topic,
        state.page,
        state.situation,
        state.view,
        args,
        state.menu_heard,
        (current_tip, state.tip > 0) if tip_wise else bool(state.tips),
        in_quiz and state.quiz_at == 0,
        in_quiz and state.quiz_at >= len(state.quiz),
        _question_kind(content, state),
        state.quiz_retry,
    )


def _question_kind(content: Content, state: State) -> str | None:
    if not state.quiz or state.quiz_at >= len(state.quiz):
        return None
    return content.quiz.questions[state.quiz[state.quiz_at]].kind


Turn = tuple[State, Request, Reply]


class SeededOnUse(random.Random):
    """``random.Random(seed)``, seeded when first drawn from: the same numbers, and most
    of the walk's steps (all but a random tip or a quiz's start) never draw one, so
    they skip the seeding, a sixth of the walk's time."""

    def __init__(self, seed: int) -> None:
        self._unseeded: int | None = seed
        self.gauss_next = None

    def _seed_now(self) -> None:
        if self._unseeded is not None:
            seed, self._unseeded = self._unseeded, None
            self.seed(seed)

    def random(self) -> float:
        self._seed_now()
        return super().random()

    def getrandbits(self, k: int, /) -> int:
        self._seed_now()
        return super().getrandbits(k)


def _walk(content: Content, limit: int) -> Iterator[tuple[int, Turn]]:
    requests = all_requests(content)
    seen = {_key(content, FRESH)}
    queue: deque[State] = deque([FRESH])
    while queue:
        state = queue.popleft()
        for n, request in enumerate(requests):
            reply, after = step(content, state, request, SeededOnUse(len(seen)))
            yield n, (state, request, reply)
            if reply.end_session:
                continue
            key = _key(content, after)
            if key not in seen:
                seen.add(key)
                assert len(seen) <= limit, f"more than {limit} states: the walk would stop short"
                queue.append(after)


def reachable(content: Content, limit: int = 20000) -> Iterator[Turn]:
    """Every (state, request, reply) reachable from a new session, breadth first.

    Raises AssertionError past ``limit`` distinct states, so the walk never
    stops short unnoticed.
    """
    for _n, turn in _walk(content, limit):
        yield turn


@cache
def every_turn(content: Content) -> tuple[Turn, ...]:
    """The reachable turns, one for each request and the distinct reply it got.

    Every locale's content has the ids, pages and questions of en-US
    (tests/test_locales.py), so its conversation reaches the same states: for
    another locale, the English walk's states and requests are answered again
    in that locale's words, which costs a walk's thousandth.
    """
    reference = default_library().for_locale(DEFAULT_LOCALE)
    if content.locale != DEFAULT_LOCALE and content is not reference:
        return tuple(
            (state, request, step(content, state, request, SeededOnUse(n))[0])
            for n, (state, request, _reply) in enumerate(every_turn(reference))
        )
    kept: dict[tuple[int, Reply], Turn] = {}
    for n, turn in _walk(content, 20000):
        kept.setdefault((n, turn[2]), turn)
    return tuple(kept.values())


def every_reply(content: Content) -> tuple[Reply, ...]:
    """Every distinct reply a conversation can reach."""
    return tuple(dict.fromkeys(reply for _, _, reply in every_turn(content)))


@cache
def every_quiz_reply(content: Content) -> tuple[Reply, ...]:
    """The quiz's replies for every question of the bank, which the walk meets only for some.

    Each question asked: first in a round, and after a right, a wrong, a skipped
    and a moved-on answer to the question before it; asked again (not one of
    the answers, not understood); with Help and words not understood; the
    pause before it after a second fallback. And the end of a round after each
    question, right or wrong, with each encouraging line.
    """
    bank = list(content.quiz.questions)
    size = content.quiz.round_size
    replies: list[Reply] = []

    def add(state: State, view: str, *args: str) -> None:
        assert quiz.fits(content, state), state
        replies.append(engine.render(content, state, View(view, args)))

    for n, question in enumerate(bank):
        before = bank[n - 1]
        others = tuple(q for q in bank if q not in (before, question))[: size - 2]
        first = State(mode=Mode.QUIZ, quiz=(question, before, *others), menu_heard=True)
        add(first, quiz.QUESTION_VIEW, quiz.INTRO, "")
        second = first.but(quiz=(before, question, *others), quiz_at=1, quiz_score=1)
        for said in (quiz.RIGHT, quiz.WRONG, quiz.SKIP, quiz.MOVE_ON):
            add(second, quiz.QUESTION_VIEW, said, before)
        add(second, quiz.QUESTION_VIEW, "", "")
        for why in (quiz.NOT_A_CHOICE, quiz.NOT_UNDERSTOOD):
            add(second, quiz.REASK_VIEW, why)
        for aside in quiz.ASIDES:
            add(second, quiz.ASIDE_VIEW, aside)
        last = (*others, before, question)
        for score, said in ((size, quiz.RIGHT), ((size + 1) // 2, quiz.WRONG), (0, quiz.WRONG)):
            over = first.but(quiz=last, quiz_at=size, quiz_score=score)
            add(over, quiz.QUESTION_VIEW, said, question)
    return tuple(dict.fromkeys(replies))
