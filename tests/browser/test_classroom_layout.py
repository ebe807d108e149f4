"""The classroom page at every size, in every language: nothing that matters is ever cut off.

In each locale a class goes through the start, a list page, the help screen, a
quiz question and a quiz score, and each screen is measured in each window (a
1080p projector, 1280 × 800 and 1280 × 720 projectors, a 1024 × 600 netbook and
a 390 × 844 phone; the window resized, as when a projector is plugged in, which
also makes one conversation per locale enough). On each screen,
every item, the question, every choice, the score and every button is inside
the window, not covered by anything (the element at its centre is itself or
one of its children), and not cut off by a box that clips; the page never
scrolls sideways; the screen's panel shows all it holds (no scrolling inside
it) where the page does not scroll; and no number breaks across two lines.
axe-core checks the same screens at 1920 and 390 wide.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.content import default_library
from skill.tools.classroom import create_classroom_app
from tests import ROOT
from tests.browser import chromium

if (_missing := chromium.missing()) is not None:
    chromium.unavailable(_missing, module=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.classroom import serving  # noqa: E402
from tests.locales import expected  # noqa: E402

IMAGES = ROOT / "docs" / "images"
QUIZ_SCREENSHOT = IMAGES / "classroom-quiz-1024x600.png"
SIZES = [(1920, 1080), (1280, 800), (1280, 720), (1024, 600), (390, 844)]
AXE_WIDTHS = frozenset({1920, 390})
NARROW = 700  # px: at this width and below the page scrolls (classroom.css)

# What must be seen on a screen, whole: the skill's screen and the page's own controls.
MUST_SEE = (
    "#display-title",
    "#display-position:not(:empty)",
    "#display-body li.item",
    "#display-body .lead p",
    "#display-body .question",
    "#display-body .choices button",
    "#display-body .score",
    "#display-body .encouragement",
    "#display-body .prompt",
    "#display-body .resources dt",
    "#display-body .resources dd",
    "#display-buttons button",
    "#said",
    "#send",
    "#restart",
    "#hotline .hotline-number",
    "#hotline .hotline-emergency",
)
# The start: Start and the quiz, then, perhaps scrolled to, every help line.
START = ("#start", "#start-lesson", "#start-quiz")
HELP_LINES = ("#help-lines dt", "#help-lines dd")
# Numbers that must stay on one line.
NUMBERS = ("#display-body .resources dd", "#hotline .hotline-number", ".nowrap", ".number-text")

# Runs in the page: what is wrong with the elements ``selectors`` find, as sentences.
PROBLEMS = """
([selectors, numbers, narrow, reached]) => {
  const problems = [];
  const root = document.documentElement;
  const width = root.clientWidth, height = window.innerHeight;
  const name = (el) => (el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + el.className)
    + " \\"" + el.textContent.trim().slice(0, 30) + "\\"";
  if (root.scrollWidth > width + 1) problems.push("the page scrolls sideways");
  const body = document.getElementById("display-body");
  if (!narrow && body.offsetParent && body.scrollHeight > body.clientHeight + 1) {
    problems.push(`the screen holds ${body.scrollHeight}px but shows ${body.clientHeight}px`);
  }
  const clippers = (el) => {
    const found = [];
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== "visible" || style.overflowY !== "visible") found.push(a);
    }
    return found;
  };
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.getClientRects().length) continue;  // not on this screen
      // Only the page itself scrolls (a phone): bring the element into the window.
      // and what may be scrolled to (the start's help lines, under the input row).
      if (narrow || reached.some((s) => el.matches(s))) {
        el.scrollIntoView({ block: "center", inline: "nearest" });
      }
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) { problems.push(name(el) + " has no size"); continue; }
      if (r.left < -0.5 || r.top < -0.5 || r.right > width + 0.5 || r.bottom > height + 0.5) {
        problems.push(`${name(el)} is outside the window (${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)})`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit))) {
        problems.push(`${name(el)} is covered by ${hit ? name(hit) : "nothing"}`);
      }
      for (const box of clippers(el)) {
        const b = box.getBoundingClientRect();
        if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || r.left < b.left - 0.5 || r.right > b.right + 0.5) {
          problems.push(`${name(el)} is cut off by ${name(box)}`);
        }
      }
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
        problems.push(`${name(el)} cuts its own text`);
      }
    }
  }
  for (const selector of numbers) {
    for (const el of document.querySelectorAll(selector)) {
      if (!el.getClientRects().length) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (tops.size > 1) problems.push(`${name(el)} breaks across ${tops.size} lines`);
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def own_url() -> Iterator[str]:
    """A server of this module's own, so that its quiz rounds leave the shared one's alone."""
    with serving(create_classroom_app({"RNG": random.Random(22)})) as url:
        yield url


def problems(page: Page, narrow: bool, reached: tuple[str, ...] = ()) -> list[str]:
    """What is wrong on the page as shown; ``reached``: what may be scrolled to first."""
    selectors = [*MUST_SEE, *START, *reached]
    found: list[str] = page.evaluate(PROBLEMS, [selectors, list(NUMBERS), narrow, list(reached)])
    return found


def violations(page: Page, axe_script: Path) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    found: list[dict[str, Any]] = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


def answered(page: Page, act: Any) -> None:
    """Do ``act`` (type or tap), and wait for the skill's answer to be shown."""
    answers = page.locator("#transcript .turn.skill")
    before = answers.count()
    act()
    expect(answers).to_have_count(before + 1)


def say(page: Page, text: str) -> None:
    def typed() -> None:
        page.locator("#said").fill(text)
        page.locator("#said").press("Enter")

    answered(page, typed)


def at_each_size(
    page: Page, axe_script: Path, reached: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """What is wrong on the screen shown, at each size of SIZES (the window resized)."""
    found: dict[str, list[str]] = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        # Two frames: the page has had its resize event and laid itself out again.
        page.evaluate(
            """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
              window.scrollTo(0, 0);
              document.querySelector("main").scrollTop = 0;
              done();
            })))"""
        )
        wrong = problems(page, width <= NARROW, reached)
        if width in AXE_WIDTHS:
            wrong += violations(page, axe_script)
        if wrong:
            found[f"{width}x{height}"] = wrong
    return found


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_nothing_that_matters_is_cut_off(
    browser: Any, own_url: str, axe_script: Path, locale: str
) -> None:
    content = default_library().for_locale(locale)
    moves = expected(locale).quiz.moves
    width, height = SIZES[0]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale=locale,
        reduced_motion="reduce",
        bypass_csp=True,  # axe-core is injected as a script of its own
    )
    page = context.new_page()
    page.add_init_script("window.speechSynthesis && (window.speechSynthesis.speak = () => {});")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(own_url)
    expect(page.locator("html")).to_have_attribute("lang", locale)
    seen: dict[str, dict[str, list[str]]] = {}

    # The start: what this is, Start and the quiz, and the help lines.
    expect(page.locator("#start")).to_be_visible()
    expect(page.locator("#help-lines dd")).to_have_count(len(content.screen.resources))
    seen["the start"] = at_each_size(page, axe_script, HELP_LINES)
    page.locator("#said").focus()

    say(page, moves["who is at risk"])
    say(page, moves["yes"])
    expect(page.locator("#display-body li.item")).to_have_count(3)
    seen["a list page"] = at_each_size(page, axe_script)

    say(page, moves["i need help"])
    expect(page.locator("#display-body .resources dd")).to_have_count(len(content.screen.resources))
    seen["the help screen"] = at_each_size(page, axe_script)

    say(page, moves["start"])
    expect(page.locator("#display-body .choices button").first).to_be_enabled()
    # A question with three choices, where one can be had: the longest screen.
    for _ in range(content.quiz.round_size - 1):
        if page.locator("#display-body .choices button").count() == 3:
            break
        answered(page, lambda: page.locator("#display-body .choices button").first.click())
    seen["a quiz question"] = at_each_size(page, axe_script)
    if locale == "en-US":
        page.set_viewport_size({"width": 1024, "height": 600})
        expect(page.locator("#display-body .choices button").first).to_be_in_viewport(ratio=1)
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(QUIZ_SCREENSHOT))
    while page.locator("#display-body .score").count() == 0:
        answered(page, lambda: page.locator("#display-body .choices button").first.click())
    seen["the quiz score"] = at_each_size(page, axe_script)

    assert errors == []
    assert {screen: found for screen, found in seen.items() if found} == {}
    context.close()


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_quiz_buttons_do_what_saying_them_does(browser: Any, own_url: str, locale: str) -> None:
    """Beside an open question: Score and Repeat keep it open, Skip gives the
    answer and the next question, End quiz gives the score and the menu, the session open."""
    content = default_library().for_locale(locale)
    quiz, labels = content.quiz, content.screen.quiz_buttons
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=locale)
    page = context.new_page()
    page.add_init_script("window.speechSynthesis && (window.speechSynthesis.speak = () => {});")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(own_url)
    page.locator("#start-quiz").click()
    buttons = page.locator("#display-buttons button")
    expect(buttons).to_have_text(
        [
            labels["pass"],
            labels["repeat"],
            labels["score"],
            labels["end_quiz"],
            content.screen.buttons["help"],
        ]
    )
    position = page.locator("#display-position")
    first = content.fill(content.screen.quiz_position, number=1, total=quiz.round_size)
    expect(position).to_have_text(first)
    question = page.locator("#display-body .question").inner_text()

    def tap(name: str) -> str:
        answered(page, lambda: buttons.filter(has_text=labels[name]).click())
        said: str = page.locator("#transcript .turn.skill").last.locator(".said").inner_text()
        return said

    scored = tap("score")
    assert scored.startswith(content.fill(quiz.prompt("so_far_none"), left=quiz.round_size))
    expect(page.locator("#display-body .question")).to_have_text(question)
    tap("repeat")
    expect(page.locator("#display-body .question")).to_have_text(question)
    expect(position).to_have_text(first)
    skipped = tap("pass")
    assert skipped.startswith(quiz.prompt("skip")), skipped
    second = content.fill(content.screen.quiz_position, number=2, total=quiz.round_size)
    expect(position).to_have_text(second)
    ended = tap("end_quiz")
    assert ended.startswith(content.fill(quiz.prompt("left"), score=0, total=1)), ended
    expect(page.locator("#display-body .choices")).to_have_count(0)
    expect(buttons.filter(has_text=labels["end_quiz"])).to_have_count(0)
    assert errors == []
    context.close()
