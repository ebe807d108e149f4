"""``python -m skill serve``: described, fails closed, and logs plain lines."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from skill.tools.cli import main, serve
from tests import ROOT


def clean_environment(**environ: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILL_", "ALEXA_"))}
    return {**env, **environ}


def test_serve_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "development server" in out and "gunicorn" in out and "SKILL_ID" in out


def test_serve_with_verification_and_no_skill_id_refuses_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SKILL_ID", "ALEXA_VERIFY_SIGNATURES", "ALEXA_ALLOW_ANY_SKILL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(serve, "serve_app", lambda *args: pytest.fail("started"))
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith("error: SKILL_ID is not set")


def test_serve_with_broken_content_refuses_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "en-US.yaml").write_text("prompts: [\n", encoding="utf-8")
    monkeypatch.setenv("SKILL_CONTENT_DIR", str(tmp_path))
    monkeypatch.setattr(serve, "serve_app", lambda *args: pytest.fail("started"))
    assert main(["serve", "--no-verify"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {tmp_path / 'en-US.yaml'}: not valid YAML")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def raw_request(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(data)
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_the_development_server_logs_like_gunicorn() -> None:
    """Method, path and status on one plain line: no query, no raw bytes, no colours."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "skill", "serve", "--no-verify", "--port", str(port)],
        cwd=ROOT,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20  # a bound against hanging, not a speed test
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/nowhere?token=secret", timeout=2)
            except urllib.error.HTTPError as exc:
                assert exc.code == 404  # Werkzeug colours a 404's log line
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the server did not start")
                time.sleep(0.1)
        answer = raw_request(port, b"GET /x\x1b[2J\rforged HTTP/9.9\x00junk\r\n\r\n")
        assert b"400" in answer
        answer = raw_request(port, b"GET /\x1b]0;title\x07?q=secret HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b" 404 " in answer.split(b"\r\n")[0]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    lines = output.splitlines()
    assert [line for line in lines if line.endswith('werkzeug: 127.0.0.1 "GET /nowhere" 404')]
    assert [line for line in lines if line.endswith('werkzeug: 127.0.0.1 "-" 400')]
    assert [line for line in lines if line.endswith('"GET /\\x1b]0;title\\x07" 404')], output
    assert "secret" not in output and "junk" not in output and "forged" not in output
    assert "HTTP/9.9" not in output and "\x1b" not in output and "\x07" not in output
    warning = [line for line in lines if "verification is OFF" in line]
    assert warning and re.match(
        r"\[\d{4}-\d\d-\d\d [\d:]{8} [+-]\d{4}\] \[\d+\] \[WARNING\]", warning[0]
    )
