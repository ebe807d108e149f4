"""The README and the guides describe what exists and the steps the tests run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skill.config import ALLOW_ANY_SKILL_ENV, CONTENT_DIR_ENV, SKILL_ID_ENV, VERIFY_ENV
from skill.tools.lambda_package import HANDLER
from tests import ROOT
from tests.test_gunicorn import DOCUMENTED_COMMAND
from tests.test_lambda_package import DOCUMENTED_ARGV

README = ROOT / "README.md"
DEPLOYMENT = ROOT / "docs" / "deployment.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]
CITED = re.compile(r"\b((?:tests|benchmarks|skill|docs)/[\w/.-]+\.(?:py|md|yaml))\b")


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_file_a_document_cites_exists(document: Path) -> None:
    cited = set(CITED.findall(text(document)))
    assert cited  # the pattern finds citations at all
    assert [path for path in sorted(cited) if not (ROOT / path).exists()] == []


@pytest.mark.parametrize("document", [README, DEPLOYMENT], ids=lambda p: p.name)
def test_the_deployment_commands_are_the_ones_the_tests_run(document: Path) -> None:
    content = text(document)
    assert f"SKILL_ID=amzn1.ask.skill.<your skill id> .venv/bin/{DOCUMENTED_COMMAND}" in content
    assert ".venv/bin/python -m skill " + " ".join(DOCUMENTED_ARGV) in content
    assert HANDLER in content


@pytest.mark.parametrize("document", [README, DEPLOYMENT], ids=lambda p: p.name)
def test_the_configuration_tables_name_every_variable(document: Path) -> None:
    rows = [line for line in text(document).splitlines() if line.startswith("| `")]
    named = {line.split("`")[1] for line in rows}
    assert {SKILL_ID_ENV, VERIFY_ENV, ALLOW_ANY_SKILL_ENV, CONTENT_DIR_ENV} <= named


def test_the_lambda_steps_upload_the_zip_the_package_command_writes() -> None:
    output = DOCUMENTED_ARGV[-1]
    content = text(DEPLOYMENT)
    assert f"--zip-file fileb://{output}" in content
    assert f"--handler {HANDLER}" in content


def systemd_unit() -> dict[str, list[str]]:
    block = text(DEPLOYMENT).split("    [Unit]\n", 1)[1].split("\n\n    [Install]", 1)[0]
    settings: dict[str, list[str]] = {}
    for line in block.splitlines():
        key, _, value = line.strip().partition("=")
        if value:
            settings.setdefault(key, []).append(value)
    return settings


def test_the_systemd_unit_waits_for_a_network_it_asks_for() -> None:
    unit = systemd_unit()
    assert unit["After"] == ["network-online.target"]
    assert unit["Wants"] == ["network-online.target"]


def test_the_systemd_unit_runs_what_the_install_steps_create() -> None:
    unit = systemd_unit()
    content = text(DEPLOYMENT)
    (folder,) = unit["WorkingDirectory"]
    (command,) = unit["ExecStart"]
    assert "git clone " in content and f" {folder}\n" in content
    assert f"python3 -m venv {folder}/.venv" in content
    assert f"{folder}/.venv/bin/pip install -e {folder}" in content
    assert command == f"{folder}/.venv/bin/{DOCUMENTED_COMMAND}"
    assert (ROOT / "gunicorn.conf.py").exists()  # found in WorkingDirectory, the checkout
