"""``python -m skill package-lambda``: the zip answers as the web endpoint does, and nothing more.

The zip is unpacked into a clean virtual environment (no site-packages of its
own) and run with only its contents on sys.path, bytecode writing off, as a
Lambda instance runs it. No network: the builder copies this environment's
installed dependencies when the target is the running Python.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.tools.cli import main
from skill.tools.lambda_package import (
    WEB_ONLY,
    PackageError,
    Target,
    pip_command,
    runtime_files,
    target_interpreter,
)
from tests import ROOT, SKILL_ID
from tests.conftest import AppFactory
from tests.envelopes import fixture, fixture_names
from tests.test_layout import RECOGNISER_LIBRARIES

SEED = 11
# README.md and docs/deployment.md give this command; the test writes elsewhere.
DOCUMENTED_ARGV = ("package-lambda", "-o", "dist/lambda.zip")
NEVER_IMPORTED = (
    "flask",
    "werkzeug",
    "cryptography",
    "gunicorn",
    "waitress",
    "ask_sdk_webservice_support",
    *RECOGNISER_LIBRARIES,
)

# Runs inside the clean environment: counts modules compiled from source, then
# answers every fixture with one handler, as one warm Lambda instance would.
DRIVER = """
import importlib.machinery, json, os, random, sys
compiled = []
real = importlib.machinery.SourceFileLoader.source_to_code
def counting(self, data, path, *args, **kwargs):
    compiled.append(str(path))
    return real(self, data, path, *args, **kwargs)
importlib.machinery.SourceFileLoader.source_to_code = counting

import skill.lambda_function as lf
handler = lf.handler_from_environment(rng=random.Random(int(os.environ["SEED"])))
answers = {}
for name in json.loads(os.environ["FIXTURES"]):
    with open(os.path.join(os.environ["REQUESTS"], name + ".json"), encoding="utf-8") as f:
        answers[name] = handler(json.load(f), None)
root = os.environ["PACKAGE_ROOT"]
print(json.dumps({
    "answers": answers,
    "modules": sorted(sys.modules),
    "compiled": [p for p in compiled if p.startswith(root)],
    "skill_file": sys.modules["skill"].__file__,
}))
"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip, built by the documented command."""
    output = tmp_path_factory.mktemp("dist") / "lambda.zip"
    assert main([*DOCUMENTED_ARGV[:-1], str(output)]) == 0
    return output


@pytest.fixture(scope="module")
def run_result(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    work = tmp_path_factory.mktemp("lambda")
    unpacked = work / "task"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(unpacked)
    environment = work / "venv"
    venv.create(environment, with_pip=False, symlinks=True)
    python = environment / "bin" / "python"
    elsewhere = work / "cwd"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin"),
        "PYTHONPATH": str(unpacked),
        "PYTHONDONTWRITEBYTECODE": "1",
        "SKILL_ID": SKILL_ID,
        "SEED": str(SEED),
        "FIXTURES": json.dumps(fixture_names()),
        "REQUESTS": str(ROOT / "tests" / "requests"),
        "PACKAGE_ROOT": str(unpacked),
    }
    done = subprocess.run(
        [str(python), "-s", "-c", DRIVER],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    result["stderr"] = done.stderr
    result["unpacked"] = str(unpacked)
    yield result


def test_the_package_runs_from_its_own_files(run_result: dict[str, Any]) -> None:
    assert run_result["skill_file"].startswith(run_result["unpacked"])


def test_every_fixture_gets_the_answer_the_web_endpoint_gives(
    make_app: AppFactory, run_result: dict[str, Any]
) -> None:
    app = make_app(SKILL_ID=SKILL_ID, RNG=random.Random(SEED))
    client = app.test_client()
    for name in fixture_names():
        web = client.post("/alexa", data=json.dumps(fixture(name)), content_type="application/json")
        assert web.status_code == 200, name
        assert json.loads(web.data) == run_result["answers"][name], name


def test_no_web_server_cryptography_or_tool_is_imported(run_result: dict[str, Any]) -> None:
    modules = run_result["modules"]
    for name in NEVER_IMPORTED:
        assert not [m for m in modules if m == name or m.startswith(name + ".")], name
    assert not [m for m in modules if m.startswith("skill.tools")]


def test_nothing_is_compiled_and_nothing_printed(run_result: dict[str, Any]) -> None:
    assert run_result["compiled"] == []
    assert run_result["stderr"] == ""


def test_the_zip_holds_the_runtime_and_the_content_only(package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
    assert "content/en-US.yaml" in names
    assert "skill/lambda_function.py" in names and "skill/dispatch.py" in names
    assert not [n for n in names if n.startswith("skill/tools/")]
    assert not {f"skill/{name}" for name in WEB_ONLY} & names
    assert "skill/__main__.py" not in names
    for top in ("flask", "werkzeug", "cryptography", "gunicorn", "waitress", *RECOGNISER_LIBRARIES):
        assert not [n for n in names if n.startswith(top + "/")], top
    sources = [n for n in names if n.endswith(".py")]
    assert sources and all(_compiled_name(n) in names for n in sources)


def _compiled_name(source: str) -> str:
    folder, _, module = source.rpartition("/")
    tag = sys.implementation.cache_tag
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}__pycache__/{module[:-3]}.{tag}.pyc"


def test_every_runtime_module_but_the_web_ones_is_shipped() -> None:
    shipped = {p.as_posix() for p in runtime_files()}
    assert "skill/dispatch.py" in shipped and "skill/handlers/__init__.py" in shipped
    assert not [p for p in shipped if p.startswith("skill/tools/")]


def test_another_python_is_installed_by_pip_for_lambdas_platform(tmp_path: Path) -> None:
    command = pip_command(Target("3.12"), tmp_path, ["ask-sdk-core==1.19.0", "PyYAML==6.0.4"])
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    for option in (
        ["--target", str(tmp_path)],
        ["--platform", "manylinux2014_x86_64"],
        ["--python-version", "3.12"],
        ["--implementation", "cp"],
    ):
        position = command.index(option[0])
        assert command[position : position + 2] == option
    assert "--only-binary=:all:" in command


def test_another_python_needs_its_interpreter_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(PackageError, match="compiled by python3.99, which is not on PATH"):
        target_interpreter(Target("3.99"))
