"""``python -m skill serve``: run the endpoint with Flask's development server."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from skill.config import ALLOW_ANY_SKILL_ENV, SKILL_ID_ENV, ConfigurationError
from skill.content import ContentError


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
        print(f"error: {exc}", file=sys.stderr)
        return 1
    app.run(host=args.host, port=args.port)
    return 0
