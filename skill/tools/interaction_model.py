"""Reading the interaction model: the one reader behind the NLU and the model check.

``interaction_model/interactionModels/custom/<locale>.json`` is the file Amazon
builds the skill's language model from. :func:`read_json` reads any of the
skill package's JSON files with one error type; the accessors below take the
parsed JSON apart tolerantly (anything of the wrong shape is skipped, never an
exception), so a rule can report a malformed part instead of crashing on it.
The model check's structure rule says what the shape must be.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from skill.config import INTERACTION_MODEL_DIR

CUSTOM_MODELS_DIR = INTERACTION_MODEL_DIR / "interactionModels" / "custom"


class ModelFileError(ValueError):
    """A JSON file of the skill package cannot be read; ``reason`` says why, without the path."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def model_file(locale: str, model_dir: Path | None = None) -> Path:
    """Where the interaction model of ``locale`` lives."""
    return (model_dir or CUSTOM_MODELS_DIR) / f"{locale}.json"


def model_locales(model_dir: Path | None = None) -> list[str]:
    """The locales that have an interaction model file."""
    return sorted(p.stem for p in (model_dir or CUSTOM_MODELS_DIR).glob("*.json"))


def read_json(path: Path) -> Any:
    """The parsed contents of ``path``: :class:`ModelFileError` if it cannot be read as JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelFileError(path, "file is missing") from exc
    except OSError as exc:
        raise ModelFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(path, f"not valid JSON: {exc}") from exc


def read_model(locale: str, model_dir: Path | None = None) -> Any:
    """The parsed interaction model of ``locale``."""
    return read_json(model_file(locale, model_dir))


# --- taking the parsed JSON apart --------------------------------------------------


def language_model(model_json: Any) -> Mapping[str, Any]:
    """The ``interactionModel.languageModel`` object (empty if absent)."""
    if isinstance(model_json, Mapping):
        interaction = model_json.get("interactionModel")
        if isinstance(interaction, Mapping):
            lm = interaction.get("languageModel")
            if isinstance(lm, Mapping):
                return lm
    return {}


def invocation_name(lm: Mapping[str, Any]) -> str | None:
    name = lm.get("invocationName")
    return name if isinstance(name, str) else None


def intents(lm: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The intents that are objects."""
    return [i for i in _list(lm.get("intents")) if isinstance(i, Mapping)]


def intent_name(intent: Mapping[str, Any]) -> str:
    return str(intent.get("name"))


def samples(intent: Mapping[str, Any]) -> list[str]:
    """An intent's sample utterances that are text."""
    return [s for s in _list(intent.get("samples")) if isinstance(s, str)]


def slots(intent: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """An intent's slots that are objects."""
    return [s for s in _list(intent.get("slots")) if isinstance(s, Mapping)]


def slot_types(lm: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The custom slot types that are objects."""
    return [t for t in _list(lm.get("types")) if isinstance(t, Mapping)]


def values(slot_type: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A slot type's values that are objects."""
    return [v for v in _list(slot_type.get("values")) if isinstance(v, Mapping)]


def value_name(value: Mapping[str, Any]) -> str | None:
    """A slot value's name (``name.value``)."""
    name = value.get("name")
    text = name.get("value") if isinstance(name, Mapping) else None
    return text if isinstance(text, str) else None


def value_words(value: Mapping[str, Any]) -> list[str]:
    """A slot value's name and synonyms: the words that say it."""
    name = value.get("name")
    if not isinstance(name, Mapping):
        return []
    words = [name.get("value"), *_list(name.get("synonyms"))]
    return [w for w in words if isinstance(w, str) and w.strip()]


def value_id(value: Mapping[str, Any]) -> str | None:
    found = value.get("id")
    return found if isinstance(found, str) and found else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = [
    "CUSTOM_MODELS_DIR",
    "ModelFileError",
    "intent_name",
    "intents",
    "invocation_name",
    "language_model",
    "model_file",
    "model_locales",
    "read_json",
    "read_model",
    "samples",
    "slot_types",
    "slots",
    "value_id",
    "value_name",
    "value_words",
    "values",
]
