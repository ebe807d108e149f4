"""Youth Safety Tips: an Alexa skill about human trafficking, risk and safety."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skill.sdk_imports import import_sdk_lazily

# Before anything imports ask-sdk-core: the model classes and service clients the skill
# never uses cost more than a quarter of a cold start.
import_sdk_lazily()

__version__ = "0.1.0"

if TYPE_CHECKING:
    from skill.app import create_app

__all__ = ["__version__", "create_app"]


def __getattr__(name: str) -> Any:
    # Import Flask only when the web app is wanted (not on AWS Lambda).
    if name == "create_app":
        from skill.app import create_app

        return create_app
    raise AttributeError(name)
