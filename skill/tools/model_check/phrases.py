"""The manifest's example phrases: each opens the skill or says something a sample matches."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.tools.interaction_model import (
    intent_name,
    intents,
    samples,
    slot_types,
    slots,
    value_words,
    values,
)
from skill.tools.model_check.languages import Languages, LaunchWords
from skill.tools.model_check.manifest import listing_locales
from skill.tools.model_check.problem import Problem
from skill.tools.model_check.samples import SLOT_REF, normalize

RULE = "example-phrase"
MAX_EXAMPLE_PHRASES = 3


def _sample_pattern(
    sample: str, type_of_slot: Mapping[str, str], words_of_type: Mapping[str, list[str]]
) -> re.Pattern[str]:
    """A regular expression matching what a user may say for ``sample``.

    A custom slot matches its type's values and synonyms; a built-in slot
    (AMAZON.SearchQuery, say) matches any words.
    """
    parts = []
    for token in normalize(sample).split():
        ref = SLOT_REF.fullmatch(token)
        if ref is None:
            parts.append(re.escape(token))
            continue
        words = words_of_type.get(type_of_slot.get(ref.group(1), ""))
        if words:
            longest_first = sorted(words, key=len, reverse=True)
            parts.append("(?:" + "|".join(re.escape(w) for w in longest_first) + ")")
        else:
            parts.append(r"\S+(?: \S+)*")
    return re.compile(" ".join(parts))


def matching_intent(utterance: str, lm: Mapping[str, Any]) -> str | None:
    """The intent with a sample (slots filled with their type's values) matching ``utterance``."""
    said = normalize(utterance)
    words_of_type = {
        str(t.get("name")): [normalize(w) for v in values(t) for w in value_words(v)]
        for t in slot_types(lm)
    }
    for intent in intents(lm):
        type_of_slot = {str(s.get("name")): str(s.get("type")) for s in slots(intent)}
        for sample in samples(intent):
            if _sample_pattern(sample, type_of_slot, words_of_type).fullmatch(said):
                return intent_name(intent)
    return None


def _phrase_words(phrase: str) -> str:
    """Lowercase words of an example phrase, without commas and closing punctuation."""
    return normalize(re.sub(r"[,!?]|\.$", " ", phrase.strip()))


def _starts_with(words: list[str], phrase: str) -> bool:
    said = phrase.split()
    return len(words) > len(said) and words[: len(said)] == said


def check_example_phrase(
    phrase: str,
    position: int,
    invocation_name: str,
    lm: Mapping[str, Any],
    said: LaunchWords,
) -> str | None:
    """Why ``phrase`` is not a valid example phrase (None when it is).

    ``said`` is how the locale's language opens a skill and asks it something
    (its recogniser data's ``launch``). The first must open the skill ("Alexa,
    open <invocation name>"; in Spanish "Alexa, abre <invocation name>"); the
    others may open it too, or ask it something ("Alexa, ask <invocation name>
    to/for/about ..."; "Alexa, pídele a <invocation name> que ...") that a
    sample of the model matches once the wake word, the launch words, the
    invocation name and the connecting word are taken away.
    """
    if not re.match(r"alexa\b", phrase.strip(), re.IGNORECASE):
        return 'must start with the wake word: "Alexa, ..."'
    words = _phrase_words(phrase).split()[1:]
    invocation = normalize(invocation_name).split()
    n = len(invocation)
    opening = f'"Alexa, {said.example} {invocation_name}"'
    asked = next((a.split() for a in said.ask if words[: len(a.split())] == a.split()), None)
    verb = asked or words[:1]
    after_verb = words[len(verb) :]
    if len(after_verb) < n or after_verb[:n] != invocation:
        return f"must name the skill right after the launch word: {opening}"
    rest = after_verb[n:]
    if not rest:
        if asked is None and verb and verb[0] in said.open:
            return None
        return f"{' '.join(verb)!r} is not a launch word (say {said.example})"
    if position == 0:
        return f"the first example phrase must open the skill: {opening}"
    if asked is not None:
        candidates = [rest]
        for connector in said.connectors:
            if _starts_with(rest, connector):
                candidates.insert(0, rest[len(connector.split()) :])
    elif verb and verb[0] in said.open and _starts_with(rest, said.and_word):
        candidates = [rest[len(said.and_word.split()) :]]
    else:
        return f'must be {opening} or "Alexa, <ask> <name> <request>"'
    if any(matching_intent(" ".join(c), lm) for c in candidates):
        return None
    return f"no sample matches {' '.join(candidates[0])!r}"


def check_example_phrases(
    manifest: Any,
    file: str,
    models: Mapping[str, tuple[str, Mapping[str, Any]]],
    languages: Languages,
) -> list[Problem]:
    """Each locale's example phrases open the skill or say something a sample matches.

    ``models`` maps a locale to (file, languageModel); ``languages`` maps it to
    its recogniser data's launch words.
    """
    problems = []
    for locale, listing in listing_locales(manifest).items():
        phrases = listing.get("examplePhrases")
        if not isinstance(phrases, list) or not phrases:
            problems.append(Problem(RULE, file, f"{locale}: no example phrases"))
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
            problems.append(Problem(RULE, file, f"{locale}: no interaction model for this locale"))
            continue
        if locale not in languages:
            problems.append(
                Problem(RULE, file, f"{locale}: no recogniser data for this locale's launch words")
            )
            continue
        _, lm = models[locale]
        invocation = str(lm.get("invocationName", ""))
        for position, phrase in enumerate(phrases):
            if not isinstance(phrase, str):
                problems.append(Problem(RULE, file, f"{locale}: {phrase!r} is not text"))
                continue
            reason = check_example_phrase(phrase, position, invocation, lm, languages[locale])
            if reason:
                problems.append(Problem(RULE, file, reason, locale, phrase))
    return problems
