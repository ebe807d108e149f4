"""The classroom server on a school network: only its own names, only its own page, no slow client."""

from __future__ import annotations

import http.client
import json
import random
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask

from skill.tools.classroom import create_classroom_app
from skill.tools.classroom.app import host_name, is_cross_origin
from skill.tools.classroom.cli import allowed_hosts
from skill.tools.classroom.server import address, classroom_server
from tests.classroom import TURN

TIMEOUT = 1.0  # the read timeout of the server under test, seconds


@pytest.fixture(scope="module")
def classroom_app() -> Flask:
    return create_classroom_app({"RNG": random.Random(7)})


@pytest.fixture(scope="module")
def live(classroom_app: Flask) -> Iterator[tuple[str, int]]:
    server = classroom_server(
        classroom_app, "127.0.0.1", 0, read_timeout=TIMEOUT, cleanup_interval=0.2
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert address(server).startswith("http://127.0.0.1:")
        yield "127.0.0.1", server.port
    finally:
        server.shutdown()
        server.server_close()


def request(
    live: tuple[str, int], method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(*live, timeout=5)
    connection.putrequest(method, path, skip_host=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


def turn_headers(live: tuple[str, int], **extra: str) -> dict[str, str]:
    return {"Host": f"127.0.0.1:{live[1]}", "Content-Type": "application/json", **extra}


OPEN = json.dumps({"text": "open", "attributes": None}).encode()


def test_the_page_answers_to_its_own_names(live: tuple[str, int]) -> None:
    for host in (f"127.0.0.1:{live[1]}", f"localhost:{live[1]}", "LOCALHOST"):
        status, body = request(live, "GET", "/", {"Host": host})
        assert status == 200 and b"<html" in body


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{5000}", "127.0.0.1.evil.example"])
def test_a_host_it_was_not_started_for_is_refused(live: tuple[str, int], host: str) -> None:
    """A page elsewhere that points its own name at this computer (DNS rebinding) gets nothing."""
    status, body = request(live, "GET", "/", {"Host": host})
    assert status == 400 and json.loads(body) == {"error": "unknown host"}
    status, body = request(live, "POST", TURN, {**turn_headers(live), "Host": host}, OPEN)
    assert status == 400 and b"Youth Safety" not in body


def test_no_host_at_all_is_refused(live: tuple[str, int]) -> None:
    assert request(live, "GET", "/", {})[0] == 400


def test_a_turn_from_the_page_itself_is_answered(live: tuple[str, int]) -> None:
    own = f"http://127.0.0.1:{live[1]}"
    headers = turn_headers(live, Origin=own, **{"Sec-Fetch-Site": "same-origin"})
    status, body = request(live, "POST", TURN, headers, OPEN)
    assert status == 200 and json.loads(body)["text"].startswith("Welcome")


@pytest.mark.parametrize(
    "sent",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_turn_posted_from_another_site_is_refused(
    live: tuple[str, int], sent: dict[str, str]
) -> None:
    status, body = request(live, "POST", TURN, turn_headers(live, **sent), OPEN)
    assert status == 403
    assert json.loads(body) == {"error": "turns are taken from this page only"}


def test_a_slow_client_is_cut_off_after_the_timeout(live: tuple[str, int]) -> None:
    with socket.create_connection(live, timeout=10) as slow:
        slow.sendall(b"POST /api/turn HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        started = time.monotonic()
        assert slow.recv(1024) == b""  # closed by the server, with nothing said
        waited = time.monotonic() - started
    assert TIMEOUT * 0.9 <= waited < TIMEOUT + 3


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:5000", "127.0.0.1"),
        ("LocalHost", "localhost"),
        ("[::1]:8080", "::1"),
        ("::1", "::1"),
        ("school-pc.local:80", "school-pc.local"),
        ("", ""),
    ],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize(
    ("origin", "site", "cross"),
    [
        (None, None, False),
        ("http://127.0.0.1:5000", "same-origin", False),
        (None, "none", False),
        ("http://127.0.0.1:5001", None, True),
        ("http://evil.example", "same-origin", True),
        (None, "cross-site", True),
    ],
)
def test_is_cross_origin(origin: str | None, site: str | None, cross: bool) -> None:
    assert is_cross_origin(origin, site, "http://127.0.0.1:5000") is cross


def test_the_names_it_answers_to_follow_the_address_it_listens_on() -> None:
    assert allowed_hosts("127.0.0.1", []) == {"127.0.0.1", "::1", "localhost"}
    assert "192.168.1.20" in allowed_hosts("192.168.1.20", [])
    everywhere = allowed_hosts("0.0.0.0", ["room12.school.example"], {"room12", "10.0.0.5"})
    assert {"localhost", "room12", "10.0.0.5", "room12.school.example"} <= everywhere
    assert "0.0.0.0" not in everywhere
