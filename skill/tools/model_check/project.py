"""The one part of the model check that touches the file system.

:func:`check_project` reads ``ask-resources.json``, the skill package it names
(``skill.json`` and every ``interactionModels/custom/<locale>.json``), every
content file, and the recogniser data of every locale with a model (its launch
words, ``skill/tools/recognizer/<locale>.yaml``, through the simulator's own
reader), then runs every rule of :data:`~skill.tools.model_check.rules.RULES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from skill.config import ROOT_DIR
from skill.content import DEFAULT_LOCALE, Content, ContentError, load_file
from skill.tools import interaction_model as im
from skill.tools import nlu
from skill.tools.model_check.languages import Languages, LaunchWords
from skill.tools.model_check.problem import Problem, Report
from skill.tools.model_check.rules import RULES
from skill.tools.model_check.structure import check_structure

RECOGNIZER_RULE = "recognizer"


def check_model(model_json: Any, file: str, languages: Languages | None = None) -> list[Problem]:
    """Every interaction model rule over one parsed ``<locale>.json``.

    ``languages``: the launch words of each locale (default: those of every
    recogniser file in ``skill/tools/recognizer/``).
    """
    problems = check_structure(model_json, file)
    if problems:
        return problems
    if languages is None:
        languages, _ = load_languages(nlu.available_locales(), ROOT_DIR)
    lm = im.language_model(model_json)
    found: list[Problem] = []
    for rule in RULES:
        if rule.model is not None:
            found += rule.model(lm, file)
        if rule.words is not None:
            found += rule.words(lm, file, languages)
    return found


def load_languages(
    locales: Iterable[str], root: Path, recognizer_dir: Path | None = None
) -> tuple[dict[str, LaunchWords], list[Problem]]:
    """The launch words of each locale, from its recogniser data: locale -> words.

    A locale whose file is missing or malformed is a problem naming the file
    and the key path, and has no entry.
    """
    languages: dict[str, LaunchWords] = {}
    problems = []
    for locale in locales:
        path = nlu.phrases_file(locale, recognizer_dir)
        try:
            languages[locale] = nlu.read_phrases(locale, recognizer_dir).launch
        except nlu.RecognizerError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            if message == "no such file":
                message = (
                    "file is missing: every locale with a model needs its recogniser data "
                    "(launch words, invocation_forbidden)"
                )
            problems.append(Problem(RECOGNIZER_RULE, _relative(path, root), message))
    return languages, problems


def _read_json(path: Path, root: Path, rule: str) -> tuple[Any, list[Problem]]:
    try:
        return im.read_json(path), []
    except im.ModelFileError as exc:
        return None, [Problem(rule, _relative(path, root), exc.reason)]


def _relative(path: Path, root: Path) -> str:
    """``path`` from ``root``, else from this checkout (the recogniser data), else whole."""
    for base in (root, ROOT_DIR):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def skill_package_dirs(resources: Any, root: Path) -> tuple[list[Path], list[Problem]]:
    """The skill package folders ask-resources.json names, one per profile."""
    file = "ask-resources.json"
    profiles = resources.get("profiles") if isinstance(resources, Mapping) else None
    if not isinstance(profiles, Mapping) or not profiles:
        return [], [Problem("layout", file, "no profiles")]
    dirs: list[Path] = []
    problems = []
    for name, profile in profiles.items():
        metadata = profile.get("skillMetadata") if isinstance(profile, Mapping) else None
        src = metadata.get("src") if isinstance(metadata, Mapping) else None
        if not isinstance(src, str) or not src:
            problems.append(
                Problem("layout", file, f"profile {name}: skillMetadata.src is missing")
            )
            continue
        folder = (root / src).resolve()
        if not (folder / "skill.json").is_file():
            problems.append(Problem("layout", file, f"profile {name}: {src} has no skill.json"))
        elif folder not in dirs:
            dirs.append(folder)
    return dirs, problems


def load_contents(
    content_dir: Path, root: Path
) -> tuple[dict[str, tuple[str, Content]], list[Problem]]:
    """Every content file, loaded and validated: locale -> (file, content)."""
    contents: dict[str, tuple[str, Content]] = {}
    problems = []
    where = _relative(content_dir, root)
    if not content_dir.is_dir():
        reason = "is not a folder" if content_dir.exists() else "folder does not exist"
        return {}, [Problem("content", where, reason)]
    files = sorted(content_dir.glob("*.yaml"))
    if not files:
        return {}, [Problem("content", where, "no content files (*.yaml)")]
    for path in files:
        rel = _relative(path, root)
        try:
            content = load_file(path)
        except ContentError as exc:
            message = str(exc)
            for prefix in (f"{path}: ", f"{rel}: "):
                message = message.removeprefix(prefix)
            problems.append(Problem("content", rel, message))
            continue
        contents[content.locale] = (rel, content)
    if not problems and DEFAULT_LOCALE not in contents:
        problems.append(Problem("content", where, f"no {DEFAULT_LOCALE}.yaml"))
    return contents, problems


def check_project(
    root: Path, content_dir: Path | None = None, recognizer_dir: Path | None = None
) -> Report:
    """Read the skill package and content under ``root`` and run every rule.

    The launch words come from ``recognizer_dir`` (default: the recogniser data
    next to this code, ``skill/tools/recognizer/``).
    """
    root = root.resolve()
    content_dir = (content_dir or root / "content").resolve()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    resources, found = _read_json(root / "ask-resources.json", root, "layout")
    problems += found
    package_dirs: list[Path] = []
    if resources is not None:
        package_dirs, found = skill_package_dirs(resources, root)
        problems += found

    contents, found = load_contents(content_dir, root)
    problems += found
    unloadable = {Path(p.file).stem for p in found}

    model_count = sample_count = 0
    for package in package_dirs:
        models: dict[str, tuple[str, Mapping[str, Any]]] = {}
        model_files = sorted((package / "interactionModels" / "custom").glob("*.json"))
        if not model_files:
            problems.append(
                Problem("layout", _relative(package, root), "no interactionModels/custom/*.json")
            )
        for path in model_files:
            rel = _relative(path, root)
            model_json, found = _read_json(path, root, "structure")
            problems += found
            if model_json is None:
                continue
            model_count += 1
            found = check_structure(model_json, rel)
            problems += found
            if found:
                continue
            lm = im.language_model(model_json)
            sample_count += sum(len(im.samples(i)) for i in im.intents(lm))
            models[path.stem] = (rel, lm)
            if path.stem not in contents and path.stem not in unloadable:
                problems.append(Problem("content", rel, f"no content file for locale {path.stem}"))
        languages, found = load_languages(models, root, recognizer_dir)
        problems += found
        manifest_path = package / "skill.json"
        manifest, found = _read_json(manifest_path, root, "manifest")
        problems += found
        manifest_file = _relative(manifest_path, root)
        for rule in RULES:
            out = warnings if rule.warning else problems
            if rule.model is not None:
                for file, lm in models.values():
                    out += rule.model(lm, file)
            if rule.words is not None:
                for file, lm in models.values():
                    out += rule.words(lm, file, languages)
            if rule.content is not None:
                for locale, (file, lm) in models.items():
                    if locale in contents:
                        content_file, content = contents[locale]
                        out += rule.content(file, lm, content, content_file)
            if rule.manifest is not None and manifest is not None:
                out += rule.manifest(manifest, manifest_file, models, languages)
    return Report(
        tuple(_unique(problems)),
        model_count,
        sample_count,
        len(contents),
        tuple(_unique(warnings)),
    )


def _unique(problems: Iterable[Problem]) -> Iterator[Problem]:
    seen: set[Problem] = set()
    for p in problems:
        if p not in seen:
            seen.add(p)
            yield p
