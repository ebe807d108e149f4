"""Amazon's APL validator (npm apl-suggester, run by tests/apl/validate.js), for the tests.

The packages are installed into tests/apl/node_modules with ``npm ci`` when
missing (CI installs them first). Without node and npm the tests that need the
validator are skipped, and only then.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

APL_TESTS = Path(__file__).parent / "apl"
VALIDATE = APL_TESTS / "validate.js"
CLEAN = {"errors": [], "warnings": []}


def node_tools() -> tuple[str, str] | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    return (node, npm) if node and npm else None


def installed_node() -> str:
    """The node program, with the validator installed; skips the test without node and npm."""
    tools = node_tools()
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


def validate_all(
    node: str,
    work: Path,
    documents: Mapping[str, Any],
    checks: Sequence[tuple[str, str, Any, Any]],
) -> dict[str, Any]:
    """Validate every check in one node process: the report for each check's name.

    ``documents`` maps a document's name to the document; each check is
    (name, document name, datasources or None, commands or None).
    """
    for name, document in documents.items():
        (work / f"{name}.document.json").write_text(json.dumps(document), encoding="utf-8")
    jobs = []
    for n, (name, document, datasources, commands) in enumerate(checks):
        job = {"name": name, "document": str(work / f"{document}.document.json")}
        for key, value in (("datasources", datasources), ("commands", commands)):
            if value is not None:
                path = work / f"{n}.{key}.json"
                path.write_text(json.dumps(value), encoding="utf-8")
                job[key] = str(path)
        jobs.append(job)
    job_file = work / "jobs.json"
    job_file.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run(
        [node, str(VALIDATE), "--batch", str(job_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    reports: dict[str, Any] = json.loads(done.stdout)
    assert set(reports) == {name for name, *_ in checks}
    return reports
