"""A new locale is data: en-US copied as en-GB passes the check, the locale tests and the conversations.

The repository is copied to a temporary folder, the README's locale steps are
followed there with files only (no Python), and the copy's own tests run on it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skill.content import DEFAULT_LOCALE
from tests.copies import MODELS, copy_repository, readme_section, run
from tests.locales import LOCALES

NEW_LOCALE = "en-GB"
# Every file a locale has, named by locale: the content, the model, the recogniser's
# data, the phrasing corpora and what the tests expect.
LOCALE_FILES = (
    "content/{locale}.yaml",
    f"{MODELS.as_posix()}/{{locale}}.json",
    "skill/tools/recognizer/{locale}.yaml",
    "tests/phrasings/{locale}.tsv",
    "tests/phrasings/quiz-{locale}.tsv",
    "tests/phrasings/crisis-{locale}.tsv",
    "tests/phrasings/held-out/{locale}.tsv",
    "tests/phrasings/held-out/crisis-{locale}.tsv",
    "tests/phrasings/held-out/out-of-domain-{locale}.tsv",
    "tests/locales/{locale}.yaml",
)
MANIFEST = "interaction_model/skill.json"
RUN_ON_THE_NEW_LOCALE = ("tests/test_locales.py", "tests/test_conversations.py")


def add_english_variant(root: Path, locale: str) -> None:
    """Copy every en-US file as ``locale`` and list it in skill.json: the README's steps."""
    for pattern in LOCALE_FILES:
        source = root / pattern.format(locale=DEFAULT_LOCALE)
        target = root / pattern.format(locale=locale)
        text = source.read_text(encoding="utf-8")
        if target.suffix == ".yaml":
            text = re.sub(rf"(?m)^locale: {DEFAULT_LOCALE}$", f"locale: {locale}", text)
        target.write_text(text, encoding="utf-8")
    manifest_file = root / MANIFEST
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    publishing = manifest["manifest"]["publishingInformation"]
    publishing["locales"][locale] = publishing["locales"][DEFAULT_LOCALE]
    publishing["distributionCountries"].append(locale.rpartition("-")[2])
    manifest_file.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("new-locale"))
    add_english_variant(root, NEW_LOCALE)
    return root


def test_the_copy_runs_its_own_code(scratch: Path) -> None:
    found = run(scratch, "-c", "import skill, tests; print(skill.__file__); print(tests.__file__)")
    assert found.stdout.splitlines() == [
        str(scratch / "skill" / "__init__.py"),
        str(scratch / "tests" / "__init__.py"),
    ]


def test_the_check_counts_the_new_locale(scratch: Path) -> None:
    checked = run(scratch, "-m", "skill", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1].startswith(
        f"ok: {len(LOCALES) + 1} interaction model(s)"
    )


def test_the_locale_and_conversation_tests_pass_on_the_new_locale(scratch: Path) -> None:
    # The new locale's cases and those of no locale; the suite runs the others.
    others = " or ".join(LOCALES)
    tested = run(
        scratch,
        "-m",
        "pytest",
        "-v",
        "-p",
        "no:cacheprovider",
        "-k",
        f"{NEW_LOCALE} or not ({others})",
        *RUN_ON_THE_NEW_LOCALE,
    )
    assert tested.returncode == 0, tested.stdout[-4000:] + tested.stderr[-2000:]
    ran = [line for line in tested.stdout.splitlines() if f"{NEW_LOCALE}" in line]
    assert ran and all("PASSED" in line for line in ran)
    assert any(line.startswith("tests/test_conversations.py") for line in ran)
    assert not [line for line in ran if "left_in_english" in line]  # English needs no translating


def test_the_readme_names_every_file_a_new_locale_touches() -> None:
    steps = readme_section("Changing the skill: adding a locale")
    for pattern in (*LOCALE_FILES, MANIFEST):
        folder, _, name = pattern.rpartition("/")
        assert name.format(locale="<locale>") in steps, pattern
        assert folder.rstrip("/").split("/")[-1] in steps, pattern
