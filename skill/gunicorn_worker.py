"""gunicorn's threaded worker with a deadline on every request, and an access log safe to read.

A synchronous worker reads one request at a time: a handful of clients that
send their headers or body a byte at a time hold every worker, and the health
check waits behind them. gunicorn's threaded worker (``gthread``) reads each
connection in a thread of a pool, so one slow client holds one thread, but for
as long as it likes: gunicorn bounds neither the time to read the headers nor
the body.

:class:`DeadlineThreadWorker` adds that bound. From the moment a thread takes a
connection until it has answered, the connection has gunicorn's ``timeout``
seconds (5 in gunicorn.conf.py); past it, a watchdog thread shuts the socket
down, the read in progress ends at once, and the thread is free. An Alexa
request (a few KB, sent at once) takes milliseconds of that.

Behind a reverse proxy that buffers whole requests (nginx does by default) no
slow client ever reaches gunicorn; this worker is what holds when there is no
such proxy, or the proxy streams.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from typing import Any

from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker

from skill.logs import safe

WATCH_INTERVAL_SECONDS = 0.25
# A worker retires after about a day (give or take an hour, so that workers do
# not all restart at once): on time, never on a count of requests that junk
# could run up.
LIFETIME_SECONDS = 24 * 3600.0
LIFETIME_JITTER_SECONDS = 3600.0


class DeadlineThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn is untyped
    """``gthread`` with an absolute deadline (gunicorn's ``timeout``) on each request."""

    def init_process(self) -> None:
        self._retire_at = time.monotonic() + lifetime(random.random())
        self._in_hand: dict[int, tuple[float, Any]] = {}
        self._in_hand_lock = threading.Lock()
        threading.Thread(target=self._watch, name="request-deadline", daemon=True).start()
        super().init_process()

    def handle(self, conn: Any) -> Any:
        key = id(conn)
        with self._in_hand_lock:
            self._in_hand[key] = (time.monotonic() + self.cfg.timeout, conn)
        try:
            return super().handle(conn)
        finally:
            with self._in_hand_lock:
                self._in_hand.pop(key, None)

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_INTERVAL_SECONDS)
            now = time.monotonic()
            if now >= self._retire_at and self.alive:
                self.log.info("worker retiring after its lifetime; a new one takes its place")
                self.handle_exit(None, None)
            with self._in_hand_lock:
                late = [conn for deadline, conn in self._in_hand.values() if deadline <= now]
            for conn in late:
                self.log.debug("closing a connection past its %ss deadline", self.cfg.timeout)
                shut_down(conn.sock)


def lifetime(draw: float) -> float:
    """A worker's lifetime in seconds, for a draw in [0, 1)."""
    return LIFETIME_SECONDS + (2 * draw - 1) * LIFETIME_JITTER_SECONDS


def shut_down(sock: Any) -> None:
    """End whatever the socket's reader waits for (also under TLS), now."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, TypeError):
        pass


# The access log's parts that come from the request: the client address, the
# method, the path (percent-decoded: %0a would be a newline), and those a
# format could add (the request line, query, user, referrer, user agent).
REQUEST_ATOMS = ("h", "m", "U", "r", "q", "u", "f", "a")


class EscapingLogger(Logger):  # type: ignore[misc]  # gunicorn is untyped
    """gunicorn's logger; every part of an access line that comes from the request is escaped.

    gunicorn writes ``PATH_INFO`` as it decoded it, so a request for
    ``/a%0a[...] forged`` wrote a second, forged line into the access log.
    """

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for name in REQUEST_ATOMS:
            value = atoms.get(name)
            if isinstance(value, str):
                atoms[name] = safe(value)
        return atoms


__all__ = ["DeadlineThreadWorker", "EscapingLogger"]
