"""The handout: one page for the wall, in each language, and the quiz's answers for the teacher."""

from __future__ import annotations

import argparse
import io
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.content import Content, load_library
from skill.tools.classroom.handout import answer_text, render_handout, run, style_hash
from skill.tools.cli import build_parser
from tests import CONTENT_DIR
from tests.locales import LOCALES


def shown(html: str) -> str:
    """The handout's text as read: blocks apart, other tags gone, spaces single."""
    blocks = re.sub(r"</?(?:p|li|dt|dd|h1|h2|div|section|ul|ol|dl)\b[^>]*>", " ", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", blocks)))


def filled(content: Content, text: str) -> str:
    for name, number in content.numbers.items():
        text = text.replace("{" + name + "}", number.value)
    return text


def test_the_handout_has_every_risk_factor_tip_and_help_line(content: Content) -> None:
    html = render_handout(content)
    text = shown(html)
    assert f'<html lang="{content.locale}">' in html
    for item in content.topic("definition").items:
        assert filled(content, item) in text
    for item in content.topic("risk_factors").items:
        assert filled(content, item) in text
    for category in content.tip_categories:
        topic = content.topic(category)
        assert topic.title in text
        for item in topic.items:
            assert filled(content, item) in text
    for resource in content.screen.resources:
        assert filled(content, resource.label) in text and filled(content, resource.value) in text
    for line in content.help.card:
        assert filled(content, line) in text
    # Every number the skill gives, the hotline's, 911, TTY, the website and the others.
    for number in content.numbers.values():
        assert number.value in text, number.value
    assert f"{content.skill_name}: {content.classroom['handout_title']}" in text  # its title
    assert f"{content.classroom['handout_source']} {content.source.title}" in text
    # The student's page has no answers on it.
    assert content.classroom["handout_answer"] not in text
    assert content.quiz.title not in text


def test_the_teachers_handout_has_every_quiz_question_and_answer(content: Content) -> None:
    text = shown(render_handout(content, teacher=True))
    assert content.classroom["handout_teacher"] in text
    for question in content.quiz.questions.values():
        answer = f"{content.classroom['handout_answer']} {filled(content, answer_text(content, question))}"
        assert filled(content, question.text) in text
        assert answer in text, question.id
        assert filled(content, question.explain) in text
    assert text.count(content.classroom["handout_answer"]) == len(content.quiz.questions)
    # And the student's page before it.
    assert all(filled(content, item) in text for item in content.topic("risk_factors").items)


def test_an_answer_is_worded_as_the_quiz_screen_words_it(content: Content) -> None:
    quiz = content.quiz
    for question in quiz.questions.values():
        answer = answer_text(content, question)
        right = question.right_choice
        if right is None:
            assert answer == quiz.prompt(question.answer)
        else:
            assert right.text in answer and answer.startswith(
                quiz.letters[question.choices.index(right)]
            )


def test_english_names_in_spanish_are_marked_and_numbers_kept_whole() -> None:
    spanish = load_library().for_locale("es-US")
    html = render_handout(spanish)
    assert '<span lang="en">National Human Trafficking Hotline</span>' in html
    assert '<span class="nowrap">1-888-373-7888</span>' in html
    assert 'lang="en"' not in render_handout(load_library().for_locale("en-US"))


def test_help_lines_added_to_the_content_appear_with_no_change_to_the_code(
    tmp_path: Path,
) -> None:
    data = yaml.safe_load((CONTENT_DIR / "en-US.yaml").read_text(encoding="utf-8"))
    data["numbers"]["added_line"] = {"value": "1-800-555-0100", "say_as": "telephone"}
    data["screen"]["resources"].append({"label": "An added help line", "value": "{added_line}"})
    data["help"]["card"].append("An added help line: call {added_line}, any time.")
    (tmp_path / "en-US.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    text = shown(render_handout(load_library(tmp_path).for_locale("en-US")))
    assert "An added help line 1-800-555-0100" in text
    assert "An added help line: call 1-800-555-0100, any time." in text


def test_text_from_the_content_is_escaped(tmp_path: Path) -> None:
    data = yaml.safe_load((CONTENT_DIR / "en-US.yaml").read_text(encoding="utf-8"))
    data["topics"][0]["items"][0] = "Tom & Jerry <script>alert(1)</script>"
    (tmp_path / "en-US.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    html = render_handout(load_library(tmp_path).for_locale("en-US"))
    assert "<script>" not in html
    assert "Tom &amp; Jerry &lt;script&gt;" in html


# --- the command ------------------------------------------------------------------------


def handout(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    args: Any = build_parser().parse_args(["handout", *argv])
    return run(args, out), out.getvalue()


def test_the_command_prints_the_handout_in_the_language_asked() -> None:
    code, html = handout()
    assert code == 0 and html.startswith("<!doctype html>") and '<html lang="en-US">' in html
    code, html = handout("--locale", "es-US", "--teacher")
    spanish = load_library().for_locale("es-US")
    assert code == 0 and '<html lang="es-US">' in html
    assert spanish.classroom["handout_teacher"] in shown(html)


def test_the_command_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "wall.html"
    code, said = handout("-o", str(target))
    assert code == 0 and said.count("\n") == 1 and str(target) in said
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--locale", "fr-FR"],
            f"error: no content for 'fr-FR' (there is: {', '.join(LOCALES)})\n",
        ),
        (["-o", "/nonexistent/dir/wall.html"], "error: cannot write /nonexistent/dir/wall.html"),
    ],
)
def test_a_bad_request_is_a_one_line_error(argv: list[str], message: str) -> None:
    code, said = handout(*argv)
    assert code == 1 and said.startswith(message) and said.count("\n") == 1


def test_broken_content_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILL_CONTENT_DIR", str(tmp_path))
    out = io.StringIO()
    assert run(argparse.Namespace(locale=None, teacher=False, output=None), out) == 1
    assert out.getvalue().startswith("error: ") and out.getvalue().count("\n") == 1


# --- served by the classroom page ---------------------------------------------------------


@pytest.mark.parametrize(("path", "teacher"), [("/handout", False), ("/handout/teacher", True)])
def test_the_classroom_page_serves_the_handout_in_its_language(path: str, teacher: bool) -> None:
    from skill.tools.classroom import create_classroom_app

    app = create_classroom_app({"TESTING": True})
    spanish = load_library().for_locale("es-US")
    result = app.test_client().get(path, headers={"Accept-Language": "es-US"})
    assert result.status_code == 200 and result.mimetype == "text/html"
    assert result.get_data(as_text=True) == render_handout(spanish, teacher=teacher)
    policy = result.headers["Content-Security-Policy"]
    assert f"style-src 'sha256-{style_hash()}'" in policy and "script-src 'self'" in policy
    page = app.test_client().get("/", headers={"Accept-Language": "es-US"}).get_data(as_text=True)
    assert f'href="{path}"' in page
