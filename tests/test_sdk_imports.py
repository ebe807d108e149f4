"""The skill loads ask-sdk-core with only the model classes it uses, and the rest still work."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys

import ask_sdk_model
from ask_sdk_core.skill import ServiceClientFactory as UsedBySkill
from ask_sdk_model.services import ApiConfiguration
from ask_sdk_model.services.service_client_factory import ServiceClientFactory

from skill.sdk_imports import exported_names
from tests import ROOT, SKILL_ID

CHILD = """
import json, sys
import skill.lambda_function
print(json.dumps(sorted(m for m in sys.modules if m.startswith("ask_sdk_model"))))
"""


def test_the_lambda_function_imports_no_service_client() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), SKILL_ID=SKILL_ID),
        timeout=60,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "ask_sdk_model.services.service_client_factory" not in loaded
    assert not [m for m in loaded if m.startswith("ask_sdk_model.services.datastore")]
    # Of the APL interface's 70 modules, only the directives and interface the skill names.
    apl = [m for m in loaded if m.startswith("ask_sdk_model.interfaces.alexa.presentation.apl.")]
    assert "ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive" in apl
    assert "ask_sdk_model.interfaces.alexa.presentation.apl.speak_list_command" not in apl
    assert len(loaded) < 60


def test_a_service_client_factory_is_still_the_sdks() -> None:
    # The package was imported as the skill imports it (conftest imports the skill first).
    factory = UsedBySkill(api_configuration=ApiConfiguration(api_endpoint="https://x.test"))
    assert isinstance(factory, ServiceClientFactory)
    assert factory.get_reminder_management_service().__class__.__name__ == (
        "ReminderManagementServiceClient"
    )


def _packages() -> list[str]:
    found = [ask_sdk_model.__name__]
    for info in pkgutil.walk_packages(ask_sdk_model.__path__, f"{ask_sdk_model.__name__}."):
        if info.ispkg:
            found.append(info.name)
    return found


def test_every_model_package_is_read_lazily_and_gives_the_sdks_classes() -> None:
    """Each package of the installed ask_sdk_model is only imports (so the hook reads it
    instead of running it), and each name it exports is the class of the module it names."""
    packages = _packages()
    assert len(packages) > 50
    for name in packages:
        package = importlib.import_module(name)
        assert package.__spec__ is not None and package.__spec__.origin is not None
        with open(package.__spec__.origin, encoding="utf-8") as f:
            names = exported_names(f.read())
        assert names is not None, name
        for exported, module in names.items():
            if (name, exported) == ("ask_sdk_model.services", "ServiceClientFactory"):
                continue  # the stand-in (test_a_service_client_factory_is_still_the_sdks)
            real = getattr(importlib.import_module(f"{name}.{module}"), exported)
            assert getattr(package, exported) is real, f"{name}.{exported}"


def test_a_package_that_does_more_than_import_is_run_as_usual() -> None:
    assert exported_names("from .a import A\nfrom .b import B as B\n") == {"A": "a", "B": "b"}
    assert exported_names("from .a import A\nX = 1\n") is None
    assert exported_names("from .a import A as Other\n") is None
    assert exported_names("from .a import a\n") is None  # the module's name, bound on import
    assert exported_names("import os\n") is None


def test_a_name_no_package_exports_is_an_attribute_error() -> None:
    import ask_sdk_model.ui as ui

    assert ui.SimpleCard.__name__ == "SimpleCard"
    try:
        ui.NoSuchCard  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchCard" in str(exc)
    else:
        raise AssertionError("no AttributeError")
