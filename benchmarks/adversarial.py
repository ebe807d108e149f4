"""Hostile input: what the worst bodies up to 256 KiB cost, against a normal request.

    python -m benchmarks.adversarial [--rounds 20]

Sends the known worst cases straight to the WSGI application (what a WSGI
server calls), each --rounds times, with signature verification off (the whole
body is parsed, checked and, when it is an Alexa request, answered) and on
(unsigned, or signed by a key Amazon's chain does not hold: refused at the
signature, before any parsing). The cases:

- a timestamp of "1..1..1.." filling the body (a general date parser takes
  seconds over it);
- nesting 100,000 levels deep, and 500 levels deep inside the session attributes;
- as many slots, unknown keys, empty objects or session attribute keys as fit,
  and as many slots as the limit on objects allows;
  session attributes of one 250 KB value;
- long strings in every field of a real request;
- 4,000-digit and 1e400 numbers in an integer field;
- 30,000 escaped emoji in one string.

Prints, for each mode, the median time per request of each case and of a
normal request (the realistic 3.1 KB AMAZON.NextIntent of the other
benchmarks), then the worst case's ratio to the normal request. Goal: the
worst case costs at most a few milliseconds more than a normal request. No
network.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from benchmarks.apps import sample_envelope, skill_app, verified_app, wsgi_caller
from skill.envelope import MAX_CONTAINERS
from tests.signing import CERT_URL, other_signing_key, signed_headers

LIMIT = 256 * 1024
GOAL_EXTRA_MS = 5.0


def encode(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


def fill(make: Callable[[int], Any]) -> bytes:
    """The largest body ``make(n)`` gives within the limit (n found by bisection)."""
    low, high = 0, LIMIT
    while low < high:
        middle = (low + high + 1) // 2
        if len(encode(make(middle))) <= LIMIT:
            low = middle
        else:
            high = middle - 1
    return encode(make(low))


def with_request(normal: dict[str, Any], **fields: Any) -> dict[str, Any]:
    data = copy.deepcopy(normal)
    data["request"].update(fields)
    return data


def nested(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def long_strings(normal: dict[str, Any], length: int) -> dict[str, Any]:
    """Every string of ``normal`` (keys kept) padded with ``length`` characters."""

    def pad(value: Any) -> Any:
        if isinstance(value, str):
            return value + "x" * length
        if isinstance(value, dict):
            return {k: pad(v) for k, v in value.items()}
        if isinstance(value, list):
            return [pad(v) for v in value]
        return value

    data: dict[str, Any] = pad(normal)
    return data


def integer_field(normal: dict[str, Any], literal: str) -> bytes:
    data = copy.deepcopy(normal)
    data["context"]["AudioPlayer"] = {"offsetInMilliseconds": 0, "playerActivity": "IDLE"}
    marker = b'"offsetInMilliseconds": 0'
    return encode(data).replace(marker, b'"offsetInMilliseconds": ' + literal.encode())


def cases(normal: dict[str, Any]) -> dict[str, bytes]:
    slot = {"name": "s", "value": "online", "confirmationStatus": "NONE"}
    intent = normal["request"]["intent"]
    built = {
        'timestamp "1..1..1.."': fill(lambda n: with_request(normal, timestamp="1.." * n)),
        "nesting 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
        "nesting 500 deep in attributes": encode(
            {**normal, "session": {**normal["session"], "attributes": nested(500)}}
        ),
        "slots, as many as fit": fill(
            lambda n: with_request(
                normal,
                intent={**intent, "slots": {f"s{i}": {**slot, "name": f"s{i}"} for i in range(n)}},
            )
        ),
        "slots, just under the object limit": encode(
            with_request(
                normal,
                intent={
                    **intent,
                    "slots": {
                        f"s{i}": {**slot, "name": f"s{i}"} for i in range(MAX_CONTAINERS - 60)
                    },
                },
            )
        ),
        "unknown keys, as many as fit": fill(
            lambda n: with_request(normal, **{f"k{i}": i for i in range(n)})
        ),
        "session attributes: one 250 KB value": fill(
            lambda n: {**normal, "session": {**normal["session"], "attributes": {"x": "y" * n}}}
        ),
        "session attribute keys, as many as fit": fill(
            lambda n: {
                **normal,
                "session": {**normal["session"], "attributes": {f"k{i}": [i] for i in range(n)}},
            }
        ),
        "empty objects, as many as fit": fill(
            lambda n: {
                **normal,
                "context": {
                    **normal["context"],
                    "Extensions": {"available": {f"e{i}": {} for i in range(n)}},
                },
            }
        ),
        "long strings in every field": fill(lambda n: long_strings(normal, n)),
        "4,000-digit integer": integer_field(normal, "1" * 4000),
        "1e400 in an integer field": integer_field(normal, "1e400"),
        "escaped emoji in one string": fill(lambda n: with_request(normal, note="\U0001f600" * n)),
    }
    for label, body in built.items():
        assert len(body) <= LIMIT, label
    return built


def median_seconds(call: Callable[[], int], rounds: int) -> tuple[float, int]:
    times = []
    status = 0
    for _ in range(rounds):
        start = time.perf_counter()
        status = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), status


def show(label: str, seconds: float, status: int, size: int) -> None:
    print(f"    {label:<56} {seconds * 1000:8.2f} ms   {status}   {size / 1024:6.1f} KiB")


def run_mode(
    title: str,
    normal_call: Callable[[], int],
    calls: dict[str, Callable[[], int]],
    sizes: dict[str, int],
    rounds: int,
) -> float:
    normal_seconds, normal_status = median_seconds(normal_call, rounds * 5)
    print(f"  {title}")
    show("normal request", normal_seconds, normal_status, sizes["normal request"])
    worst_label, worst = "", 0.0
    for label, call in calls.items():
        seconds, status = median_seconds(call, rounds)
        if status >= 500:
            raise SystemExit(f"{label}: answered {status}")
        show(label, seconds, status, sizes[label])
        if seconds > worst:
            worst_label, worst = label, seconds
    extra = (worst - normal_seconds) * 1000
    print(
        f"    worst: {worst_label}, {worst / normal_seconds:.1f} x a normal request "
        f"({extra:+.2f} ms; goal at most {GOAL_EXTRA_MS:g} ms more)"
    )
    return worst / normal_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adversarial")
    parser.add_argument("--rounds", type=int, default=20, help="requests per case (1-1000)")
    args = parser.parse_args(argv)
    rounds = min(max(args.rounds, 1), 1000)
    logging.disable(logging.WARNING)  # one rejection line per request would dominate

    now = datetime.now(timezone.utc)
    normal = sample_envelope(now)
    normal_body = encode(normal)
    bodies = cases(normal)
    sizes = {"normal request": len(normal_body), **{k: len(v) for k, v in bodies.items()}}

    plain = skill_app()
    off = run_mode(
        "verification off: every body parsed, checked and answered",
        wsgi_caller(plain, normal_body, {}),
        {label: wsgi_caller(plain, body, {}) for label, body in bodies.items()},
        sizes,
        rounds,
    )

    verified, _ = verified_app(now)
    unsigned = {f"{label}, unsigned": wsgi_caller(verified, b, {}) for label, b in bodies.items()}
    forged = {
        f"{label}, signed by another key": wsgi_caller(
            verified, body, signed_headers(body, url=CERT_URL, key=other_signing_key())
        )
        for label, body in bodies.items()
    }
    sizes.update({f"{label}, unsigned": len(b) for label, b in bodies.items()})
    sizes.update({f"{label}, signed by another key": len(b) for label, b in bodies.items()})
    on = run_mode(
        "verification on: refused at the signature, before parsing",
        wsgi_caller(verified, normal_body, signed_headers(normal_body)),
        {**unsigned, **forged},
        sizes,
        rounds,
    )
    print(f"worst / normal: verification off {off:.1f}, on {on:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
