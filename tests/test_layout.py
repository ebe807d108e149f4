"""The runtime package never imports the tools; the tools may import the runtime."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import ROOT

PACKAGE = ROOT / "skill"
TOOLS = PACKAGE / "tools"
# The command line's entry point: ``python -m skill`` runs the tools' CLI.
ENTRY_POINT = PACKAGE / "__main__.py"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _executed_on_import(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes that run when the module is imported: not function bodies, not
    ``if TYPE_CHECKING:`` blocks."""
    for node in statements:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            yield from _executed_on_import(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                yield from _executed_on_import(
                    [c for c in children if isinstance(c, ast.stmt)]
                    + [s for h in children if isinstance(h, ast.ExceptHandler) for s in h.body]
                )


def imported_modules(path: Path, *, on_import_only: bool = False) -> set[str]:
    """Every module ``path`` imports, relative imports resolved: at any depth of the
    file, or (``on_import_only``) only those that run when it is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    nodes = _executed_on_import(tree.body) if on_import_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
    return found


def runtime_files() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if TOOLS not in p.parents and p != ENTRY_POINT and "__pycache__" not in p.parts
    )


def test_there_are_runtime_and_tool_modules() -> None:
    assert any(p.name == "dispatch.py" for p in runtime_files())
    assert list(TOOLS.rglob("*.py"))


@pytest.mark.parametrize("path", runtime_files(), ids=lambda p: module_name(p))
def test_runtime_modules_never_import_the_tools(path: Path) -> None:
    imports = imported_modules(path)
    assert not [m for m in imports if m == "skill.tools" or m.startswith("skill.tools.")]


# The trained recogniser's libraries (skill/tools/intent_classifier.py): tools only.
RECOGNISER_LIBRARIES = ("sklearn", "numpy", "scipy", "joblib", "threadpoolctl")


@pytest.mark.parametrize("path", runtime_files(), ids=lambda p: module_name(p))
def test_runtime_modules_never_import_the_recogniser_or_its_libraries(path: Path) -> None:
    imports = imported_modules(path)
    assert not [m for m in imports if m.split(".")[0] in RECOGNISER_LIBRARIES]
    assert "skill.tools.intent_classifier" not in imports


def test_the_import_reader_sees_the_recogniser_libraries() -> None:
    """The check above can fail: the classifier imports numpy and scikit-learn."""
    imports = imported_modules(TOOLS / "intent_classifier.py")
    assert {"numpy", "sklearn.linear_model"} <= imports


def test_the_import_reader_sees_tool_imports() -> None:
    """The check above can fail: it finds the tools' CLI in the entry point."""
    assert "skill.tools.cli" in imported_modules(ENTRY_POINT)


WEB_ONLY_PACKAGES = ("flask", "werkzeug", "cryptography", "certifi", "gunicorn", "waitress")
WEB_ONLY_PACKAGES += ("ask_sdk_webservice_support",)


def lambda_files() -> list[Path]:
    from skill.tools.lambda_package import WEB_ONLY

    return [p for p in runtime_files() if not (p.parent == PACKAGE and p.name in WEB_ONLY)]


@pytest.mark.parametrize("path", lambda_files(), ids=lambda p: module_name(p))
def test_what_lambda_runs_never_imports_the_web_server_or_cryptography(path: Path) -> None:
    imports = imported_modules(path, on_import_only=True)
    assert not [m for m in imports if m.split(".")[0] in WEB_ONLY_PACKAGES]
    assert not [m for m in imports if m in {"skill.app", "skill.webservice", "skill.verification"}]


def test_the_import_reader_tells_import_time_from_call_time() -> None:
    """skill/__init__.py imports the Flask app only when create_app is asked for."""
    init = PACKAGE / "__init__.py"
    assert "skill.app" in imported_modules(init)
    assert "skill.app" not in imported_modules(init, on_import_only=True)
    assert "skill.envelope" in imported_modules(PACKAGE / "dispatch.py", on_import_only=True)
