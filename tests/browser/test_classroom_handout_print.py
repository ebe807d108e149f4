"""The handout printed by Chromium: one Letter page, in each language, with room for more help lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.content import load_library
from skill.tools.classroom.handout import render_handout
from tests import CONTENT_DIR
from tests.browser import chromium

if (_missing := chromium.missing()) is not None:
    chromium.unavailable(_missing, module=True)

ADDED_LINES = 1  # room kept for this many more help lines


def printed_pages(browser: Any, html: str) -> int:
    page = browser.new_page()
    page.set_content(html)
    pdf: bytes = page.pdf(format="Letter")
    page.close()
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def with_more_help_lines(tmp_path: Path, locale: str) -> str:
    """The handout of a content file with ADDED_LINES more help lines."""
    data = yaml.safe_load((CONTENT_DIR / f"{locale}.yaml").read_text(encoding="utf-8"))
    # Lines like the first ones: a long name, and a card line saying to call it.
    label, line = data["screen"]["resources"][0]["label"], data["help"]["card"][0]
    for n in range(ADDED_LINES):
        data["numbers"][f"added_{n}"] = {"value": f"1-800-555-010{n}", "say_as": "telephone"}
        data["screen"]["resources"].append({"label": label, "value": f"{{added_{n}}}"})
        data["help"]["card"].append(f"{line} {{added_{n}}}.")
    for other in CONTENT_DIR.glob("*.yaml"):  # the library needs its default locale too
        (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{locale}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return render_handout(load_library(tmp_path).for_locale(locale))


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_handout_prints_on_one_page(browser: Any, tmp_path: Path, locale: str) -> None:
    content = load_library().for_locale(locale)
    assert printed_pages(browser, render_handout(content)) == 1
    assert printed_pages(browser, with_more_help_lines(tmp_path, locale)) == 1


def test_the_served_handout_keeps_its_style_under_the_pages_policy(
    browser: Any, classroom_url: str
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    page.goto(classroom_url + "handout/teacher")
    size = page.evaluate("getComputedStyle(document.querySelector('.lines dd')).fontSize")
    assert float(size[:-2]) > 20  # the help numbers large, as the style makes them
    assert refused == []
    page.close()
