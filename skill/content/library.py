"""Loading the content files: one file, a folder of locales, and the process's library.

A missing, unreadable or malformed file stops start-up with a
:class:`~skill.content.model.ContentError` that names the file (and, from
:func:`~skill.content.parse.parse_content`, the key path). The folder is the
one the environment names (``SKILL_CONTENT_DIR``, see :mod:`skill.config`),
else ``content/``; a locale without a file gets the default locale's words.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from skill.config import Settings
from skill.content.model import DEFAULT_LOCALE, Content, ContentError
from skill.content.parse import parse_content


def load_file(path: Path) -> Content:
    # Imported here: a cold start that finds the compiled library never reads YAML,
    # and importing PyYAML (with its reader's large character class) cost about 10 ms.
    import yaml

    # libyaml's loader where PyYAML was built with it (several times faster), else pure Python.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=loader)
    except OSError as exc:
        raise ContentError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc
    content = parse_content(data, str(path))
    if content.locale != path.stem:
        raise ContentError(f"{path}: locale: {content.locale!r} does not match the file name")
    return content


def content_dir() -> Path:
    """The content folder the environment names (``SKILL_CONTENT_DIR``), else the default."""
    return Settings.from_environ().content_dir


@dataclass(frozen=True)
class Library:
    """All locales' content, with a default for locales the skill does not speak."""

    by_locale: Mapping[str, Content]
    default: str = DEFAULT_LOCALE

    def for_locale(self, locale: str | None) -> Content:
        if locale and locale in self.by_locale:
            return self.by_locale[locale]
        return self.by_locale[self.default]


def load_library(directory: Path | None = None) -> Library:
    """Every content file in ``directory`` (default: :func:`content_dir`), loaded and validated.

    The same files give the same (frozen) library: another app made in the same
    process, as the tests make hundreds, reads and validates them once.
    """
    directory = directory or content_dir()
    try:
        files = content_files(directory)
    except OSError:  # a file that cannot be read: reading the library says which
        return _read_library(directory)
    return _library_with(directory, files)


@lru_cache(maxsize=16)
def _library_with(directory: Path, files: tuple[tuple[str, bytes], ...]) -> Library:
    """The library of ``directory`` while it holds exactly ``files`` (names and bytes)."""
    return _read_library(directory)


def _read_library(directory: Path) -> Library:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ContentError(f"{directory}: no content files (*.yaml)")
    by_locale = {c.locale: c for c in (load_file(f) for f in files)}
    if DEFAULT_LOCALE not in by_locale:
        raise ContentError(f"{directory}: no {DEFAULT_LOCALE}.yaml")
    return Library(by_locale)


# The library compiled at package time (``package-lambda``), next to the YAML it came from.
COMPILED_LIBRARY = "library.pickle"


def content_files(directory: Path) -> tuple[tuple[str, bytes], ...]:
    """The content files in ``directory``: each name and its bytes, in name order."""
    return tuple((path.name, path.read_bytes()) for path in sorted(directory.glob("*.yaml")))


def compile_library(directory: Path) -> bytes:
    """The library in ``directory``, loaded and validated from its YAML, pickled with
    the files it came from: what :func:`load_compiled_library` reads back.

    The files themselves, not a digest of them: comparing their 90 KB costs
    less than importing hashlib at a cold start.
    """
    return pickle.dumps((content_files(directory), load_library(directory)), protocol=4)


def load_compiled_library(directory: Path | None = None) -> Library:
    """The library compiled into ``directory`` at package time, if it is there and was
    made from exactly the YAML files beside it; else the library loaded from the YAML.

    On AWS Lambda this skips reading and validating the YAML at every cold start;
    the YAML was validated when the package was built.
    """
    directory = directory or content_dir()
    try:
        files, library = pickle.loads((directory / COMPILED_LIBRARY).read_bytes())
        if isinstance(library, Library) and files == content_files(directory):
            return library
    except Exception:  # absent, unreadable, or from other code: the YAML decides
        pass
    return load_library(directory)


@cache
def default_library() -> Library:
    """The library from the default content directory, loaded once per process."""
    return load_library()
