"""Serving the classroom page with waitress, and an access log that holds no user text.

The page may be served to a whole school network (``--host 0.0.0.0``), so the
server is one made for that: waitress, a production WSGI server in pure Python
that runs the same on Linux, Windows and macOS laptops. It closes a connection
that sends nothing for :data:`READ_TIMEOUT` seconds (a slow client cannot hold
a thread), serves at most :data:`CONNECTION_LIMIT` connections at once with a
fixed pool of :data:`THREADS` threads, and refuses bodies far over the turn's
own limit before they are read. Werkzeug's development server has none of
these: it keeps one thread per connection, for as long as the client likes.

The access log prints the method, the path when it is one of the page's own
(any other path is shown as ``/…``) and the status: never a query string, a
body or anything typed. Waitress's own messages that would quote a path are
cut to their first words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from waitress import create_server
from waitress.server import BaseWSGIServer
from waitress.wasyncore import close_all
from waitress.wasyncore import loop as poll_loop

from skill.tools.classroom.protocol import MAX_BODY_BYTES

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Paths logged as they are: the page's own. Any other could be anything someone typed.
KNOWN_PATHS = frozenset(
    {
        "/",
        "/api/turn",
        "/handout",
        "/handout/teacher",
        *(f"/static/{p.name}" for p in STATIC_DIR.iterdir() if p.is_file()),
    }
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_PATH = "/…"
ACCESS_LOGGER = "skill.tools.classroom.access"
# A class of 30 browsers, each with a few connections open, and room to spare.
CONNECTION_LIMIT = 100
THREADS = 8
# Seconds a connection may send nothing before it is closed.
READ_TIMEOUT = 20.0
# How often (seconds) idle connections are looked for; a slow client is cut off
# between READ_TIMEOUT and READ_TIMEOUT + this.
CLEANUP_INTERVAL = 2.0
# Waitress refuses a body larger than this with its own 413 before the app sees it;
# bodies up to it reach the app, which answers anything over MAX_BODY_BYTES with JSON.
MAX_REQUEST_BODY = 4 * MAX_BODY_BYTES
# Waitress messages that end with the request's path: logged without it.
_QUOTING_PATHS = ("Client disconnected while serving", "Exception while serving")

access_log = logging.getLogger(ACCESS_LOGGER)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def loggable(command: str | None, raw_path: str | None) -> str:
    """``"POST /api/turn"``: the method and path as logged (no query, no fragment)."""
    method = command if command in _METHODS else "-"
    path = (raw_path or "").split("?", 1)[0].split("#", 1)[0]
    return f"{method} {path if path in KNOWN_PATHS else OTHER_PATH}"


def logged(app: WSGIApp) -> WSGIApp:
    """``app``, with one access log line per request: method, known path, status."""

    def logging_app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def start(status: str, headers: Any, exc_info: Any = None) -> Any:
            line = loggable(environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            access_log.info('"%s" %s', line, status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        return app(environ, start)

    return logging_app


class _NoPaths(logging.Filter):
    """Cuts waitress's messages that quote a request's path to their first words."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for prefix in _QUOTING_PATHS:
            if message.startswith(prefix):
                record.msg, record.args = prefix, None
        return True


def _quiet_waitress() -> None:
    logger = logging.getLogger("waitress")
    if not any(isinstance(f, _NoPaths) for f in logger.filters):
        logger.addFilter(_NoPaths())


class ClassroomServer:
    """A waitress server for one app on one address; stoppable from another thread."""

    def __init__(
        self,
        app: WSGIApp,
        host: str,
        port: int,
        *,
        read_timeout: float = READ_TIMEOUT,
        cleanup_interval: float = CLEANUP_INTERVAL,
    ) -> None:
        _quiet_waitress()
        self._server: BaseWSGIServer = create_server(
            logged(app),
            host=host,
            port=port,
            threads=THREADS,
            connection_limit=CONNECTION_LIMIT,
            channel_timeout=read_timeout,
            cleanup_interval=cleanup_interval,
            max_request_body_size=MAX_REQUEST_BODY,
            asyncore_loop_timeout=0.2,
            ident="classroom",
            clear_untrusted_proxy_headers=True,
        )
        self.host: str = host
        self.port: int = int(self._server.effective_port)
        self._stop = threading.Event()
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C)."""
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                poll_loop(timeout=0.2, map=self._server._map, count=1)
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread) and wait for it."""
        self._stop.set()
        self._stopped.wait(timeout=5)

    def server_close(self) -> None:
        self._server.task_dispatcher.shutdown(timeout=2)
        close_all(self._server._map)


def classroom_server(app: WSGIApp, host: str, port: int, **timeouts: float) -> ClassroomServer:
    """A server for ``app`` on ``host``:``port`` (0 picks a free port).

    An address in use, or one that cannot be bound, is an ``OSError`` to report.
    ``timeouts``: ``read_timeout`` and ``cleanup_interval`` (seconds), for tests.
    """
    return ClassroomServer(app, host, port, **timeouts)


def address(server: ClassroomServer) -> str:
    """The page's address, e.g. ``http://127.0.0.1:5000/``."""
    host = f"[{server.host}]" if ":" in server.host else server.host
    return f"http://{host}:{server.port}/"


__all__ = [
    "ACCESS_LOGGER",
    "CONNECTION_LIMIT",
    "KNOWN_PATHS",
    "OTHER_PATH",
    "READ_TIMEOUT",
    "ClassroomServer",
    "address",
    "classroom_server",
    "loggable",
    "logged",
]
