"""The language data the model check takes from each locale's recogniser file.

``skill/tools/recognizer/<locale>.yaml`` names how the locale's language opens
a skill and asks it something (``launch``) and the words an invocation name may
not contain (``invocation_forbidden``); :func:`skill.tools.nlu.read_phrases`
reads and validates it, for the simulator and for this check alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.tools.nlu import LaunchWords

# locale -> how its language opens and asks a skill, and what an invocation name may not say
Languages = Mapping[str, LaunchWords]

__all__ = ["LaunchWords", "Languages"]
