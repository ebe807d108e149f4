"""Finding Debian's Chromium and Playwright, and saying in one line why a browser test cannot run.

Playwright's own browser download is never used: the browser is the system's
``chromium`` (``apt-get install -y chromium``), started with flags that keep it
off the network. Where Playwright or Chromium is missing, or Chromium cannot
start, the browser tests skip with one line saying why; with
``REQUIRE_BROWSER_TESTS=1`` (set in CI) that is a failure instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM_ENV = "CHROMIUM"
REQUIRE_ENV = "REQUIRE_BROWSER_TESTS"
# As root, on a closed network: no sandbox, and nothing that reaches outside hosts.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable() -> str | None:
    """Chromium's path: $CHROMIUM, else chromium on the PATH."""
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed: pip install -e '.[test]'"
    if executable() is None:
        return "chromium is not installed: apt-get install -y chromium"
    return None


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def unavailable(reason: str, *, module: bool = False) -> NoReturn:
    """Skip (or, where the browser tests are required, fail) with one line."""
    if required():
        pytest.fail(f"browser tests required ({REQUIRE_ENV}=1) but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module)
