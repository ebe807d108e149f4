"""``python -m skill classroom`` and the page's words file."""

from __future__ import annotations

import argparse
import io
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from skill.__main__ import build_parser
from skill.content import Content
from skill.tools.classroom import cli
from skill.tools.classroom.words import WORD_KEYS, WORDS_DIR, WordsError, load_words, parse_words


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


def test_a_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = io.StringIO()
        args = argparse.Namespace(host="127.0.0.1", port=port)
        assert cli.run(args, out) == 1
    assert out.getvalue().startswith(f"error: cannot listen on 127.0.0.1 port {port}")
    assert out.getvalue().count("\n") == 1


def test_broken_content_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SKILL_CONTENT_DIR", str(tmp_path))
    out = io.StringIO()
    assert cli.run(argparse.Namespace(host="127.0.0.1", port=0), out) == 1
    assert out.getvalue().startswith("error: ") and "no content files" in out.getvalue()


# --- the words file -------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORDS_DIR / "en-US.yaml").read_text(encoding="utf-8"))
    return data


def test_the_words_file_has_every_key_and_fills_the_numbers(content: Content) -> None:
    words = load_words("en-US", content.numbers)
    assert set(words.texts) == set(WORD_KEYS)
    assert content.numbers["hotline_phone"].value in words["hotline_call"]
    assert content.numbers["hotline_text"].value in words["hotline_text"]
    assert all("{" not in text for text in words.texts.values())


def test_a_locale_without_words_gets_the_default_ones(content: Content) -> None:
    assert load_words("xx-XX", content.numbers).locale == "en-US"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["words"].pop("send"), "words.send: missing or empty"),
        (lambda d: d["words"].update(send="  "), "words.send: missing or empty"),
        (lambda d: d["words"].update(send=3), "words.send: missing or empty"),
        (lambda d: d["words"].update(sned="Send"), "words.sned: not a key the page uses"),
        (lambda d: d["words"].update(send="Call {fax}"), "words.send: unknown number {fax}"),
        (lambda d: d["words"].update(send="Call {"), "words.send: bad braces"),
        (lambda d: d.pop("words"), "words: expected a mapping"),
        (lambda d: d.pop("locale"), "locale: missing"),
    ],
)
def test_a_broken_words_file_names_the_key(content: Content, change: Any, message: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(WordsError, match=message.replace("{", r"\{").replace("}", r"\}")):
        parse_words(data, "words/en-US.yaml", content.numbers)


def test_a_broken_words_file_stops_the_app(content: Content, tmp_path: Path) -> None:
    from skill.tools.classroom import create_classroom_app

    (tmp_path / "en-US.yaml").write_text("locale: en-US\nwords: {}\n", encoding="utf-8")
    with pytest.raises(WordsError, match="words.page_title"):
        create_classroom_app({"WORDS_DIR": str(tmp_path)})
