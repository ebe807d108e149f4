"""``python -m skill package-lambda``: build the AWS Lambda zip (skill/tools/lambda_package.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from skill.tools.lambda_package import HANDLER, PLATFORMS, PackageError, Target, running_python


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "package-lambda",
        help="build the AWS Lambda zip: the runtime, the content and its dependencies",
        description=(
            "Build the zip to upload to AWS Lambda: the runtime modules (no tools, no web "
            "server), the content, ask-sdk-core and PyYAML for the target Python and "
            "platform, every module compiled. For the Python running this command it copies "
            "the installed dependencies (no network); for another, it downloads wheels with "
            "pip and needs that version's interpreter (python3.X) to compile."
        ),
    )
    parser.add_argument(
        "--python",
        default=running_python(),
        metavar="X.Y",
        help=f"the Lambda runtime's Python version (default {running_python()}, this one)",
    )
    parser.add_argument(
        "--arch",
        choices=sorted(PLATFORMS),
        default="x86_64",
        help="the Lambda function's architecture (default x86_64)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("dist") / "lambda.zip",
        help="where to write the zip (default dist/lambda.zip)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from skill.tools.lambda_package import build

    target = Target(python=args.python, platform=PLATFORMS[args.arch])
    try:
        built = build(args.output, target)
    except PackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    source = "copied from this environment" if built.copied else "installed by pip"
    dependencies = ", ".join(f"{name} {version}" for name, version in built.distributions)
    print(f"wrote {built.path}: {built.size / 1e6:.1f} MB, {built.files} files")
    print(f"  for {target.runtime} on {args.arch}; dependencies {source}: {dependencies}")
    print(f"  Lambda handler: {HANDLER}; runtime: {target.runtime}")
    return 0
