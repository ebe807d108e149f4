"""Benchmark: what request verification adds to a request, with a warm key cache.

    python -m benchmarks.verification [--rounds 3000]

Builds two endpoints in one process, one with signature checks off and one with
them on (the tests' certificate authority, its chain served by an in-memory
fetcher, the real clock), and sends both the same realistic request of about 3 KB: a
mid-conversation AMAZON.NextIntent from a screen device, with session attributes
and an API access token as long as Alexa's. Requests go straight to the WSGI
application (what a WSGI server calls), alternating between the two endpoints
round by round so that both see the same machine state.

Prints the median time per request for each, the ratio, and the median time of
the checks alone (signature on the raw bytes, timestamp, skill id). Goal:
verified at most 1.3 times unverified. No network.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import ssl
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone

import cryptography

from benchmarks.apps import sample_body, verified_app, wsgi_caller
from skill import create_app
from skill.envelope import check_skill_id, check_timestamp, read_envelope
from tests.signing import SKILL_ID, signed_headers

GOAL = 1.3


# --- timing ---------------------------------------------------------------------------


def timed(call: Callable[[], int]) -> Callable[[], float]:
    """``call`` as a function that returns the seconds it took (and insists on a 200)."""

    def run() -> float:
        start = time.perf_counter()
        status = call()
        elapsed = time.perf_counter() - start
        if status != 200:
            raise SystemExit(f"unexpected answer {status}")
        return elapsed

    return run


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, cryptography {cryptography.__version__}, "
        f"{ssl.OPENSSL_VERSION}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.verification")
    parser.add_argument("--rounds", type=int, default=3000, help="requests per endpoint")
    args = parser.parse_args(argv)

    now = datetime.now(timezone.utc)
    plain = create_app({"SKILL_ID": SKILL_ID, "RNG": random.Random(0), "VERIFY_SIGNATURES": False})
    verified, fetcher = verified_app(now)
    body = sample_body(now)
    headers = signed_headers(body)
    call_plain = timed(wsgi_caller(plain, body, {}))
    call_verified = timed(wsgi_caller(verified, body, headers))

    for _ in range(200):  # warm up both, and the key cache
        call_plain()
        call_verified()
    unverified_times: list[float] = []
    verified_times: list[float] = []
    for _ in range(args.rounds):
        unverified_times.append(call_plain())
        verified_times.append(call_verified())

    endpoint = verified.extensions["alexa_endpoint"]
    envelope = read_envelope(body)
    verifier_times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        endpoint.signature.verify(headers, body)
        check_timestamp(envelope, endpoint.clock())
        check_skill_id(envelope, SKILL_ID)
        verifier_times.append(time.perf_counter() - start)

    unverified = statistics.median(unverified_times)
    warm = statistics.median(verified_times)
    ratio = warm / unverified
    print(f"machine: {machine()}")
    print(f"request: AMAZON.NextIntent, {len(body)} bytes; {args.rounds} rounds, WSGI direct")
    print(f"certificate downloads: {len(fetcher.calls)}")
    print(f"unverified median: {unverified * 1e6:8.1f} us")
    print(f"verified median:   {warm * 1e6:8.1f} us  (warm key cache)")
    print(f"checks alone:      {statistics.median(verifier_times) * 1e6:8.1f} us")
    print(f"ratio:             {ratio:8.2f}  (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
