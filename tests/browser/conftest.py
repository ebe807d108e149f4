"""Headless Chromium from Debian, driven by Playwright, against a classroom server on loopback."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.tools.classroom import create_classroom_app
from tests.browser import chromium
from tests.classroom import serving

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            # Playwright gives the browser a fresh, empty --user-data-dir of its own.
            launched = playwright.chromium.launch(
                executable_path=chromium.executable(), headless=True, args=chromium.FLAGS
            )
        except Exception as exc:  # noqa: BLE001 - any failure to start means: no browser here
            lines = str(exc).strip().splitlines() or [type(exc).__name__]
            chromium.unavailable(f"chromium could not start: {lines[0]}")
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        chromium.unavailable("axe-core is not installed: npm ci --prefix tests/browser")
    return AXE


@pytest.fixture(scope="session")
def classroom_url() -> Iterator[str]:
    with serving(create_classroom_app({"RNG": random.Random(1234)})) as url:
        yield url
