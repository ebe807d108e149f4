"""Instructions per request, counted by valgrind: the repeatable figure on a noisy machine.

    python -m benchmarks.instructions [--requests 300]

Wall-clock figures on shared machines vary by tens of percent from run to run;
instruction counts do not. For the floor app and the skill (signature checks
off), this runs the benchmark request straight through the WSGI app under
``valgrind --tool=callgrind`` twice, once with no timed requests and once with
--requests of them, and divides the difference. Needs valgrind (Debian package
``valgrind``); takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import logging, sys
logging.disable(logging.WARNING)
from benchmarks.apps import floor_app, sample_body, skill_app, wsgi_caller
app = floor_app() if sys.argv[1] == "floor" else skill_app()
call = wsgi_caller(app, sample_body(), {})
for _ in range(50):
    call()
for _ in range(int(sys.argv[2])):
    assert call() == 200
"""


def instructions(app: str, requests: int) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        + [sys.executable, "-c", CHILD, app, str(requests)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=900,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError("valgrind printed no instruction count")
    return int(match.group(1))


def per_request(app: str, requests: int) -> float:
    return (instructions(app, requests) - instructions(app, 0)) / requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="requests counted (50-5000)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("needs valgrind: apt-get install valgrind")
        return 2
    requests = min(max(args.requests, 50), 5000)
    floor = per_request("floor", requests)
    skill = per_request("skill", requests)
    print(f"Python {sys.version.split()[0]}; {requests} requests of the benchmark request")
    print(f"  floor (bare Flask view):  {floor / 1e6:6.2f} M instructions per request")
    print(f"  skill (unverified):       {skill / 1e6:6.2f} M instructions per request")
    print(f"  skill / floor:            {skill / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
