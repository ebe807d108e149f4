"""The skill's configuration, read from the environment in this one place.

Environment variables:

- ``SKILL_ID``: the skill's id (``amzn1.ask.skill....``); requests for any other
  skill are refused. Required on Lambda, and on a web service that verifies
  signatures (see :meth:`Settings.web_problem`).
- ``ALEXA_VERIFY_SIGNATURES``: request signature verification, on unless set to
  ``0``, ``false``, ``no`` or ``off``.
- ``ALEXA_ALLOW_ANY_SKILL``: ``1``/``true`` lets a verifying web service start
  without ``SKILL_ID`` (it then answers requests for any skill). For testing
  only; it warns at every start.
- ``SKILL_CONTENT_DIR``: the folder of content files.
- ``ALEXA_CERT_CACHE_DIR``: a folder where a web service keeps the signing
  certificate chains that validated, so that a new or restarted worker process
  has Amazon's key without a download (gunicorn.conf.py sets one).

Paths: :data:`PACKAGE_DIR` is this package; :data:`ROOT_DIR` the folder that
holds it, the repository root in a checkout and the package root in the Lambda
zip, with ``content/`` beside ``skill/`` in both.

This module imports nothing beyond the standard library, so every entry point
(the web app, gunicorn's config, AWS Lambda, the tools) can read it cheaply.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SKILL_ID_ENV = "SKILL_ID"
VERIFY_ENV = "ALEXA_VERIFY_SIGNATURES"
ALLOW_ANY_SKILL_ENV = "ALEXA_ALLOW_ANY_SKILL"
CONTENT_DIR_ENV = "SKILL_CONTENT_DIR"
CERT_CACHE_DIR_ENV = "ALEXA_CERT_CACHE_DIR"
SKILL_ID_PREFIX = "amzn1.ask.skill."

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
DEFAULT_CONTENT_DIR = ROOT_DIR / "content"
INTERACTION_MODEL_DIR = ROOT_DIR / "interaction_model"

_FALSE = frozenset({"0", "false", "no", "off"})
_TRUE = frozenset({"1", "true", "yes", "on"})

MISSING_SKILL_ID = (
    f"{SKILL_ID_ENV} is not set: with signature verification on, the endpoint would answer "
    f"signed requests for any skill. Set {SKILL_ID_ENV}=amzn1.ask.skill.<your skill id> "
    f"(or, for testing only, {ALLOW_ANY_SKILL_ENV}=true)."
)
ANY_SKILL_WARNING = (
    f"{ALLOW_ANY_SKILL_ENV} is set and {SKILL_ID_ENV} is not: signed requests for any skill "
    "are answered. Use this only for testing."
)
NO_VERIFICATION_WARNING = (
    "Request signature verification is OFF: anyone can call this endpoint. "
    "Use this only for local testing."
)


class ConfigurationError(RuntimeError):
    """The configuration cannot be served safely; the message is one line saying why."""


def flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    """A yes/no variable: ``default`` unless it is clearly the opposite.

    A flag that defaults to on is turned off only by 0/false/no/off; one that
    defaults to off is turned on only by 1/true/yes/on. Anything else keeps the
    default, so a typo never weakens a check.
    """
    value = environ.get(name)
    if value is None:
        return default
    words = _FALSE if default else _TRUE
    return (not default) if value.strip().lower() in words else default


@dataclass(frozen=True)
class Settings:
    """What the environment says, resolved to values."""

    skill_id: str | None = None
    verify_signatures: bool = True
    allow_any_skill: bool = False
    content_dir: Path = DEFAULT_CONTENT_DIR
    cert_cache_dir: Path | None = None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        content_dir = (environ.get(CONTENT_DIR_ENV) or "").strip()
        cert_cache_dir = (environ.get(CERT_CACHE_DIR_ENV) or "").strip()
        return cls(
            skill_id=(environ.get(SKILL_ID_ENV) or "").strip() or None,
            verify_signatures=flag(environ, VERIFY_ENV, True),
            allow_any_skill=flag(environ, ALLOW_ANY_SKILL_ENV, False),
            content_dir=Path(content_dir) if content_dir else DEFAULT_CONTENT_DIR,
            cert_cache_dir=Path(cert_cache_dir) if cert_cache_dir else None,
        )

    def web_problem(self) -> str | None:
        """Why a web service must not start with these settings (None when it may)."""
        if self.verify_signatures and not self.skill_id and not self.allow_any_skill:
            return MISSING_SKILL_ID
        return None

    def web_warnings(self) -> list[str]:
        """What a web service with these settings must warn about at every start."""
        if not self.verify_signatures:
            return [NO_VERIFICATION_WARNING]
        if not self.skill_id and self.allow_any_skill:
            return [ANY_SKILL_WARNING]
        return []

    def check_web(self) -> None:
        """Raise :class:`ConfigurationError` when a web service must not start."""
        problem = self.web_problem()
        if problem:
            raise ConfigurationError(problem)


__all__ = [
    "ALLOW_ANY_SKILL_ENV",
    "CERT_CACHE_DIR_ENV",
    "CONTENT_DIR_ENV",
    "DEFAULT_CONTENT_DIR",
    "INTERACTION_MODEL_DIR",
    "PACKAGE_DIR",
    "ROOT_DIR",
    "SKILL_ID_ENV",
    "SKILL_ID_PREFIX",
    "VERIFY_ENV",
    "ConfigurationError",
    "Settings",
    "flag",
]
