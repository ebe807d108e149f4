"""Load benchmark: the skill under gunicorn against a bare Flask floor.

    python -m benchmarks.load [--seconds 10] [--connections 16]

Starts gunicorn on 127.0.0.1 with the production config (gunicorn.conf.py),
with the bare floor app and with the skill (signature checks off). Both are
driven by ``hey`` (Debian package ``hey``) in turn, never at the same time:
closed-loop with --connections connections to find the saturating throughput,
alternating floor and skill for --rounds rounds so that both see the same
machine (these machines are shared and noisy: the ratio reported is the median
of the rounds' ratios), then
the skill at half its saturating rate to read latency at a realistic load.
Only loopback addresses are used; every run is bounded by --seconds.

Prints requests per second, p50, p99 and errors for both, and the ratios.
Goals: the skill serves at least 70 % of the floor's throughput; p99 under
50 ms at half the saturating rate; zero errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.apps import sample_body
from benchmarks.servers import free_port, start_gunicorn, stop

# The server and the load generator get a core each, so they do not compete.
SERVER_CPU, CLIENT_CPU = 0, 1
APPS = {"floor": "benchmarks.apps:floor_app()", "skill": "benchmarks.apps:skill_app()"}


@dataclass(frozen=True)
class Result:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def pin(cpu: int) -> list[str]:
    """A command prefix that keeps a process on one CPU, where taskset and the CPU exist."""
    if shutil.which("taskset") and cpu < (os.cpu_count() or 1):
        return ["taskset", "-c", str(cpu)]
    return []


def hey(url: str, body: Path, seconds: int, connections: int, rate: float | None) -> Result:
    command = [*pin(CLIENT_CPU), "hey", "-z", f"{seconds}s", "-c", str(connections), "-m", "POST"]
    command += ["-T", "application/json", "-D", str(body), "-t", "5", "-o", "csv"]
    if rate is not None:
        command += ["-q", f"{max(rate / connections, 0.1):.2f}"]
    started = time.monotonic()
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    elapsed = time.monotonic() - started
    rows = list(csv.DictReader(io.StringIO(output)))
    latencies = sorted(float(r["response-time"]) * 1000 for r in rows)
    errors = sum(1 for r in rows if r["status-code"] != "200")
    offsets = [float(r["offset"]) for r in rows]
    span = max(offsets) if offsets else elapsed
    if not latencies:
        return Result(0, 0, elapsed, float("nan"), float("nan"))
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Result(len(rows), errors, span, statistics.median(latencies), p99)


def _median_run(results: list[Result]) -> Result:
    """The run with the median throughput."""
    return sorted(results, key=lambda r: r.rps)[len(results) // 2]


def show(label: str, r: Result) -> None:
    print(
        f"  {label:<28} {r.rps:9.0f} req/s   p50 {r.p50_ms:6.2f} ms   "
        f"p99 {r.p99_ms:6.2f} ms   errors {r.errors}/{r.requests}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each run (1-120)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--rounds", type=int, default=3, help="alternating saturation runs (1-10)")
    args = parser.parse_args()
    if shutil.which("hey") is None:
        print("needs the load generator 'hey': apt-get install hey")
        return 2
    seconds = min(max(args.seconds, 1), 120)
    rounds = min(max(args.rounds, 1), 10)
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "request.json"
        body.write_bytes(sample_body())
        print(f"machine: {os.cpu_count()} cores; request body {body.stat().st_size} bytes")
        urls: dict[str, str] = {}
        servers = []
        try:
            for name, app in APPS.items():
                port = free_port()
                servers.append(start_gunicorn(app, port, prefix=pin(SERVER_CPU)))
                urls[name] = f"http://127.0.0.1:{port}/alexa"
                hey(urls[name], body, 2, args.connections, None)  # warm-up
            runs: dict[str, list[Result]] = {name: [] for name in APPS}
            for n in range(rounds):
                for name, url in urls.items():
                    runs[name].append(hey(url, body, seconds, args.connections, None))
                floor, skill = runs["floor"][-1].rps, runs["skill"][-1].rps
                print(f"  round {n + 1}: floor {floor:.0f} req/s, skill {skill:.0f} req/s")
            saturated = {name: _median_run(results) for name, results in runs.items()}
            for name, result in saturated.items():
                show(f"{name}: saturated", result)
            half = saturated["skill"].rps / 2
            paced = hey(urls["skill"], body, seconds, max(args.connections // 2, 1), half)
            show(f"skill: at {half:.0f} req/s", paced)
        finally:
            for server in servers:
                stop(server)
    # Paired: each round's two runs saw the same machine; the median of the ratios.
    ratios = sorted(s.rps / f.rps for f, s in zip(runs["floor"], runs["skill"], strict=True))
    ratio = statistics.median(ratios)
    print(
        f"  skill / floor throughput: {ratio:.0%}, median of {rounds} rounds "
        f"(from {ratios[0]:.0%} to {ratios[-1]:.0%}; goal: at least 70%)"
    )
    print("  goal at half rate: p99 under 50 ms, zero errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
