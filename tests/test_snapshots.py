"""Every reachable turn answers exactly as the snapshot in tests/snapshots/ says (see its module)."""

from __future__ import annotations

import pytest

from tests.snapshots import DEVICES, current, stored


@pytest.mark.parametrize("device", DEVICES)
def test_every_answer_is_the_snapshots(locale: str, device: str) -> None:
    now, kept = current(locale, device), stored(locale, device)
    differ = [line for line, was in zip(now, kept, strict=False) if line != was]
    assert len(now) == len(kept) and not differ, (
        f"{len(differ)} of {len(kept)} answers changed ({len(now)} turns now), first: {differ[:5]}; "
        "python -m tests.snapshots check shows them in full, "
        "python -m tests.snapshots writes the snapshot again if the change is meant"
    )
