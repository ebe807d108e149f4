"""Offline checks of the skill package, to catch mistakes before Amazon's build does.

Each rule is a pure function over parsed JSON (or loaded content) that returns
the problems it finds as :class:`Problem` values; none of them reads a file.
:func:`check_project` is the one function that touches the file system: it reads
``ask-resources.json``, the skill package it names (``skill.json`` and every
``interactionModels/custom/<locale>.json``) and every content file, then runs
the rules over them.

The rules follow Amazon's published build and certification rules for custom
skills (summarised in the project's Alexa notes):

- invocation name: lowercase words, apostrophes for possessives, periods only
  in spelled-out abbreviations, no digits, at least two words, no wake words,
  launch words, "skill" or "app";
- every custom intent has at least :data:`MIN_CUSTOM_SAMPLES` samples;
- samples reference only slots their intent defines and use only characters
  Amazon accepts;
- no sample appears twice (case and spacing ignored), in one intent or two;
- slot types have valid names and at least one value, and every slot's type
  exists;
- the built-in intents certification tests are present;
- slot value ids are exactly the content ids they stand for;
- the manifest's example phrases say something the model understands;
- the manifest declares the APL interface the skill's screens need;
- every content file loads and validates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill.content import DEFAULT_LOCALE, Content, ContentError, load_file
from skill.handlers import intents

MIN_CUSTOM_SAMPLES = 8
MAX_EXAMPLE_PHRASES = 3
MAX_INVOCATION_CHARS = 50
REQUIRED_BUILT_INS = (
    intents.HELP,
    intents.STOP,
    intents.CANCEL,
    intents.FALLBACK,
    intents.NAVIGATE_HOME,
)
# Words an invocation name may not contain (Amazon's invocation name rules).
WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})
LAUNCH_WORDS = frozenset(
    {"open", "launch", "start", "begin", "load", "run", "play", "resume", "use", "enable"}
)
ASK_WORDS = frozenset({"ask", "tell"})
FORBIDDEN_INVOCATION_WORDS = WAKE_WORDS | LAUNCH_WORDS | ASK_WORDS | {"skill", "app"}
# Words Alexa accepts between "ask <invocation name>" and the request.
CONNECTING_WORDS = ("to", "for", "about", "if", "whether", "that")
SSL_CERTIFICATE_TYPES = frozenset({"Trusted", "Wildcard", "SelfSigned"})
PRIVACY_FLAGS = (
    "allowsPurchases",
    "usesPersonalInfo",
    "isChildDirected",
    "isExportCompliant",
    "containsAds",
)
# The skill sends APL screens (skill/apl/), which Alexa allows only when the
# manifest declares the interface.
REQUIRED_INTERFACE = "ALEXA_PRESENTATION_APL"
# Amazon's limits on the store listing (developer console and skill manifest).
LISTING_LIMITS = {"name": 50, "summary": 160, "description": 4000}
MAX_KEYWORDS = 30

# Which content ids each slot type's value ids must equal.
SLOT_TYPE_CONTENT_IDS: Mapping[str, Callable[[Content], Sequence[str]]] = {
    intents.CATEGORY_TYPE: lambda content: content.tip_categories,
}

_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_LETTER = r"[^\W\d_]"
# A word: letters, joined by apostrophes (what's, i'm), hyphens or underscores,
# optionally ending in a possessive apostrophe (kids'); or a spelled-out
# abbreviation (t. v., u.s.).
_WORD = re.compile(rf"(?:{_LETTER}+(?:['\-_]{_LETTER}+)*'?|(?:{_LETTER}\.)+)")
_INVOCATION_WORD = re.compile(r"(?:[a-z]+(?:'[a-z]+)*'?|(?:[a-z]\.)+)")
_SLOT_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z_]*")
_ALLOWED_CHAR = re.compile(rf"{_LETTER}|[\s'\-_.{{}}]")


@dataclass(frozen=True)
class Problem:
    """One thing Amazon's build or certification would reject.

    ``rule`` names the check that found it; ``file`` is relative to the
    project root. Printed as one line: file, intent, utterance, message.
    """

    rule: str
    file: str
    message: str
    intent: str | None = None
    utterance: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.intent is not None:
            parts.append(self.intent)
        if self.utterance is not None:
            parts.append(json.dumps(self.utterance, ensure_ascii=False))
        parts.append(self.message)
        return ": ".join(parts)


# --- reading parsed JSON -----------------------------------------------------


def language_model(model_json: Any) -> Mapping[str, Any]:
    """The ``languageModel`` object of an interaction model file (empty if absent)."""
    if isinstance(model_json, Mapping):
        interaction = model_json.get("interactionModel")
        if isinstance(interaction, Mapping):
            lm = interaction.get("languageModel")
            if isinstance(lm, Mapping):
                return lm
    return {}


def _intents(lm: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [i for i in lm.get("intents") or [] if isinstance(i, Mapping)]


def _samples(intent: Mapping[str, Any]) -> list[str]:
    return [s for s in intent.get("samples") or [] if isinstance(s, str)]


def _slots(intent: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [s for s in intent.get("slots") or [] if isinstance(s, Mapping)]


def _types(lm: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [t for t in lm.get("types") or [] if isinstance(t, Mapping)]


def _values(slot_type: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [v for v in slot_type.get("values") or [] if isinstance(v, Mapping)]


def _value_words(value: Mapping[str, Any]) -> list[str]:
    """A slot value's name and synonyms."""
    name = value.get("name")
    if not isinstance(name, Mapping):
        return []
    words = [name.get("value"), *(name.get("synonyms") or [])]
    return [w for w in words if isinstance(w, str) and w.strip()]


def normalize(text: str) -> str:
    """Lowercase with single spaces: how Alexa compares what was said."""
    return " ".join(text.casefold().split())


def check_structure(model_json: Any, file: str) -> list[Problem]:
    """The shape the other rules rely on; they run only when this finds nothing."""
    problems: list[Problem] = []

    def bad(message: str, intent: str | None = None) -> None:
        problems.append(Problem("structure", file, message, intent))

    lm = language_model(model_json)
    if not lm:
        bad("no interactionModel.languageModel object")
        return problems
    if not isinstance(lm.get("invocationName"), str):
        bad("languageModel.invocationName is missing or not text")
    raw_intents = lm.get("intents")
    if not isinstance(raw_intents, list) or not raw_intents:
        bad("languageModel.intents is missing or empty")
        raw_intents = []
    for n, intent in enumerate(raw_intents):
        if not isinstance(intent, Mapping) or not isinstance(intent.get("name"), str):
            bad(f"intents[{n}] has no name")
            continue
        name = intent["name"]
        samples = intent.get("samples", [])
        if not isinstance(samples, list) or not all(isinstance(s, str) for s in samples):
            bad("samples must be a list of text", name)
        slots = intent.get("slots", [])
        if not isinstance(slots, list) or not all(
            isinstance(s, Mapping)
            and isinstance(s.get("name"), str)
            and isinstance(s.get("type"), str)
            for s in slots
        ):
            bad("slots must be a list of objects with a name and a type", name)
    raw_types = lm.get("types", [])
    if not isinstance(raw_types, list):
        bad("languageModel.types must be a list")
        raw_types = []
    for n, slot_type in enumerate(raw_types):
        if not isinstance(slot_type, Mapping) or not isinstance(slot_type.get("name"), str):
            bad(f"types[{n}] has no name")
            continue
        values = slot_type.get("values", [])
        if not isinstance(values, list) or not all(
            isinstance(v, Mapping)
            and isinstance(v.get("name"), Mapping)
            and isinstance(v["name"].get("value"), str)
            for v in values
        ):
            bad(f"slot type {slot_type['name']}: values must be objects with name.value")
    return problems


# --- interaction model rules -------------------------------------------------


def check_invocation_name(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Amazon's invocation name rules (it cannot be changed after publishing)."""
    name = lm.get("invocationName")
    if not isinstance(name, str):
        return [Problem("invocation-name", file, "the invocation name is missing")]
    found: list[str] = []
    if name != name.lower():
        found.append("must be all lowercase")
    if re.search(r"\d", name):
        found.append("numbers must be spelled out")
    if name != name.strip() or "  " in name:
        found.append("words must be separated by single spaces, with none around them")
    words = name.split()
    bad_words = [
        w for w in words if not _INVOCATION_WORD.fullmatch(w.lower()) and not re.search(r"\d", w)
    ]
    if bad_words:
        found.append(
            "only letters, apostrophes for possessives and periods in spelled-out "
            f"abbreviations are allowed (not {', '.join(repr(w) for w in bad_words)})"
        )
    if len(words) < 2:
        found.append("must be at least two words")
    if len(name) > MAX_INVOCATION_CHARS:
        found.append(f"must be at most {MAX_INVOCATION_CHARS} characters")
    forbidden = [w for w in words if w.lower().strip(".'") in FORBIDDEN_INVOCATION_WORDS]
    if forbidden:
        found.append(
            "may not contain wake words, launch words, 'skill' or 'app' "
            f"({', '.join(repr(w) for w in forbidden)})"
        )
    return [
        Problem("invocation-name", file, f"invocation name {name!r}: {message}")
        for message in found
    ]


def check_sample_counts(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Custom intents need enough samples for Alexa to recognise them."""
    problems = []
    for intent in _intents(lm):
        name = str(intent.get("name"))
        count = len(_samples(intent))
        if not name.startswith("AMAZON.") and count < MIN_CUSTOM_SAMPLES:
            problems.append(
                Problem(
                    "few-samples",
                    file,
                    f"custom intent has {count} samples; give it at least {MIN_CUSTOM_SAMPLES}",
                    name,
                )
            )
    return problems


def check_sample_slots(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Every {slot} a sample names must be a slot of its intent."""
    problems = []
    for intent in _intents(lm):
        name = str(intent.get("name"))
        defined = {str(s.get("name")) for s in _slots(intent)}
        for sample in _samples(intent):
            for ref in _SLOT_REF.findall(sample):
                if ref not in defined:
                    problems.append(
                        Problem(
                            "undefined-slot",
                            file,
                            f"uses slot {{{ref}}}, which the intent does not define"
                            + (f" (it has: {', '.join(sorted(defined))})" if defined else ""),
                            name,
                            sample,
                        )
                    )
    return problems


def sample_character_problems(sample: str) -> list[str]:
    """Why Amazon's build would reject ``sample``'s characters (empty if it would not)."""
    if not sample.strip():
        return ["is empty"]
    found: list[str] = []
    bad_chars = sorted({c for c in sample if not _ALLOWED_CHAR.fullmatch(c)})
    if bad_chars:
        shown = ", ".join(json.dumps(c, ensure_ascii=False) for c in bad_chars)
        hint = ""
        if any(c.isdigit() for c in bad_chars):
            hint = " (spell numbers out)"
        elif any(c in "\u2018\u2019" for c in bad_chars):
            hint = " (use a straight apostrophe)"
        found.append(f"uses characters Alexa rejects: {shown}{hint}")
    words = _SLOT_REF.sub(" ", sample).split()
    if any("{" in w or "}" in w for w in words):
        found.append("has an unmatched brace")
    misplaced = [
        w
        for w in words
        if all(_ALLOWED_CHAR.fullmatch(c) for c in w)
        and "{" not in w
        and "}" not in w
        and not _WORD.fullmatch(w)
    ]
    if misplaced:
        found.append(
            "apostrophes, hyphens and periods belong inside words or in spelled-out "
            f"abbreviations such as 't. v.' (not {', '.join(repr(w) for w in misplaced)})"
        )
    return found


def check_sample_characters(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Samples may hold letters, spaces, {slots}, possessive/contraction apostrophes,
    hyphens, underscores and periods in spelled-out abbreviations."""
    problems = []
    for intent in _intents(lm):
        name = str(intent.get("name"))
        for sample in _samples(intent):
            for message in sample_character_problems(sample):
                problems.append(Problem("sample-characters", file, message, name, sample))
    return problems


def check_duplicate_samples(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """The same sample (case and spacing ignored) may appear only once in the model."""
    seen: dict[str, tuple[str, str]] = {}
    problems = []
    for intent in _intents(lm):
        name = str(intent.get("name"))
        for sample in _samples(intent):
            key = normalize(sample)
            if key in seen:
                first_intent, first_sample = seen[key]
                where = "this intent" if first_intent == name else first_intent
                problems.append(
                    Problem(
                        "duplicate-sample",
                        file,
                        f"is also a sample of {where} ({first_sample!r})",
                        name,
                        sample,
                    )
                )
            else:
                seen[key] = (name, sample)
    return problems


def check_slot_types(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Custom slot types: valid unique names, at least one value, and every slot's type defined."""
    problems = []
    defined: set[str] = set()
    for slot_type in _types(lm):
        name = str(slot_type.get("name"))
        if not _SLOT_TYPE_NAME.fullmatch(name):
            problems.append(
                Problem(
                    "slot-type",
                    file,
                    f"slot type name {name!r} must be letters and underscores, "
                    "starting with a letter",
                )
            )
        if name in defined:
            problems.append(Problem("slot-type", file, f"slot type {name} is defined twice"))
        defined.add(name)
        if not [v for v in _values(slot_type) if _value_words(v)]:
            problems.append(Problem("slot-type", file, f"slot type {name} has no values"))
    for intent in _intents(lm):
        for slot in _slots(intent):
            slot_type_name = str(slot.get("type"))
            if not slot_type_name.startswith("AMAZON.") and slot_type_name not in defined:
                problems.append(
                    Problem(
                        "slot-type",
                        file,
                        f"slot {slot.get('name')} has type {slot_type_name}, "
                        "which the model does not define",
                        str(intent.get("name")),
                    )
                )
    return problems


def check_required_built_ins(lm: Mapping[str, Any], file: str) -> list[Problem]:
    """Help, Stop, Cancel, Fallback and NavigateHome: what certification expects."""
    names = {i.get("name") for i in _intents(lm)}
    return [
        Problem("missing-built-in", file, "required built-in intent is missing", name)
        for name in REQUIRED_BUILT_INS
        if name not in names
    ]


def check_slot_ids(
    lm: Mapping[str, Any],
    file: str,
    type_name: str,
    content_ids: Sequence[str],
    content_file: str,
) -> list[Problem]:
    """Slot value ids of ``type_name`` are exactly ``content_ids``: the skill looks
    content up by the resolved id, so a value without a content id cannot be answered
    and a content id without a value cannot be asked for."""
    matches = [t for t in _types(lm) if t.get("name") == type_name]
    if not matches:
        return [Problem("slot-ids", file, f"slot type {type_name} is missing")]
    problems = []
    ids: list[str] = []
    for value in _values(matches[0]):
        words = _value_words(value)
        value_id = value.get("id")
        label = words[0] if words else "?"
        if not isinstance(value_id, str) or not value_id:
            problems.append(Problem("slot-ids", file, f"{type_name} value {label!r} has no id"))
            continue
        ids.append(value_id)
        if value_id not in content_ids:
            problems.append(
                Problem(
                    "slot-ids",
                    file,
                    f"{type_name} value id {value_id!r} is not a content id in "
                    f"{content_file} (content ids: {', '.join(content_ids)})",
                )
            )
    for content_id in content_ids:
        if content_id not in ids:
            problems.append(
                Problem(
                    "slot-ids",
                    file,
                    f"content id {content_id!r} from {content_file} has no {type_name} value",
                )
            )
    return problems


MODEL_RULES: tuple[Callable[[Mapping[str, Any], str], list[Problem]], ...] = (
    check_invocation_name,
    check_sample_counts,
    check_sample_slots,
    check_sample_characters,
    check_duplicate_samples,
    check_slot_types,
    check_required_built_ins,
)


def check_model(model_json: Any, file: str) -> list[Problem]:
    """Every interaction model rule over one parsed ``<locale>.json``."""
    problems = check_structure(model_json, file)
    if problems:
        return problems
    lm = language_model(model_json)
    return [p for rule in MODEL_RULES for p in rule(lm, file)]


# --- example phrases -----------------------------------------------------------


def _sample_pattern(
    sample: str, slot_types: Mapping[str, str], values: Mapping[str, list[str]]
) -> re.Pattern[str]:
    """A regular expression matching what a user may say for ``sample``.

    A custom slot matches its type's values and synonyms; a built-in slot
    (AMAZON.SearchQuery, say) matches any words.
    """
    parts = []
    for token in normalize(sample).split():
        ref = _SLOT_REF.fullmatch(token)
        if ref is None:
            parts.append(re.escape(token))
            continue
        words = values.get(slot_types.get(ref.group(1), ""))
        if words:
            longest_first = sorted(words, key=len, reverse=True)
            parts.append("(?:" + "|".join(re.escape(w) for w in longest_first) + ")")
        else:
            parts.append(r"\S+(?: \S+)*")
    return re.compile(" ".join(parts))


def matching_intent(utterance: str, lm: Mapping[str, Any]) -> str | None:
    """The intent with a sample (slots filled with their type's values) matching ``utterance``."""
    said = normalize(utterance)
    values = {
        str(t.get("name")): [normalize(w) for v in _values(t) for w in _value_words(v)]
        for t in _types(lm)
    }
    for intent in _intents(lm):
        slot_types = {str(s.get("name")): str(s.get("type")) for s in _slots(intent)}
        for sample in _samples(intent):
            if _sample_pattern(sample, slot_types, values).fullmatch(said):
                return str(intent.get("name"))
    return None


def _phrase_words(phrase: str) -> str:
    """Lowercase words of an example phrase, without commas and closing punctuation."""
    return normalize(re.sub(r"[,!?]|\.$", " ", phrase.strip()))


def check_example_phrase(
    phrase: str, position: int, invocation_name: str, lm: Mapping[str, Any]
) -> str | None:
    """Why ``phrase`` is not a valid example phrase (None when it is).

    The first must open the skill ("Alexa, open <invocation name>"); the others
    may open it too, or ask it something ("Alexa, ask <invocation name> to/for/about
    ...") that a sample of the model matches once the wake word, the launch word,
    the invocation name and the connecting word are taken away.
    """
    if not re.match(r"alexa\b", phrase.strip(), re.IGNORECASE):
        return 'must start with the wake word: "Alexa, ..."'
    words = _phrase_words(phrase).split()[1:]
    invocation = normalize(invocation_name).split()
    n = len(invocation)
    if len(words) < 1 + n or words[1 : 1 + n] != invocation:
        return f'must name the skill right after the launch word: "Alexa, open {invocation_name}"'
    verb, rest = words[0], words[1 + n :]
    if not rest:
        if verb in LAUNCH_WORDS:
            return None
        return f"{verb!r} is not a launch word (say open, launch or start)"
    if position == 0:
        return f'the first example phrase must open the skill: "Alexa, open {invocation_name}"'
    if verb in ASK_WORDS:
        candidates = [rest]
        if rest[0] in CONNECTING_WORDS and len(rest) > 1:
            candidates.insert(0, rest[1:])
    elif verb in LAUNCH_WORDS and rest[0] == "and" and len(rest) > 1:
        candidates = [rest[1:]]
    else:
        return 'must be "Alexa, open <name>" or "Alexa, ask <name> to/for/about ..."'
    if any(matching_intent(" ".join(c), lm) for c in candidates):
        return None
    return f"no sample matches {' '.join(candidates[0])!r}"


def check_example_phrases(
    manifest: Any,
    file: str,
    models: Mapping[str, tuple[str, Mapping[str, Any]]],
) -> list[Problem]:
    """Each locale's example phrases open the skill or say something a sample matches.

    ``models`` maps a locale to (file, languageModel).
    """
    problems = []
    for locale, listing in _listing_locales(manifest).items():
        phrases = listing.get("examplePhrases")
        if not isinstance(phrases, list) or not phrases:
            problems.append(Problem("example-phrase", file, f"{locale}: no example phrases"))
            continue
        if len(phrases) > MAX_EXAMPLE_PHRASES:
            problems.append(
                Problem(
                    "example-phrase",
                    file,
                    f"{locale}: {len(phrases)} example phrases; Amazon takes at most "
                    f"{MAX_EXAMPLE_PHRASES}",
                )
            )
        if locale not in models:
            problems.append(
                Problem("example-phrase", file, f"{locale}: no interaction model for this locale")
            )
            continue
        _, lm = models[locale]
        invocation = str(lm.get("invocationName", ""))
        for position, phrase in enumerate(phrases):
            if not isinstance(phrase, str):
                problems.append(
                    Problem("example-phrase", file, f"{locale}: {phrase!r} is not text")
                )
                continue
            reason = check_example_phrase(phrase, position, invocation, lm)
            if reason:
                problems.append(Problem("example-phrase", file, reason, locale, phrase))
    return problems


# --- the manifest ------------------------------------------------------------------


def _listing_locales(manifest: Any) -> dict[str, Mapping[str, Any]]:
    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    publishing = root.get("publishingInformation") if isinstance(root, Mapping) else None
    locales = publishing.get("locales") if isinstance(publishing, Mapping) else None
    if not isinstance(locales, Mapping):
        return {}
    return {k: v for k, v in locales.items() if isinstance(v, Mapping)}


def check_manifest(manifest: Any, file: str) -> list[Problem]:
    """The skill.json fields a custom skill needs before it can be submitted."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem("manifest", file, message))

    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    if not isinstance(root, Mapping):
        bad("no top-level manifest object")
        return problems
    if not isinstance(root.get("manifestVersion"), str):
        bad("manifest.manifestVersion is missing")
    publishing = root.get("publishingInformation")
    if not isinstance(publishing, Mapping):
        bad("manifest.publishingInformation is missing")
        publishing = {}
    listings = _listing_locales(manifest)
    if not listings:
        bad("publishingInformation.locales has no locale")
    for locale, listing in listings.items():
        for key, limit in LISTING_LIMITS.items():
            value = listing.get(key)
            if not isinstance(value, str) or not value.strip():
                bad(f"{locale}: {key} is missing")
            elif len(value) > limit:
                bad(f"{locale}: {key} is {len(value)} characters; the limit is {limit}")
        keywords = listing.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            bad(f"{locale}: keywords must be a list of text")
        elif len(keywords) > MAX_KEYWORDS:
            bad(f"{locale}: {len(keywords)} keywords; the limit is {MAX_KEYWORDS}")
    if not isinstance(publishing.get("category"), str):
        bad("publishingInformation.category is missing")
    if publishing.get("isAvailableWorldwide") is False and not publishing.get(
        "distributionCountries"
    ):
        bad("not available worldwide, but distributionCountries is empty")
    privacy = root.get("privacyAndCompliance")
    if not isinstance(privacy, Mapping):
        bad("manifest.privacyAndCompliance is missing")
    else:
        for flag in PRIVACY_FLAGS:
            if not isinstance(privacy.get(flag), bool):
                bad(f"privacyAndCompliance.{flag} must be true or false")
    apis = root.get("apis")
    custom = apis.get("custom") if isinstance(apis, Mapping) else None
    endpoint = custom.get("endpoint") if isinstance(custom, Mapping) else None
    if not isinstance(endpoint, Mapping) or not isinstance(endpoint.get("uri"), str):
        bad("apis.custom.endpoint.uri is missing")
    else:
        uri = endpoint["uri"]
        certificate = endpoint.get("sslCertificateType")
        if uri.startswith("https://"):
            if certificate not in SSL_CERTIFICATE_TYPES:
                bad(
                    "an HTTPS endpoint needs sslCertificateType "
                    f"({', '.join(sorted(SSL_CERTIFICATE_TYPES))})"
                )
        elif uri.startswith("arn:aws:lambda:"):
            if certificate is not None:
                bad("a Lambda endpoint takes no sslCertificateType")
        else:
            bad(f"endpoint uri {uri!r} is neither an https:// URL nor a Lambda ARN")
    interfaces = custom.get("interfaces", []) if isinstance(custom, Mapping) else []
    if not isinstance(interfaces, list) or not all(
        isinstance(i, Mapping) and isinstance(i.get("type"), str) for i in interfaces
    ):
        bad("apis.custom.interfaces must be a list of objects, each with a type")
    elif REQUIRED_INTERFACE not in {i["type"] for i in interfaces}:
        bad(f"apis.custom.interfaces must declare {REQUIRED_INTERFACE}: the skill sends screens")
    return problems


# --- content -----------------------------------------------------------------------


def check_content_ids(
    model_file: str, lm: Mapping[str, Any], content: Content, content_file: str
) -> list[Problem]:
    """Every slot type that stands for content ids, against one locale's content."""
    return [
        p
        for type_name, ids_of in SLOT_TYPE_CONTENT_IDS.items()
        for p in check_slot_ids(lm, model_file, type_name, ids_of(content), content_file)
    ]


# --- the whole project ---------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    models: int
    samples: int
    content_files: int

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_json(path: Path, root: Path, rule: str) -> tuple[Any, list[Problem]]:
    rel = _relative(path, root)
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [Problem(rule, rel, "file is missing")]
    except OSError as exc:
        return None, [Problem(rule, rel, f"cannot read: {exc.strerror or exc}")]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem(rule, rel, f"not valid JSON: {exc}")]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def skill_package_dirs(resources: Any, root: Path) -> tuple[list[Path], list[Problem]]:
    """The skill package folders ask-resources.json names, one per profile."""
    file = "ask-resources.json"
    profiles = resources.get("profiles") if isinstance(resources, Mapping) else None
    if not isinstance(profiles, Mapping) or not profiles:
        return [], [Problem("layout", file, "no profiles")]
    dirs: list[Path] = []
    problems = []
    for name, profile in profiles.items():
        metadata = profile.get("skillMetadata") if isinstance(profile, Mapping) else None
        src = metadata.get("src") if isinstance(metadata, Mapping) else None
        if not isinstance(src, str) or not src:
            problems.append(
                Problem("layout", file, f"profile {name}: skillMetadata.src is missing")
            )
            continue
        folder = (root / src).resolve()
        if not (folder / "skill.json").is_file():
            problems.append(Problem("layout", file, f"profile {name}: {src} has no skill.json"))
        elif folder not in dirs:
            dirs.append(folder)
    return dirs, problems


def load_contents(
    content_dir: Path, root: Path
) -> tuple[dict[str, tuple[str, Content]], list[Problem]]:
    """Every content file, loaded and validated: locale -> (file, content)."""
    contents: dict[str, tuple[str, Content]] = {}
    problems = []
    files = sorted(content_dir.glob("*.yaml"))
    if not files:
        return {}, [Problem("content", _relative(content_dir, root), "no content files (*.yaml)")]
    for path in files:
        rel = _relative(path, root)
        try:
            content = load_file(path)
        except ContentError as exc:
            message = str(exc)
            for prefix in (f"{path}: ", f"{rel}: "):
                message = message.removeprefix(prefix)
            problems.append(Problem("content", rel, message))
            continue
        contents[content.locale] = (rel, content)
    if not problems and DEFAULT_LOCALE not in contents:
        problems.append(
            Problem("content", _relative(content_dir, root), f"no {DEFAULT_LOCALE}.yaml")
        )
    return contents, problems


def check_project(root: Path, content_dir: Path | None = None) -> Report:
    """Read the skill package and content under ``root`` and run every rule."""
    root = root.resolve()
    content_dir = (content_dir or root / "content").resolve()
    problems: list[Problem] = []
    resources, found = _read_json(root / "ask-resources.json", root, "layout")
    problems += found
    package_dirs: list[Path] = []
    if resources is not None:
        package_dirs, found = skill_package_dirs(resources, root)
        problems += found

    contents, found = load_contents(content_dir, root)
    problems += found
    unloadable = {Path(p.file).stem for p in found}

    model_count = sample_count = 0
    for package in package_dirs:
        models: dict[str, tuple[str, Mapping[str, Any]]] = {}
        model_files = sorted((package / "interactionModels" / "custom").glob("*.json"))
        if not model_files:
            problems.append(
                Problem("layout", _relative(package, root), "no interactionModels/custom/*.json")
            )
        for path in model_files:
            rel = _relative(path, root)
            model_json, found = _read_json(path, root, "structure")
            problems += found
            if model_json is None:
                continue
            model_count += 1
            found = check_model(model_json, rel)
            problems += found
            if any(p.rule == "structure" for p in found):
                continue
            lm = language_model(model_json)
            sample_count += sum(len(_samples(i)) for i in _intents(lm))
            models[path.stem] = (rel, lm)
            if path.stem in contents:
                content_file, content = contents[path.stem]
                problems += check_content_ids(rel, lm, content, content_file)
            elif path.stem not in unloadable:
                problems.append(Problem("content", rel, f"no content file for locale {path.stem}"))
        manifest_path = package / "skill.json"
        manifest, found = _read_json(manifest_path, root, "manifest")
        problems += found
        if manifest is not None:
            manifest_file = _relative(manifest_path, root)
            problems += check_manifest(manifest, manifest_file)
            problems += check_example_phrases(manifest, manifest_file, models)
    return Report(tuple(_unique(problems)), model_count, sample_count, len(contents))


def _unique(problems: Iterable[Problem]) -> Iterator[Problem]:
    seen: set[Problem] = set()
    for p in problems:
        if p not in seen:
            seen.add(p)
            yield p
