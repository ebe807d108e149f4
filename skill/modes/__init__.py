"""The modes of a conversation, each a module with its table of actions.

Importing this package registers every mode and view (see
:mod:`skill.modes.shared`). To add a mode: write its module with a
:class:`~skill.modes.base.Mode` registered through ``shared.register``, name it
in :mod:`skill.state` and import it here.
"""

from __future__ import annotations

from skill.modes import help, menu, quiz, tips, topic  # noqa: F401  (registers the modes)
from skill.modes.shared import GLOBAL_ACTIONS, MODES, VIEWS

__all__ = ["GLOBAL_ACTIONS", "MODES", "VIEWS"]
