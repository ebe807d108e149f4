"""Import ask-sdk-webservice-support's WebserviceSkillHandler on any OpenSSL.

ask-sdk-webservice-support 1.3.3 imports ``certvalidator`` -> ``oscrypto`` at
import time, only for its own ``RequestVerifier``. oscrypto 1.3.0 cannot parse
OpenSSL version strings from 3.0.10 on and raises ``LibraryNotFoundError`` while
importing, which takes the whole package down with it.

This project never uses the SDK's verifiers (see :mod:`skill.verification`),
so when the SDK's verifier module cannot be imported, a stand-in module with
the same public names is registered in its place before ``webservice_handler``
is imported. ``AbstractVerifier`` and
``VerificationException`` keep their documented interface; the two SDK
verifiers that need oscrypto raise if anything tries to construct them.
Nothing in site-packages is modified.
"""

from __future__ import annotations

import importlib
import logging
import sys
import types
from abc import ABC, abstractmethod
from typing import Any, cast

from ask_sdk_core.skill import CustomSkill
from ask_sdk_runtime.exceptions import AskSdkException

from skill.dispatch import Headers, Invoke
from skill.handlers import fast_serializer

_VERIFIER_MODULE = "ask_sdk_webservice_support.verifier"

logger = logging.getLogger(__name__)


def _load_verifier_module() -> types.ModuleType:
    try:
        return importlib.import_module(_VERIFIER_MODULE)
    except Exception as exc:  # oscrypto raises LibraryNotFoundError, not ImportError
        logger.debug("SDK verifier module unavailable (%s); using stand-in", exc)
    return _install_stand_in()


def _install_stand_in() -> types.ModuleType:
    module = types.ModuleType(_VERIFIER_MODULE)
    module.__doc__ = "Stand-in for the SDK verifier module (see skill.webservice)."

    class VerificationException(AskSdkException):
        """Raised by a verifier when a request fails verification."""

    class AbstractVerifier(ABC):
        """Same contract as the SDK's AbstractVerifier."""

        @abstractmethod
        def verify(
            self,
            headers: dict[str, Any],
            serialized_request_env: str,
            deserialized_request_env: Any,
        ) -> None:
            raise NotImplementedError

    class _Unavailable(AbstractVerifier):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError(
                "The SDK's own verifiers need oscrypto, which does not load on this "
                "OpenSSL; use skill.verification instead."
            )

        def verify(
            self,
            headers: dict[str, Any],
            serialized_request_env: str,
            deserialized_request_env: Any,
        ) -> None:  # pragma: no cover - never constructed
            raise NotImplementedError

    for name, obj in {
        "VerificationException": VerificationException,
        "AbstractVerifier": AbstractVerifier,
        "RequestVerifier": _Unavailable,
        "TimestampVerifier": _Unavailable,
    }.items():
        obj.__module__ = _VERIFIER_MODULE
        obj.__qualname__ = name
        obj.__name__ = name
        setattr(module, name, obj)
    sys.modules[_VERIFIER_MODULE] = module
    return module


_load_verifier_module()

from ask_sdk_webservice_support.webservice_handler import (  # noqa: E402
    WebserviceSkillHandler,
)


def webservice_invoke(skill: CustomSkill) -> Invoke:
    """``skill`` answering a checked envelope through ``WebserviceSkillHandler``.

    The handler runs no verifiers of its own: :func:`skill.dispatch.dispatch`
    has checked the signature on the raw bytes, then the envelope, before this
    is called. It is handed the parsed envelope, which the skill's serializer
    takes as it is (no second parse).
    """
    fast_serializer(skill)  # the skill must take a parsed envelope
    handler = WebserviceSkillHandler(skill, verify_signature=False, verify_timestamp=False)

    def invoke(headers: Headers, data: dict[str, Any]) -> Any:
        # The SDK annotates the headers as a dict and the body as text; it hands
        # the headers only to verifiers (none here), and the skill's serializer
        # takes the body parsed.
        return handler.verify_request_and_dispatch(cast(Any, headers), cast(Any, data))

    return invoke


__all__ = ["WebserviceSkillHandler", "webservice_invoke"]
