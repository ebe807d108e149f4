"""Import ask-sdk-core without the Alexa service clients it never uses here.

``ask_sdk_core.skill`` imports ``ServiceClientFactory`` from
``ask_sdk_model.services``, and that module imports every Alexa service client
(data store, reminders, lists, monetization, Login with Amazon, ...) and
dateutil's time zones: about a third of the Lambda package's cold start. The
factory is only built for a skill with an API client, and this skill has none
(it calls no Alexa service API).

:func:`skip_service_clients` imports ``ask_sdk_model.services`` with a stand-in
registered under the factory module's name, then takes the stand-in out of
``sys.modules`` again: the package and ``ask_sdk_core.skill`` hold a
``ServiceClientFactory`` that imports the real module when it is first
constructed, and a later ``import ask_sdk_model.services.service_client_factory``
loads the real module as usual. Nothing in site-packages is modified.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_SERVICES = "ask_sdk_model.services"
_FACTORY_MODULE = f"{_SERVICES}.service_client_factory"


class ServiceClientFactory:
    """Stands for the SDK's ServiceClientFactory: constructing it builds the real one."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        real = importlib.import_module(_FACTORY_MODULE).ServiceClientFactory
        return real(*args, **kwargs)


def skip_service_clients() -> None:
    """Import ``ask_sdk_model.services`` without its service clients (once, before the SDK)."""
    if _SERVICES in sys.modules:
        return
    stand_in = types.ModuleType(_FACTORY_MODULE)
    stand_in.__doc__ = "Stand-in while ask_sdk_model.services imports (see skill.sdk_imports)."
    vars(stand_in)["ServiceClientFactory"] = ServiceClientFactory
    sys.modules[_FACTORY_MODULE] = stand_in
    try:
        package = importlib.import_module(_SERVICES)
    finally:
        if sys.modules.get(_FACTORY_MODULE) is stand_in:
            del sys.modules[_FACTORY_MODULE]
    if getattr(package, "service_client_factory", None) is stand_in:
        delattr(package, "service_client_factory")


__all__ = ["ServiceClientFactory", "skip_service_clients"]
