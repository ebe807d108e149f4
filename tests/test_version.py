"""The version string, as the command line and the health check report it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from skill import __version__
from skill.__main__ import main
from tests import ROOT

# PEP 440 release versions, with optional pre-, post- and dev-release parts.
VERSION = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?")


def test_version_is_a_pep_440_version() -> None:
    assert VERSION.fullmatch(__version__), __version__


def test_version_option_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"python -m skill {__version__}\n"


def test_python_m_skill_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skill", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"python -m skill {__version__}"
