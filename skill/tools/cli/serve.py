"""``python -m skill serve``: run the endpoint with Flask's development server."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from skill.config import ALLOW_ANY_SKILL_ENV, SKILL_ID_ENV, ConfigurationError
from skill.content import ContentError
from skill.logs import one_line, safe

access_log = logging.getLogger("werkzeug")

# HTTP methods are short words; anything longer is not one.
MAX_METHOD_CHARS = 16


def access_line(client: str, method: str | None, target: str | None, status: object) -> str:
    """One access-log line, as gunicorn's: client, method and path, status.

    Never the query string; for a request line that could not be read, ``"-"``
    instead of its bytes. Every part is escaped and bounded (:func:`skill.logs.safe`).
    """
    if method and target is not None:
        request = f"{safe(method, MAX_METHOD_CHARS)} {safe(urlsplit(target).path)}"
    else:
        request = "-"
    return f'{safe(client)} "{request}" {safe(status)}'


class AccessLogHandler(WSGIRequestHandler):
    """Werkzeug's request handler, logging requests as :func:`access_line` does."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        access_log.info(
            "%s",
            access_line(
                self.address_string(),
                getattr(self, "command", None),
                getattr(self, "path", None),
                code,
            ),
        )

    def log_error(self, format: str, *args: Any) -> None:
        # The standard library's messages here quote the malformed request line
        # itself; its status is in the access line that follows.
        access_log.debug("%s: request could not be read", safe(self.address_string()))


def serve_app(app: Flask, host: str, port: int) -> int:
    """Serve ``app`` on ``host``:``port`` until Ctrl+C; the exit code."""
    try:
        server = make_server(host, port, app, threaded=True, request_handler=AccessLogHandler)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    access_log.warning(
        "development server on http://%s:%d/ (POST /alexa, GET /health); "
        "in production use gunicorn. Ctrl+C stops it.",
        host,
        server.server_port,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the Alexa endpoint (POST /alexa) for local testing",
        description=(
            "Run the endpoint (POST /alexa, GET /health) with Flask's development "
            "server, to try the skill on this machine; in production, serve it with "
            "gunicorn (docs/deployment.md). Signature verification is on unless "
            f"--no-verify is given; with it on, {SKILL_ID_ENV} must be set (or, for "
            f"testing only, {ALLOW_ANY_SKILL_ENV}=true), or nothing starts."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="accept unsigned requests (local testing only; warns at every start)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from skill.app import create_app

    config: dict[str, Any] = {}
    if args.no_verify:
        config["VERIFY_SIGNATURES"] = False
    try:
        app = create_app(config)
    except (ContentError, ConfigurationError) as exc:
        print(f"error: {one_line(exc)}", file=sys.stderr)
        return 1
    return serve_app(app, args.host, args.port)
