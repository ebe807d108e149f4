"""``python -m skill``: the command line, which lives with the tools (:mod:`skill.tools.cli`)."""

from __future__ import annotations

import sys

from skill.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
