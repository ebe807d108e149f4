"""The skill loads ask-sdk-core without the Alexa service clients, and they still work."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ask_sdk_core.skill import ServiceClientFactory as UsedBySkill
from ask_sdk_model.services import ApiConfiguration
from ask_sdk_model.services.service_client_factory import ServiceClientFactory

from tests import ROOT, SKILL_ID

CHILD = """
import json, sys
import skill.lambda_function
print(json.dumps(sorted(m for m in sys.modules if m.startswith("ask_sdk_model.services."))))
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


def test_a_service_client_factory_is_still_the_sdks() -> None:
    # The package was imported as the skill imports it (conftest imports the skill first).
    factory = UsedBySkill(api_configuration=ApiConfiguration(api_endpoint="https://x.test"))
    assert isinstance(factory, ServiceClientFactory)
    assert factory.get_reminder_management_service().__class__.__name__ == (
        "ReminderManagementServiceClient"
    )
