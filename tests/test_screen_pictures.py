"""docs/screens/render.py, which draws the README's screen pictures, shows the real screen's words."""

from __future__ import annotations

import importlib.util
import re
import sys
from html import unescape
from types import ModuleType

import pytest

from tests import ROOT

RENDER = ROOT / "docs" / "screens" / "render.py"


@pytest.fixture(scope="module")
def render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screen_pictures", RENDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def visible_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_risk_factor_picture_shows_the_page_as_spoken(render: ModuleType) -> None:
    viewport = render.VIEWPORTS["hub-landscape-medium"]
    page = render.page_html(render.load("risk-factors-middle"), viewport, "item-5")
    assert visible_text(page) == (
        "Youth at risk 4 to 6 of 11 "
        "4. Lack of a strong social network 5. Unsupervised online time "
        "6. Focusing on friendships and connections made online "
        'Want to hear more risk factors? Try "Alexa, next" '
        "Need help? Call 1-888-373-7888 or text 233733 (BEFREE). Back More Get help"
    )
    # Only the item being spoken is highlighted.
    assert page.count("background-color:#FFD23F") == 1


def test_the_help_picture_shows_every_number(render: ModuleType) -> None:
    viewport = render.VIEWPORTS["hub-landscape-medium"]
    text = visible_text(render.page_html(render.load("help"), viewport, None))
    for number in ("1-888-373-7888", "233733 (BEFREE)", "911", "1-800-392-3738"):
        assert number in text
    assert text.startswith("How to get help National Human Trafficking Hotline 1-888-373-7888")
    assert text.endswith("Need help? Call 1-888-373-7888 or text 233733 (BEFREE).")
    assert "Get help" not in text


def test_the_round_screen_is_drawn_as_a_circle(render: ModuleType) -> None:
    viewport = render.VIEWPORTS["hub-round-small"]
    assert "clip-path:circle(50%)" in render.page_html(render.load("menu"), viewport, None)


def test_the_quiz_picture_shows_the_question_and_its_moves_beside_its_choices(
    render: ModuleType,
) -> None:
    viewport = render.VIEWPORTS["hub-landscape-medium"]
    assert ("screen-quiz-1024x600.png", "quiz-answered", "hub-landscape-medium", None) in (
        render.README_PICTURES
    )
    page = render.page_html(render.load("quiz-answered"), viewport, None)
    assert visible_text(page) == (
        "Safety quiz Question 4 of 5 "
        "That's right! It's false. Traffickers often prey on vulnerable youth. "
        "What should you do with explicit images someone sends you? "
        "Skip Repeat Score End quiz "
        "A: Share them with friends B: Delete, don't share or forward C: Post them online "
        "A, B, or C? "
        "Need help? Call 1-888-373-7888 or text 233733 (BEFREE). Get help"
    )
    assert "More" not in visible_text(page) and "Back" not in visible_text(page)
    # Nothing is chosen yet: every choice is shown whole.
    assert "opacity:" not in page
