"""The ``topics:`` section: each topic cut into the pages the skill reads, one a turn.

A topic is a lead (sentences before any list), its items (read ``page_size``
at a time, a list announced with its count), sentences after the last item,
and what its last page offers next (``then``: another topic or the hotline).
The pages are built here, once, so the conversation only steps through them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skill.content.fields import fill_fields, keep_numbers
from skill.content.model import HOTLINE_TARGET, Page, Topic
from skill.content.reading import Placeholders, Reader
from skill.paging import page_bounds

STYLES = frozenset({"prose", "list"})
_TOPIC_KEYS = (
    "id",
    "title",
    "offer",
    "style",
    "page_size",
    "lead",
    "lead_question",
    "count",
    "more",
    "items",
    "after_last",
    "then",
)


def load_topics(
    r: Reader, ph: Placeholders, raw: Any, prompts: Mapping[str, str], help_offer: str
) -> dict[str, Topic]:
    """Every topic by id, in the file's order; ``help_offer`` is what offers the hotline."""
    if not isinstance(raw, list) or not raw:
        raise r.fail("topics", "expected a non-empty list")
    topics: dict[str, Topic] = {}
    for i, raw_topic in enumerate(raw):
        topic = _load_topic(r, ph, raw_topic, f"topics[{i}]", prompts)
        if topic.id in topics:
            raise r.fail(f"topics[{i}].id", f"duplicate id {topic.id!r}")
        topics[topic.id] = topic
    _with_end_questions(r, topics, help_offer)
    return topics


def _load_topic(
    r: Reader, ph: Placeholders, raw: Any, path: str, prompts: Mapping[str, str]
) -> Topic:
    m = r.mapping(raw, path)
    r.only_keys(m, _TOPIC_KEYS, path)

    def text(key: str) -> str:
        return ph.check(r.text(r.key(m, key, path), f"{path}.{key}"), f"{path}.{key}")

    def optional_texts(key: str) -> tuple[str, ...]:
        raw_texts = m.get(key)
        if raw_texts is None:
            return ()
        return ph.all(r.texts(raw_texts, f"{path}.{key}"), f"{path}.{key}")

    topic_id = r.ident(r.key(m, "id", path), f"{path}.id")
    title, offer = text("title"), text("offer")
    style = r.text(r.key(m, "style", path), f"{path}.style")
    if style not in STYLES:
        raise r.fail(f"{path}.style", f"must be one of {sorted(STYLES)}, got {style!r}")
    page_size = r.positive_int(r.key(m, "page_size", path), f"{path}.page_size")
    items = ph.all(r.texts(r.key(m, "items", path), f"{path}.items"), f"{path}.items")
    lead = optional_texts("lead")
    after_last = optional_texts("after_last")
    then = r.ident(m["then"], f"{path}.then") if m.get("then") is not None else None
    bounds = page_bounds(len(items), page_size)

    lead_question = None
    if lead:
        lead_question = text("lead_question")
    elif "lead_question" in m:
        raise r.fail(f"{path}.lead_question", "has no lead to follow")
    count_lead: tuple[str, ...] = ()
    more = None
    if style == "list":
        count = ph.check(
            r.text(r.key(m, "count", path), f"{path}.count"), f"{path}.count", frozenset({"count"})
        )
        count_lead = (fill_fields(count, {"count": str(len(items)), **keep_numbers(ph.numbers)}),)
        if len(bounds) > 1:
            first_size = bounds[0][1] - bounds[0][0]
            first_items = fill_fields(
                prompts["first_items"], {"size": str(first_size), **keep_numbers(ph.numbers)}
            )
            count_lead += (first_items,)
    elif "count" in m:
        raise r.fail(f"{path}.count", "is only for lists")
    if len(bounds) > 1:
        more = text("more")
    elif "more" in m:
        raise r.fail(f"{path}.more", "is only for topics of more than one page")

    pages: list[Page] = []
    if lead:
        pages.append(Page(lead, (), 0, (), lead_question or "", False))
    for n, (start, stop) in enumerate(bounds):
        is_last = n == len(bounds) - 1
        pages.append(
            Page(
                lead=count_lead if n == 0 else (),
                items=items[start:stop],
                first=start + 1,
                after=after_last if is_last else (),
                question="" if is_last else (more or ""),
                is_last=is_last,
            )
        )
    return Topic(topic_id, title, offer, style, len(items), then, tuple(pages))


def _with_end_questions(r: Reader, topics: dict[str, Topic], help_offer: str) -> None:
    """Give each topic's last page the question that offers what comes next."""
    for i, topic in enumerate(list(topics.values())):
        if topic.then is None:
            question = ""
        elif topic.then == HOTLINE_TARGET:
            question = help_offer
        elif topic.then in topics:
            question = topics[topic.then].offer
        else:
            raise r.fail(f"topics[{i}].then", f"{topic.then!r} is neither a topic id nor 'hotline'")
        last = topic.pages[-1]
        pages = (*topic.pages[:-1], Page(*_page_fields(last, question)))
        topics[topic.id] = Topic(
            topic.id, topic.title, topic.offer, topic.style, topic.total, topic.then, pages
        )


def _page_fields(page: Page, question: str) -> tuple[Any, ...]:
    return (page.lead, page.items, page.first, page.after, question, page.is_last)
