"""Command line: ``python -m skill COMMAND``.

The commands: serve, check, say, chat, classroom, handout, nlu-report, package-lambda.

Each subcommand lives in its own module with an ``add_parser(subparsers)``
function that registers it and sets ``func`` (taking the parsed arguments and
returning an exit code).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from skill import __version__, logs
from skill.tools.classroom import cli as classroom
from skill.tools.classroom import handout
from skill.tools.cli import check, nlu_report, package_lambda, serve, try_it

SUBCOMMANDS = (serve, check, try_it, classroom, handout, nlu_report, package_lambda)


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
    logs.configure()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


__all__ = ["build_parser", "main"]
