"""``python -m skill classroom``: serve the classroom player and print its address."""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from skill.content import ContentError
from skill.tools.nlu import RecognizerError

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
# Listening on every address: the page is reached by this computer's name or address.
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
# A private address routed nowhere: connecting a UDP socket to it sends nothing, and
# shows which of this computer's addresses faces the network.
_PROBE = ("10.255.255.255", 9)


def own_names() -> set[str]:
    """This computer's name, full name and the address it faces the network with."""
    names = {socket.gethostname(), socket.getfqdn()}
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            names.add(probe.getsockname()[0])
    except OSError:
        pass
    return {name.lower() for name in names if name}


def allowed_hosts(host: str, extra: Iterable[str], names: Iterable[str] = ()) -> frozenset[str]:
    """The host names the page answers to: loopback, the address listened on (or, on
    every address, ``names``: this computer's), and any given with --allow-host."""
    listened = set(names) if host in EVERY_ADDRESS else {host}
    return frozenset({*LOOPBACK, *listened, *extra} - {""})


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
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help=(
            "another name the page may be opened by, such as this computer's name on the "
            "school network (repeatable; others are refused)"
        ),
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument(
        "--locale",
        default=None,
        help=(
            "the page's language, such as es-US for Spanish (default: the browser's "
            "preferred language among those the skill speaks, else en-US)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from skill.tools.classroom.app import create_classroom_app
    from skill.tools.classroom.server import address, classroom_server

    out = out or sys.stdout
    names = own_names() if args.host in EVERY_ADDRESS else set()
    hosts = allowed_hosts(args.host, args.allow_host, names)
    try:
        app = create_classroom_app({"LOCALE": args.locale, "ALLOWED_HOSTS": hosts})
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
            f"It answers to: {', '.join(sorted(hosts))} (add others with --allow-host).\n"
        )
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
