"""Paging arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.paging import clamp_page, page_bounds, page_sizes


@pytest.mark.parametrize(
    ("count", "size", "expected"),
    [(11, 4, (4, 4, 3)), (5, 4, (3, 2)), (4, 4, (4,)), (1, 4, (1,)), (0, 4, ()), (9, 4, (3, 3, 3))],
)
def test_page_sizes(count: int, size: int, expected: tuple[int, ...]) -> None:
    assert page_sizes(count, size) == expected


@given(st.integers(0, 500), st.integers(1, 20))
def test_pages_cover_every_item_once_within_the_limit(count: int, size: int) -> None:
    bounds = page_bounds(count, size)
    covered = [i for a, b in bounds for i in range(a, b)]
    assert covered == list(range(count))
    sizes = [b - a for a, b in bounds]
    assert all(1 <= s <= size for s in sizes)
    assert len(bounds) == -(-count // size)
    if sizes:
        assert max(sizes) - min(sizes) <= 1


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        page_sizes(-1, 4)
    with pytest.raises(ValueError):
        page_sizes(3, 0)


@pytest.mark.parametrize(
    ("index", "count", "expected"), [(-1, 3, 0), (5, 3, 2), (1, 3, 1), (4, 0, 0)]
)
def test_clamp_page(index: int, count: int, expected: int) -> None:
    assert clamp_page(index, count) == expected
