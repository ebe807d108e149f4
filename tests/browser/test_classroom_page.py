"""The classroom page in a real browser: a conversation typed, spoken and shown, and axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from skill.content import Content
from tests.browser import chromium

if (_missing := chromium.missing()) is not None:
    chromium.unavailable(_missing, module=True)

from playwright.sync_api import Page, expect  # noqa: E402

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "classroom.png"
VIEWPORT = {"width": 1280, "height": 800}  # a common projector resolution
PAUSES = 10_000  # page time (ms) to let an answer's speech and pauses run to the end

# Before the page loads: record what it asks the browser to say (headless Chromium
# has no audio), end each utterance at once, and record any CSP violation.
SPY = """
window.__spoken = [];
window.__answered = 0;
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => {
    window.__spoken.push({ text: utterance.text, at: performance.now() });
    setTimeout(() => utterance.onend && utterance.onend(new Event("end")), 0);
  };
  window.speechSynthesis.cancel = () => {};
}
"""
NO_RECOGNITION = "delete window.SpeechRecognition; delete window.webkitSpeechRecognition;"


def open_page(
    browser: Any, url: str, *scripts: str, bypass_csp: bool = False, clock: bool = False
) -> tuple[Page, list[str]]:
    """A fresh browser context on the page. ``clock``: the page's timers run only
    when the test moves time on (``page.clock.run_for``), so pauses take no real time."""
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=bypass_csp, reduced_motion="reduce")
    page = context.new_page()
    if clock:
        page.clock.install()
    for script in (SPY, *scripts):
        page.add_init_script(script)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def ask(page: Page, text: str) -> str:
    """Type ``text`` and press Enter, as a teacher would; the answer shown."""
    answers = page.locator("#transcript .turn.skill")
    before = answers.count()
    page.evaluate("window.__answered = window.__spoken.length")
    page.locator("#said").fill(text)
    page.locator("#said").press("Enter")
    expect(answers).to_have_count(before + 1)
    return answers.last.locator(".said").inner_text()


def spoken(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate("window.__spoken")
    return result


def wait_until_spoken(page: Page, text: str) -> None:
    """Wait until the latest answer has been spoken up to ``text``."""
    page.wait_for_function(
        "(text) => window.__spoken.slice(window.__answered).some((u) => u.text === text)",
        arg=text,
        timeout=10_000,
    )


def assert_hotline_on_screen(page: Page, content: Content) -> None:
    hotline = page.locator("#hotline")
    expect(hotline).to_be_visible()
    expect(hotline).to_contain_text(content.numbers["hotline_phone"].value)
    expect(hotline).to_contain_text(content.numbers["hotline_text"].value)
    box = hotline.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"] + 0.5
    # Nothing covers it: the element at its middle is the hotline itself.
    covered = page.evaluate(
        """([x, y]) => !document.getElementById("hotline").contains(document.elementFromPoint(x, y))""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert not covered


def risk_items(content: Content) -> list[str]:
    return [item for p in content.topic("risk_factors").pages for item in p.items]


def test_a_conversation_typed_spoken_and_shown(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url, clock=True)
    items = risk_items(content)
    topic = content.topic("risk_factors")
    assert_hotline_on_screen(page, content)
    expect(page.locator("#said")).to_be_focused()

    first = ask(page, "what are the risk factors")
    page.clock.run_for(PAUSES)
    assert first.startswith(topic.pages[0].lead[0])
    assert not any(item in first for item in items)  # the lead sentences have a turn of their own
    expect(page.locator("#announce")).to_have_text(first)
    expect(page.locator("#display-title")).to_have_text(topic.title)
    wait_until_spoken(page, topic.pages[0].question)
    assert_hotline_on_screen(page, content)

    more = ask(page, "yes")
    page.clock.run_for(PAUSES)
    assert all(item in more for item in items[:3]) and items[3] not in more
    wait_until_spoken(page, topic.pages[1].question)
    assert_hotline_on_screen(page, content)

    help_answer = ask(page, "I need help")
    page.clock.run_for(PAUSES)
    assert help_answer.startswith(content.help.situations["info"].lines[0].split("{")[0])
    assert content.numbers["hotline_phone"].value in help_answer
    expect(page.locator("#display-title")).to_have_text(content.help.title)
    resume = content.fill(content.help.resume, title=topic.title)
    wait_until_spoken(page, resume)
    assert_hotline_on_screen(page, content)

    resumed = ask(page, "next")
    page.clock.run_for(PAUSES)
    assert all(item in resumed for item in items[3:6]) and items[6] not in resumed
    expect(page.locator("#announce")).to_have_text(resumed)
    wait_until_spoken(page, topic.pages[2].question)
    assert_hotline_on_screen(page, content)

    # The transcript: each question, then its answer, in order.
    turns = page.locator("#transcript .turn")
    whos = turns.locator(".who").all_inner_texts()
    said = turns.locator(".said").all_inner_texts()
    assert said[0::2] == ["what are the risk factors", "yes", "I need help", "next"]
    assert said[1::2] == [first, more, help_answer, resumed]
    assert whos == ["You", content.skill_name] * 4

    # What the browser was asked to say: one utterance per sentence or item, numbers
    # digit by digit, and the item pauses kept.
    utterances = spoken(page)
    texts = [u["text"] for u in utterances]
    for item in items[:6]:
        assert item + "." in texts, item
    hotline_said = " ".join(texts)
    assert "1, 8 8 8, 3 7 3, 7 8 8 8" in hotline_said and "2 3 3 7 3 3" in hotline_said
    assert "1-888-373-7888" not in hotline_said
    at = {u["text"]: u["at"] for u in utterances}
    lead, first_item, second_item = topic.pages[1].lead[-1], items[0] + ".", items[1] + "."
    assert at[second_item] - at[first_item] >= 400  # <break time="400ms"/> between items
    assert at[first_item] - at[lead] < 400  # no break between sentences

    assert page.evaluate("window.__csp") == []
    assert errors == []
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    page.context.close()


def test_everything_works_from_the_keyboard(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url)
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert {"speaker", "restart", "said", "send", "mic", "transcript"} <= set(reached)

    page.locator("#speaker").focus()
    page.keyboard.press("Space")
    expect(page.locator("#speaker")).to_have_attribute("aria-pressed", "false")
    page.locator("#said").focus()
    page.keyboard.type("open")
    page.keyboard.press("Enter")
    expect(page.locator("#transcript .turn.skill .said")).to_have_text([content.prompts["welcome"]])
    assert spoken(page) == []  # the speaker is off

    page.locator("#speaker").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#speaker")).to_have_attribute("aria-pressed", "true")
    page.evaluate("window.__answered = window.__spoken.length")
    page.locator("#said").fill("I need help")
    page.locator("#send").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#transcript .turn.skill")).to_have_count(2)
    wait_until_spoken(page, content.help.question_open)

    page.locator("#restart").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#transcript .turn")).to_have_count(0)
    expect(page.locator("#said")).to_be_focused()
    assert errors == []
    page.context.close()


def test_the_microphone_appears_only_where_the_browser_can_listen(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, _ = open_page(browser, classroom_url)
    expect(page.locator("#mic")).to_be_visible()
    expect(page.locator("#mic-note")).to_be_visible()
    page.context.close()

    page, errors = open_page(browser, classroom_url, NO_RECOGNITION)
    expect(page.locator("#mic")).to_be_hidden()
    expect(page.locator("#mic-note")).to_be_hidden()
    assert ask(page, "open") == content.prompts["welcome"]
    assert errors == []
    page.context.close()


SCREEN_REPLY = {
    "text": "Unsupervised online time.",
    "segments": [{"text": "Unsupervised online time.", "pause_ms": 0}],
    "card": {"title": "Youth at risk", "text": "• Unsupervised online time"},
    "screen": {
        "riskPage": {
            "type": "object",
            "properties": {
                "title": "Youth at risk",
                "items": [
                    {"number": 5, "text": "Unsupervised online time"},
                    {"number": 6, "text": "Focusing on friendships and connections made online"},
                ],
                "position": "5 to 6 of 11",
            },
        }
    },
    "attributes": {},
    "ended": False,
}


def test_screen_content_is_shown_large_with_its_numbers_and_axe_finds_nothing(
    browser: Any, classroom_url: str, axe_script: Path
) -> None:
    # axe-core is injected as a script of its own, which the page's CSP would refuse.
    page, errors = open_page(browser, classroom_url, bypass_csp=True)

    def violations() -> list[str]:
        page.add_script_tag(path=str(axe_script))
        found: list[dict[str, Any]] = page.evaluate(
            "async () => (await axe.run(document)).violations"
        )
        return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]

    assert violations() == []  # the page as it opens
    ask(page, "what are the risk factors")
    expect(page.locator("#display")).to_be_visible()
    assert violations() == []  # mid-conversation, with a card shown

    page.route(
        "**/api/turn",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(SCREEN_REPLY)
        ),
    )
    ask(page, "yes")
    expect(page.locator("#display-title")).to_have_text("Youth at risk")
    entries = page.locator("#display-body ol li")
    expect(entries).to_have_text(
        ["Unsupervised online time", "Focusing on friendships and connections made online"]
    )
    assert entries.evaluate_all("(items) => items.map((item) => item.value)") == [5, 6]
    expect(page.locator("#display-position")).to_have_text("5 to 6 of 11")
    size = float(entries.first.evaluate("(item) => getComputedStyle(item).fontSize")[:-2])
    assert size >= 24  # large: readable from the back of a room
    assert violations() == []  # with screen content
    assert errors == []
    page.context.close()
