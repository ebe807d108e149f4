"""Import ask-sdk-core with only the Alexa model classes a request uses.

Every package of ``ask_sdk_model`` imports all the classes it holds in its
``__init__`` (one ``from .module import Class`` line each), so that
``from ask_sdk_model.ui import SimpleCard`` works. The first import of
``RequestEnvelope`` therefore loaded about 170 modules (every APL command and
component among them), and ``ask_sdk_core.skill`` imports ``ServiceClientFactory``,
whose module imports every Alexa service client (data store, reminders,
lists, monetization, ...) and dateutil's time zones: together more than a
quarter of the Lambda package's cold start, for classes this skill never
builds.

:func:`import_sdk_lazily` (run by ``skill/__init__.py`` before anything imports
the SDK) installs an import hook for the packages of ``ask_sdk_model``: a
package's ``__init__`` is read, not run, and each name it would import is
imported from its module when it is first asked for (a module
``__getattr__``, PEP 562). The classes and modules are the SDK's own; only
when they are imported differs. A package whose ``__init__`` holds anything
but such lines, or whose source is not there, is run as usual.

``ask_sdk_model.services`` gets a stand-in ``ServiceClientFactory`` (this skill
has no API client, so the SDK never builds one): constructing it builds the
real factory, and importing the real module by name works as usual.
Nothing in site-packages is modified.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import re
import sys
import types
from collections.abc import Mapping, Sequence
from typing import Any

_MODEL = "ask_sdk_model"
_SERVICES = f"{_MODEL}.services"
_FACTORY_MODULE = f"{_SERVICES}.service_client_factory"
# The only lines a model package's __init__ may hold to be read instead of run.
_IMPORT = re.compile(r"from \.(\w+) import (\w+)(?: as \2)?")
_IGNORED = ("", "from __future__ import absolute_import")


def exported_names(source: str) -> dict[str, str] | None:
    """What a package ``__init__`` imports (name -> its module), or None if it does more."""
    names: dict[str, str] = {}
    for line in source.splitlines():
        line = line.strip()
        if line.startswith("#") or line in _IGNORED:
            continue
        match = _IMPORT.fullmatch(line)
        if match is None:
            return None
        module, name = match.groups()
        names[name] = module
    if set(names) & set(names.values()):
        return None  # a name that is also a module's: importing the module would bind it
    return names


class _LazyPackage(importlib.abc.Loader):
    """Makes a package whose names are imported from their modules when first asked for."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the usual module object

    def exec_module(self, module: types.ModuleType) -> None:
        names = self.names
        package = module.__name__

        def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's name
            submodule = names.get(name)
            if submodule is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
            setattr(module, name, value)
            return value

        module.__getattr__ = __getattr__  # type: ignore[method-assign]


class _LazyModelPackages(importlib.abc.MetaPathFinder):
    """Finds ``ask_sdk_model``'s packages as usual, and loads them with :class:`_LazyPackage`."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _MODEL and not fullname.startswith(f"{_MODEL}."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.submodule_search_locations is None or not spec.origin:
            return spec  # a module (or not found): as usual
        try:
            with open(spec.origin, encoding="utf-8") as f:
                names = exported_names(f.read())
        except (OSError, UnicodeDecodeError):
            names = None  # no source: run it
        if names is not None:
            spec.loader = _LazyPackage(names)
        return spec


class ServiceClientFactory:
    """Stands for the SDK's ServiceClientFactory: constructing it builds the real one."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        real = importlib.import_module(_FACTORY_MODULE).ServiceClientFactory
        return real(*args, **kwargs)


def import_sdk_lazily() -> None:
    """Install the hook and the services stand-in (once, before anything imports the SDK)."""
    if any(isinstance(finder, _LazyModelPackages) for finder in sys.meta_path):
        return
    if _MODEL in sys.modules:
        return  # too late: imported the usual way
    sys.meta_path.insert(0, _LazyModelPackages())
    # Should the package be run as usual, its import of the factory finds the stand-in.
    stand_in = types.ModuleType(_FACTORY_MODULE)
    stand_in.__doc__ = "Stand-in while ask_sdk_model.services imports (see skill.sdk_imports)."
    vars(stand_in)["ServiceClientFactory"] = ServiceClientFactory
    sys.modules[_FACTORY_MODULE] = stand_in
    try:
        services = importlib.import_module(_SERVICES)
    finally:
        if sys.modules.get(_FACTORY_MODULE) is stand_in:
            del sys.modules[_FACTORY_MODULE]
    if getattr(services, "service_client_factory", None) is stand_in:
        delattr(services, "service_client_factory")
    vars(services)["ServiceClientFactory"] = ServiceClientFactory


__all__ = ["ServiceClientFactory", "exported_names", "import_sdk_lazily"]
