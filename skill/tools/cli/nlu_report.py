"""``python -m skill nlu-report``: seen and held-out understanding, per locale (see README)."""

from __future__ import annotations

import argparse
from typing import Any

from skill.tools import nlu_report
from skill.tools.nlu import RecognizerError, available_locales, load_recognizer


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "nlu-report",
        help="measure the recogniser on the seen, held-out and out-of-domain phrasings",
        description="Per locale: seen and held-out rates apart, per-intent figures, confusions.",
    )
    parser.add_argument("--locale", action="append", help="only this locale (may repeat)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    locales = args.locale or available_locales()
    for locale in locales:
        try:
            rec = load_recognizer(locale)
        except RecognizerError as exc:
            print(f"error: {exc}")
            return 1
        print("\n".join(nlu_report.locale_report(rec, locale)))
    return 0
