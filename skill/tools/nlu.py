"""Understanding typed words the way Alexa would, from the interaction model.

The command-line simulator (``python -m skill say`` / ``chat``) turns what a
user types into the request Alexa would send. This module decides *what* was
asked; :mod:`skill.tools.simulator` shapes it into a request envelope.

A :class:`Recognizer` is built from two sources: the interaction model (the
samples, slots, slot types, values and synonyms Amazon builds from) and the
locale's recogniser data in ``skill/tools/recognizer/<locale>.yaml`` (the phrases
Alexa supplies for its built-in intents, launch phrases, carrier phrases and
contractions). :func:`interpret` then works in this order:

1. Normalise: case, punctuation, accents and extra spaces are ignored,
   contractions expanded ("what's" = "what is"; "qué" = "que", as Spanish
   is often typed without its accents).
2. Readings: the words as typed, then with carrier phrases stripped one at a
   time ("alexa", "please", "ask youth safety tips", "tell me" ...), so that a
   sample starting with "tell me" still matches as written.
3. "exit" / "quit" end the session; "open youth safety tips" launches.
4. Exact match of a reading against a sample, with slots: a sample such as
   "{category} tips" matches "internet tips" with category = "internet", and
   the value is resolved against the slot type's values and synonyms
   (ER_SUCCESS_MATCH with the value's id and name, or ER_SUCCESS_NO_MATCH).
5. Otherwise the trained classifier (:mod:`skill.tools.intent_classifier`),
   over the reading it is most sure of, with slots found among the words and
   resolved (by their stems too: "fiestas" names "fiesta"). Its decision is
   biased to safety (:func:`_decide`): unsure, help beats a lesson and the
   fallback beats a guessed lesson; an intent whose every sample has a slot
   (a quiz answer, a hotline detail) needs a value of that slot in the words.
6. Otherwise an exact match whose slot did not resolve ("pizza tips"), and
   failing that AMAZON.FallbackIntent.

Everything here except :func:`load_recognizer` (and the classifier's cache) is pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from skill import intents as names
from skill.tools import interaction_model as im
from skill.tools.intent_classifier import Classifier, obtain

MATCH = "ER_SUCCESS_MATCH"
NO_MATCH = "ER_SUCCESS_NO_MATCH"
FALLBACK_INTENT = "AMAZON.FallbackIntent"

# The classifier is sure of an intent it gives at least this probability
# (chosen with intent_classifier.C by the held-out figures).
SURE = 0.6
# Unsure, help is given when the help intents together are at least this
# probable and the likeliest of them alone at least HELP_TOP. About half the
# training rows are help intents' (every crisis has many samples), so a quarter
# of the probability is reached by words that say nothing: the out-of-domain
# requests went to help at 0.25. A cry for help names its kind; words that
# merely share letters with crisis samples spread their probability thin.
HELP_MASS = 0.35
HELP_TOP = 0.3
# A sample with slots is written out at least this often for training.
FILLS_PER_SAMPLE = 3
# How far carrier phrases are stripped (readings are few; this only bounds odd input).
MAX_READINGS = 64
# Longer than any request anyone says: not matched at all (it would only take time).
MAX_WORDS = 50

PHRASES_DIR = Path(__file__).resolve().parent / "recognizer"
# libyaml's loader where PyYAML was built with it (several times faster), else pure Python.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Tokens = tuple[str, ...]
Kind = Literal["launch", "intent", "end_session"]
How = Literal[
    "launch", "end_session", "exact", "classified", "help_first", "unresolved", "fallback"
]

_SLOT_REF = re.compile(r"\{([^{}]+)\}")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_NOT_WORD = re.compile(r"[^\w']|_")


class RecognizerError(ValueError):
    """The interaction model or the recogniser data cannot be used."""


# --- normalising ---------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` in lower case without accents or other marks ("Qué" -> "que", "ñ" -> "n")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str, contractions: Mapping[str, Tokens] | None = None) -> Tokens:
    """The words of ``text``: lower case, no accents, no punctuation, contractions expanded."""
    text = fold(text).translate(_APOSTROPHES)
    words: list[str] = []
    for raw in _NOT_WORD.sub(" ", text).split():
        word = raw.strip("'")
        if not word:
            continue
        expansion = contractions.get(word) if contractions else None
        words.extend(expansion if expansion else (word,))
    return tuple(words)


# --- the model -------------------------------------------------------------------


@dataclass(frozen=True)
class SlotRef:
    """A ``{slot}`` in a sample."""

    name: str


Part = str | SlotRef


@dataclass(frozen=True)
class Sample:
    intent: str
    text: str  # as written in the model or the recogniser data
    parts: tuple[Part, ...]  # literal words and slot references
    built_in: bool  # from the recogniser data, not the model
    order: int

    @property
    def literals(self) -> Tokens:
        return tuple(p for p in self.parts if isinstance(p, str))

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts if isinstance(p, SlotRef))


@dataclass(frozen=True)
class Entity:
    """A slot type value: its id, its name, and the words that name it."""

    id: str
    name: str
    phrases: tuple[Tokens, ...]  # the name and every synonym, normalised
    stems: tuple[Tokens, ...] = ()  # the same phrases, each word by its stem (see stem())


@dataclass(frozen=True)
class SlotType:
    name: str
    entities: tuple[Entity, ...]
    # Every phrase (and, apart, every stemmed phrase) by its first word, longest first.
    starts: Mapping[str, tuple[Tokens, ...]] = field(default_factory=dict)
    stem_starts: Mapping[str, tuple[Tokens, ...]] = field(default_factory=dict)

    def resolve(self, words: Tokens) -> tuple[Entity, ...]:
        """The values whose name or a synonym is exactly ``words``."""
        return tuple(e for e in self.entities if words in e.phrases)


@dataclass(frozen=True)
class Resolution:
    """Entity resolution for one slot: a status code and the matching values."""

    code: str  # MATCH or NO_MATCH
    values: tuple[tuple[str, str], ...]  # (id, name), empty for NO_MATCH


@dataclass(frozen=True)
class Slot:
    name: str
    type: str
    value: str  # the words as heard
    resolution: Resolution | None  # None for a built-in slot type (not resolved here)

    @property
    def resolved(self) -> bool:
        return self.resolution is not None and self.resolution.code == MATCH


@dataclass(frozen=True)
class Interpretation:
    """What Alexa would make of an utterance."""

    kind: Kind
    how: How
    intent: str | None = None
    slots: tuple[Slot, ...] = ()
    sample: str | None = None  # the sample that matched, as written


@dataclass(frozen=True)
class LaunchWords:
    """How the locale's language opens a skill and asks it something, in Amazon's words.

    As written in the recogniser data (lower case, single spaces, accents kept):
    the model check compares example phrases and invocation names with them.
    """

    open: tuple[str, ...]  # "open" of "Alexa, open <name>"
    ask: tuple[str, ...]  # "ask", "pregúntale a": "Alexa, ask <name> <request>"
    connectors: tuple[str, ...]  # "to", "que": between "ask <name>" and the request
    and_word: str  # "and", "y": "Alexa, open <name> and <request>"
    example: str  # the opening the model check names in its messages
    invocation_forbidden: frozenset[str]  # words an invocation name may not contain


@dataclass(frozen=True)
class Phrases:
    """The locale's recogniser data (see skill/tools/recognizer/en-US.yaml)."""

    locale: str
    built_in: Mapping[str, tuple[str, ...]]
    launch: LaunchWords
    launch_verbs: tuple[Tokens, ...]
    connectors: tuple[Tokens, ...]
    launch_alone: tuple[Tokens, ...]
    end_session: tuple[Tokens, ...]
    prefixes: tuple[Tokens, ...]
    suffixes: tuple[Tokens, ...]
    contractions: Mapping[str, Tokens]


@dataclass(frozen=True)
class Recognizer:
    locale: str
    invocation: Tokens
    intent_slots: Mapping[str, tuple[tuple[str, str], ...]]  # intent -> ((slot, type), ...)
    types: Mapping[str, SlotType]
    samples: tuple[Sample, ...]
    phrases: Phrases
    by_words: Mapping[Tokens, tuple[Sample, ...]]  # samples without slots, by their words
    slotted: tuple[Sample, ...]  # samples with slots
    slot_required: frozenset[str]  # intents whose every sample has a slot
    classifier: Classifier


def parse_sample(text: str, contractions: Mapping[str, Tokens]) -> tuple[Part, ...]:
    parts: list[Part] = []
    position = 0
    for match in _SLOT_REF.finditer(text):
        parts.extend(normalise(text[position : match.start()], contractions))
        parts.append(SlotRef(match.group(1).strip()))
        position = match.end()
    parts.extend(normalise(text[position:], contractions))
    return tuple(parts)


class _Data:
    """Reads recogniser data, naming the file and the key path of anything wrong."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> RecognizerError:
        where = f"{self.source}: {path}" if path else self.source
        return RecognizerError(f"{where}: {message}")

    def mapping(self, value: Any, path: str, keys: tuple[str, ...] = ()) -> Mapping[str, Any]:
        """``value`` as a mapping; with ``keys``, one that has no other keys."""
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        unknown = sorted(str(k) for k in value if k not in keys) if keys else []
        if unknown:
            raise self.fail(_join(path, unknown[0]), "is not a key of the recogniser data")
        return value

    def get(self, parent: Mapping[str, Any], key: str, path: str) -> Any:
        if parent.get(key) is None:
            raise self.fail(_join(path, key), "missing")
        return parent[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {value!r}")
        if not value.strip():
            raise self.fail(path, "is empty")
        return value.strip()

    def phrase(self, value: Any, path: str) -> str:
        """A phrase as written: lower case with single spaces."""
        return " ".join(self.text(value, path).casefold().split())

    def phrases(self, value: Any, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list of phrases, got {type(value).__name__}")
        return tuple(self.phrase(v, f"{path}[{n}]") for n, v in enumerate(value))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_TOP_KEYS = (
    "locale",
    "built_in_intents",
    "launch",
    "invocation_forbidden",
    "end_session",
    "carriers",
    "contractions",
)
_LAUNCH_KEYS = ("open", "ask", "connectors", "and", "example", "also_heard", "alone")
_ALSO_HEARD_KEYS = ("verbs", "connectors")
_CARRIER_KEYS = ("prefixes", "suffixes")


def _launch_words(d: _Data, data: Mapping[str, Any]) -> LaunchWords:
    launch = d.mapping(d.get(data, "launch", ""), "launch", _LAUNCH_KEYS)
    opening = d.phrases(d.get(launch, "open", "launch"), "launch.open")
    example = d.phrase(d.get(launch, "example", "launch"), "launch.example")
    if example not in opening:
        raise d.fail("launch.example", f"{example!r} is not one of launch.open")
    forbidden = d.phrases(d.get(data, "invocation_forbidden", ""), "invocation_forbidden")
    for n, word in enumerate(forbidden):
        if len(word.split()) != 1:
            raise d.fail(f"invocation_forbidden[{n}]", f"{word!r} is not one word")
    return LaunchWords(
        open=opening,
        ask=d.phrases(d.get(launch, "ask", "launch"), "launch.ask"),
        connectors=d.phrases(d.get(launch, "connectors", "launch"), "launch.connectors"),
        and_word=d.phrase(d.get(launch, "and", "launch"), "launch.and"),
        example=example,
        invocation_forbidden=frozenset(forbidden),
    )


def parse_phrases(data: Any, source: str) -> Phrases:
    """Validate the recogniser data loaded from ``source``.

    A missing or malformed part is a :class:`RecognizerError` naming ``source``
    and the key path ("launch.example: missing").
    """
    d = _Data(source)
    data = d.mapping(data, "", _TOP_KEYS)
    raw_contractions = d.mapping(d.get(data, "contractions", ""), "contractions")
    contractions = {fold(str(k)): normalise(str(v)) for k, v in raw_contractions.items()}

    def words(values: tuple[str, ...]) -> tuple[Tokens, ...]:
        return tuple(normalise(v, contractions) for v in values)

    built_in_raw = d.mapping(d.get(data, "built_in_intents", ""), "built_in_intents")
    built_in = {
        str(name): d.phrases(values, f"built_in_intents.{name}")
        for name, values in built_in_raw.items()
    }
    launch_words = _launch_words(d, data)
    launch = d.mapping(data["launch"], "launch")
    also = launch.get("also_heard")
    also = d.mapping({} if also is None else also, "launch.also_heard", _ALSO_HEARD_KEYS)
    also_verbs = d.phrases(also.get("verbs", []), "launch.also_heard.verbs")
    also_connectors = d.phrases(also.get("connectors", []), "launch.also_heard.connectors")
    carriers = d.mapping(d.get(data, "carriers", ""), "carriers", _CARRIER_KEYS)
    return Phrases(
        locale=d.text(d.get(data, "locale", ""), "locale"),
        built_in=built_in,
        launch=launch_words,
        launch_verbs=words((*launch_words.open, *launch_words.ask, *also_verbs)),
        connectors=words((*launch_words.connectors, launch_words.and_word, *also_connectors)),
        launch_alone=words(d.phrases(d.get(launch, "alone", "launch"), "launch.alone")),
        end_session=words(d.phrases(d.get(data, "end_session", ""), "end_session")),
        prefixes=words(d.phrases(d.get(carriers, "prefixes", "carriers"), "carriers.prefixes")),
        suffixes=words(d.phrases(d.get(carriers, "suffixes", "carriers"), "carriers.suffixes")),
        contractions=contractions,
    )


def _language_model(model: Any, source: str) -> Mapping[str, Any]:
    lm = im.language_model(model)
    if not lm:
        raise RecognizerError(f"{source}: not an interaction model")
    return lm


def _by_first_word(phrases: Iterable[Tokens]) -> dict[str, tuple[Tokens, ...]]:
    found: dict[str, set[Tokens]] = {}
    for phrase in phrases:
        if phrase:
            found.setdefault(phrase[0], set()).add(phrase)
    return {w: tuple(sorted(p, key=lambda t: (-len(t), t))) for w, p in found.items()}


def _slot_types(lm: Mapping[str, Any], contractions: Mapping[str, Tokens]) -> dict[str, SlotType]:
    types: dict[str, SlotType] = {}
    for raw_type in im.slot_types(lm):
        entities = []
        for raw in im.values(raw_type):
            name = im.value_name(raw)
            if name is None:
                continue
            phrases = tuple(normalise(p, contractions) for p in im.value_words(raw))
            stems = tuple(_stems(p) for p in phrases)
            entities.append(Entity(im.value_id(raw) or name, name, phrases, stems))
        type_name = str(raw_type.get("name"))
        types[type_name] = SlotType(
            type_name,
            tuple(entities),
            _by_first_word(p for e in entities for p in e.phrases),
            _by_first_word(p for e in entities for p in e.stems),
        )
    return types


def build_recognizer(
    model: Any, phrases: Phrases, source: str = "model", cache: Path | None = None
) -> Recognizer:
    """A recognizer for one locale, from its parsed model JSON and recogniser data.

    Its classifier is trained on the samples (or read from ``cache``, by default
    the user's cache folder, when the same samples trained it before).
    """
    lm = _language_model(model, source)
    invocation = normalise(str(lm.get("invocationName", "")))
    if not invocation:
        raise RecognizerError(f"{source}: no invocation name")
    contractions = phrases.contractions
    types = _slot_types(lm, contractions)
    intent_slots: dict[str, tuple[tuple[str, str], ...]] = {}
    samples: list[Sample] = []
    for intent in im.intents(lm):
        name = im.intent_name(intent)
        slots = tuple((str(s.get("name")), str(s.get("type"))) for s in im.slots(intent))
        intent_slots[name] = slots
        for text in im.samples(intent):
            parts = parse_sample(text, contractions)
            unknown = {p.name for p in parts if isinstance(p, SlotRef)} - {s for s, _ in slots}
            if unknown:
                slot = sorted(unknown)[0]
                raise RecognizerError(f"{source}: {name}: {text!r} uses undefined slot {slot}")
            if parts:
                samples.append(Sample(name, text, parts, False, len(samples)))
    for name, texts in phrases.built_in.items():
        if name not in intent_slots:
            continue  # Alexa only sends built-in intents the model includes
        for text in texts:
            parts = parse_sample(text, contractions)
            if parts:
                samples.append(Sample(name, text, parts, True, len(samples)))

    by_words: dict[Tokens, list[Sample]] = {}
    for sample in samples:
        if not sample.slot_names:
            by_words.setdefault(sample.literals, []).append(sample)
    with_slots = {s.intent for s in samples if s.slot_names}
    without = {s.intent for s in samples if not s.slot_names}
    rows = training_rows(samples, intent_slots, types)
    return Recognizer(
        locale=phrases.locale,
        invocation=invocation,
        intent_slots=intent_slots,
        types=types,
        samples=tuple(samples),
        phrases=phrases,
        by_words={k: tuple(v) for k, v in by_words.items()},
        slotted=tuple(s for s in samples if s.slot_names),
        slot_required=frozenset(with_slots - without),
        classifier=obtain(phrases.locale, rows, cache),
    )


def phrases_file(locale: str, phrases_dir: Path | None = None) -> Path:
    return (phrases_dir or PHRASES_DIR) / f"{locale}.yaml"


def available_locales(model_dir: Path | None = None, phrases_dir: Path | None = None) -> list[str]:
    """Locales with both an interaction model and recogniser data."""
    data = {p.stem for p in (phrases_dir or PHRASES_DIR).glob("*.yaml")}
    return sorted(set(im.model_locales(model_dir)) & data)


def read_phrases(locale: str, phrases_dir: Path | None = None) -> Phrases:
    """The locale's recogniser data, read and validated.

    The one reader of skill/tools/recognizer/<locale>.yaml: the simulator, the
    classroom player and the model check all use it. Read once per version of
    the file (its path and modification time).
    """
    path = phrases_file(locale, phrases_dir)
    if not path.is_file():
        raise RecognizerError(f"{path}: no such file")
    return _read_phrases(locale, path, _version(path))


def load_recognizer(
    locale: str, model_dir: Path | None = None, phrases_dir: Path | None = None
) -> Recognizer:
    """Read the locale's interaction model and recogniser data.

    A recognizer is built once per version of its two files (their paths and
    modification times): the simulator, the classroom player and the tests ask
    for the same one often.
    """
    model_path = im.model_file(locale, model_dir)
    data_path = phrases_file(locale, phrases_dir)
    for path in (model_path, data_path):
        if not path.is_file():
            raise RecognizerError(f"{path}: no such file")
    return _load(locale, model_path, data_path, _version(model_path), _version(data_path))


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=32)
def _read_phrases(locale: str, path: Path, _data_version: tuple[int, int]) -> Phrases:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RecognizerError(f"{path}: cannot read: {exc}") from exc
    phrases = parse_phrases(data, str(path))
    if phrases.locale != locale:
        raise RecognizerError(f"{path}: locale: {phrases.locale!r} does not match the file")
    return phrases


@lru_cache(maxsize=32)
def _load(
    locale: str,
    model_path: Path,
    data_path: Path,
    _model_version: tuple[int, int],
    data_version: tuple[int, int],
) -> Recognizer:
    try:
        model = im.read_json(model_path)
    except im.ModelFileError as exc:
        raise RecognizerError(str(exc)) from exc
    phrases = _read_phrases(locale, data_path, data_version)
    return build_recognizer(model, phrases, str(model_path))


# --- readings: carrier phrases stripped --------------------------------------------


def _strip_once(rec: Recognizer, words: Tokens) -> Iterator[Tokens]:
    p = rec.phrases
    for prefix in p.prefixes:
        if words[: len(prefix)] == prefix:
            yield words[len(prefix) :]
    for suffix in p.suffixes:
        if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
            yield words[: -len(suffix)]
    for verb in p.launch_verbs:
        opener = verb + rec.invocation
        if words[: len(opener)] == opener:
            rest = words[len(opener) :]
            yield rest
            for connector in p.connectors:
                if rest[: len(connector)] == connector:
                    yield rest[len(connector) :]


def readings(rec: Recognizer, words: Tokens) -> list[tuple[int, Tokens]]:
    """``words`` and every way of stripping carrier phrases from it, fewest strips first."""
    level = {words: 0}
    found = [(0, words)]
    queue = deque([words])
    while queue and len(found) < MAX_READINGS:
        current = queue.popleft()
        for shorter in _strip_once(rec, current):
            if shorter and shorter not in level:
                level[shorter] = level[current] + 1
                found.append((level[shorter], shorter))
                queue.append(shorter)
    return found


def _is_launch(rec: Recognizer, words: Tokens) -> bool:
    if words == rec.invocation or words in rec.phrases.launch_alone:
        return True
    return any(words == verb + rec.invocation for verb in rec.phrases.launch_verbs)


# --- exact matching ----------------------------------------------------------------


def match_parts(parts: Sequence[Part], words: Tokens) -> Iterator[dict[str, Tokens]]:
    """Every way ``words`` fits the sample ``parts``: the words each slot took."""
    if not parts:
        if not words:
            yield {}
        return
    head, rest = parts[0], parts[1:]
    if isinstance(head, str):
        if words and words[0] == head:
            yield from match_parts(rest, words[1:])
        return
    for end in range(1, len(words) + 1):
        for found in match_parts(rest, words[end:]):
            if head.name not in found:
                yield {head.name: words[:end], **found}


def fill_slot(rec: Recognizer, name: str, type_name: str, words: Tokens) -> Slot:
    """A slot as Alexa fills it: the words heard, resolved against the slot type."""
    slot_type = rec.types.get(type_name)
    value = " ".join(words)
    if slot_type is None:
        return Slot(name, type_name, value, None)
    entities = slot_type.resolve(words)
    if entities:
        return Slot(
            name, type_name, value, Resolution(MATCH, tuple((e.id, e.name) for e in entities))
        )
    return Slot(name, type_name, value, Resolution(NO_MATCH, ()))


@dataclass(frozen=True)
class _Candidate:
    sample: Sample
    level: int
    slots: tuple[Slot, ...]

    @property
    def unresolved(self) -> int:
        return sum(not s.resolved for s in self.slots)

    @property
    def slot_words(self) -> int:
        return sum(len(s.value.split()) for s in self.slots)


def _exact(rec: Recognizer, level: int, words: Tokens) -> Iterator[_Candidate]:
    for sample in rec.by_words.get(words, ()):
        yield _Candidate(sample, level, ())
    for sample in rec.slotted:
        types = dict(rec.intent_slots.get(sample.intent, ()))
        for found in match_parts(sample.parts, words):
            slots = tuple(fill_slot(rec, n, types[n], found[n]) for n in sample.slot_names)
            candidate = _Candidate(sample, level, slots)
            if candidate.unresolved and not sample.literals:
                continue  # a sample that is only a slot would swallow anything
            yield candidate


def _resolved_rank(c: _Candidate) -> tuple[int, ...]:
    # Least stripped; the model before built-in phrases; a sample said word for
    # word before one with slots; the slot that took the most words; the
    # model's order.
    s = c.sample
    return (c.level, s.built_in, bool(s.slot_names), -c.slot_words, -len(s.literals), s.order)


def _unresolved_rank(c: _Candidate) -> tuple[int, ...]:
    # An unresolved slot may have swallowed a carrier phrase: the most stripped
    # reading wins, then the sample with the most words of its own.
    s = c.sample
    return (c.unresolved, -c.level, -len(s.literals), s.order)


# --- the trained step ------------------------------------------------------------------


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A rough stem, the same on both sides of a comparison: plural and gender endings off.

    "generales" and "general", "segura" and "seguro", "games" and "game" agree.
    """
    for ending in ("s", "e", "a", "o"):
        if len(word) > 3 and word.endswith(ending):
            word = word[:-1]
    return word


def _stems(words: Tokens) -> Tokens:
    return tuple(stem(w) for w in words)


def _longest_entity(rec: Recognizer, type_name: str, words: Tokens) -> tuple[int, int] | None:
    """Where the longest value or synonym of ``type_name`` occurs in ``words`` (the first).

    Words are compared as said, then by their stems ("fiestas" names "fiesta").
    """
    slot_type = rec.types.get(type_name)
    if slot_type is None:
        return None
    for said, starts in ((words, slot_type.starts), (_stems(words), slot_type.stem_starts)):
        best: tuple[int, int] | None = None
        for start, word in enumerate(said):
            for phrase in starts.get(word, ()):
                n = len(phrase)
                if best is not None and n <= best[1] - best[0]:
                    break  # longest first: nothing longer here
                if said[start : start + n] == phrase:
                    best = (start, start + n)
                    break
        if best is not None:
            return best
    return None


def _resolve_found(rec: Recognizer, name: str, type_name: str, words: Tokens) -> Slot | None:
    """A slot filled from a value found among ``words``, resolved to that value."""
    span = _longest_entity(rec, type_name, words)
    if span is None:
        return None
    start, end = span
    slot = fill_slot(rec, name, type_name, words[start:end])
    if slot.resolved:
        return slot
    # Found by its stems: resolve the value whose phrase it matched.
    slot_type = rec.types[type_name]
    found = _stems(words[start:end])
    entities = tuple(e for e in slot_type.entities if found in e.stems)
    values = tuple((e.id, e.name) for e in entities)
    return Slot(name, type_name, slot.value, Resolution(MATCH, values))


@dataclass(frozen=True)
class _Classified:
    intent: str
    probability: float
    slots: tuple[Slot, ...]


def _classified(rec: Recognizer, words: Tokens) -> list[_Classified]:
    """The intents the classifier gives ``words``, most probable first, with slots found.

    An intent whose every sample has a slot (a quiz answer, a hotline detail)
    is left out when no value of that slot is among the words: a sentence is
    never taken as an answer or a detail it does not name.
    """
    found = []
    for intent, probability in rec.classifier.probabilities(words):
        slots = []
        for name, type_name in rec.intent_slots.get(intent, ()):
            slot = _resolve_found(rec, name, type_name, words)
            if slot is not None:
                slots.append(slot)
        if intent in rec.slot_required and not slots:
            continue
        found.append(_Classified(intent, probability, tuple(slots)))
    return found


def training_rows(
    samples: Sequence[Sample],
    intent_slots: Mapping[str, tuple[tuple[str, str], ...]],
    types: Mapping[str, SlotType],
) -> tuple[tuple[Tokens, str], ...]:
    """What the classifier learns from: every sample, its slots filled like Alexa's.

    A sample with slots is written out several times, each slot taking values
    and synonyms of its type in turn, so that every phrase of the type appears
    in some sample of the intent.
    """
    rows: list[tuple[Tokens, str]] = []
    slotted: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.slot_names:
            slotted.setdefault(sample.intent, []).append(sample)
        else:
            rows.append((sample.literals, sample.intent))
    for intent, intent_samples in slotted.items():
        types_of = dict(intent_slots.get(intent, ()))
        phrases = {name: _phrases_of(types, t) for name, t in types_of.items()}
        most = max(len(p) for p in phrases.values())
        fills = max(FILLS_PER_SAMPLE, -(-most // len(intent_samples)))
        turn = 0
        for sample in intent_samples:
            for _ in range(fills):
                words: list[str] = []
                for part in sample.parts:
                    if isinstance(part, SlotRef):
                        options = phrases.get(part.name, ((),))
                        words.extend(options[turn % len(options)])
                    else:
                        words.append(part)
                turn += 1
                rows.append((tuple(words), intent))
    return tuple(rows)


def _phrases_of(types: Mapping[str, SlotType], type_name: str) -> tuple[Tokens, ...]:
    slot_type = types.get(type_name)
    if slot_type is None:
        return ((),)  # a built-in type: its words are not known here
    return tuple(p for e in slot_type.entities for p in e.phrases) or ((),)


# --- interpreting -----------------------------------------------------------------------


def _intent(c: _Candidate, how: How) -> Interpretation:
    return Interpretation("intent", how, c.sample.intent, c.slots, c.sample.text)


def _best_guess(rec: Recognizer, found: Sequence[tuple[int, Tokens]]) -> list[_Classified]:
    """The classifier's intents for the reading it is most sure of (fewest strips on a tie)."""
    best: list[_Classified] = []
    for _, reading in found:
        ranked = _classified(rec, reading)
        if ranked and (not best or ranked[0].probability > best[0].probability):
            best = ranked
    return best


def _decide(ranked: Sequence[_Classified], unresolved: _Candidate | None) -> Interpretation:
    """The classifier's answer, biased to safety when it is unsure.

    Sure (:data:`SURE`) of a help intent or the fallback: that. Sure of another
    intent: that, unless the help intents together reach :data:`HELP_MASS`.
    Unsure: the fallback if it is the likeliest; the likeliest help intent if
    the help intents reach :data:`HELP_MASS` and it alone :data:`HELP_TOP`; else an exact
    match whose slot named nothing the model knows ("pizza tips"); else the
    fallback, whose answer gives the hotline. A wrong lesson is never guessed.
    """
    fallback = Interpretation("intent", "fallback", FALLBACK_INTENT)
    if not ranked:
        return fallback
    top = ranked[0]
    helpful = [c for c in ranked if c.intent in names.HELP_INTENTS]
    help_mass = sum(c.probability for c in helpful)
    if top.probability >= SURE and (
        top.intent in names.HELP_INTENTS or top.intent == FALLBACK_INTENT or help_mass < HELP_MASS
    ):
        if top.intent == FALLBACK_INTENT:
            return fallback
        if not top.slots and unresolved is not None and unresolved.sample.intent == top.intent:
            return _intent(unresolved, "unresolved")  # the words its slot heard, unresolved
        return Interpretation("intent", "classified", top.intent, top.slots)
    if top.intent == FALLBACK_INTENT:
        return fallback
    if helpful and help_mass >= HELP_MASS and helpful[0].probability >= HELP_TOP:
        return Interpretation("intent", "help_first", helpful[0].intent, helpful[0].slots)
    if unresolved is not None:
        return _intent(unresolved, "unresolved")
    return fallback


def interpret(rec: Recognizer, text: str) -> Interpretation:
    """What Alexa would make of ``text`` said inside the skill (or with its name)."""
    words = normalise(text, rec.phrases.contractions)
    if not words or len(words) > MAX_WORDS:
        return Interpretation("intent", "fallback", FALLBACK_INTENT)
    found = readings(rec, words)
    for _, reading in found:
        if reading in rec.phrases.end_session:
            return Interpretation("end_session", "end_session")
    for _, reading in found:
        if _is_launch(rec, reading):
            return Interpretation("launch", "launch")

    exact = [c for level, reading in found for c in _exact(rec, level, reading)]
    resolved = [c for c in exact if not c.unresolved]
    if resolved:
        return _intent(min(resolved, key=_resolved_rank), "exact")
    # An open slot that named nothing known is never a quiz answer or a hotline detail.
    unresolved = [c for c in exact if c.sample.intent not in rec.slot_required]
    return _decide(
        _best_guess(rec, found), min(unresolved, key=_unresolved_rank) if unresolved else None
    )


__all__ = [
    "FALLBACK_INTENT",
    "MATCH",
    "NO_MATCH",
    "Interpretation",
    "Phrases",
    "Recognizer",
    "RecognizerError",
    "Resolution",
    "Slot",
    "available_locales",
    "build_recognizer",
    "interpret",
    "load_recognizer",
    "normalise",
    "parse_phrases",
    "readings",
    "stem",
    "training_rows",
]
