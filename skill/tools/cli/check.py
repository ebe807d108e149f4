"""``python -m skill check``: the offline model check, before Amazon's build.

Prints one line per problem (file: intent: "utterance": what is wrong) and
exits 1 when there is any; warnings are printed too, as "warning: ..." lines,
and do not fail the check. Otherwise prints a one-line summary and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from skill.config import CONTENT_DIR_ENV, DEFAULT_CONTENT_DIR, ROOT_DIR, Settings


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check the interaction model, skill.json and content offline",
        description=(
            "Check the skill package (ask-resources.json, skill.json, the interaction "
            "models) and every content file against Amazon's build and certification "
            "rules. Exits 1 and prints one line per problem if anything is wrong."
        ),
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project folder holding ask-resources.json (default: this checkout)",
    )
    parser.add_argument(
        "--content-dir",
        type=Path,
        default=None,
        help=f"content folder (default: ${CONTENT_DIR_ENV}, else <root>/content)",
    )
    parser.set_defaults(func=run)


def content_dir_for(args: argparse.Namespace, settings: Settings) -> Path | None:
    """--content-dir, else the configured folder when it was set, else <root>/content."""
    if args.content_dir is not None:
        return Path(args.content_dir)
    return settings.content_dir if settings.content_dir != DEFAULT_CONTENT_DIR else None


def run(args: argparse.Namespace) -> int:
    from skill.tools.model_check import check_project

    report = check_project(args.root or ROOT_DIR, content_dir_for(args, Settings.from_environ()))
    for problem in report.problems:
        print(problem)
    for warning in report.warnings:
        print(f"warning: {warning}")
    if not report.ok:
        count = len(report.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    print(
        f"ok: {report.models} interaction model(s), {report.samples} samples, "
        f"{report.content_files} content file(s)"
        + (f", {len(report.warnings)} warning(s)" if report.warnings else "")
    )
    return 0
