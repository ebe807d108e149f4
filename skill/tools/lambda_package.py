"""Building the AWS Lambda package: the runtime, the content, ask-sdk-core and PyYAML, compiled.

The zip holds only what a Lambda instance runs:

- the runtime modules of ``skill/``, without the tools (``skill/tools/``), the
  command line's entry point and the modules only the web service needs
  (:data:`WEB_ONLY`: Flask, cryptography and gunicorn are not shipped);
- ``content/*.yaml``, beside ``skill/`` where :mod:`skill.config` looks;
- ask-sdk-core and PyYAML with everything they require, for the target Python
  and platform;
- bytecode for every module, compiled by the target Python with
  ``--invalidation-mode unchecked-hash``: Lambda's code folder is read-only and
  a zip does not keep modification times exactly, so timestamp-checked
  bytecode would be judged stale and every cold start would compile from
  source (and print the SDK's ``SyntaxWarning`` lines). Unchecked bytecode is
  used as it is.

Where the dependencies come from:

- when the target is the Python running the builder on the same platform
  (Linux on the same machine type), the installed distributions are copied
  from this environment: no network, and exactly the versions the tests ran;
- otherwise ``pip install --target`` fetches wheels for the target
  (``--platform``, ``--python-version``, binary wheels only) at the versions
  installed here, and the target's interpreter (``python3.12`` on ``PATH``)
  compiles the bytecode.

The zip is reproducible: entries sorted, fixed times and permissions.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from skill.config import DEFAULT_CONTENT_DIR, PACKAGE_DIR
from skill.content import COMPILED_LIBRARY, ContentError, compile_library

RUNTIME_DEPENDENCIES = ("ask-sdk-core", "PyYAML")
# Runtime modules only the web service imports (Flask, cryptography, gunicorn).
WEB_ONLY = frozenset({"app.py", "webservice.py", "verification.py", "gunicorn_worker.py"})
# Folders of skill/ that are not the runtime.
NOT_RUNTIME_DIRS = frozenset({"tools", "__pycache__"})
ENTRY_POINT = "__main__.py"
HANDLER = "skill.lambda_function.handler"
PLATFORMS = {"x86_64": "manylinux2014_x86_64", "arm64": "manylinux2014_aarch64"}
_MACHINES = {
    "manylinux2014_x86_64": ("x86_64", "amd64"),
    "manylinux2014_aarch64": ("aarch64", "arm64"),
}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """The package cannot be built; the message says what to do."""


@dataclass(frozen=True)
class Target:
    """The Lambda runtime the package is for: ``python`` as "3.12", a wheel platform tag."""

    python: str
    platform: str = PLATFORMS["x86_64"]

    @property
    def runtime(self) -> str:
        """Lambda's name for the runtime, e.g. ``python3.12``."""
        return f"python{self.python}"


@dataclass(frozen=True)
class Built:
    """What :func:`build` wrote."""

    path: Path
    files: int
    size: int
    distributions: tuple[tuple[str, str], ...]  # (name, version)
    copied: bool  # dependencies copied from this environment (else installed by pip)


def running_python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def can_copy_installed(target: Target) -> bool:
    """Whether this environment's installed distributions are right for ``target`` as they are."""
    machine = platform.machine().lower()
    return (
        target.python == running_python()
        and sys.platform == "linux"
        and machine in _MACHINES.get(target.platform, ())
    )


# --- what goes in -----------------------------------------------------------------


def runtime_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files of the runtime package, relative to its parent (``skill/...``)."""
    found = []
    for path in sorted(package_dir.rglob("*")):
        relative = path.relative_to(package_dir)
        if not path.is_file() or path.suffix == ".pyc":
            continue
        if NOT_RUNTIME_DIRS & set(relative.parts[:-1]):
            continue
        if len(relative.parts) == 1 and relative.name in WEB_ONLY | {ENTRY_POINT}:
            continue
        found.append(path.relative_to(package_dir.parent))
    return found


def content_files(content_dir: Path = DEFAULT_CONTENT_DIR) -> list[Path]:
    files = sorted(content_dir.glob("*.yaml"))
    if not files:
        raise PackageError(f"{content_dir}: no content files (*.yaml)")
    return files


def requirement_closure(names: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions ``names`` need, with everything they require in turn.

    Requirements are read from each distribution's metadata; those whose
    environment marker excludes this interpreter (``python_version == "2.7"``)
    or that belong to an extra are left out, as pip leaves them out.
    """
    environment = {key: str(value) for key, value in default_environment().items()}
    environment["extra"] = ""
    found: dict[str, metadata.Distribution] = {}
    queue = list(names)
    while queue:
        name = canonicalize_name(queue.pop(0))
        if name in found:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise PackageError(f"{name} is not installed here: pip install -e . first") from exc
        found[name] = distribution
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate(environment):
                queue.append(requirement.name)
    return [found[name] for name in sorted(found)]


def copy_distribution(distribution: metadata.Distribution, into: Path) -> int:
    """Copy an installed distribution's files (no bytecode, no scripts); the number copied."""
    copied = 0
    for file in distribution.files or []:
        parts = Path(str(file)).parts
        if not parts or parts[0] == ".." or "__pycache__" in parts or file.suffix == ".pyc":
            continue
        source = Path(str(distribution.locate_file(file)))
        if not source.is_file():
            continue
        destination = into.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        copied += 1
    return copied


def pip_command(target: Target, into: Path, pins: Sequence[str]) -> list[str]:
    """The pip command that installs ``pins`` for ``target`` into ``into``, wheels only."""
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-compile",
        "--target",
        str(into),
        "--platform",
        target.platform,
        "--implementation",
        "cp",
        "--python-version",
        target.python,
        "--only-binary=:all:",
        *pins,
    ]


def target_interpreter(target: Target) -> str:
    """The interpreter that compiles the bytecode: the target version, nothing else."""
    if target.python == running_python():
        return sys.executable
    found = shutil.which(f"python{target.python}")
    if found is None:
        raise PackageError(
            f"bytecode for Python {target.python} is compiled by python{target.python}, "
            f"which is not on PATH: install it, or build for Python {running_python()} "
            f"(--python {running_python()}) and create the function with that runtime"
        )
    return found


def compile_all(folder: Path, interpreter: str) -> None:
    """Bytecode for every module in ``folder``, used on Lambda without checking the source."""
    command = [interpreter, "-W", "ignore", "-m", "compileall", "-q", "-j", "0"]
    command += ["--invalidation-mode", "unchecked-hash", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PackageError(f"compiling failed:\n{done.stdout}{done.stderr}".strip())


def write_zip(folder: Path, output: Path) -> tuple[int, int]:
    """Zip ``folder``'s contents reproducibly; the number of files and the zip's size."""
    output.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), _ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return len(files), output.stat().st_size


# --- the build ----------------------------------------------------------------------


def build(
    output: Path,
    target: Target,
    *,
    package_dir: Path = PACKAGE_DIR,
    content_dir: Path = DEFAULT_CONTENT_DIR,
) -> Built:
    """Build the Lambda package for ``target`` at ``output``."""
    interpreter = target_interpreter(target)
    closure = requirement_closure(RUNTIME_DEPENDENCIES)
    versions = tuple((d.metadata["Name"], d.version) for d in closure)
    copied = can_copy_installed(target)
    with tempfile.TemporaryDirectory(prefix="lambda-package-") as tmp:
        staging = Path(tmp)
        for relative in runtime_files(package_dir):
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(package_dir.parent / relative, destination)
        (staging / "content").mkdir()
        for path in content_files(content_dir):
            shutil.copyfile(path, staging / "content" / path.name)
        # Validated from the YAML now, so a cold start need not parse it (skill.content.library).
        try:
            compiled = compile_library(staging / "content")
        except ContentError as exc:
            raise PackageError(f"the content does not load: {exc}") from exc
        (staging / "content" / COMPILED_LIBRARY).write_bytes(compiled)
        if copied:
            for distribution in closure:
                copy_distribution(distribution, staging)
        else:
            pins = [f"{d.metadata['Name']}=={d.version}" for d in closure if _wanted(d)]
            done = subprocess.run(
                pip_command(target, staging, pins), capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                raise PackageError(f"pip could not install the dependencies:\n{done.stderr}")
        compile_all(staging, interpreter)
        files, size = write_zip(staging, output)
    return Built(output, files, size, versions, copied)


def _wanted(distribution: metadata.Distribution) -> bool:
    """Pinned for pip: the two named dependencies (pip resolves the rest for the target)."""
    return canonicalize_name(distribution.metadata["Name"]) in {
        canonicalize_name(n) for n in RUNTIME_DEPENDENCIES
    }


__all__ = [
    "HANDLER",
    "PLATFORMS",
    "RUNTIME_DEPENDENCIES",
    "WEB_ONLY",
    "Built",
    "PackageError",
    "Target",
    "build",
    "can_copy_installed",
    "content_files",
    "pip_command",
    "requirement_closure",
    "runtime_files",
]
