"""``python -m skill classroom``: serve the classroom player and print its address."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from skill.content import ContentError
from skill.tools.nlu import RecognizerError

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "classroom",
        help="serve the skill as a web page for a classroom without an Echo",
        description=(
            "Serve the classroom player: the same skill in a browser page, answered aloud "
            "by the browser's speech, with the hotline always on screen. Nothing leaves "
            "this machine; the page is not part of the Alexa endpoint."
        ),
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from skill.tools.classroom.app import create_classroom_app
    from skill.tools.classroom.server import address, classroom_server

    out = out or sys.stdout
    try:
        app = create_classroom_app()
    except (ContentError, RecognizerError) as exc:
        out.write(f"error: {exc}\n")
        return 1
    try:
        server = classroom_server(app, args.host, args.port)
    except OSError as exc:
        out.write(f"error: cannot listen on {args.host} port {args.port}: {exc.strerror}\n")
        return 1
    out.write(f"Classroom player: open {address(server)} in a browser (Ctrl-C stops it).\n")
    if args.host not in LOOPBACK:
        out.write(
            f"warning: listening on {args.host}: anyone who can reach this computer "
            "can use the page.\n"
        )
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
