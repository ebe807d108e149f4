"""The runtime package never imports the tools; the tools may import the runtime."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "skill"
TOOLS = PACKAGE / "tools"
# The command line's entry point: ``python -m skill`` runs the tools' CLI.
ENTRY_POINT = PACKAGE / "__main__.py"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
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


def test_the_import_reader_sees_tool_imports() -> None:
    """The check above can fail: it finds the tools' CLI in the entry point."""
    assert "skill.tools.cli" in imported_modules(ENTRY_POINT)
