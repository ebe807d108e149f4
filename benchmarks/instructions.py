"""Instructions per request, counted by valgrind: the repeatable figure on a noisy machine.

    python -m benchmarks.instructions [--requests 300]

Wall-clock figures on shared machines vary by tens of percent from run to run;
instruction counts do not. For the floor app and the skill (signature checks
off), this sends the benchmark request straight to the WSGI app --requests
times under ``valgrind --tool=callgrind`` and divides the instructions counted
by the number of requests. Needs valgrind (Debian package ``valgrind``); takes
about a minute.

Only the requests are counted: collection is switched on inside the one C
function that runs them (``itertools.starmap``'s next, which nothing else in
the process calls), so the imports, building the app and the warm-up
requests count for nothing. An earlier version subtracted a whole run without
requests from a whole run with them: the two processes' start-up differed by
millions of instructions (string hashing is randomised per process, and a
module compiled to bytecode, or a cache written, in one run and not the other
counts in full), which moved the floor's figure between runs by more than the
floor itself. String hashing is also fixed (``PYTHONHASHSEED=0``), so a
request's dictionaries are laid out alike in every run.
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
COUNTED = "starmap_next"  # the C function that runs the counted requests (see CHILD)

CHILD = """
import itertools, logging, sys
logging.disable(logging.WARNING)
from benchmarks.apps import floor_app, sample_body, skill_app, wsgi_caller
app = floor_app() if sys.argv[1] == "floor" else skill_app()
call = wsgi_caller(app, sample_body(), {})
for _ in range(50):
    assert call() == 200
def request():
    assert call() == 200
# valgrind counts inside itertools.starmap's next() only: these requests, nothing else.
for _ in itertools.starmap(request, itertools.repeat((), int(sys.argv[2]))):
    pass
"""


def instructions(app: str, requests: int) -> int:
    """Instructions valgrind counted while ``app`` answered ``requests`` requests."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        + ["--collect-atstart=no", f"--toggle-collect={COUNTED}"]
        + [sys.executable, "-c", CHILD, app, str(requests)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0"),
        timeout=900,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError("valgrind printed no instruction count")
    return int(match.group(1))


def per_request(app: str, requests: int) -> float:
    return instructions(app, requests) / requests


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
    print(f"  floor (bare Flask view):  {floor / 1e6:6.3f} M instructions per request")
    print(f"  skill (unverified):       {skill / 1e6:6.3f} M instructions per request")
    print(f"  skill / floor:            {skill / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
