"""Cold start: from process start to the first response, as on a new AWS Lambda instance.

    python -m benchmarks.cold_start [--runs 10]

Each run starts a fresh Python process that imports skill.lambda_function (the
imports, loading and validating the content, building the skill), then answers
one LaunchRequest. The parent times the whole process from spawn to answer; the
child reports its phases. Goal: under 0.5 s to the first response.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000001"

CHILD = """
import json, sys, time
t0 = time.perf_counter()
import skill.lambda_function as lf
t1 = time.perf_counter()
event = json.loads(sys.stdin.read())
response = lf.handler(event, None)
t2 = time.perf_counter()
assert response["response"]["outputSpeech"]["ssml"].startswith("<speak>")
print(json.dumps({"import_and_build": t1 - t0, "first_dispatch": t2 - t1}))
"""


def run_once(event: str) -> tuple[float, dict[str, float]]:
    env = dict(os.environ, SKILL_ID=SKILL_ID, PYTHONDONTWRITEBYTECODE="0")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=event,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    total = time.perf_counter() - started
    return total, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes to time (1-100)")
    args = parser.parse_args()
    runs = min(max(args.runs, 1), 100)
    event = (ROOT / "tests" / "requests" / "launch.json").read_text(encoding="utf-8")
    run_once(event)  # compile bytecode once, as a deployed package would have it
    totals, phases = [], []
    for _ in range(runs):
        total, phase = run_once(event)
        totals.append(total)
        phases.append(phase)
    median = statistics.median
    print(
        f"machine: {os.cpu_count()} cores; {runs} fresh processes; Python {sys.version.split()[0]}"
    )
    print(
        f"  process start to first response: median {median(totals) * 1000:6.0f} ms"
        f"   (max {max(totals) * 1000:.0f} ms; goal under 500 ms)"
    )
    build = median(p["import_and_build"] for p in phases) * 1000
    dispatch = median(p["first_dispatch"] for p in phases) * 1000
    print(f"    imports, content load, skill build: {build:6.0f} ms")
    print(f"    first dispatch:                     {dispatch:6.0f} ms")
    print("    (the rest is the interpreter's own start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
