"""Every APL document the skill can send passes Amazon's validator, with every sample datasource.

The validator is the npm package apl-suggester, pinned in tests/apl/package.json
with its lockfile; tests/apl/validate.js runs it. The packages are installed
into tests/apl/node_modules with ``npm ci`` when missing (CI installs them
first). Without node and npm these tests are skipped, and only then.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from skill import screen

APL_TESTS = Path(__file__).parent / "apl"
DATASOURCES = sorted((APL_TESTS / "datasources").glob("*.json"))
DOCUMENTS_DIR = Path(screen.__file__).parent / "apl"
SHARED = "common"


def _node_tools() -> tuple[str, str] | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    return (node, npm) if node and npm else None


@pytest.fixture(scope="session")
def node() -> str:
    tools = _node_tools()
    if tools is None:
        pytest.skip("node and npm are not installed: Amazon's APL validator runs on Node.js")
    node, npm = tools
    if not (APL_TESTS / "node_modules" / "apl-suggester" / "package.json").exists():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=APL_TESTS,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    return node


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reports(node: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The validator's report for every document with every datasource and its commands."""
    work = tmp_path_factory.mktemp("apl")
    jobs = []
    for kind in screen.KINDS:
        document = work / f"{kind}.json"
        document.write_text(json.dumps(screen.render_document(kind)), encoding="utf-8")
        for source in DATASOURCES:
            commands = work / f"{kind}-{source.stem}-commands.json"
            commands.write_text(json.dumps(screen.read_along_commands(_load(source))))
            jobs.append(
                {
                    "name": f"{kind} with {source.stem}",
                    "document": str(document),
                    "datasources": str(source),
                    "commands": str(commands),
                }
            )
    job_file = work / "jobs.json"
    job_file.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run(
        [node, str(APL_TESTS / "validate.js"), "--batch", str(job_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


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
