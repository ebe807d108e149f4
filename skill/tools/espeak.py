"""Speaking the skill's answers aloud with espeak-ng, where it is installed.

Alexa's SSML is close to what ``espeak-ng -m`` reads, but not the same:
espeak-ng reads ``<say-as interpret-as="digits">`` as one big number,
``characters`` digits with a "comma" in long runs, and ``telephone`` with the
dashes spoken. :func:`to_espeak_ssml` keeps what
espeak-ng supports (``speak``, ``s``, ``p``, ``break``, ``emphasis``,
``prosody``), spells digits and telephone numbers out as characters, speaks a
``sub``'s alias, drops ``audio`` and unwraps every other element. SSML that
does not parse (Amazon-only tags such as ``amazon:effect`` are unbound
prefixes) is reduced to its text and its breaks.

The command runner is injected, so tests need no espeak-ng.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

PROGRAM = "espeak-ng"
KEPT = frozenset({"s", "p", "emphasis", "prosody"})
BREAK_ATTRIBUTES = ("time", "strength")
KEPT_ATTRIBUTES = {"emphasis": ("level",), "prosody": ("rate", "pitch", "volume")}
SPELLED = frozenset({"characters", "spell-out", "digits"})
# espeak-ng voices for locales whose lower-cased name is not a voice.
VOICES = {"es-US": "es-419", "es-MX": "es-419", "es-ES": "es", "fr-CA": "fr", "fr-FR": "fr"}

_NOT_BREAK_TAG = re.compile(r"<(?!break\b)[^>]*>")
_GROUP = re.compile(r"[0-9]+|[^\W\d_]+")


@dataclass(frozen=True)
class RunResult:
    returncode: int
    stderr: str


# A runner takes the command and the text for its standard input.
Runner = Callable[[Sequence[str], str], RunResult]


def run_command(command: Sequence[str], stdin: str) -> RunResult:
    done = subprocess.run(
        list(command), input=stdin, capture_output=True, text=True, check=False, timeout=300
    )
    return RunResult(done.returncode, done.stderr)


def voice_for(locale: str) -> str:
    return VOICES.get(locale, locale.lower())


def _spelled(text: str) -> str:
    """Characters read one by one. espeak-ng's own "characters" reads long
    digit runs with a "comma" in them, so digits are spaced out instead."""
    if text.isdigit():
        return " ".join(text)
    return f'<say-as interpret-as="characters">{escape(text)}</say-as>'


def _children(element: ElementTree.Element) -> str:
    out = [escape(element.text or "")]
    for child in element:
        out.append(_element(child))
        out.append(escape(child.tail or ""))
    return "".join(out)


def _attributes(element: ElementTree.Element, names: Sequence[str]) -> str:
    return "".join(f" {n}={quoteattr(element.attrib[n])}" for n in names if n in element.attrib)


def _element(element: ElementTree.Element) -> str:
    tag = element.tag
    text = "".join(element.itertext())
    if tag == "break":
        return f"<break{_attributes(element, BREAK_ATTRIBUTES)}/>"
    if tag in KEPT:
        attributes = _attributes(element, KEPT_ATTRIBUTES.get(tag, ()))
        return f"<{tag}{attributes}>{_children(element)}</{tag}>"
    if tag == "say-as":
        kind = element.get("interpret-as", "")
        if kind in SPELLED:
            return _spelled(text.strip())
        if kind == "telephone":
            # "1-888-373-7888": each group spelled out, a short pause between groups.
            return ", ".join(_spelled(group) for group in _GROUP.findall(text))
        return escape(text)
    if tag == "sub":
        return escape(element.get("alias") or text)
    if tag == "audio":
        return ""
    return _children(element)


def to_espeak_ssml(ssml: str) -> str:
    """Alexa SSML (with or without ``<speak>``) as SSML espeak-ng reads well."""
    source = ssml.strip()
    if not source.startswith("<speak"):
        source = f"<speak>{source}</speak>"
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError:
        return f"<speak>{_NOT_BREAK_TAG.sub(' ', source)}</speak>"
    return f"<speak>{_children(root)}</speak>"


class Speaker:
    """Speaks SSML through espeak-ng; gives up quietly (with a reason) when it cannot."""

    def __init__(
        self,
        locale: str,
        *,
        which: Callable[[str], str | None] = shutil.which,
        runner: Runner = run_command,
    ) -> None:
        self.program = which(PROGRAM)
        self.voice = voice_for(locale)
        self._runner = runner
        self.problem: str | None = None if self.program else f"{PROGRAM} is not installed"

    @property
    def available(self) -> bool:
        return self.problem is None

    def speak(self, ssml: str) -> bool:
        """Say ``ssml`` aloud; False (and :attr:`problem` set) when it could not."""
        if self.program is None or self.problem is not None:
            return False
        command = [self.program, "-m", "-v", self.voice, "--stdin"]
        try:
            result = self._runner(command, to_espeak_ssml(ssml))
        except (OSError, subprocess.SubprocessError) as exc:
            self.problem = f"{PROGRAM} failed: {exc}"
            return False
        if result.returncode != 0 or result.stderr.strip():
            # espeak-ng exits 0 even when it cannot open the audio device.
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            detail = lines[-1].strip() if lines else f"exit status {result.returncode}"
            self.problem = f"{PROGRAM} could not speak: {detail}"
            return False
        return True


__all__ = [
    "PROGRAM",
    "RunResult",
    "Runner",
    "Speaker",
    "run_command",
    "to_espeak_ssml",
    "voice_for",
]
