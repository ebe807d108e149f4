"""No surprises on the classroom page: words typed are never lost, too long is said, a reload
says it starts again, and English names in Spanish text are marked as English."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from skill.content import default_library
from skill.tools.classroom import create_classroom_app
from skill.tools.classroom.protocol import MAX_TEXT_CHARS
from skill.tools.classroom.server import address, classroom_server
from tests.browser import chromium

if (_missing := chromium.missing()) is not None:
    chromium.unavailable(_missing, module=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.classroom import serving  # noqa: E402
from tests.locales import expected  # noqa: E402

ENGLISH = default_library().for_locale("en-US")
SPANISH = default_library().for_locale("es-US")


@pytest.fixture(scope="module")
def own_url() -> Iterator[str]:
    """A server of this module's own, so that its quiz rounds leave the shared one's alone."""
    with serving(create_classroom_app({"RNG": random.Random(23)})) as url:
        yield url


def new_page(browser: Any, url: str, locale: str = "en-US") -> tuple[Page, list[str]]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale=locale, reduced_motion="reduce"
    )
    page = context.new_page()
    page.add_init_script("window.speechSynthesis && (window.speechSynthesis.speak = () => {});")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def type_and_send(page: Page, text: str) -> None:
    page.locator("#said").fill(text)
    page.locator("#said").press("Enter")


class Restartable:
    """A classroom server that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.app = create_classroom_app({"RNG": random.Random(3)})
        self.port = 0
        self.server: Any = None

    def start(self) -> str:
        self.server = classroom_server(self.app, "127.0.0.1", self.port)
        self.port = self.server.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return address(self.server)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_words_typed_while_the_server_is_down_stay_in_the_box(browser: Any) -> None:
    room = Restartable()
    url = room.start()
    try:
        page, errors = new_page(browser, url)
        type_and_send(page, "open")
        expect(page.locator("#transcript .turn.skill")).to_have_count(1)
        room.stop()

        type_and_send(page, "what are the risk factors")
        notes = page.locator("#transcript .turn.note .said")
        expect(notes).to_have_text([ENGLISH.classroom["failed"]])
        expect(page.locator("#said")).to_have_value("what are the risk factors")
        expect(page.locator("#said-error")).to_have_text(ENGLISH.classroom["kept"])
        expect(page.locator("#said")).to_be_focused()

        room.start()  # the teacher starts it again; Enter sends the same words
        page.locator("#said").press("Enter")
        answer = page.locator("#transcript .turn.skill .said").last
        expect(answer).to_contain_text(ENGLISH.topic("risk_factors").pages[0].lead[0])
        expect(page.locator("#said")).to_have_value("")
        expect(page.locator("#said-error")).to_be_hidden()
        expect(page.locator("#display-title")).to_have_text(ENGLISH.topic("risk_factors").title)
        assert [e for e in errors if "fetch" not in e.lower()] == []
        page.context.close()
    finally:
        room.stop()


def test_an_entry_over_the_limit_is_refused_with_a_message_and_kept(
    browser: Any, own_url: str
) -> None:
    page, errors = new_page(browser, own_url)
    turns: list[str] = []
    page.on("request", lambda request: "/api/turn" in request.url and turns.append(request.url))
    long_text = "what are the risk factors " * 24  # 624 characters
    type_and_send(page, long_text[:600])
    error = page.locator("#said-error")
    expect(error).to_be_visible()
    expect(error).to_have_text(f"{ENGLISH.classroom['too_long']} (600 / {MAX_TEXT_CHARS})")
    expect(page.locator("#said")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#said")).to_have_value(long_text[:600].strip())
    expect(page.locator("#transcript .turn")).to_have_count(0)
    assert turns == []
    # Shortened, it is sent, and the message goes.
    type_and_send(page, "what are the risk factors")
    expect(page.locator("#transcript .turn.skill")).to_have_count(1)
    expect(error).to_be_hidden()
    assert errors == []
    page.context.close()


def test_a_reload_says_the_conversation_starts_again(browser: Any, own_url: str) -> None:
    page, errors = new_page(browser, own_url)
    expect(page.locator("#reloaded")).to_be_hidden()
    page.locator("#start").click()
    expect(page.locator("#transcript .turn.skill")).to_have_count(1)
    expect(page.locator("#start")).to_be_hidden()
    page.reload()
    expect(page.locator("#reloaded")).to_be_visible()
    expect(page.locator("#reloaded")).to_have_text(ENGLISH.classroom["reloaded"])
    expect(page.locator("#start")).to_be_visible()
    expect(page.locator("#transcript .turn")).to_have_count(0)
    page.locator("#start-quiz").click()  # starting again: the note goes
    expect(page.locator("#display-body .choices button").first).to_be_visible()
    expect(page.locator("#reloaded")).to_be_hidden()
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_start_the_lesson_begins_with_the_definition(
    browser: Any, own_url: str, locale: str
) -> None:
    """The start screen's lesson button says what starts the lesson, as the class would."""
    content = SPANISH if locale == "es-US" else ENGLISH
    page, errors = new_page(browser, own_url, locale)
    button = page.locator("#start-lesson")
    expect(button).to_have_text(content.classroom["start_lesson"])
    button.click()
    expect(page.locator("#transcript .turn.you .said")).to_have_text(
        [content.classroom["start_lesson_says"]]
    )
    expect(page.locator("#display")).to_be_visible()
    expect(page.locator("#display")).to_contain_text(content.topic("definition").title)
    assert errors == []
    page.context.close()


def test_english_names_in_spanish_text_are_marked_as_english(browser: Any, own_url: str) -> None:
    page, errors = new_page(browser, own_url, "es-US")
    expect(page.locator("html")).to_have_attribute("lang", "es-US")
    type_and_send(page, expected("es-US").quiz.moves["i need help"])
    answer = page.locator("#transcript .turn.skill .said").last
    expect(answer.locator('span[lang="en"]').first).to_have_text("BEFREE")
    expect(answer.locator("span.nowrap").first).to_have_text(SPANISH.numbers["hotline_phone"].value)
    expect(page.locator('#display-body .resources dd span[lang="en"]')).to_have_text(["BEFREE"])
    assert errors == []
    page.context.close()


def test_an_english_page_marks_no_language(browser: Any, own_url: str) -> None:
    page, errors = new_page(browser, own_url)
    type_and_send(page, "I need help")
    expect(page.locator("#transcript .turn.skill .said")).to_contain_text("BEFREE")
    expect(page.locator("[lang]:not(html)")).to_have_count(0)
    assert errors == []
    page.context.close()
