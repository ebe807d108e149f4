"""The content compiled at package time is the YAML's, and only ever used while it still is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skill.content import (
    COMPILED_LIBRARY,
    ContentError,
    Library,
    compile_library,
    load_compiled_library,
    load_library,
)
from tests import CONTENT_DIR


def same(one: Library, other: Library) -> bool:
    # Content compares by identity (eq=False); its repr shows every field.
    return repr(one) == repr(other)


@pytest.fixture
def packaged(tmp_path: Path) -> Path:
    """A copy of the content folder with its compiled library, as package-lambda writes it."""
    folder = tmp_path / "content"
    folder.mkdir()
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copyfile(path, folder / path.name)
    (folder / COMPILED_LIBRARY).write_bytes(compile_library(folder))
    return folder


def test_the_compiled_library_is_the_yamls(packaged: Path) -> None:
    assert same(load_compiled_library(packaged), load_library(CONTENT_DIR))


def test_yaml_changed_after_compiling_is_read_from_the_yaml(packaged: Path) -> None:
    english = packaged / "en-US.yaml"
    text = english.read_text(encoding="utf-8")
    english.write_text(text + "\nunknown_section: 1\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown_section"):
        load_compiled_library(packaged)


def test_a_broken_compiled_file_falls_back_to_the_yaml(packaged: Path) -> None:
    (packaged / COMPILED_LIBRARY).write_bytes(b"not a pickle")
    assert same(load_compiled_library(packaged), load_library(CONTENT_DIR))


def test_without_a_compiled_file_the_yaml_is_read(packaged: Path) -> None:
    (packaged / COMPILED_LIBRARY).unlink()
    assert same(load_compiled_library(packaged), load_library(CONTENT_DIR))


def test_the_compiled_library_is_read_without_parsing_the_yaml(
    packaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = repr(load_library(CONTENT_DIR))

    def no_parsing(directory: Path | None = None) -> Library:
        raise AssertionError("the YAML was parsed")

    monkeypatch.setattr("skill.content.library.load_library", no_parsing)
    assert repr(load_compiled_library(packaged)) == expected
