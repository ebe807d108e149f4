"""``python -m skill classroom`` and the page's words file."""

from __future__ import annotations

import argparse
import io
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.content import Content
from skill.tools.classroom import cli
from skill.tools.classroom.words import WORD_KEYS, WordsError, parse_words, words_for
from skill.tools.cli import build_parser
from tests import CONTENT_DIR
from tests.locales import pinned_locale

# The command's options and the English page; the locale option has its own tests.
locale = pinned_locale()


def test_the_command_is_registered_with_loopback_defaults() -> None:
    args = build_parser().parse_args(["classroom"])
    assert args.func is cli.run
    assert (args.host, args.port) == ("127.0.0.1", 5000)
    args = build_parser().parse_args(["classroom", "--host", "0.0.0.0", "--port", "8080"])
    assert (args.host, args.port) == ("0.0.0.0", 8080)


class FakeServer:
    def __init__(self, host: str) -> None:
        self.host = host
        self.port = 5123
        self.closed = False

    def serve_forever(self) -> None:
        raise KeyboardInterrupt  # Ctrl-C

    def server_close(self) -> None:
        self.closed = True


def _run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, list[Any]]:
    from skill.tools.classroom import server

    made: list[Any] = []

    def fake(app: Any, host: str, port: int) -> FakeServer:
        made.append((app, host, port, FakeServer(host)))
        return made[-1][3]

    monkeypatch.setattr(server, "classroom_server", fake)
    out = io.StringIO()
    code = cli.run(build_parser().parse_args(["classroom", *argv]), out)
    return code, out.getvalue(), made


def test_it_prints_the_address_and_stops_on_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    code, printed, made = _run(monkeypatch)
    assert code == 0
    assert "http://127.0.0.1:5123/" in printed
    assert "warning" not in printed
    app, host, port, server = made[0]
    assert (host, port) == ("127.0.0.1", 5000)
    assert server.closed
    assert "classroom_player" in app.extensions


def test_listening_beyond_this_computer_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    code, printed, _ = _run(monkeypatch, "--host", "0.0.0.0")
    assert code == 0
    assert "http://0.0.0.0:5123/" in printed
    assert "warning: listening on 0.0.0.0" in printed


def test_the_page_answers_only_to_the_names_it_was_started_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, _, made = _run(monkeypatch)
    assert made[0][0].config["ALLOWED_HOSTS"] == {"127.0.0.1", "::1", "localhost"}
    code, printed, made = _run(
        monkeypatch, "--host", "0.0.0.0", "--allow-host", "room12.school.example"
    )
    assert code == 0
    hosts = made[0][0].config["ALLOWED_HOSTS"]
    assert {"localhost", "room12.school.example"} <= hosts and "0.0.0.0" not in hosts
    assert "room12.school.example" in printed and "--allow-host" in printed


def test_a_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = io.StringIO()
        args = argparse.Namespace(host="127.0.0.1", port=port, locale=None, allow_host=[])
        assert cli.run(args, out) == 1
    assert out.getvalue().startswith(f"error: cannot listen on 127.0.0.1 port {port}")
    assert out.getvalue().count("\n") == 1


def test_broken_content_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILL_CONTENT_DIR", str(tmp_path))
    out = io.StringIO()
    assert (
        cli.run(argparse.Namespace(host="127.0.0.1", port=0, locale=None, allow_host=[]), out) == 1
    )
    assert out.getvalue().startswith("error: ") and "no content files" in out.getvalue()


# --- the page's words ------------------------------------------------------------------------


def test_the_page_has_every_word_it_needs_with_the_numbers_filled(content: Content) -> None:
    words = words_for(content)
    assert set(words.texts) == set(WORD_KEYS)
    assert content.numbers["hotline_phone"].value in words["hotline_call"]
    assert content.numbers["hotline_text"].value in words["hotline_text"]
    assert all("{" not in text for text in words.texts.values())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("send"), "classroom.send: missing"),
        (lambda d: d.update(sned="Send"), "classroom.sned: not a key the page uses"),
    ],
)
def test_words_the_page_does_not_expect_name_the_key(
    content: Content, change: Any, message: str
) -> None:
    data = dict(content.classroom)
    change(data)
    with pytest.raises(WordsError, match=message):
        parse_words(data, "en-US", "content/en-US.yaml", content.numbers)


@pytest.mark.parametrize(
    ("text", "message"),
    [("  ", "classroom.send: is empty"), ("Call {fax}", "classroom.send: unknown placeholder")],
)
def test_a_broken_classroom_word_stops_the_content_loading(
    tmp_path: Path, text: str, message: str
) -> None:
    from skill.content import ContentError, load_library
    from skill.tools.classroom import create_classroom_app

    data = yaml.safe_load((CONTENT_DIR / "en-US.yaml").read_text(encoding="utf-8"))
    data["classroom"]["send"] = text
    (tmp_path / "en-US.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        load_library(tmp_path)
    with pytest.raises(ContentError, match=message):
        create_classroom_app({"CONTENT_DIR": str(tmp_path)})
