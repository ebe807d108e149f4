"""A copy of the project in a temporary folder, and its own code run there.

The recipes for a new locale and a new topic (README, "Changing the skill") are
followed in such a copy with files only (tests/test_new_locale.py,
tests/test_new_topic.py), and the copy's own check and tests run on the result.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests import ROOT

# What the copy needs to run its checks and tests: the code, the data, the tests.
COPIED = ("skill", "content", "interaction_model", "tests", "ask-resources.json", "pyproject.toml")
NOT_COPIED = shutil.ignore_patterns("node_modules", "__pycache__", "*.pyc", ".pytest_cache")
MODELS = Path("interaction_model/interactionModels/custom")


def copy_repository(target: Path) -> Path:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=NOT_COPIED)
        else:
            shutil.copy(source, target / name)
    return target


def run(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python *arguments`` in the copy at ``root`` (its own code, not this one's)."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]
