"""Command line: ``python -m skill serve | check | say | chat | classroom | --version``.

Each subcommand lives in its own module with an ``add_parser(subparsers)``
function that registers it and sets ``func`` (taking the parsed arguments and
returning an exit code).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from skill import __version__
from skill.cli import check, serve, try_it
from skill.tools.classroom import cli as classroom

SUBCOMMANDS = (serve, check, try_it, classroom)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m skill",
        description="Youth Safety Tips: an Alexa skill about human trafficking and staying safe.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
