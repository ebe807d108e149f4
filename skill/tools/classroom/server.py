"""Serving the classroom page with Werkzeug, and an access log that holds no user text.

Werkzeug's own request log prints the whole request line, query string
included, and the raw line of a malformed request. This one prints the method,
the path when it is one of the page's own (any other path is shown as ``/…``)
and the status: never a query string, a body or anything typed.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import (
    BaseWSGIServer,
    WSGIRequestHandler,
    get_sockaddr,
    make_server,
    select_address_family,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Paths logged as they are: the page's own. Any other could be anything someone typed.
KNOWN_PATHS = frozenset(
    {"/", "/api/turn", *(f"/static/{p.name}" for p in STATIC_DIR.iterdir() if p.is_file())}
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_PATH = "/…"
LISTEN_BACKLOG = 128


def loggable(command: str | None, raw_path: str | None) -> str:
    """``"POST /api/turn"``: the method and path as logged (no query, no fragment)."""
    method = command if command in _METHODS else "-"
    path = (raw_path or "").split("?", 1)[0].split("#", 1)[0]
    return f"{method} {path if path in KNOWN_PATHS else OTHER_PATH}"


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's request handler with the access log described above."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        line = loggable(getattr(self, "command", None), getattr(self, "path", None))
        self.log("info", '"%s" %s', line, code)

    def log_error(self, format: str, *args: Any) -> None:
        # http.server reports a malformed request as ("code %d, message %s", code,
        # "Bad request syntax ('<the raw request line>')"): keep the code only.
        code = args[0] if args and isinstance(args[0], int) else "-"
        self.log("error", "request failed: %s", code)

    def log_message(self, format: str, *args: Any) -> None:
        self.log("info", "%s", format.split("%", 1)[0].strip() or "-")


def classroom_server(app: Flask, host: str, port: int) -> BaseWSGIServer:
    """A threaded server for ``app`` on ``host``:``port`` (0 picks a free port).

    The socket is bound here, so that an address in use is an ``OSError`` to
    report, not Werkzeug's exit.
    """
    family = select_address_family(host, port)
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(get_sockaddr(host, port, family))
        listener.listen(LISTEN_BACKLOG)
        return make_server(
            host,
            port,
            app,
            threaded=True,
            request_handler=QuietRequestHandler,
            fd=listener.fileno(),  # Werkzeug keeps its own copy of the socket
        )
    finally:
        listener.close()


def address(server: BaseWSGIServer) -> str:
    """The page's address, e.g. ``http://127.0.0.1:5000/``."""
    host = f"[{server.host}]" if ":" in server.host else server.host
    return f"http://{host}:{server.port}/"


__all__ = [
    "KNOWN_PATHS",
    "OTHER_PATH",
    "QuietRequestHandler",
    "address",
    "classroom_server",
    "loggable",
]
