"""``python -m skill check``: the offline model check, before Amazon's build.

Prints one line per problem (file: intent: "utterance": what is wrong) and
exits 1 when there is any; prints a one-line summary and exits 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from skill.content import CONTENT_DIR_ENV

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


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
        default=PROJECT_ROOT,
        help="project folder holding ask-resources.json (default: this checkout)",
    )
    parser.add_argument(
        "--content-dir",
        type=Path,
        default=None,
        help=f"content folder (default: ${CONTENT_DIR_ENV}, else <root>/content)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from skill.model_check import check_project

    content_dir = args.content_dir
    if content_dir is None and os.environ.get(CONTENT_DIR_ENV):
        content_dir = Path(os.environ[CONTENT_DIR_ENV])
    report = check_project(args.root, content_dir)
    for problem in report.problems:
        print(problem)
    if not report.ok:
        count = len(report.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    print(
        f"ok: {report.models} interaction model(s), {report.samples} samples, "
        f"{report.content_files} content file(s)"
    )
    return 0
