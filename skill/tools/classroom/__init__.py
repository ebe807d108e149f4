"""The classroom player: the skill in a browser page, for rooms without an Echo.

``python -m skill classroom`` serves it; :func:`create_classroom_app` builds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.tools.classroom.app import create_classroom_app

__all__ = ["create_classroom_app"]


def __getattr__(name: str) -> Any:
    # Flask is imported only when the app is wanted (the CLI lists commands without it).
    if name == "create_classroom_app":
        from skill.tools.classroom.app import create_classroom_app

        return create_classroom_app
    raise AttributeError(name)
