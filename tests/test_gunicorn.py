"""Production serving: gunicorn.conf.py's settings, and a real gunicorn answering Alexa."""

from __future__ import annotations

import http.client
import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gunicorn
import pytest
from gunicorn.config import Config

from skill.content import Content
from skill.gunicorn_worker import MAX_GATHERED_BODY, DeadlineThreadWorker, request_arrived
from tests import ROOT, SKILL_ID
from tests.locales import pinned_locale

# The production server, with the English request fixtures.
locale = pinned_locale()

CONFIG = ROOT / "gunicorn.conf.py"
ALEXA_TIMEOUT_SECONDS = 8
USER_ID = "amzn1.ask.account.TESTUSER"
# Settings newer than the oldest gunicorn pyproject.toml allows; older versions ignore them.
NEWER_SETTINGS = {"control_socket_disable": (25, 1)}


def load_config(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, Any]:
    for name in (
        "WEB_CONCURRENCY",
        "GUNICORN_BIND",
        "ALEXA_VERIFY_SIGNATURES",
        "ALEXA_ALLOW_ANY_SKILL",
        "ALEXA_CERT_CACHE_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    settings = runpy.run_path(str(CONFIG))
    return {
        k: v
        for k, v in settings.items()
        if not k.startswith("_") and not callable(v) and not isinstance(v, type(os))
    }


def test_workers_can_be_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_worker_count_stops_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    with pytest.raises(ValueError):
        load_config(monkeypatch, WEB_CONCURRENCY=value)


def test_the_config_refuses_verification_without_a_skill_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SKILL_ID", raising=False)
    monkeypatch.delenv("ALEXA_ALLOW_ANY_SKILL", raising=False)
    monkeypatch.delenv("ALEXA_VERIFY_SIGNATURES", raising=False)
    with pytest.raises(SystemExit, match="^error: SKILL_ID is not set"):
        runpy.run_path(str(CONFIG))


def test_timeouts_are_well_under_alexas(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(monkeypatch)
    assert 0 < config["timeout"] <= ALEXA_TIMEOUT_SECONDS - 3
    assert config["graceful_timeout"] >= config["timeout"]
    assert 0 < config["keepalive"] <= config["timeout"]


def test_junk_cannot_restart_workers_or_leave_them_without_amazons_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = load_config(monkeypatch)
    assert config.get("max_requests", 0) == 0  # not recycled after a count of requests
    (setting,) = config["raw_env"]  # chains that validated are kept for the next worker
    assert setting.startswith("ALEXA_CERT_CACHE_DIR=/")
    assert load_config(monkeypatch, ALEXA_CERT_CACHE_DIR="/srv/certs")["raw_env"] == []


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
    assert config.worker_class is DeadlineThreadWorker  # the dotted name resolves


# --- a real server ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# The command README.md and docs/deployment.md give, run from the repository root
# (where gunicorn finds gunicorn.conf.py by itself).
DOCUMENTED_COMMAND = "gunicorn 'skill:create_app()'"


def gunicorn_command(*options: str) -> list[str]:
    """The documented command with this environment's gunicorn, and extra ``options``."""
    program = Path(sys.executable).with_name("gunicorn")
    prefix = [str(program)] if program.exists() else [sys.executable, "-m", "gunicorn"]
    return [*prefix, *options, "skill:create_app()"]


def server_environment(port: int, **environ: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SKILL_", "ALEXA_", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    return {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **environ}


@contextmanager
def running(
    tmp_path: Path, environ: dict[str, str], *options: str
) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """gunicorn started as documented on a free loopback port, stopped at the end."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            gunicorn_command(*options),
            cwd=ROOT,
            env=server_environment(port, **environ),
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20  # a bound against hanging, not a speed test
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # not up yet
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


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """One worker process, verification off."""
    with running(tmp_path, {"ALEXA_VERIFY_SIGNATURES": "0"}, "-w", "1") as started:
        yield started


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


def test_a_path_cannot_write_a_line_of_its_own_into_the_access_log(
    server: tuple[str, subprocess.Popen[str], Path],
) -> None:
    base, process, log = server
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(b"GET /a%0aforged%1b[2J%07?q=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b" 404 " in client.recv(4096).split(b"\r\n")[0]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    logged = log.read_text()
    assert '"GET /a\\x0aforged\\x1b[2J\\x07" 404' in logged
    assert not [line for line in logged.splitlines() if line.startswith("forged")]
    assert "\x1b" not in logged and "\x07" not in logged


def test_with_verification_on_and_no_skill_id_it_refuses_to_start_in_one_line() -> None:
    port = free_port()
    result = subprocess.run(
        gunicorn_command(),
        cwd=ROOT,
        env=server_environment(port),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: SKILL_ID is not set: with signature verification on, the endpoint would answer "
        "signed requests for any skill. Set SKILL_ID=amzn1.ask.skill.<your skill id> "
        "(or, for testing only, ALEXA_ALLOW_ANY_SKILL=true)."
    ]
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens


def test_broken_content_stops_start_up_in_one_line_not_a_traceback_per_worker(
    tmp_path: Path,
) -> None:
    (tmp_path / "en-US.yaml").write_text("prompts: [\n", encoding="utf-8")
    port = free_port()
    result = subprocess.run(
        gunicorn_command("-w", "2"),
        cwd=ROOT,
        env=server_environment(port, SKILL_ID=SKILL_ID, SKILL_CONTENT_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {tmp_path / 'en-US.yaml'}: not valid YAML")
    assert "Traceback" not in result.stdout + result.stderr


GUNICORN_LINE = re.compile(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[(\w+)\] ")


def test_the_opt_out_starts_and_every_worker_warns_in_gunicorns_format(tmp_path: Path) -> None:
    environ = {"ALEXA_ALLOW_ANY_SKILL": "true"}

    def warned() -> list[str]:
        lines = log.read_text().splitlines()
        return [line for line in lines if "ALEXA_ALLOW_ANY_SKILL is set" in line]

    with running(tmp_path, environ, "-w", "2") as (base, process, log):
        deadline = time.monotonic() + 20  # the second worker may still be starting
        while len(warned()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    warnings = warned()
    assert len(warnings) == 2  # one per worker: at every start
    for line in warnings:
        match = GUNICORN_LINE.match(line)
        assert match and match.group(1) == "WARNING", line
        assert "skill.app: " in line


def dribble(port: int, head: bytes, cut: list[bool]) -> None:
    """Send ``head``, then a byte every 0.2 s for 30 s; note whether the server hung up first."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        try:
            client.sendall(head)
            for _ in range(150):
                time.sleep(0.2)
                client.sendall(b"a")
        except OSError:
            cut.append(True)
            return
    cut.append(False)


def test_clients_sending_slowly_are_cut_off_and_do_not_hold_up_others(tmp_path: Path) -> None:
    """Eight clients dribbling headers or a body at a server with four threads and a 1 s deadline."""
    options = ("-w", "1", "--threads", "4", "--timeout", "1")
    with running(tmp_path, {"ALEXA_VERIFY_SIGNATURES": "0"}, *options) as (base, process, log):
        port = int(base.rsplit(":", 1)[1])
        heads = [
            b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ",
            b"POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
        ] * 4
        cut: list[bool] = []
        clients = [threading.Thread(target=dribble, args=(port, h, cut)) for h in heads]
        for client in clients:
            client.start()
        time.sleep(0.3)
        statuses = []
        for _ in range(10):
            with urllib.request.urlopen(f"{base}/health", timeout=10) as response:
                statuses.append(response.status)
        for client in clients:
            client.join(15)  # each is cut off long before its 30 s are up
    assert statuses == [200] * 10
    assert cut == [True] * len(heads)
    logged = log.read_text()
    for sign in ("WORKER TIMEOUT", '" 500 ', "Traceback"):
        assert sign not in logged


class Held(threading.Thread):
    """A socket held open: idle (``head`` empty) or sending ``head`` and then a byte every 0.2 s."""

    def __init__(self, port: int, head: bytes) -> None:
        super().__init__(daemon=True)
        self.port, self.head = port, head
        self.connected = threading.Event()
        self.stop = threading.Event()
        self.cut = False

    def run(self) -> None:
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as client:
            client.settimeout(0.2)
            try:
                client.sendall(self.head)
                self.connected.set()
                while not self.stop.is_set():
                    try:
                        if not client.recv(1):
                            self.cut = True
                            return
                    except TimeoutError:
                        pass
                    if self.head:
                        client.sendall(b"a")
            except OSError:
                self.cut = True


def test_idle_and_slow_sockets_hold_no_thread(tmp_path: Path) -> None:
    """Two threads, six held sockets: normal requests are answered while all six are held."""
    options = ("-w", "1", "--threads", "2")
    with running(tmp_path, {"ALEXA_VERIFY_SIGNATURES": "0"}, *options) as (base, process, log):
        port = int(base.rsplit(":", 1)[1])
        heads = [
            b"",
            b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ",
            b"POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
        ] * 2
        held = [Held(port, head) for head in heads]
        for socket_ in held:
            socket_.start()
            assert socket_.connected.wait(10)
        time.sleep(0.3)  # every held socket has reached the server
        body = (ROOT / "tests" / "requests" / "launch.json").read_bytes()
        request = urllib.request.Request(
            f"{base}/alexa", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=10) as response:
                health = response.status
            with urllib.request.urlopen(request, timeout=10) as response:
                alexa = response.status
            still_held = [not socket_.cut for socket_ in held]
        finally:
            for socket_ in held:
                socket_.stop.set()
                socket_.join(10)
    assert (health, alexa) == (200, 200)
    assert all(still_held)  # answered before any held socket was let go


HEAD = b"POST /alexa HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize(
    ("data", "whole"),
    [
        (b"", False),
        (b"GET /health HTTP/1.1\r\nHost: x\r\n", False),
        (b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", True),
        (HEAD + b"Content-Length: 4\r\n\r\n{}", False),
        (HEAD + b"content-length:4\r\n\r\n{}{}", True),
        (HEAD + b"Content-Length: 4\r\n\r\n{}{}GET / HTTP/1.1\r\n", True),  # pipelined
        # For gunicorn to read or refuse: chunked, too large, or not one number.
        (HEAD + b"Transfer-Encoding: chunked\r\n\r\n", True),
        (HEAD + b"Content-Length: 4\r\nExpect: 100-continue\r\n\r\n", True),
        (HEAD + b"Content-Length: %d\r\n\r\n" % (MAX_GATHERED_BODY + 1), True),
        (HEAD + b"Content-Length: 4\r\nContent-Length: 5\r\n\r\n", True),
        (HEAD + b"Content-Length: -4\r\n\r\n", True),
        (HEAD + b"X-Long: " + b"a" * 70_000, True),
    ],
)
def test_a_request_goes_to_a_thread_once_it_has_arrived(data: bytes, whole: bool) -> None:
    assert request_arrived(data) is whole


def test_a_kept_alive_connection_is_served_request_after_request(
    server: tuple[str, subprocess.Popen[str], Path],
) -> None:
    base, process, log = server
    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = (ROOT / "tests" / "requests" / "launch.json").read_bytes()
    try:
        for _ in range(3):
            connection.request("GET", "/health")
            assert connection.getresponse().read().startswith(b"{")
            connection.request(
                "POST", "/alexa", body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            assert response.status == 200 and b"outputSpeech" in response.read()
    finally:
        connection.close()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" * 2)  # pipelined
        answers = b""
        while answers.count(b"HTTP/1.1 200") < 2:
            chunk = client.recv(65536)
            assert chunk, answers
            answers += chunk
