"""Connection floods: normal requests while one client holds hundreds of idle and slow sockets.

    python -m benchmarks.slow_clients [--seconds 30] [--idle 250] [--clients 250]

Starts gunicorn on 127.0.0.1 with the production config (gunicorn.conf.py;
signature checks off, so that the normal requests need no signing). For
--seconds, holds --idle connections that send nothing at all, and --clients
slow ones: half send a request line and then one header byte every half
second, half send complete headers announcing a 5,000 byte body and then one
body byte every half second. A connection the server closes or cuts off is
opened again at once, so the count stays up for the whole run. Meanwhile one
client sends a normal GET /health and a normal POST /alexa (the 3.1 KB
AMAZON.NextIntent of the other benchmarks) in turn, one at a time, each on a
new connection.

Prints p50 and p99 for /health and /alexa, their statuses, and how often the
server closed an idle socket or cut a slow one off. Goal: p99 under 1 s and no
5xx. Loopback only; every run is bounded by --seconds. Each socket is a file
descriptor in both processes: the run raises this process's soft limit
(``ulimit -n``) to what it needs, or says that it cannot.
"""

from __future__ import annotations

import argparse
import http.client
import logging
import os
import resource
import socket
import statistics
import sys
import threading
import time
from collections import Counter

from benchmarks.apps import sample_body
from benchmarks.servers import free_port, start_gunicorn, stop
from tests.signing import SKILL_ID

DRIP_SECONDS = 0.5
GOAL_P99_SECONDS = 1.0


class Dribbler(threading.Thread):
    """One slow client, reconnecting whenever the server hangs up, until ``until``."""

    def __init__(self, port: int, head: bytes, until: float, cuts: Counter[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.head, self.until, self.cuts = port, head, until, cuts

    def run(self) -> None:
        while time.monotonic() < self.until:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as client:
                    client.sendall(self.head)
                    while time.monotonic() < self.until:
                        time.sleep(DRIP_SECONDS)
                        client.sendall(b"a")
            except OSError:
                self.cuts["cut off by the server"] += 1
                time.sleep(0.05)


class Idler(threading.Thread):
    """One idle client: connected, sending nothing, connecting again whenever closed."""

    def __init__(self, port: int, until: float, cuts: Counter[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.until, self.cuts = port, until, cuts

    def run(self) -> None:
        while time.monotonic() < self.until:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as client:
                    client.settimeout(0.5)
                    while time.monotonic() < self.until:
                        try:
                            if not client.recv(1):
                                break
                        except TimeoutError:
                            continue
                self.cuts["idle closed by the server"] += 1
            except OSError:
                self.cuts["idle closed by the server"] += 1
                time.sleep(0.05)


def raise_file_limit(needed: int) -> str:
    """Raise the soft limit on open files to ``needed`` if it is lower; what was done."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return f"open files: {soft} allowed"
    if hard != resource.RLIM_INFINITY and hard < needed:
        return f"open files: only {hard} allowed (ulimit -Hn); the run holds fewer sockets"
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
    return f"open files: raised from {soft} to {needed}"


def measure(port: int, until: float, body: bytes) -> dict[str, list[tuple[float, int]]]:
    """Normal requests, one at a time, until ``until``: (seconds, status) by path."""
    results: dict[str, list[tuple[float, int]]] = {"/health": [], "/alexa": []}
    while time.monotonic() < until:
        for path in results:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            started = time.perf_counter()
            try:
                if path == "/alexa":
                    headers = {"Content-Type": "application/json"}
                    connection.request("POST", path, body=body, headers=headers)
                else:
                    connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0  # no answer at all
            finally:
                connection.close()
            results[path].append((time.perf_counter() - started, status))
            time.sleep(0.02)
    return results


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of the run (5-120)")
    parser.add_argument("--idle", type=int, default=250, help="idle connections (0-1000)")
    parser.add_argument("--clients", type=int, default=250, help="slow connections (0-1000)")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 5), 120)
    idle = min(max(args.idle, 0), 1000)
    clients = min(max(args.clients, 0), 1000)
    limits = raise_file_limit(2 * (idle + clients) + 256)
    port = free_port()
    logging.disable(logging.WARNING)  # building the sample request warns that checks are off
    body = sample_body()
    server = start_gunicorn("skill:create_app()", port, env={"SKILL_ID": SKILL_ID})
    try:
        heads = [
            b"POST /alexa HTTP/1.1\r\nHost: localhost\r\n",
            b"POST /alexa HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Content-Length: 5000\r\n\r\n",
        ]
        until = time.monotonic() + seconds
        cuts: Counter[str] = Counter()
        holders: list[threading.Thread] = [Idler(port, until, cuts) for _ in range(idle)]
        holders += [Dribbler(port, heads[n % 2], until, cuts) for n in range(clients)]
        for holder in holders:
            holder.start()
        time.sleep(1)  # every client is connected, idle or dribbling
        results = measure(port, until, body)
        for holder in holders:
            holder.join(10)
    finally:
        stop(server)
    print(
        f"machine: {os.cpu_count()} cores; gunicorn.conf.py as shipped; {idle} idle and "
        f"{clients} slow sockets (a byte every {DRIP_SECONDS:g} s, headers or body) held "
        f"for {seconds} s from one client; {limits}"
    )
    worst = 0.0
    for path, samples in results.items():
        times = [t for t, _ in samples]
        statuses = Counter(status for _, status in samples)
        p99 = percentile(times, 0.99)
        worst = max(worst, p99)
        shown = ", ".join(f"{s or 'none'}: {n}" for s, n in sorted(statuses.items()))
        print(
            f"  {path:<8} p50 {statistics.median(times) * 1000:7.1f} ms   "
            f"p99 {p99 * 1000:7.1f} ms   {len(samples)} requests ({shown})"
        )
    print(
        f"  idle sockets closed by the server: {cuts['idle closed by the server']}; "
        f"slow ones cut off: {cuts['cut off by the server']}"
    )
    errors = sum(1 for s in results.values() for _, status in s if status >= 500 or status == 0)
    met = worst < GOAL_P99_SECONDS and errors == 0
    print(f"  goal: p99 under {GOAL_P99_SECONDS:g} s and no 5xx: {'met' if met else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
