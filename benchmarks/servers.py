"""Starting and stopping the skill under gunicorn on loopback, for the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_gunicorn(
    app: str, port: int, *, env: Mapping[str, str] = {}, prefix: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """``app`` under gunicorn with the production config, on 127.0.0.1:``port``.

    Signature checks are off; gunicorn and verification settings from the
    caller's environment are left out, so every run starts alike. ``env`` adds
    variables; ``prefix`` runs gunicorn under another command (``taskset``).
    Returns once /health answers.
    """
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "ALEXA_"))},
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "ALEXA_VERIFY_SIGNATURES": "false",
        **env,
    }
    command = [*prefix, sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), app]
    process = subprocess.Popen(
        command, cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"gunicorn did not start {app}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
