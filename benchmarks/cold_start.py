"""Cold start: from process start to the first response, as on a new AWS Lambda instance.

    python -m benchmarks.cold_start [--runs 10]

Each run starts a fresh Python process that imports skill.lambda_function (the
imports, loading and validating the content, building the skill), then answers
one LaunchRequest. The parent times the whole process from spawn to answer; the
child reports its phases. Two ways are timed, alternating run by run:

- ``package``: the zip ``python -m skill package-lambda`` builds, unpacked, with
  only its contents and the standard library on sys.path and bytecode writing
  off, as on Lambda (goal: median under 150 ms). The interpreter runs without
  ``site`` (``-S``): this machine's site-packages hooks (``.pth`` files) and the
  virtual environment's editable-install finder cost 10 to 20 ms that Lambda's
  runtime does not have, and nothing outside the zip can stand in for a
  module missing from it;
- ``checkout``: this checkout and its virtual environment, bytecode cached.

The CPU time the process used (user and system) is printed too: on a busy
shared machine it moves far less than the time from spawn to answer.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from skill.tools.lambda_package import Target, build, running_python

ROOT = Path(__file__).resolve().parent.parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000001"
GOAL_MS = 150

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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(
    event: str, env: dict[str, str], cwd: Path, flags: tuple[str, ...]
) -> tuple[float, dict[str, float]]:
    """Seconds from spawn to answer, and the child's phases and CPU time (``cpu``)."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *flags, "-c", CHILD],
        input=event,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=True,
    )
    total = time.perf_counter() - started
    phases: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    phases["cpu"] = _children_cpu() - cpu_before
    return total, phases


def report(label: str, totals: list[float], phases: list[dict[str, float]]) -> None:
    median = statistics.median
    print(
        f"  {label:<9} process start to first response: median {median(totals) * 1000:5.0f} ms"
        f"   (min {min(totals) * 1000:.0f}, max {max(totals) * 1000:.0f})"
    )
    build_ms = median(p["import_and_build"] for p in phases) * 1000
    dispatch_ms = median(p["first_dispatch"] for p in phases) * 1000
    print(
        f"            imports, content, skill build {build_ms:5.0f} ms; first dispatch "
        f"{dispatch_ms:4.0f} ms"
    )
    cpu_ms = median(p["cpu"] for p in phases) * 1000
    print(f"            CPU time (user + system) of the process: median {cpu_ms:5.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per way (1-100)")
    args = parser.parse_args()
    runs = min(max(args.runs, 1), 100)
    event = (ROOT / "tests" / "requests" / "launch.json").read_text(encoding="utf-8")
    base = {"PATH": os.environ.get("PATH", "/usr/bin"), "SKILL_ID": SKILL_ID}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        built = build(work / "lambda.zip", Target(running_python()))
        unpacked = work / "task"
        with zipfile.ZipFile(built.path) as archive:
            archive.extractall(unpacked)
        (work / "cwd").mkdir()
        ways = {
            "package": (
                {**base, "PYTHONPATH": str(unpacked), "PYTHONDONTWRITEBYTECODE": "1"},
                work / "cwd",
                ("-S",),
            ),
            "checkout": ({**base, "PYTHONPATH": str(ROOT)}, ROOT, ("-s",)),
        }
        for env, cwd, flags in ways.values():
            # Warm the file cache; the checkout writes its bytecode.
            run_once(event, env, cwd, flags)
        results: dict[str, tuple[list[float], list[dict[str, float]]]] = {w: ([], []) for w in ways}
        for _ in range(runs):
            for way, (env, cwd, flags) in ways.items():
                total, phase = run_once(event, env, cwd, flags)
                results[way][0].append(total)
                results[way][1].append(phase)
    print(
        f"machine: {os.cpu_count()} cores; {runs} fresh processes per way; "
        f"Python {sys.version.split()[0]}; package {built.size / 1e6:.1f} MB"
    )
    for way, (totals, phases) in results.items():
        report(way, totals, phases)
    package_ms = statistics.median(results["package"][0]) * 1000
    print(f"  goal: the package under {GOAL_MS} ms: {'met' if package_ms < GOAL_MS else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
