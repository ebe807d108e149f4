"""python -m tests.snapshots [check | dump DIR]: see tests/snapshots/__init__.py."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.snapshots import check, dump, write


def main(argv: list[str]) -> int:
    if not argv:
        write()
        return 0
    if argv[0] == "check" and len(argv) == 1:
        return 1 if check() else 0
    if argv[0] == "dump" and len(argv) == 2:
        dump(Path(argv[1]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
