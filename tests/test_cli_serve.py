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
from flask import Flask

from skill.tools.cli import main

ROOT = Path(__file__).resolve().parent.parent


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
    monkeypatch.setattr(Flask, "run", lambda self, **kwargs: pytest.fail("started"))
    assert main(["serve"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith("error: SKILL_ID is not set")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_the_development_servers_log_has_no_colour_codes_off_a_terminal() -> None:
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
                urllib.request.urlopen(f"http://127.0.0.1:{port}/nowhere", timeout=2)
            except urllib.error.HTTPError as exc:
                assert exc.code == 404  # Werkzeug colours a 404's log line
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the server did not start")
                time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    assert '"GET /nowhere HTTP/1.1" 404' in output
    assert "\x1b[" not in output
    warning = [line for line in output.splitlines() if "verification is OFF" in line]
    assert warning and re.match(
        r"\[\d{4}-\d\d-\d\d [\d:]{8} [+-]\d{4}\] \[\d+\] \[WARNING\]", warning[0]
    )
