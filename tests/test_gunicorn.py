"""Production serving: gunicorn.conf.py's settings, and a real gunicorn answering Alexa."""

from __future__ import annotations

import json
import multiprocessing
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gunicorn
import pytest
from gunicorn.config import Config

from skill.content import Content

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"
ALEXA_TIMEOUT_SECONDS = 8
USER_ID = "amzn1.ask.account.TESTUSER"
# Settings newer than the oldest gunicorn pyproject.toml allows; older versions ignore them.
NEWER_SETTINGS = {"control_socket_disable": (25, 1)}


def load_config(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, Any]:
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    settings = runpy.run_path(str(CONFIG))
    return {
        k: v
        for k, v in settings.items()
        if not k.startswith("_") and not callable(v) and not isinstance(v, type(os))
    }


def test_workers_follow_the_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(monkeypatch)["workers"] == multiprocessing.cpu_count() * 2 + 1


def test_workers_can_be_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_worker_count_stops_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    with pytest.raises(ValueError):
        load_config(monkeypatch, WEB_CONCURRENCY=value)


def test_timeouts_are_well_under_alexas(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(monkeypatch)
    assert 0 < config["timeout"] <= ALEXA_TIMEOUT_SECONDS - 3
    assert config["graceful_timeout"] >= config["timeout"]
    assert 0 < config["keepalive"] <= config["timeout"]


def test_binds_to_loopback_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(monkeypatch)["bind"] == ["127.0.0.1:8000"]
    assert load_config(monkeypatch, GUNICORN_BIND="0.0.0.0:9000")["bind"] == ["0.0.0.0:9000"]


def test_access_log_has_no_query_string_or_user(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(monkeypatch)
    assert config["accesslog"] == "-"
    fmt = config["access_log_format"]
    assert "%(U)s" in fmt  # the path
    for atom in ("%(r)s", "%(q)s", "%(u)s", "%(f)s", "%(a)s", "%({"):
        assert atom not in fmt, atom


def test_every_setting_is_one_gunicorn_knows(monkeypatch: pytest.MonkeyPatch) -> None:
    """gunicorn silently ignores unknown names in a config file: catch typos here."""
    installed = tuple(int(p) for p in gunicorn.__version__.split(".")[:2])
    config = Config()
    for name, value in load_config(monkeypatch).items():
        if installed < NEWER_SETTINGS.get(name, (0, 0)):
            continue
        config.set(name, value)  # raises AttributeError for a name gunicorn does not have
    assert config.workers == multiprocessing.cpu_count() * 2 + 1
    assert config.timeout == load_config(monkeypatch)["timeout"]


# --- a real server ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """gunicorn with the project's config on a free loopback port, verification off."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SKILL_ID", "WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_CMD_ARGS")
    }
    env["ALEXA_VERIFY_SIGNATURES"] = "0"
    command = [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)]
    command += ["-b", f"127.0.0.1:{port}", "-w", "1", "skill:create_app()"]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20  # a bound against hanging, not a speed test
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield base, process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_gunicorn_serves_the_skill(
    server: tuple[str, subprocess.Popen[str], Path], content: Content
) -> None:
    base, process, log = server
    body = (ROOT / "tests" / "requests" / "launch.json").read_bytes()
    assert USER_ID.encode() in body
    request = urllib.request.Request(
        f"{base}/alexa?userId={USER_ID}",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        answer = json.loads(response.read())
    assert content.prompts["welcome"] in answer["response"]["outputSpeech"]["ssml"]
    assert answer["response"]["shouldEndSession"] is False

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    logged = log.read_text()
    assert '"POST /alexa" 200' in logged
    assert USER_ID not in logged
    assert "userId" not in logged
