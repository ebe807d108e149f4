"""gunicorn's threaded worker, made to hold idle and slow clients, and an access log safe to read.

A synchronous worker reads one request at a time: a handful of clients that
send their headers or body a byte at a time hold every worker, and the health
check waits behind them. gunicorn's threaded worker (``gthread``) reads each
connection in a thread of a pool: a new connection holds a thread for up to 5
seconds while it sends nothing, and a slow one for as long as it likes. A few
hundred idle or slow sockets from one client then held every thread, and a
health check waited 4 to 10 seconds behind them.

:class:`DeadlineThreadWorker` changes two things:

- **No thread waits for a request to arrive.** The worker's main loop, which
  already watches every socket, reads each new or kept-alive connection's
  bytes as they come, without blocking, until it holds the whole request (the
  headers and, by ``Content-Length``, the body); only then does a thread take
  it, and parses it from memory. An idle or slow socket costs a file
  descriptor and a buffer, so a worker holds ``worker_connections`` of them
  (1000 in gunicorn.conf.py). A request that has not arrived whole within
  gunicorn's ``timeout`` (5 s) of its connection, or of its turn on a
  kept-alive one, is closed unanswered. (A chunked body, one larger than the
  endpoint takes, or one a client sends only after ``100 Continue``, is read
  by the thread as gunicorn does, within the thread's deadline below.)
- **A deadline on every thread.** From the moment a thread takes a connection
  until it has answered, the connection has ``timeout`` seconds; past it, a
  watchdog thread shuts the socket down, the read in progress ends at once,
  and the thread is free. An Alexa request takes milliseconds of that.

Behind a reverse proxy that buffers whole requests (nginx does by default) no
slow client ever reaches gunicorn; this worker is what holds when there is no
such proxy, or the proxy streams. TLS connections (gunicorn's own ``certfile``)
are left to gthread as they are, with the deadline.
"""

from __future__ import annotations

import errno
import random
import re
import resource
import selectors
import socket
import threading
import time
from collections import deque
from functools import partial
from typing import Any

from gunicorn import http
from gunicorn.glogging import Logger
from gunicorn.workers.gthread import TConn, ThreadWorker

from skill.dispatch import MAX_BODY_BYTES
from skill.logs import safe

WATCH_INTERVAL_SECONDS = 0.25
# A worker retires after about a day (give or take an hour, so that workers do
# not all restart at once): on time, never on a count of requests that junk
# could run up.
LIFETIME_SECONDS = 24 * 3600.0
LIFETIME_JITTER_SECONDS = 3600.0

# How much of a request the main loop gathers before a thread takes it: one byte
# more than the largest body the endpoint accepts, and gunicorn's largest header
# block. Anything larger goes to a thread at once, to be refused.
MAX_GATHERED_BODY = MAX_BODY_BYTES + 1
MAX_GATHERED_HEADERS = 64 * 1024
READ_SIZE = 64 * 1024

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*([^\r]*)(?=\r\n)", re.IGNORECASE)
# A chunked body, or a client waiting for "100 Continue" before it sends one.
_BODY_ON_REQUEST = re.compile(rb"\r\n(?:transfer-encoding|expect)[ \t]*:", re.IGNORECASE)


def request_arrived(data: bytes) -> bool:
    """Whether ``data`` holds a whole request (or enough to hand to gunicorn to refuse).

    True once the headers have ended and the body announced by
    ``Content-Length`` is there; also for anything a thread must read or refuse
    itself: headers over :data:`MAX_GATHERED_HEADERS`, a chunked body, a client
    that waits for ``100 Continue`` before it sends its body, a body
    over :data:`MAX_GATHERED_BODY`, a ``Content-Length`` that is not one number.
    """
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > MAX_GATHERED_HEADERS
    head = data[: end + 2]
    if _BODY_ON_REQUEST.search(head):
        return True
    lengths = _CONTENT_LENGTH.findall(head)
    if not lengths:
        return True
    value = lengths[0].strip()
    if len(lengths) > 1 or not value.isdigit() or int(value) > MAX_GATHERED_BODY:
        return True
    return len(data) - (end + 4) >= int(value)


class DeadlineThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn is untyped
    """``gthread`` that gathers each request in its main loop, and a deadline on each thread."""

    def init_process(self) -> None:
        raise_file_limit(self.cfg.worker_connections + 64)
        self._gathering: deque[Any] = deque()
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

    # --- gathering requests in the main loop ------------------------------------------

    def accept(self, listener: Any) -> None:
        if self.cfg.is_ssl:
            super().accept(listener)
            return
        try:
            client, address = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._gather(TConn(self.cfg, client, address, listener.getsockname()))

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """A kept-alive connection's next request: gathered like a new one's."""
        if self.cfg.is_ssl or conn.parser is None:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._gather(conn)

    def _gather(self, conn: Any) -> None:
        conn.sock.setblocking(False)
        conn.gathered = bytearray()
        conn.timeout = time.monotonic() + self.cfg.timeout
        self._gathering.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn: Any, client: Any) -> None:
        """Read what has arrived; once the request is whole, a thread takes it."""
        closed = False
        try:
            while True:
                chunk = conn.sock.recv(READ_SIZE)
                if not chunk:
                    closed = True
                    break
                conn.gathered += chunk
                if request_arrived(conn.gathered):
                    break
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            closed = True
        if not closed and not request_arrived(conn.gathered):
            return
        self.poller.unregister(conn.sock)
        self._gathering.remove(conn)
        if closed:
            self.nr_conns -= 1
            conn.close()
            return
        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(bytes(conn.gathered))
        conn.gathered = bytearray()
        conn.data_ready = True
        self.enqueue_req(conn)

    def murder_pending(self) -> None:
        """gthread's pending connections, and requests not whole by their deadline."""
        super().murder_pending()
        now = time.monotonic()
        while self._gathering and self._gathering[0].timeout <= now:
            conn = self._gathering.popleft()
            try:
                self.poller.unregister(conn.sock)
            except (OSError, KeyError, ValueError):
                pass
            self.nr_conns -= 1
            conn.close()

    # --- the deadline on threads ----------------------------------------------------

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


def raise_file_limit(needed: int) -> None:
    """Let this process hold ``needed`` open files if the hard limit allows (systemd's soft
    limit is 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (OSError, ValueError):
            pass


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
