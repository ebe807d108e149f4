"""``python -m skill serve``: run the endpoint with Flask's development server."""

from __future__ import annotations

import argparse
from typing import Any

from skill.content import ContentError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the Alexa endpoint (POST /alexa)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="accept unsigned requests (local testing only; prints a warning)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from skill.app import create_app

    config: dict[str, Any] = {}
    if args.no_verify:
        config["VERIFY_SIGNATURES"] = False
    try:
        app = create_app(config)
    except ContentError as exc:
        print(f"error: {exc}")
        return 1
    app.run(host=args.host, port=args.port)
    return 0
