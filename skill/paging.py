"""Pure paging arithmetic: how a list is split into spoken turns."""

from __future__ import annotations


def page_sizes(count: int, max_per_page: int) -> tuple[int, ...]:
    """Split ``count`` items into the fewest pages of at most ``max_per_page``.

    Pages are balanced so that no page is left with a lone straggler:
    11 items at 4 a page give (4, 4, 3), 5 items give (3, 2).
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if max_per_page < 1:
        raise ValueError("max_per_page must be at least 1")
    if count == 0:
        return ()
    pages = -(-count // max_per_page)
    base, extra = divmod(count, pages)
    return tuple(base + 1 if i < extra else base for i in range(pages))


def page_bounds(count: int, max_per_page: int) -> tuple[tuple[int, int], ...]:
    """The ``(start, stop)`` slice of each page, in order."""
    bounds = []
    start = 0
    for size in page_sizes(count, max_per_page):
        bounds.append((start, start + size))
        start += size
    return tuple(bounds)


def clamp_page(index: int, page_count: int) -> int:
    """A page index forced into ``0 .. page_count - 1`` (0 when there are no pages)."""
    if page_count <= 0:
        return 0
    return min(max(index, 0), page_count - 1)
