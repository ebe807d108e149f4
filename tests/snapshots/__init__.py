"""A snapshot of every reply the skill can send, to prove a change of code keeps its answers.

For each locale, on a device with a screen (the Alexa.Presentation.APL
interface) and on one without, the snapshot holds the full response envelope
of every reachable turn (tests/walk.py: each state and request the walk meets,
answered again over the engine as a conversation's turn is, tests/conversation.py,
with a random generator seeded by its place in the walk) and of
every request fixture in tests/requests/ (through the same checks and SDK as
the endpoint). Each is kept as a short hash of its canonical JSON, one line a
turn, in ``tests/snapshots/<locale>-<device>.txt``.

    python -m tests.snapshots            # write the snapshot again (behaviour meant to change)
    python -m tests.snapshots check      # the turns whose answer differs, each in full
    python -m tests.snapshots dump DIR   # every answer in full, one JSON file a turn, to diff

To see a change in full: ``dump`` before and after it, then ``diff -r``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from skill.content import DEFAULT_LOCALE, Content, default_library
from skill.dispatch import Endpoint, dispatch, sdk_invoke
from skill.handlers import build_skill
from skill.modes.base import Request
from tests.conversation import engine_turn
from tests.envelopes import fixture, fixture_names, on_hub, voice_only
from tests.locales import LOCALES
from tests.walk import every_turn

HERE = Path(__file__).resolve().parent
DEVICES = ("screen", "voice")


def _request_key(request: Request) -> str:
    slots = ",".join(
        f"{name}={slot.id or ''}{'' if slot.said else '-'}"
        for name, slot in sorted(request.slots.items())
    )
    return " ".join(part for part in (request.action, request.arg or "", slots) if part)


def walked(content: Content, on_screen: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, response envelope) for every reachable turn, as the conversation handler answers it."""
    reference = default_library().for_locale(DEFAULT_LOCALE)
    for n, (state, request, _reply) in enumerate(every_turn(reference)):
        turn = engine_turn(content, state, request, random.Random(n), on_screen=on_screen)
        yield f"walk {n:04d} {_request_key(request)}", turn.body


def fixtures(locale: str, on_screen: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, response envelope) for every request fixture, in ``locale``, through the endpoint's checks."""
    for name in fixture_names():
        envelope = copy.deepcopy(fixture(name))
        envelope["request"]["locale"] = locale
        envelope = on_hub(envelope) if on_screen else voice_only(envelope)
        skill = build_skill(default_library(), rng=random.Random(0))
        status, answer = dispatch(Endpoint(invoke=sdk_invoke(skill)), {}, envelope)
        yield f"fixture {name}", {"status": status, "answer": answer}


def answers(locale: str, device: str) -> Iterator[tuple[str, dict[str, Any]]]:
    on_screen = device == "screen"
    yield from fixtures(locale, on_screen)
    yield from walked(default_library().for_locale(locale), on_screen)


def canonical(answer: dict[str, Any]) -> str:
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def digest(answer: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(answer).encode("utf-8")).hexdigest()[:12]


def path(locale: str, device: str) -> Path:
    return HERE / f"{locale}-{device}.txt"


@cache
def current(locale: str, device: str) -> tuple[str, ...]:
    """The snapshot's lines as the skill answers now: ``<hash> <key>``."""
    return tuple(f"{digest(answer)} {key}" for key, answer in answers(locale, device))


def stored(locale: str, device: str) -> tuple[str, ...]:
    return tuple(path(locale, device).read_text(encoding="utf-8").splitlines())


def write() -> None:
    for locale in LOCALES:
        for device in DEVICES:
            path(locale, device).write_text("\n".join(current(locale, device)) + "\n", "utf-8")
            print(f"wrote {path(locale, device).name}: {len(current(locale, device))} turns")


def check() -> int:
    """Print every turn whose answer differs from the snapshot, in full; the number of them."""
    differ = 0
    for locale in LOCALES:
        for device in DEVICES:
            kept = {line.split(" ", 1)[1]: line.split(" ", 1)[0] for line in stored(locale, device)}
            for key, answer in answers(locale, device):
                if kept.pop(key, None) != digest(answer):
                    differ += 1
                    print(f"--- {locale} {device} {key}")
                    print(json.dumps(answer, indent=1, sort_keys=True, ensure_ascii=False))
            for key in kept:
                differ += 1
                print(f"--- {locale} {device} {key}: no longer reached")
    print(f"{differ} turns differ from the snapshot")
    return differ


def dump(folder: Path) -> None:
    for locale in LOCALES:
        for device in DEVICES:
            where = folder / f"{locale}-{device}"
            where.mkdir(parents=True, exist_ok=True)
            for key, answer in answers(locale, device):
                name = key.split(" ", 2)[1] if key.startswith("walk") else key.split(" ", 1)[1]
                text = json.dumps(answer, indent=1, sort_keys=True, ensure_ascii=False)
                (where / f"{name}.json").write_text(text + "\n", encoding="utf-8")
