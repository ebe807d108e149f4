"""The classroom quiz: short rounds of questions drawn from the page's own facts.

A round is ``content.quiz.round_size`` questions picked with the engine's
random generator, none asked twice in a session until the whole bank was
asked (:func:`pick_round`). The state keeps only ids, an index, a score and two
flags (see :mod:`skill.state`); every word said is looked up in the content.

A round is always in one of two phases:

- ``asking``: a question is open. An answer is judged (right or not, the
  right answer in words, the explain sentence, then the next question); yes and
  no answer a true-or-false question; next, skip, "I don't know" and "pass"
  give the right answer and move on; an answer that is not one of the choices
  is asked again once with the accepted answers, then the quiz moves on with
  the right answer. Several letters at once ("B B B") count as one answer when
  they are all the same, and are asked again otherwise. "What's my score" says
  the score so far and how many are left, then the question again; "stop the
  quiz" says the score and goes back to the menu, the session open. Words not understood
  at all (a fallback, or an answer slot that did not resolve) may be a cry for
  help: those turns give 911 and the hotline, and the question stays open.
- ``over``: every question was asked; the score, one encouraging line and the
  offer of another round (yes) or the safety tips were given.

"I need help" goes to help mode like anywhere else; its ``resume`` brings the
quiz back where it was.

Every reply the quiz gives while a round goes on (and its score) is of kind
``quiz``, so a device with a screen shows the quiz throughout: each says which of its
lead sentences answer the last turn, which question is open and its place in
the round, and the score (:class:`~skill.reply.QuizScreen`); its ``choices``
are the answers a screen offers to tap. Built-in Help and words not understood
between questions say exactly what the shared help and fallback views say,
shown with the open question (the ``quiz_aside`` view). A tapped choice
arrives as the answer intent's slot (skill.routing), so it is judged exactly
like the spoken answer.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from skill.content import CHOICE, FALSE, LETTER_IDS, TRUE, TRUE_FALSE, Content, Question
from skill.intents import MORE_ANSWER_SLOTS
from skill.modes import shared
from skill.modes.base import Ctx, ModeTable, Move, Outcome, View, ViewFn
from skill.reply import Item, QuizScreen, Reply
from skill.state import State
from skill.vocabulary import Action, Kind, Mode

ANSWER_SLOT = "answer"

ASKING = "asking"
OVER = "over"

QUESTION_VIEW = "quiz"
REASK_VIEW = "quiz_reask"
GOODBYE_VIEW = "quiz_goodbye"
LEFT_VIEW = "quiz_left"
# Built-in help, or words not understood between questions, as the quiz's screen
# shows them (the argument: the shared view that says it).
ASIDE_VIEW = "quiz_aside"
ASIDES = ("help", "fallback", "off_topic")

# What is said before the question (or the score), as the first argument of the view.
INTRO = "intro"
RIGHT = "right"
WRONG = "wrong"
SKIP = "skip"
MOVE_ON = "move_on"
SO_FAR = "so_far"
OFF_TOPIC = "off_topic"  # a question the skill cannot answer: said so, then the question again
# What is said first closes the question before it: the right answer in words follows.
CLOSING = (RIGHT, WRONG, SKIP, MOVE_ON)
# Why an answer is asked again, the argument of the re-ask view.
NOT_A_CHOICE = "not_a_choice"
NOT_UNDERSTOOD = "fallback"
SEVERAL = "several"


# --- pure rules ------------------------------------------------------------------------


def gives_away(question_id: str, chosen: Collection[str], apart: Sequence[Sequence[str]]) -> bool:
    """Whether ``question_id`` is in a group of ``apart`` with a question of ``chosen``."""
    return any(question_id in group and any(q in chosen for q in group) for group in apart)


def pick_round(
    bank: Sequence[str],
    asked: Sequence[str],
    size: int,
    rng: random.Random,
    apart: Sequence[Sequence[str]] = (),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A round of ``size`` question ids in random order, and the asked ids after it.

    Questions not asked yet this session come first; no two of a group of
    ``apart`` share a round (one would give the other away). When too few are
    left, the round takes those it can and fills up with others (never one
    twice in a round), and the bank starts over from this round.
    """
    unasked = [q for q in bank if q not in asked]
    others = [q for q in bank if q in asked]
    chosen: list[str] = []
    for question_id in [*rng.sample(unasked, len(unasked)), *rng.sample(others, len(others))]:
        if len(chosen) == size:
            break
        if not gives_away(question_id, chosen, apart):
            chosen.append(question_id)
    if all(q in unasked for q in chosen):
        return tuple(chosen), (*asked, *chosen)
    rng.shuffle(chosen)
    return tuple(chosen), tuple(chosen)


def judge(question: Question, answer_id: str | None) -> bool | None:
    """Whether ``answer_id`` is right, or None when it is not one of the question's answers.

    A true-or-false question takes ``true`` and ``false``; a question with
    choices takes a letter id or the id of a choice's words.
    """
    if answer_id is None:
        return None
    if question.kind == TRUE_FALSE:
        return answer_id == question.answer if answer_id in (TRUE, FALSE) else None
    for letter, choice in zip(LETTER_IDS, question.choices, strict=True):
        if answer_id in (letter, choice.id):
            return letter == question.answer
    return None


def phase(state: State) -> str:
    return OVER if state.quiz_at >= len(state.quiz) else ASKING


def current(content: Content, state: State) -> Question:
    """The question open now (IndexError when the round is over, KeyError if unknown)."""
    return content.quiz.questions[state.quiz[state.quiz_at]]


def round_open(state: State) -> bool:
    return bool(state.quiz) and state.quiz_at < len(state.quiz)


# --- actions ---------------------------------------------------------------------------


def start_round(ctx: Ctx) -> Outcome:
    quiz = ctx.content.quiz
    chosen, asked = pick_round(
        list(quiz.questions), ctx.state.quiz_asked, quiz.round_size, ctx.rng, quiz.apart
    )
    playing = ctx.state.lasting().but(mode=Mode.QUIZ, quiz=chosen, quiz_asked=asked)
    return Outcome(playing, View(QUESTION_VIEW, (INTRO, "")))


def ask(ctx: Ctx) -> Outcome:
    """The open question again."""
    if not round_open(ctx.state):
        return start_round(ctx)
    return Outcome(ctx.state, View(QUESTION_VIEW, ("", "")))


def advance(ctx: Ctx, before: str, right: bool = False) -> Outcome:
    """Close the current question and go on to the next one, or to the score."""
    s = ctx.state
    at = s.quiz_at + 1
    after = s.but(
        quiz_at=at,
        quiz_score=s.quiz_score + right,
        quiz_retry=False,
    )
    return Outcome(after, View(QUESTION_VIEW, (before, s.quiz[s.quiz_at])))


def not_a_choice(ctx: Ctx, why: str) -> Outcome:
    """An answer that is not one of the choices: ask again once with them, then move on.

    Words not understood at all may be anything, a cry for help included: that
    turn gives 911 and the hotline, and the same question stays open (the quiz
    never moves on to its next question in a turn that may answer a cry for help).
    """
    if why == NOT_UNDERSTOOD:
        return Outcome(ctx.state, View(REASK_VIEW, (why,)), remember=False)
    if ctx.state.quiz_retry:
        return advance(ctx, MOVE_ON)
    return Outcome(ctx.state.but(quiz_retry=True), View(REASK_VIEW, (why,)))


def one_answer(said: Sequence[str | None]) -> str | None:
    """The answer id of one or more letters said at once, or None when they differ.

    Nothing resolved (None among them) is not an answer either.
    """
    ids = set(said)
    if len(ids) != 1:
        return None
    (only,) = ids
    return only


def answer_with(ctx: Ctx, answer_id: str | None) -> Outcome:
    verdict = judge(current(ctx.content, ctx.state), answer_id)
    if verdict is None:
        return not_a_choice(ctx, NOT_A_CHOICE)
    return advance(ctx, RIGHT if verdict else WRONG, right=verdict)


def answer(ctx: Ctx) -> Outcome:
    """QuizAnswerIntent: the id its slot resolved to.

    Words the model did not resolve may be anything, a cry for help included:
    they are not understood, and the turn gives the hotline like a fallback.
    """
    if phase(ctx.state) == OVER:
        return fallback(ctx)
    first = ctx.request.slot(ANSWER_SLOT)
    answer_id = first.id
    if answer_id is None:
        return not_a_choice(ctx, NOT_UNDERSTOOD)
    more = [ctx.request.slot(name) for name in MORE_ANSWER_SLOTS]
    said = [answer_id, *(slot.id for slot in more if slot.said)]
    if len(said) > 1:
        answer_id = one_answer(said)
        if answer_id is None:
            # Several answers that are not all the same: asked again, nothing judged.
            return Outcome(ctx.state, View(REASK_VIEW, (SEVERAL,)))
    return answer_with(ctx, answer_id)


def _yes_or_no(said: str, otherwise: Move) -> Move:
    def act(ctx: Ctx) -> Outcome:
        now = phase(ctx.state)
        if now == ASKING:
            if current(ctx.content, ctx.state).kind == TRUE_FALSE:
                return answer_with(ctx, said)
            return not_a_choice(ctx, NOT_A_CHOICE)
        return otherwise(ctx)

    return act


def skip(ctx: Ctx) -> Outcome:
    if phase(ctx.state) == ASKING:
        return advance(ctx, SKIP)
    return start_round(ctx)


def score(ctx: Ctx) -> Outcome:
    """The score so far and how many questions are left, then the open question again."""
    if phase(ctx.state) == OVER:
        return shared.repeat(ctx)
    return Outcome(ctx.state, View(QUESTION_VIEW, (SO_FAR, "")))


def end_quiz(ctx: Ctx) -> Outcome:
    """Stop the quiz: the score so far (if any question was closed), then the menu.

    The session stays open; what lasts the session (questions asked) is kept.
    Outside a round it is the menu.
    """
    s = ctx.state
    in_round = bool(s.quiz) and (s.mode == Mode.QUIZ or s.back == Mode.QUIZ)
    if not in_round:
        return shared.full_menu(ctx)
    home = s.lasting().but(mode=Mode.MENU, menu_heard=True)
    return Outcome(home, View(LEFT_VIEW, (str(s.quiz_score), str(s.quiz_at))))


def again(ctx: Ctx) -> Outcome:
    """Repeat: the open question again; after the round, the last turn again."""
    if phase(ctx.state) == OVER:
        return shared.repeat(ctx)
    return ask(ctx)


def help_here(ctx: Ctx) -> Outcome:
    """Built-in Help: what the shared help says, on the quiz's screen."""
    return Outcome(ctx.state, View(ASIDE_VIEW, ("help",)))


def fallback(ctx: Ctx) -> Outcome:
    """Not understood: what the shared fallback says, on the quiz's screen; not kept."""
    return Outcome(ctx.state, View(ASIDE_VIEW, ("fallback",)), remember=False)


def off_topic(ctx: Ctx) -> Outcome:
    """A question the skill cannot answer: said so, then the open question again, whole.

    Not a miss: the question is neither judged nor moved on from. After the
    round, said so on the score's screen, with the offer of another round.
    """
    if phase(ctx.state) == ASKING:
        return Outcome(ctx.state, View(QUESTION_VIEW, (OFF_TOPIC, "")), remember=False)
    return Outcome(ctx.state, View(ASIDE_VIEW, ("off_topic",)), remember=False)


def not_understood(ctx: Ctx) -> Outcome:
    if phase(ctx.state) == ASKING:
        return not_a_choice(ctx, NOT_UNDERSTOOD)
    return fallback(ctx)


def stop(ctx: Ctx) -> Outcome:
    """Stop: the score so far when some questions were asked, then goodbye."""
    if round_open(ctx.state) and ctx.state.quiz_at > 0:
        return Outcome(ctx.state, View(GOODBYE_VIEW), remember=False)
    return shared.goodbye("goodbye")(ctx)


def _back_from_help(state: State) -> State:
    return state.but(mode=Mode.QUIZ, back=None, situation=None, line=None)


def start_or_go_back(ctx: Ctx) -> Outcome:
    """QuizIntent from anywhere: back to a round still open, or a new round."""
    if round_open(ctx.state):
        return ask(ctx.with_state(_back_from_help(ctx.state)))
    return start_round(ctx)


def answer_anywhere(ctx: Ctx) -> Outcome:
    """An answer outside the quiz: after a detour to help from it, it answers the quiz."""
    s = ctx.state
    if s.mode == Mode.HELP and s.back == Mode.QUIZ and round_open(s):
        return answer(ctx.with_state(_back_from_help(s)))
    return shared.mode_of(s).actions[Action.FALLBACK](ctx)


# --- views -------------------------------------------------------------------------------


def _choices(content: Content, question: Question) -> tuple[Item, ...]:
    p = content.quiz.prompts
    if question.kind == TRUE_FALSE:
        return (Item(p["true"], 1, TRUE), Item(p["false"], 2, FALSE))
    letters = content.quiz.letters
    return tuple(
        Item(content.fill(p["choice"], letter=letters[n], words=choice.text), n + 1, LETTER_IDS[n])
        for n, choice in enumerate(question.choices)
    )


def _explain(content: Content, answered: str) -> str:
    return content.quiz.questions[answered].explain


def right_answer(content: Content, question: Question) -> str:
    """The right answer in words: "It's B: minimal supervision." or "It's true." """
    p = content.quiz.prompts
    if question.kind == TRUE_FALSE:
        return p["answer_true"] if question.answer == TRUE else p["answer_false"]
    index = LETTER_IDS.index(question.answer)
    letter = content.quiz.letters[index]
    return content.fill(p["answer_choice"], letter=letter, words=question.choices[index].text)


def feedback(content: Content, state: State, before: str, answered: str) -> tuple[str, ...]:
    """What is said before the question or the score."""
    p = content.quiz.prompts
    if before == "":
        return ()
    if before == INTRO:
        return (content.fill(p["intro"], total=len(state.quiz)),)
    if before == OFF_TOPIC:
        return (content.prompts["off_topic"],)
    if before == SO_FAR:
        asked = state.quiz_at
        left = len(state.quiz) - asked
        if asked == 0:
            return (content.fill(p["so_far_none"], left=left),)
        return (content.fill(p["so_far"], score=state.quiz_score, asked=asked, left=left),)
    if before in CLOSING:
        question = content.quiz.questions[answered]
        return (p[before], right_answer(content, question), _explain(content, answered))
    raise ValueError(before)


def _asking(question: Question) -> tuple[str, str]:
    """The keys of the closing question and the reprompt for ``question``."""
    if question.kind == TRUE_FALSE:
        return "ask_true_false", "reprompt_true_false"
    return "ask_choice", "reprompt_choice"


def _encouragement(score: int, total: int) -> str:
    if score >= total:
        return "encourage_all"
    return "encourage_most" if 2 * score >= total else "encourage_some"


def question_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (what is said first, the id of the question just answered or "").

    Then, by phase: the open question, or the score.
    """
    before, answered = args
    quiz = content.quiz
    p = quiz.prompts
    lead = feedback(content, state, before, answered)
    now = phase(state)
    if now == OVER:
        total = len(state.quiz)
        score = content.fill(p["score"], score=state.quiz_score, total=total)
        result = (score, p[_encouragement(state.quiz_score, total)])
        return Reply(
            kind=Kind.QUIZ,
            title=quiz.title,
            lead=(*lead, *result),
            prompt=(p["offer"],),
            reprompt=(p["offer_reprompt"],),
            quiz=QuizScreen(feedback=lead, score=result),
        )
    question = current(content, state)
    number = content.fill(p["number"], number=state.quiz_at + 1, total=len(state.quiz))
    choices = _choices(content, question)
    ask_key, reprompt_key = _asking(question)
    return Reply(
        kind=Kind.QUIZ,
        title=quiz.title,
        lead=(*lead, number, question.text),
        items=choices if question.kind == CHOICE else (),
        prompt=(p[ask_key],),
        reprompt=(p[reprompt_key],),
        choices=choices,
        quiz=_open(state, question, lead),
    )


def _open(state: State, question: Question, said_first: tuple[str, ...]) -> QuizScreen:
    """A screen of the open question, below what was said first."""
    return QuizScreen(
        feedback=said_first,
        number=state.quiz_at + 1,
        total=len(state.quiz),
        question=question.text,
    )


def reask_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (why: not one of the answers, or not understood at all).

    The accepted answers: the statement again for true or false, the lettered
    choices otherwise.
    """
    (why,) = args
    if phase(state) != ASKING:
        return question_view(content, state, ("", ""))
    p = content.quiz.prompts
    if why not in (NOT_A_CHOICE, NOT_UNDERSTOOD, SEVERAL):
        raise ValueError(why)
    first = p[why]
    question = current(content, state)
    choices = _choices(content, question)
    _ask, reprompt_key = _asking(question)
    if question.kind == TRUE_FALSE:
        lead: tuple[str, ...] = (first, question.text)
        ask_again = p["reask_true_false"]
    else:
        lead = (first,)
        ask_again = p["reask_choice"]
    return Reply(
        kind=Kind.QUIZ,
        title=content.quiz.title,
        lead=lead,
        items=choices if question.kind == CHOICE else (),
        prompt=(ask_again,),
        reprompt=(p[reprompt_key],),
        choices=choices,
        # The question stays on screen while it is open, said again or not.
        quiz=_open(state, question, (first,)),
    )


def aside_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (the shared view that speaks: "help", "fallback" or "off_topic").

    Said word for word as that view says it; shown on the quiz's screen, with
    the open question and its choices still there to tap.
    """
    (name,) = args
    if name not in ASIDES:
        raise ValueError(name)
    said = shared.VIEWS[name](content, state, ())
    if phase(state) != ASKING:
        return replace(
            said, kind=Kind.QUIZ, title=content.quiz.title, quiz=QuizScreen(feedback=said.lead)
        )
    question = current(content, state)
    return replace(
        said,
        kind=Kind.QUIZ,
        title=content.quiz.title,
        choices=_choices(content, question),
        quiz=_open(state, question, said.lead),
    )


def goodbye_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    said = content.fill(
        content.quiz.prompts["goodbye"], score=state.quiz_score, total=state.quiz_at
    )
    return Reply(kind=Kind.END, lead=(said,), end_session=True)


def left_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (the score, the questions closed) when the quiz was stopped; then the menu."""
    score_now, closed = (int(a) for a in args)
    p = content.quiz.prompts
    said = content.fill(p["left"], score=score_now, total=closed) if closed else p["left_early"]
    menu = shared.menu_view(content, state, ("short", ""))
    return replace(menu, lead=(said,))


# --- the mode ----------------------------------------------------------------------------


def question(content: Content, state: State) -> str:
    p = content.quiz.prompts
    now = phase(state)
    if now == OVER:
        return p["offer"]
    return p[_asking(current(content, state))[0]]


def reprompt(content: Content, state: State) -> tuple[str, ...]:
    p = content.quiz.prompts
    now = phase(state)
    if now == OVER:
        return (p["offer_reprompt"],)
    return (p[_asking(current(content, state))[1]],)


def help_text(content: Content, state: State) -> str:
    p = content.quiz.prompts
    now = phase(state)
    if now == OVER:
        return p["help_round"]
    kind = current(content, state).kind
    return p["help_true_false"] if kind == TRUE_FALSE else p["help_choice"]


def resume(ctx: Ctx) -> Outcome:
    """After a detour to help: the open question again, or another round."""
    return ask(ctx) if round_open(ctx.state) else start_round(ctx)


def resume_question(content: Content, state: State) -> str | None:
    p = content.quiz.prompts
    return p["resume"] if round_open(state) else p["resume_round"]


def fits(content: Content, state: State) -> bool:
    """Whether the quiz fields name questions of ``content`` and agree with each other.

    A round (``quiz``) exists only in quiz mode or on a detour to help from it;
    without one, its index, score and flags are at their defaults.
    """
    bank = content.quiz.questions
    for ids in (state.quiz, state.quiz_asked):
        if len(set(ids)) != len(ids) or not all(q in bank for q in ids):
            return False
    if not state.quiz:
        # No round: not in quiz mode, and its index, score and flags at their defaults.
        defaults = (0, 0, False)
        fields = (state.quiz_at, state.quiz_score, state.quiz_retry)
        return state.mode != Mode.QUIZ and fields == defaults
    in_quiz = state.mode == Mode.QUIZ or (state.mode == Mode.HELP and state.back == Mode.QUIZ)
    over = state.quiz_at >= len(state.quiz)
    return (
        in_quiz
        and state.quiz_at <= len(state.quiz)
        and state.quiz_score <= state.quiz_at
        and not (over and state.quiz_retry)
    )


MODE = ModeTable(
    name=Mode.QUIZ,
    actions=shared.moves(
        {
            Action.ANSWER: answer,
            Action.YES: _yes_or_no(TRUE, start_round),
            Action.NO: _yes_or_no(FALSE, shared.decline),
            Action.NEXT: skip,
            Action.MORE: skip,
            Action.PASS: skip,
            Action.SCORE: score,
            Action.PREVIOUS: again,
            Action.REPEAT: again,
            Action.HELP: help_here,
            Action.FALLBACK: not_understood,
            Action.OFF_TOPIC: off_topic,
            Action.STOP: stop,
            Action.QUIZ: start_or_go_back,
        }
    ),
    question=question,
    reprompt=reprompt,
    help_text=help_text,
    resume=resume,
    resume_question=resume_question,
    fits=fits,
)


VIEWS: Mapping[str, ViewFn] = {
    QUESTION_VIEW: question_view,
    REASK_VIEW: reask_view,
    ASIDE_VIEW: aside_view,
    GOODBYE_VIEW: goodbye_view,
    LEFT_VIEW: left_view,
}
