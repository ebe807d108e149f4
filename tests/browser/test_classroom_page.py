"""The classroom page in a real browser: a conversation typed, spoken and shown, and axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from skill.content import Content, Question
from tests import ROOT
from tests.browser import chromium

if (_missing := chromium.missing()) is not None:
    chromium.unavailable(_missing, module=True)

from playwright.sync_api import Page, expect  # noqa: E402

from tests.locales import pinned_locale

# The English page in a browser.
locale = pinned_locale()

SCREENSHOT = ROOT / "docs" / "images" / "classroom.png"
VIEWPORT = {"width": 1920, "height": 1080}  # a 1080p projector
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
    browser: Any,
    url: str,
    *scripts: str,
    bypass_csp: bool = False,
    clock: bool = False,
    viewport: dict[str, int] = VIEWPORT,
) -> tuple[Page, list[str]]:
    """A fresh browser context on the page. ``clock``: the page's timers run only
    when the test moves time on (``page.clock.run_for``), so pauses take no real time."""
    context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp, reduced_motion="reduce")
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


def press(page: Page, name: str) -> str:
    """Click the screen's button called ``name``, as a student would; the answer shown."""
    answers = page.locator("#transcript .turn.skill")
    before = answers.count()
    page.evaluate("window.__answered = window.__spoken.length")
    page.locator("#display").get_by_role("button", name=name, exact=True).click()
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


def said_since_the_question(page: Page) -> list[str]:
    """What the browser was asked to say for the latest answer, utterance by utterance."""
    return [u["text"] for u in spoken(page)[page.evaluate("window.__answered") :]]


def assert_screen(page: Page, title: str, position: str, numbered: list[tuple[str, str]]) -> None:
    """The screen shows ``title``, ``position`` and the items numbered as spoken."""
    expect(page.locator("#display")).to_be_visible()
    expect(page.locator("#display-title")).to_have_text(title)
    expect(page.locator("#display-position")).to_have_text(position)
    items = page.locator("#display-body li.item")
    expect(items.locator(".number")).to_have_text([f"{n}." for n, _ in numbered])
    expect(items.locator(".text")).to_have_text([text for _, text in numbered])


def font_px(locator: Any) -> float:
    return float(locator.evaluate("(node) => getComputedStyle(node).fontSize")[:-2])


def test_a_conversation_typed_spoken_and_shown(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url, clock=True)
    items = risk_items(content)
    topic = content.topic("risk_factors")
    question = topic.pages[1].question
    assert_hotline_on_screen(page, content)
    expect(page.locator("#said")).to_be_focused()

    first = ask(page, "what are the risk factors")
    page.clock.run_for(PAUSES)
    assert first == " ".join((*topic.pages[0].lead, topic.pages[0].question))
    expect(page.locator("#announce")).to_have_text(first)
    expect(page.locator("#display-title")).to_have_text(topic.title)
    expect(page.locator("#display-body .lead p")).to_have_text(list(topic.pages[0].lead))
    expect(page.locator("#display-body .prompt")).to_have_text(topic.pages[0].question)
    assert said_since_the_question(page) == [*topic.pages[0].lead, topic.pages[0].question]
    assert_hotline_on_screen(page, content)

    more = ask(page, "yes")
    page.clock.run_for(PAUSES)
    assert all(item in more for item in items[:3]) and items[3] not in more
    assert_screen(
        page, topic.title, "1 to 3 of 11", [("1", items[0]), ("2", items[1]), ("3", items[2])]
    )
    # The whole turn, once: the lead, each item, the question.
    assert said_since_the_question(page) == [
        *topic.pages[1].lead,
        *(item + "." for item in items[:3]),
        question,
    ]
    assert_hotline_on_screen(page, content)

    help_answer = ask(page, "I need help")
    page.clock.run_for(PAUSES)
    assert help_answer.startswith(content.help.situations["info"].lines[0].split("{")[0])
    assert content.numbers["hotline_phone"].value in help_answer
    expect(page.locator("#display-title")).to_have_text(content.help.title)
    numbers = page.locator("#display-body .resources dd")
    expect(numbers.first).to_have_text(content.numbers["hotline_phone"].value)
    assert font_px(numbers.first) >= 1.3 * font_px(page.locator("#said"))  # the numbers large
    resume = content.fill(content.help.resume, title=topic.title)
    expect(page.locator("#display-body .prompt")).to_have_text(resume)
    expect(page.locator("#display-buttons button")).to_have_count(0)  # help is on screen
    assert said_since_the_question(page)[-1] == resume
    assert_hotline_on_screen(page, content)

    resumed = ask(page, "next")
    assert all(item in resumed for item in items[3:6]) and items[6] not in resumed
    expect(page.locator("#announce")).to_have_text(resumed)
    numbered = [("4", items[3]), ("5", items[4]), ("6", items[5])]
    assert_screen(page, topic.title, "4 to 6 of 11", numbered)
    expect(page.locator("#display-body .prompt")).to_have_text(topic.pages[2].question)
    # The item being spoken is highlighted, as the device highlights it.
    expect(page.locator("#display-body li.item.speaking .text")).to_have_text([items[3]])
    expect(page.locator("#display-buttons button")).to_have_text(
        [content.screen.buttons[k] for k in ("back", "more", "help")]
    )
    assert font_px(page.locator("#display-body li.item").first) >= font_px(page.locator("#said"))
    assert_hotline_on_screen(page, content)
    assert page.evaluate("window.__csp") == []
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    page.clock.run_for(PAUSES)
    expect(page.locator("#display-body li.item.speaking")).to_have_count(0)
    assert said_since_the_question(page) == [
        *(item + "." for item in items[3:6]),
        topic.pages[2].question,
    ]

    # The More button: the next page, as "next" gives it, and the focus stays on More.
    press(page, content.screen.buttons["more"])
    page.clock.run_for(PAUSES)
    assert_screen(
        page, topic.title, "7 to 9 of 11", [("7", items[6]), ("8", items[7]), ("9", items[8])]
    )
    expect(page.get_by_role("button", name=content.screen.buttons["more"])).to_be_focused()
    assert said_since_the_question(page) == [
        *(item + "." for item in items[6:9]),
        topic.pages[3].question,
    ]
    assert_hotline_on_screen(page, content)

    # The transcript: each question or touch, then its answer, in order.
    turns = page.locator("#transcript .turn")
    whos = turns.locator(".who").all_inner_texts()
    said = turns.locator(".said").all_inner_texts()
    touched = content.classroom["you_touched"]
    assert said[0::2] == [
        "what are the risk factors",
        "yes",
        "I need help",
        "next",
        content.screen.buttons["more"],
    ]
    assert said[1:8:2] == [first, more, help_answer, resumed]
    assert whos == ["You", content.skill_name] * 4 + [touched, content.skill_name]

    # Numbers digit by digit, and the item pauses kept.
    utterances = spoken(page)
    texts = [u["text"] for u in utterances]
    hotline_said = " ".join(texts)
    assert "1, 8 8 8, 3 7 3, 7 8 8 8" in hotline_said and "2 3 3 7 3 3" in hotline_said
    assert "1-888-373-7888" not in hotline_said
    at = {u["text"]: u["at"] for u in utterances}
    lead, first_item, second_item = topic.pages[1].lead[-1], items[0] + ".", items[1] + "."
    assert at[second_item] - at[first_item] >= 400  # <break time="400ms"/> between items
    assert at[first_item] - at[lead] < 400  # no break between sentences

    assert page.evaluate("window.__csp") == []
    assert errors == []
    page.context.close()


def test_the_whole_screen_is_in_view_while_it_is_read_even_on_a_small_screen(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(
        browser, classroom_url, clock=True, viewport={"width": 1024, "height": 600}
    )
    items = risk_items(content)
    for text in ("what are the risk factors", "yes", "yes", "yes"):
        ask(page, text)
        page.clock.run_for(PAUSES)
    ask(page, "yes")  # the last page: the longest items, the line after them, the question
    expect(page.locator("#display-position")).to_have_text("10 to 11 of 11")
    prompt = page.locator("#display-body .prompt")
    expect(prompt).to_be_in_viewport(ratio=1)
    for item in page.locator("#display-body li.item").all():
        expect(item).to_be_in_viewport(ratio=1)
    page.clock.run_for(400)  # item 10 read, item 11 being read
    speaking = page.locator("#display-body li.item.speaking")
    expect(speaking.locator(".text")).to_have_text([items[10]])
    expect(speaking).to_be_in_viewport(ratio=1)
    page.clock.run_for(PAUSES)
    expect(prompt).to_be_in_viewport(ratio=1)
    assert errors == []
    page.context.close()


def test_the_screen_works_from_the_keyboard(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url)
    items = risk_items(content)
    for text in ("what are the risk factors", "yes", "next"):
        ask(page, text)
    # An item is a button: Enter on item 5 hears it again, with the page's question.
    page.locator("#display-body li.item button").nth(1).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#display-position")).to_have_text("5 of 11")
    answer = page.locator("#transcript .turn.skill .said").last
    expect(answer).to_have_text(f"{items[4]}. {content.topic('risk_factors').pages[2].question}")
    expect(page.locator("#transcript .turn.you .said").last).to_have_text(f"5. {items[4]}")
    expect(page.locator("#said")).to_be_focused()
    # Tab reaches the buttons; Space on Back goes back a page from where the list is.
    back = page.get_by_role("button", name=content.screen.buttons["back"])
    back.focus()
    page.keyboard.press("Space")
    expect(page.locator("#display-position")).to_have_text("1 to 3 of 11")
    expect(back).to_be_focused()
    help_button = page.get_by_role("button", name=content.screen.buttons["help"])
    help_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#display-title")).to_have_text(content.help.title)
    expect(page.locator("#said")).to_be_focused()  # no Get help on the help screen
    assert errors == []
    page.context.close()


def test_everything_works_from_the_keyboard(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url)
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert {
        "speaker",
        "restart",
        "start",
        "start-lesson",
        "start-quiz",
        "said",
        "send",
        "mic",
    } <= set(reached)

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
    # Once started, the conversation is reached from the keyboard too.
    page.locator("#said").focus()
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
    assert "transcript" in reached

    page.locator("#restart").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#transcript .turn")).to_have_count(0)
    expect(page.locator("#said")).to_be_focused()
    expect(page.locator("#start")).to_be_visible()  # back at the start

    # Start, from the keyboard: the skill opens, and the screen takes the page.
    page.locator("#start").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#transcript .turn.skill .said")).to_have_text([content.prompts["welcome"]])
    expect(page.locator("#transcript .turn.you .said")).to_have_text([content.classroom["start"]])
    expect(page.locator("#start")).to_be_hidden()
    expect(page.locator("#display-title")).to_have_text(content.skill_name)
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


# Holds the page's turns on request: the server answers at once, but the page sees
# the answer only when the test lets it through (``window.__release()``).
HOLD = """
window.__turns = 0;
window.__hold = false;
window.__held = [];
const answered = window.fetch.bind(window);
window.fetch = (...args) => {
  window.__turns += 1;
  const reply = answered(...args);
  if (!window.__hold) return reply;
  return new Promise((resolve) => window.__held.push(() => resolve(reply)));
};
window.__release = () => {
  window.__hold = false;
  window.__held.splice(0).forEach((go) => go());
};
"""


def asked_on_screen(page: Page, content: Content) -> Question:
    """The question of the quiz's bank that the screen shows (several ask "Which of these
    is on the list of risk factors?": its choices tell them apart)."""
    shown = page.locator("#display-body .question").inner_text()
    labels = page.locator("#display-body .choices button").all_inner_texts()
    return next(
        q
        for q in content.quiz.questions.values()
        if q.text == shown and choice_labels(content, q) == labels
    )


def choice_labels(content: Content, question: Question) -> list[str]:
    """The question's choices as the screen words them: "A: ..." as spoken, or True, False."""
    quiz = content.quiz
    if not question.choices:
        return [quiz.prompt("true"), quiz.prompt("false")]
    return [
        content.fill(quiz.prompt("choice"), letter=letter, words=choice.text)
        for letter, choice in zip(quiz.letters, question.choices, strict=True)
    ]


def answer_ids(question: Question) -> list[str]:
    return ["a", "b", "c"][: len(question.choices)] if question.choices else ["true", "false"]


def the_answer(content: Content, question: Question) -> str:
    """The right answer in words, said after every answer: "It's B: Minimal supervision." """
    quiz = content.quiz
    if not question.choices:
        return quiz.prompt(f"answer_{question.answer}")
    index = answer_ids(question).index(question.answer)
    words = question.choices[index].text
    return content.fill(quiz.prompt("answer_choice"), letter=quiz.letters[index], words=words)


def verdict(content: Content, question: Question, answer: str) -> str:
    """What the quiz says first when ``answer`` is given to ``question``."""
    quiz = content.quiz
    return quiz.prompt("right" if answer == question.answer else "wrong")


def assert_quiz_question(page: Page, content: Content, number: int) -> Question:
    """The screen shows question ``number`` of the round, its choices as buttons that
    answer, the question asked, the quiz's buttons and Get help (no More, no Back); the
    question shown."""
    quiz = content.quiz
    expect(page.locator("#display-title")).to_have_text(quiz.title)
    expect(page.locator("#display-position")).to_have_text(
        f"Question {number} of {quiz.round_size}"
    )
    question = asked_on_screen(page, content)
    choices = page.locator("#display-body .choices")
    expect(choices).to_have_attribute("role", "group")
    expect(choices.get_by_role("button")).to_have_text(choice_labels(content, question))
    for button in choices.get_by_role("button").all():
        expect(button).to_be_enabled()
    expect(page.get_by_role("group", name=question.text)).to_be_visible()
    ask_key = "ask_choice" if question.choices else "ask_true_false"
    expect(page.locator("#display-body .prompt")).to_have_text(quiz.prompt(ask_key))
    moves = content.screen.quiz_buttons
    expect(page.locator("#display-buttons button")).to_have_text(
        [
            *(moves[m] for m in ("pass", "repeat", "score", "end_quiz")),
            content.screen.buttons["help"],
        ]
    )
    return question


def test_the_quiz_is_taken_by_tapping_the_choices(
    browser: Any, classroom_url: str, content: Content
) -> None:
    quiz = content.quiz
    page, errors = open_page(browser, classroom_url, HOLD)
    ask(page, "start the quiz")
    question = assert_quiz_question(page, content, 1)
    expect(page.locator("#display-body .feedback p")).to_have_text(
        [content.fill(quiz.prompt("intro"), total=quiz.round_size)]
    )
    assert_hotline_on_screen(page, content)

    # A tap marks the choice and stops every choice answering until the answer arrives:
    # a second tap sends nothing.
    labels = choice_labels(content, question)
    right = answer_ids(question).index(question.answer)
    choices = page.locator("#display-body .choices button")
    page.evaluate("window.__hold = true")
    choices.nth(right).click()
    for n in range(len(labels)):
        expect(choices.nth(n)).to_be_disabled()
    expect(page.locator("#display-body .choices button.chosen")).to_have_text([labels[right]])
    choices.nth(len(labels) - 1 - right).click(force=True)
    choices.nth(right).click(force=True)
    assert page.evaluate("window.__turns") == 2  # "start the quiz", and the one tap
    answers = page.locator("#transcript .turn.skill")
    page.evaluate("window.__answered = window.__spoken.length")
    page.evaluate("window.__release()")
    expect(answers).to_have_count(2)
    touched = page.locator("#transcript .turn.you").last
    expect(touched.locator(".who")).to_have_text(content.classroom["you_touched"])
    expect(touched.locator(".said")).to_have_text(labels[right])

    # The feedback, then the next question, as the device shows them; the answer is
    # announced and spoken whole, and the focus is on the new question's first choice.
    said_first = [quiz.prompt("right"), the_answer(content, question), question.explain]
    expect(page.locator("#display-body .feedback p")).to_have_text(said_first)
    answered = answers.last.locator(".said").inner_text()
    assert answered.startswith(" ".join(said_first))
    expect(page.locator("#announce")).to_have_text(answered)
    wait_until_spoken(page, page.locator("#display-body .prompt").inner_text())
    assert " ".join(said_since_the_question(page)) == answered
    second = assert_quiz_question(page, content, 2)
    assert second != question
    expect(page.locator("#display-body .choices button").first).to_be_focused()

    # From the keyboard: Tab to the second choice, Enter answers with it.
    page.keyboard.press("Tab")
    expect(page.locator("#display-body .choices button").nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    given = answer_ids(second)[1]
    expect(page.locator("#display-position")).to_have_text(f"Question 3 of {quiz.round_size}")
    expect(page.locator("#display-body .feedback p").first).to_have_text(
        verdict(content, second, given)
    )
    score = 1 + (given == second.answer)

    # The rest of the round: the right answer tapped each time, then the score.
    for number in range(3, quiz.round_size + 1):
        asked = assert_quiz_question(page, content, number)
        press(page, choice_labels(content, asked)[answer_ids(asked).index(asked.answer)])
        score += 1
    expect(page.locator("#display-position")).to_be_hidden()
    expect(page.locator("#display-body .choices")).to_have_count(0)
    expect(page.locator("#display-body .score")).to_have_text(
        content.fill(quiz.prompt("score"), score=score, total=quiz.round_size)
    )
    encouragement = quiz.prompt("encourage_all" if score == quiz.round_size else "encourage_most")
    expect(page.locator("#display-body .encouragement")).to_have_text(encouragement)
    expect(page.locator("#display-body .prompt")).to_have_text(quiz.prompt("offer"))
    expect(page.locator("#display-buttons button")).to_have_text([content.screen.buttons["help"]])
    expect(page.locator("#said")).to_be_focused()  # no choices left: say yes or no
    assert_hotline_on_screen(page, content)

    assert page.evaluate("window.__csp") == []
    assert errors == []
    page.context.close()


def test_a_choice_answers_again_when_no_answer_came_back(
    browser: Any, classroom_url: str, content: Content
) -> None:
    page, errors = open_page(browser, classroom_url)
    ask(page, "start the quiz")
    question = asked_on_screen(page, content)
    page.route("**/api/turn", lambda route: route.fulfill(status=502, body="down"))
    label = choice_labels(content, question)[0]
    page.locator("#display-body .choices").get_by_role("button", name=label).click()
    expect(page.locator("#transcript .turn.note .said")).to_have_text([content.classroom["failed"]])
    expect(page.locator("#display-body .choices button:enabled")).to_have_count(
        len(choice_labels(content, question))
    )
    expect(page.locator("#display-body .choices button.chosen")).to_have_count(0)
    expect(page.locator("#display-body .choices button").first).to_be_focused()
    page.unroute("**/api/turn")
    press(page, label)
    expect(page.locator("#display-position")).to_have_text(
        f"Question 2 of {content.quiz.round_size}"
    )
    assert [e for e in errors if "502" not in e] == []
    page.context.close()


def test_axe_finds_nothing_with_each_kind_of_screen_shown(
    browser: Any, classroom_url: str, axe_script: Path, content: Content
) -> None:
    # axe-core is injected as a script of its own, which the page's CSP would refuse.
    page, errors = open_page(browser, classroom_url, HOLD, bypass_csp=True)

    def violations() -> list[str]:
        page.add_script_tag(path=str(axe_script))
        found: list[dict[str, Any]] = page.evaluate(
            "async () => (await axe.run(document)).violations"
        )
        return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]

    assert violations() == []  # the page as it opens
    ask(page, "what are the risk factors")
    expect(page.locator("#display-body .lead")).to_be_visible()
    assert violations() == []  # a screen with a lead
    ask(page, "yes")
    expect(page.locator("#display-position")).to_have_text("1 to 3 of 11")
    page.locator("#display-body li.item").first.evaluate("(item) => item.classList.add('speaking')")
    assert violations() == []  # a list screen, an item highlighted
    ask(page, "I need help")
    expect(page.locator("#display-body .resources")).to_be_visible()
    assert violations() == []  # the help screen
    ask(page, "what is human trafficking")
    expect(page.locator("#display-body li.item")).to_have_count(1)
    expect(page.locator("#display-body li.item button")).to_have_count(0)  # prose: no number
    assert violations() == []  # prose

    ask(page, "start the quiz")
    assert_quiz_question(page, content, 1)
    assert violations() == []  # a quiz question, its choices as buttons
    page.evaluate("window.__hold = true")
    page.locator("#display-body .choices button").first.click()
    expect(page.locator("#display-body .choices button.chosen")).to_have_count(1)
    assert violations() == []  # a choice tapped, the choices disabled
    page.evaluate("window.__release()")
    assert_quiz_question(page, content, 2)
    assert violations() == []  # the feedback and the next question
    for number in range(2, content.quiz.round_size + 1):
        asked = assert_quiz_question(page, content, number)
        ask(page, answer_ids(asked)[0])
    expect(page.locator("#display-body .score")).to_be_visible()
    assert violations() == []  # the score
    assert errors == []
    page.context.close()
