"""A statistical intent classifier, trained on the interaction model's own samples.

This is the recogniser's second step, after the exact sample match (see
:mod:`skill.tools.nlu`): what no sample matches word for word is classified by
a linear model over TF-IDF features, in the spirit of Alexa's own model and of
Snips NLU's probabilistic parser:

- word unigrams and bigrams, so that the words that name a topic count and
  extra words ("exactly", "right now") and a changed order weigh little;
- character n-grams (3 to 5) inside word boundaries, so that a misspelling
  ("trafficing"), a speech-to-text slip ("traffic king", "hot line") or a
  Spanish plural or gender form ("generales", "segura") still shares most of
  its features with the word of a sample.

The model is multinomial logistic regression (scikit-learn's ``saga`` solver
with a fixed seed): it is deterministic for the same training rows, gives
probabilities the recogniser can judge its certainty by, and trains in about
two seconds per locale, once (see the cache below). It is trained close to
convergence (TOLERANCE): stopped early, at a tenth of a second's work, the
weights depended on the path the solver took, and one sample added anywhere
moved unrelated cries for help from one help line to another. (On the held-out
phrasings a linear SVM classified as well, but gives no probabilities;
``lbfgs`` gave the same weights ten times more slowly.)

scikit-learn is only needed to *train*. The trained weights are written, as
plain arrays, to a cache file named after a digest of the training rows and
the settings below; classifying reads them with numpy alone. A changed model
(samples, values, synonyms, recogniser data) gives other rows, another digest
and so a fresh training. The Alexa runtime never imports this module.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

Tokens = tuple[str, ...]

# Bump when the features or the training change, so that cached weights are retrained.
FEATURE_VERSION = 2  # bump when features or training change
CHAR_SIZES = (3, 4, 5)
# Inverse regularisation strength of the logistic regression. Chosen with the
# recogniser's SURE by the held-out figures (5, 20, 50; character n-grams 2-5 or
# 3-5; SURE 0.45 to 0.6): the only setting with every held-out and
# out-of-domain rate at its target (README, "Changing what the skill understands").
C = 50.0
MAX_ITER = 1000
TOLERANCE = 0.001
CACHE_ENV = "YOUTH_SAFETY_CACHE_DIR"


def features(words: Tokens) -> list[str]:
    """The features of normalised ``words``: word 1- and 2-grams, and character n-grams."""
    found = [f"w {w}" for w in words]
    found += [f"b {a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in words:
        padded = f" {word} "
        for n in CHAR_SIZES:
            found += [f"c {padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return found


@dataclass(frozen=True)
class Classifier:
    """Trained weights: the features, their idf, and a weight per intent and feature."""

    intents: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: Any  # numpy array, one per feature
    coef: Any  # numpy array, intents x features
    intercept: Any  # numpy array, one per intent

    def probabilities(self, words: Tokens) -> list[tuple[str, float]]:
        """Every intent with its probability for ``words``, most probable first.

        Nothing (an empty list) when not one of ``words`` was ever seen in training:
        letters alone ("cafe" shares "afe" with "safe") are no ground for a guess.
        """
        if not any(f"w {word}" in self.vocabulary for word in words):
            return []
        counts = Counter(f for f in features(words) if f in self.vocabulary)
        index = np.array([self.vocabulary[f] for f in counts], dtype=np.int64)
        tf = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[index]
        tf /= float(np.linalg.norm(tf)) or 1.0
        logits = np.array(self.intercept, dtype=float) + self.coef[:, index] @ tf
        exp = np.exp(logits - logits.max())
        probs = exp / exp.sum()
        ranked = sorted(zip(self.intents, probs.tolist(), strict=True), key=lambda t: (-t[1], t[0]))
        return [(intent, float(p)) for intent, p in ranked]


def digest(rows: Sequence[tuple[Tokens, str]]) -> str:
    """What the weights depend on: the training rows and the settings."""
    settings = f"{FEATURE_VERSION} {CHAR_SIZES} {C} {MAX_ITER} {TOLERANCE}"
    h = hashlib.sha256(f"{settings}\n".encode())
    for words, intent in rows:
        h.update(f"{intent}\t{' '.join(words)}\n".encode())
    return h.hexdigest()[:20]


def train(rows: Sequence[tuple[Tokens, str]]) -> Classifier:
    """Fit the classifier on (words, intent) rows. Imports scikit-learn."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, lowercase=False)
    matrix = vectorizer.fit_transform([words for words, _ in rows])
    vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    idf = np.asarray(vectorizer.idf_, dtype=float)
    labels = sorted({intent for _, intent in rows})
    if len(labels) == 1:  # nothing to tell apart
        zeros = np.zeros((1, len(vocabulary)))
        return Classifier((labels[0],), vocabulary, idf, zeros, np.zeros(1))
    model = LogisticRegression(C=C, solver="saga", max_iter=MAX_ITER, tol=TOLERANCE, random_state=0)
    with warnings.catch_warnings():
        # Stopping at TOLERANCE, close to saga's own convergence, is intended.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(matrix, [intent for _, intent in rows])
    coef = np.asarray(model.coef_, dtype=float)
    intercept = np.asarray(model.intercept_, dtype=float)
    if len(model.classes_) == 2:  # one row of weights: the second class against the first
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros(1), intercept])
    return Classifier(
        intents=tuple(str(c) for c in model.classes_),
        vocabulary=vocabulary,
        idf=idf,
        coef=coef,
        intercept=intercept,
    )


def cache_dir() -> Path:
    """Where trained weights are kept: ``$YOUTH_SAFETY_CACHE_DIR``, else the user's cache."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "youth-safety-skill" / "recognizer"


def save(classifier: Classifier, path: Path) -> None:
    """Write the weights atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = sorted(classifier.vocabulary, key=classifier.vocabulary.__getitem__)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(
                out,
                intents=np.array(classifier.intents, dtype=str),
                features=np.array(names, dtype=str),
                idf=classifier.idf,
                coef=classifier.coef,
                intercept=classifier.intercept,
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path) -> Classifier:
    with np.load(path, allow_pickle=False) as data:
        names = [str(f) for f in data["features"]]
        return Classifier(
            intents=tuple(str(i) for i in data["intents"]),
            vocabulary={f: n for n, f in enumerate(names)},
            idf=np.array(data["idf"]),
            coef=np.array(data["coef"]),
            intercept=np.array(data["intercept"]),
        )


def obtain(
    locale: str, rows: Sequence[tuple[Tokens, str]], where: Path | None = None
) -> Classifier:
    """The classifier for ``rows``: read from the cache, or trained and cached.

    A cache that cannot be read or written is not an error: the weights are
    trained again (the same rows always give the same weights).
    """
    path = (where or cache_dir()) / f"{locale}-{digest(rows)}.npz"
    try:
        return load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass
    classifier = train(rows)
    try:
        save(classifier, path)
    except OSError:
        pass
    return classifier


__all__ = ["Classifier", "cache_dir", "digest", "features", "obtain", "train"]
