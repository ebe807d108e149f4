"""Load and validate the skill's words from content/<locale>.yaml.

Every user-facing sentence lives in those files. They are read once at start-up
into frozen dataclasses; anything missing or malformed stops start-up with a
:class:`ContentError` that names the file and the key path.

The modules, from the data to the files:

- :mod:`.model`: the frozen dataclasses (:class:`Content` and its parts), the
  ids and limits they use, and :class:`ContentError`;
- :mod:`.fields`: filling in a text's ``{name}`` fields, keeping number
  placeholders for the renderer (:func:`fill_fields`);
- :mod:`.reading`: the reader every loader goes through (types, ids, unknown
  keys; errors with file and key path) and the placeholder checks;
- :mod:`.numbers`, :mod:`.topics`, :mod:`.help`, :mod:`.screen`, :mod:`.quiz`:
  one section of the file each;
- :mod:`.parse`: :func:`parse_content`, the whole file section by section,
  with the small top-level sections (prompts, tip categories, classroom words);
- :mod:`.library`: reading the YAML files, :class:`Library` and
  :func:`default_library`.

Import from ``skill.content``; the names below are its interface.
"""

from __future__ import annotations

from skill.content.fields import fill_fields
from skill.content.library import (
    COMPILED_LIBRARY,
    Library,
    compile_library,
    content_dir,
    default_library,
    load_compiled_library,
    load_file,
    load_library,
)
from skill.content.model import (
    CHOICE,
    DEFAULT_LOCALE,
    DETAILS,
    ENGLISH_WORDS_SEPARATOR,
    FALSE,
    HOTLINE_TARGET,
    LETTER_IDS,
    LINES,
    MAX_QUESTION_ID,
    OTHER_LINE,
    QUESTION_KINDS,
    RESERVED_ANSWER_IDS,
    SITUATIONS,
    TRUE,
    TRUE_FALSE,
    Choice,
    Content,
    ContentError,
    Help,
    Line,
    Number,
    Page,
    Question,
    Quiz,
    Resource,
    ScreenWords,
    Situation,
    Source,
    Tip,
    Topic,
)
from skill.content.numbers import SAY_AS_KINDS
from skill.content.parse import PROMPTS, parse_content
from skill.content.quiz import QUIZ_PROMPTS
from skill.content.reading import NUMBER_SPECS
from skill.content.screen import SCREEN_BUTTONS
from skill.content.topics import STYLES

__all__ = [
    "COMPILED_LIBRARY",
    "CHOICE",
    "DEFAULT_LOCALE",
    "DETAILS",
    "ENGLISH_WORDS_SEPARATOR",
    "FALSE",
    "HOTLINE_TARGET",
    "LETTER_IDS",
    "LINES",
    "MAX_QUESTION_ID",
    "NUMBER_SPECS",
    "OTHER_LINE",
    "PROMPTS",
    "QUESTION_KINDS",
    "QUIZ_PROMPTS",
    "RESERVED_ANSWER_IDS",
    "SAY_AS_KINDS",
    "SCREEN_BUTTONS",
    "SITUATIONS",
    "STYLES",
    "TRUE",
    "TRUE_FALSE",
    "Choice",
    "Content",
    "ContentError",
    "Help",
    "Library",
    "Line",
    "Number",
    "Page",
    "Question",
    "Quiz",
    "Resource",
    "ScreenWords",
    "Situation",
    "Source",
    "Tip",
    "Topic",
    "compile_library",
    "content_dir",
    "default_library",
    "fill_fields",
    "load_compiled_library",
    "load_file",
    "load_library",
    "parse_content",
]
