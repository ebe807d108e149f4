"""Soak: many requests through the verifying endpoint, watching resident memory.

    python -m benchmarks.soak [--requests 50000]

One process, the endpoint with every check on (signatures, timestamp, skill id;
the tests' certificate authority, its chain served from memory). The requests
cycle through every request fixture, a mid-conversation request with session
attributes, and requests that verification must reject: unsigned, mis-signed,
a certificate URL off Amazon's rules, a stale timestamp, another skill's id,
and a body that is not JSON. Resident memory is read after a warm-up of 10 % of
the requests and at the end. Goal: growth under 10 MB. No network.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from benchmarks.apps import envelope, verified_app, wsgi_caller
from tests.envelopes import fixture, fixture_names
from tests.signing import SKILL_ID, FixedClock, other_signing_key, signed_headers

GOAL_MB = 10.0


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def stamped(data: dict[str, Any], now: datetime, skill_id: str = SKILL_ID) -> bytes:
    data = json.loads(json.dumps(data))
    data["request"]["timestamp"] = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    for holder in (data.get("session") or {}, data["context"]["System"]):
        if "application" in holder:
            holder["application"]["applicationId"] = skill_id
    return json.dumps(data).encode("utf-8")


def request_mix(now: datetime) -> list[tuple[str, bytes, dict[str, str], int]]:
    """(label, body, headers, expected status) for every kind of request in the soak."""
    mix = []
    for name in fixture_names():
        body = stamped(fixture(name), now)
        mix.append((name, body, signed_headers(body), 200))
    mid = stamped(envelope("AMAZON.NextIntent", {"topic": "risk_factors", "page": 0}, now), now)
    mix.append(("mid-conversation", mid, signed_headers(mid), 200))
    launch = stamped(fixture("launch"), now)
    bad_url = signed_headers(launch, url="https://s3.amazonaws.com/EcHo.aPi/cert.pem")
    stale = stamped(fixture("launch"), now - timedelta(seconds=151))
    other = stamped(fixture("launch"), now, skill_id="amzn1.ask.skill.someone-else")
    mix += [
        ("unsigned", launch, {}, 400),
        ("mis-signed", launch, signed_headers(launch, key=other_signing_key()), 400),
        ("bad certificate URL", launch, bad_url, 400),
        ("stale timestamp", stale, signed_headers(stale), 400),
        ("another skill", other, signed_headers(other), 400),
        ("not JSON", b"{nope", {}, 400),
    ]
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50_000, help="how many (1000-1000000)")
    args = parser.parse_args()
    total = min(max(args.requests, 1000), 1_000_000)
    # Rejections are logged at WARNING; keep the records (their cost is part of
    # the soak) but do not print thousands of them.
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    app, fetcher = verified_app(now, clock=FixedClock(now))
    mix = [
        (label, wsgi_caller(app, body, headers), want)
        for label, body, headers, want in request_mix(now)
    ]
    warm_up = total // 10
    started = time.perf_counter()
    baseline = 0.0
    wrong: dict[str, int] = {}
    for n in range(total):
        if n == warm_up:
            gc.collect()
            baseline = rss_mb()
        label, call, want = mix[n % len(mix)]
        if call() != want:
            wrong[label] = wrong.get(label, 0) + 1
    gc.collect()
    final = rss_mb()
    elapsed = time.perf_counter() - started
    rejected = sum(1 for _, _, want in mix if want == 400)
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(
        f"  {total} requests in {elapsed:.1f} s: {len(mix) - rejected} kinds answered, "
        f"{rejected} kinds rejected by verification; certificate downloads: {len(fetcher.calls)}"
    )
    print(f"  resident memory after warm-up ({warm_up} requests): {baseline:7.1f} MB")
    print(f"  resident memory at the end:                      {final:7.1f} MB")
    print(f"  growth: {final - baseline:+.1f} MB (goal: under {GOAL_MB:.0f} MB)")
    print(f"  unexpected statuses: {sum(wrong.values())} {wrong if wrong else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
