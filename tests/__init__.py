"""What every test module shares, defined once: where things are, and known values.

``SKILL_ID`` is the skill every request fixture (tests/requests/*.json) is
addressed to; ``PHONE`` and ``TEXT_CODE`` are the number and text code the
National Human Trafficking Hotline publishes, the same in every locale.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
TESTS = ROOT / "tests"
CONTENT_DIR = ROOT / "content"
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000001"
PHONE = "1-888-373-7888"
TEXT_CODE = "233733"
