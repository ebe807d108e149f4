"""Every APL document the skill can send passes Amazon's validator, with every sample datasource.

The validator is the npm package apl-suggester, pinned in tests/apl/package.json
with its lockfile; tests/apl/validate.js runs it (tests/apl_validator.py). The
packages are installed into tests/apl/node_modules with ``npm ci`` when missing
(CI installs them first). Without node and npm these tests are skipped, and
only then. tests/test_screens.py validates every screen the conversation can
send.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from skill import screen
from tests.apl_validator import APL_TESTS, installed_node, validate_all

DATASOURCES = sorted((APL_TESTS / "datasources").glob("*.json"))
DOCUMENTS_DIR = Path(screen.__file__).parent / "apl"
SHARED = "common"


@pytest.fixture(scope="session")
def node() -> str:
    return installed_node()


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reports(node: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The validator's report for every document with every datasource and its commands."""
    checks = [
        (
            f"{kind} with {source.stem}",
            kind,
            _load(source),
            screen.read_along_commands(_load(source)),
        )
        for kind in screen.KINDS
        for source in DATASOURCES
    ]
    documents = {kind: screen.render_document(kind) for kind in screen.KINDS}
    return validate_all(node, tmp_path_factory.mktemp("apl"), documents, checks)


def test_there_are_sample_datasources_for_every_kind_of_screen() -> None:
    kinds = {_load(p)["screen"]["properties"]["kind"] for p in DATASOURCES}
    assert kinds == set(screen.KINDS)


def test_every_document_file_is_a_kind_of_screen() -> None:
    files = {p.stem for p in DOCUMENTS_DIR.glob("*.json")} - {SHARED}
    assert files == set(screen.KINDS)


@pytest.mark.parametrize("kind", screen.KINDS)
@pytest.mark.parametrize("source", DATASOURCES, ids=lambda p: p.stem)
def test_document_passes_amazons_validator(
    reports: dict[str, Any], kind: str, source: Path
) -> None:
    report = reports[f"{kind} with {source.stem}"]
    assert report == {"errors": [], "warnings": []}


def test_the_validator_reports_a_broken_document(node: str, tmp_path: Path) -> None:
    """The harness would see a mistake: an unknown property and a wrong enum value."""
    document = json.loads(json.dumps(screen.render_document("list")))
    header = document["layouts"]["ScreenHeader"]["item"]
    header["colour"] = "red"
    header["items"][0]["textAlign"] = "middle"
    commands = [{"type": "SpeakList", "componentId": "itemList", "start": 0, "align": "middle"}]
    (tmp_path / "doc.json").write_text(json.dumps(document))
    (tmp_path / "commands.json").write_text(json.dumps(commands))
    done = subprocess.run(
        [
            node,
            str(APL_TESTS / "validate.js"),
            str(tmp_path / "doc.json"),
            str(DATASOURCES[0]),
            "--commands",
            str(tmp_path / "commands.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    paths = {w["path"] for w in json.loads(done.stdout)["warnings"]}
    assert paths == {
        "/layouts/ScreenHeader/item",
        "/layouts/ScreenHeader/item/items/0/textAlign",
        "/commands/0",
        "/commands/0/align",
    }


def test_the_validator_refuses_imports_it_cannot_check_offline(node: str, tmp_path: Path) -> None:
    document = {
        "type": "APL",
        "version": "1.6",
        "import": [{"name": "alexa-layouts", "version": "1.7.0"}],
        "mainTemplate": {"items": [{"type": "AlexaHeader"}]},
    }
    (tmp_path / "doc.json").write_text(json.dumps(document))
    done = subprocess.run(
        [node, str(APL_TESTS / "validate.js"), str(tmp_path / "doc.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(done.stdout)["errors"] == [
        {"path": "/import", "message": "imported packages cannot be validated offline"}
    ]


def test_the_validator_is_pinned_with_a_lockfile() -> None:
    package = _load(APL_TESTS / "package.json")
    lock = _load(APL_TESTS / "package-lock.json")
    version = package["dependencies"]["apl-suggester"]
    assert version[0].isdigit(), "pin an exact version"
    assert lock["packages"]["node_modules/apl-suggester"]["version"] == version
