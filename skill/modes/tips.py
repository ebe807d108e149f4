"""Safety tips: choosing a category, and single tips one at a time.

"Safety tips" with a category reads that category's topic (skill.modes.topic);
without one, or with one the skill has no tips for, the skill asks which
(the category mode). "Give me a safety tip" reads one random tip not heard yet
(the tip mode); next or yes gives another, previous the one before.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from skill.content import Content, Tip
from skill.modes import shared, topic
from skill.modes.base import Ctx, ModeTable, Outcome, View, ViewFn
from skill.reply import Item, Reply
from skill.state import MAX_TIPS, State
from skill.vocabulary import Action, Kind, Mode

CATEGORY_SLOT = "category"


# --- choosing a category ------------------------------------------------------------


def ask_category(ctx: Ctx, lead: str = "") -> Outcome:
    s = ctx.state
    asking = s.lasting().but(mode=Mode.CATEGORY)
    return Outcome(asking, View("category", (lead,)))


def tips(ctx: Ctx) -> Outcome:
    """Tips for the category said; ask which when none was said or it is not one."""
    slot = ctx.request.slot(CATEGORY_SLOT)
    if slot.id is not None and slot.id in ctx.content.tip_categories:
        return topic.start(ctx, slot.id)
    return ask_category(ctx, "category_unknown" if slot.said else "")


def ask_again(ctx: Ctx) -> Outcome:
    return ask_category(ctx)


def first_category(ctx: Ctx) -> Outcome:
    """Yes to "which tips?": the first category, so the question is never asked in a loop."""
    return topic.start(ctx, ctx.content.tip_categories[0])


def category_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    (lead,) = args
    p = content.prompts
    return Reply(
        title=content.skill_name,
        lead=shared.prompt_or_none(content, lead),
        prompt=(p["category_question"],),
        reprompt=(p["category_reprompt"],),
    )


CATEGORY_MODE = ModeTable(
    name=Mode.CATEGORY,
    actions=shared.moves(
        {
            Action.YES: first_category,
            Action.NEXT: first_category,
            Action.MORE: first_category,
            Action.PREVIOUS: shared.start_over,  # "go back": where the question was asked from
        }
    ),
    question=lambda content, state: content.prompts["category_question"],
    reprompt=lambda content, state: (content.prompts["category_reprompt"],),
    help_text=lambda content, state: content.prompts["help_category"],
    resume=ask_again,
    resume_question=lambda content, state: content.prompts["category_question"],
)


# --- single tips ------------------------------------------------------------------------


def pick_tip(tips: tuple[Tip, ...], heard: tuple[str, ...], rng: random.Random) -> tuple[Tip, bool]:
    """A random tip not heard yet; once all were heard, start again.

    Returns the tip and whether the round started again. The tip just heard
    is never picked twice in a row.
    """
    unheard = [t for t in tips if t.id not in heard]
    if unheard:
        return rng.choice(unheard), False
    last = heard[-1] if heard else None
    pool = [t for t in tips if t.id != last] or list(tips)
    return rng.choice(pool), True


def _showing(state: State, heard: tuple[str, ...], index: int) -> State:
    return state.lasting().but(mode=Mode.TIP, tips=heard, tip=index)


def random_tip(ctx: Ctx) -> Outcome:
    """A tip not heard yet (after all of them, the round starts again)."""
    s = ctx.state
    tip, restarted = pick_tip(ctx.content.tips, s.tips, ctx.rng)
    heard = (tip.id,) if restarted else (*s.tips, tip.id)
    heard = heard[-MAX_TIPS:]
    lead = "tips_restart" if restarted else ""
    return Outcome(_showing(s, heard, len(heard) - 1), View("tip", (tip.id, lead)))


def next_tip(ctx: Ctx) -> Outcome:
    """The tip after this one: one heard before (after going back), or a new one."""
    s = ctx.state
    if s.tip + 1 < len(s.tips):
        index = s.tip + 1
        return Outcome(_showing(s, s.tips, index), View("tip", (s.tips[index], "")))
    return random_tip(ctx)


def previous_tip(ctx: Ctx) -> Outcome:
    s = ctx.state
    if not s.tips:
        return shared.no_list(ctx)
    index = min(s.tip, len(s.tips) - 1)
    if index == 0:
        return Outcome(_showing(s, s.tips, 0), View("tip", (s.tips[0], "tip_first")))
    return Outcome(_showing(s, s.tips, index - 1), View("tip", (s.tips[index - 1], "")))


def tip_view(content: Content, state: State, args: tuple[str, ...]) -> Reply:
    """args: (tip id, the key of a lead prompt or "")."""
    tip_id, lead = args
    tip = content.tip(tip_id)
    p = content.prompts
    return Reply(
        kind=Kind.TEXT,
        title=content.topic(tip.category).title,
        lead=shared.prompt_or_none(content, lead) + (p["tip_lead"],),
        items=(Item(tip.text, 0),),
        prompt=(p["tip_question"],),
        reprompt=(p["tip_reprompt"],),
        card=True,
        more=True,
        back=state.tip > 0,
    )


def _tip_title(content: Content, state: State) -> str:
    tip = content.tip(state.tips[min(state.tip, len(state.tips) - 1)])
    return content.topic(tip.category).title


def fits(content: Content, state: State) -> bool:
    """Tips of the content, and which of them is current; in tip mode, at least one."""
    if not state.tips:
        return state.mode != Mode.TIP and state.tip == 0
    known = {tip.id for tip in content.tips}
    return all(t in known for t in state.tips) and state.tip < len(state.tips)


TIP_MODE = ModeTable(
    name=Mode.TIP,
    actions=shared.moves(
        {
            Action.YES: next_tip,
            Action.NEXT: next_tip,
            Action.MORE: next_tip,
            Action.PREVIOUS: previous_tip,
        }
    ),
    question=lambda content, state: content.prompts["tip_question"],
    reprompt=lambda content, state: (content.prompts["tip_reprompt"],),
    help_text=lambda content, state: content.prompts["help_tip"],
    resume=next_tip,
    resume_question=lambda content, state: content.fill(
        content.help.resume, title=_tip_title(content, state)
    ),
    fits=fits,
)


VIEWS: Mapping[str, ViewFn] = {
    "category": category_view,
    "tip": tip_view,
}
