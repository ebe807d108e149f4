"""``python -m skill say`` and ``python -m skill chat``: try the skill without a device.

``say`` sends one utterance (nothing opens the skill) and prints the answer;
``chat`` keeps a session going in the terminal. Both understand words through
the interaction model (:mod:`skill.tools.nlu`) and send the request Alexa would
send through the same skill as the endpoint (:mod:`skill.tools.simulator`).

In ``chat``, an empty line is silence: Alexa plays the reprompt, and after a
second silence ends the session, as a device does. "stop" ends the chat after
the goodbye; "exit", "quit" and Ctrl-D end it at once.

With ``--screen`` the requests come from a medium hub (an Echo Show): each
answer is followed by a text rendering of what the screen shows (a quiz
question's choices and the quiz's buttons in brackets, as the buttons to tap),
and a page the screen reads aloud is printed as heard, read-along and question
together.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from ask_sdk_core.exceptions import AskSdkException

from skill.config import SKILL_ID_ENV, Settings
from skill.content import DEFAULT_LOCALE
from skill.tools.espeak import PROGRAM, Speaker
from skill.tools.nlu import Interpretation
from skill.tools.simulator import (
    EXCEEDED_MAX_REPROMPTS,
    LOCAL_SKILL_ID,
    USER_INITIATED,
    Simulator,
    SimulatorError,
    Turn,
    build_simulator,
)

PROMPT = "you> "
ALEXA = "Alexa: "
INSTALL_HINT = "sudo apt-get install espeak-ng"


Reader = Callable[[str], str]


def add_parser(subparsers: Any) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--locale",
        default=DEFAULT_LOCALE,
        help=f"the content and interaction model to use (default {DEFAULT_LOCALE})",
    )
    common.add_argument(
        "--speak",
        action="store_true",
        help=f"also speak the answers aloud with {PROGRAM}, where it is installed",
    )
    common.add_argument(
        "--json",
        action="store_true",
        help="print each request and response envelope in full, for debugging",
    )
    common.add_argument(
        "--no-cards",
        action="store_true",
        help="print only what Alexa says, not the cards shown in the Alexa app",
    )
    common.add_argument(
        "--screen",
        action="store_true",
        help="be an Echo Show: the skill sends its screens, printed below each answer",
    )
    common.add_argument(
        "--skill-id",
        default=None,
        help=f"the skill id in the requests (default ${SKILL_ID_ENV}, or a local id)",
    )
    say = subparsers.add_parser(
        "say",
        parents=[common],
        help="say one thing to the skill and print its answer",
        description=(
            "Turn WORDS into the request Alexa would send, answer it with the skill, and "
            "print what Alexa would say, then the card. No words opens the skill."
        ),
    )
    say.add_argument("words", nargs="*", help="for example: give me online safety tips")
    say.set_defaults(func=run_say)
    chat = subparsers.add_parser(
        "chat",
        parents=[common],
        help="talk to the skill in the terminal, one turn after another",
        description=(
            'A conversation with the skill: "open" starts it, "stop" or Ctrl-D ends it. '
            "Session attributes carry over, so yes, next, previous and repeat work."
        ),
    )
    chat.set_defaults(func=run_chat)


# --- showing a turn -------------------------------------------------------------------


def describe(heard: Interpretation) -> str:
    """What the words were understood as, in one line."""
    if heard.kind == "launch":
        return "LaunchRequest"
    if heard.kind == "end_session":
        return "SessionEndedRequest (the user left)"
    slots = []
    for slot in heard.slots:
        resolution = slot.resolution
        if resolution is None:
            slots.append(f"{slot.name}={slot.value!r}")
        elif resolution.values:
            ids = "/".join(value_id for value_id, _ in resolution.values)
            slots.append(f"{slot.name}={slot.value!r} -> {ids}")
        else:
            slots.append(f"{slot.name}={slot.value!r} -> {resolution.code}")
    where = f' from "{heard.sample}"' if heard.sample else ""
    details = f" ({', '.join(slots)})" if slots else ""
    return f"{heard.intent}{details}{where} [{heard.how}]"


def screen_lines(shown: Mapping[str, Any]) -> list[str]:
    """A text rendering of a screen: the title and position, what it shows in order (on a
    quiz screen the question, each choice to tap in brackets and the quiz's buttons on one
    line, or the score), the buttons it has, and the footer."""
    title = str(shown.get("title", ""))
    position = str(shown.get("position", ""))
    lines = [f"[screen: {title} · {position}]" if position else f"[screen: {title}]"]
    lines.extend(str(text) for text in shown.get("lead", []))
    if shown.get("question"):
        lines.append(str(shown["question"]))
    lines.extend(f"[{choice['text']}]" for choice in shown.get("choices", []))
    moves = shown.get("moves", [])
    if moves:
        lines.append(" ".join(f"[{move['label']}]" for move in moves))
    lines.extend(str(text) for text in shown.get("score", []))
    for item in shown.get("items", []):
        lines.append(f"{item['number']}. {item['text']}" if item.get("number") else item["text"])
    lines.extend(f"{r['label']}: {r['value']}" for r in shown.get("resources", []))
    lines.append(str(shown.get("prompt", "")))
    labels = shown.get("buttons", {})
    buttons = [
        labels.get(name, "")
        for name, shows in (
            ("back", shown.get("hasBack")),
            ("more", shown.get("hasMore")),
            ("help", shown.get("kind") != "help"),
        )
        if shows
    ]
    if buttons:
        lines.append(" ".join(f"[{label}]" for label in buttons))
    lines.append(str(shown.get("footer", "")))
    return lines


def _exchanges(turn: Turn) -> Iterator[Turn]:
    """The request and response exchanges of ``turn``, in order (a read-along's end too)."""
    yield turn
    if turn.rest is not None:
        yield from _exchanges(turn.rest)


def render(
    turn: Turn, *, label: str = "", show_json: bool = False, show_cards: bool = True
) -> list[str]:
    """The lines to print for ``turn``: speech, then the screen, then the card."""
    lines: list[str] = []
    if show_json:
        if turn.heard is not None:
            lines.append(f"heard: {describe(turn.heard)}")
        for exchange in _exchanges(turn):
            lines.append("request: " + json.dumps(exchange.request, indent=2, ensure_ascii=False))
            lines.append("response: " + json.dumps(exchange.response, indent=2, ensure_ascii=False))
    if turn.text:
        lines.append(label + turn.text)
    elif turn.request.get("request", {}).get("type") == "SessionEndedRequest":
        reason = turn.request["request"].get("reason")
        lines.append(f"(Alexa ended the session: {reason}; the skill cannot answer)")
    else:
        lines.append(label + "(nothing)")
    indent = " " * len(label)
    shown = turn.screen
    if shown is not None:
        lines.extend(f"{indent}{line}" for line in screen_lines(shown))
    card = turn.card
    if card is not None and show_cards:
        title, text = card
        lines.append(f"{indent}[card: {title}]")
        lines.extend(f"{indent}{line}" for line in text.splitlines())
    return lines


class Output:
    """Where answers go: printed, and spoken when asked for and possible."""

    def __init__(
        self,
        out: TextIO,
        err: TextIO,
        *,
        speaker: Speaker | None = None,
        show_json: bool = False,
        show_cards: bool = True,
        label: str = "",
    ) -> None:
        self.out = out
        self.err = err
        self.speaker = speaker
        self.show_json = show_json
        self.show_cards = show_cards
        self.label = label
        self._warned = False
        if speaker is not None and not speaker.available:
            self._warn()

    def print(self, line: str = "") -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def turn(self, turn: Turn) -> None:
        lines = render(turn, label=self.label, show_json=self.show_json, show_cards=self.show_cards)
        for line in lines:
            self.print(line)
        self.speak(turn.ssml)

    def reprompt(self, turn: Turn) -> None:
        self.print(self.label + turn.reprompt)
        self.speak(turn.reprompt_ssml)

    def speak(self, ssml: str | None) -> None:
        if self.speaker is None or not ssml:
            return
        if not self.speaker.speak(ssml):
            self._warn()

    def _warn(self) -> None:
        if self._warned or self.speaker is None:
            return
        self._warned = True
        hint = f" (install it with: {INSTALL_HINT})" if self.speaker.program is None else ""
        self.err.write(f"--speak: {self.speaker.problem}{hint}; showing the text only\n")
        self.err.flush()


# --- the conversation ------------------------------------------------------------------


def chat(sim: Simulator, read: Reader, output: Output) -> int:
    """Talk until the session ends or the input does; the exit code."""
    invocation = " ".join(sim.recognizer.invocation)
    phrases = sim.recognizer.phrases
    opens = " ".join(phrases.launch_alone[0]) if phrases.launch_alone else invocation
    stops = (*phrases.built_in.get("AMAZON.StopIntent", ()), "stop")[0]
    output.print(
        f'Talking to "{invocation}" ({sim.locale}). Type what you would say: '
        f'"{opens}" starts, "{stops}" or Ctrl-D ends.'
    )
    silences = 0
    while True:
        try:
            line = read(PROMPT)
        except EOFError:
            _leave(sim, output)
            return 0
        except KeyboardInterrupt:
            output.print()
            _leave(sim, output)
            return 130
        if not line.strip():
            last = sim.last
            if not sim.in_session or last is None:
                continue
            silences += 1
            if silences == 1 and last.reprompt:
                output.reprompt(last)
                continue
            output.turn(sim.end_session(EXCEEDED_MAX_REPROMPTS))
            return 0
        silences = 0
        turn = sim.say(line)
        output.turn(turn)
        if not sim.in_session:
            return 0


def _leave(sim: Simulator, output: Output) -> None:
    """End of input: Alexa closes an open session, and the skill is told."""
    if sim.in_session:
        turn = sim.end_session(USER_INITIATED)
        if output.show_json:
            output.turn(turn)


def line_reader(stdin: TextIO, stdout: TextIO) -> Reader:
    """Read a line after a prompt; echo it when it does not come from a terminal."""
    if stdin.isatty() and stdout.isatty() and stdin is sys.stdin and stdout is sys.stdout:
        return input

    def read(prompt: str) -> str:
        line = stdin.readline()
        if not line:
            raise EOFError
        stdout.write(prompt + line.rstrip("\r\n") + "\n")
        return line

    return read


# --- the commands ----------------------------------------------------------------------


def _forgiving(stream: TextIO) -> TextIO:
    """The stream, with undecodable or unprintable characters replaced, not fatal."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Keep the transcript readable: the skill logs every session end at INFO."""
    logger = logging.getLogger("skill")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _setup(args: argparse.Namespace, err: TextIO) -> Simulator | None:
    settings = Settings.from_environ()
    skill_id = args.skill_id or settings.skill_id or LOCAL_SKILL_ID
    try:
        return build_simulator(
            args.locale, skill_id=skill_id, content_dir=settings.content_dir, screen=args.screen
        )
    except SimulatorError as exc:
        err.write(f"error: {exc}\n")
        return None


def _output(args: argparse.Namespace, out: TextIO, err: TextIO, label: str, locale: str) -> Output:
    speaker = Speaker(locale) if args.speak else None
    return Output(
        out, err, speaker=speaker, show_json=args.json, show_cards=not args.no_cards, label=label
    )


def run_say(args: argparse.Namespace) -> int:
    with _quiet_logs():
        return _say(args)


def run_chat(args: argparse.Namespace) -> int:
    with _quiet_logs():
        return _chat(args)


def _say(args: argparse.Namespace) -> int:
    out, err = _forgiving(sys.stdout), _forgiving(sys.stderr)
    sim = _setup(args, err)
    if sim is None:
        return 1
    output = _output(args, out, err, "", sim.locale)
    try:
        output.turn(sim.say(" ".join(args.words)))
    except AskSdkException as exc:
        err.write(f"error: the skill could not handle the request: {exc}\n")
        return 1
    return 0


def _chat(args: argparse.Namespace) -> int:
    stdin, out, err = _forgiving(sys.stdin), _forgiving(sys.stdout), _forgiving(sys.stderr)
    sim = _setup(args, err)
    if sim is None:
        return 1
    output = _output(args, out, err, ALEXA, sim.locale)
    if stdin.isatty() and out.isatty():
        try:
            import readline  # noqa: F401  (line editing and history for input())
        except ImportError:  # pragma: no cover - not on every platform
            pass
    try:
        return chat(sim, line_reader(stdin, out), output)
    except AskSdkException as exc:
        err.write(f"error: the skill could not handle the request: {exc}\n")
        return 1


__all__ = [
    "add_parser",
    "chat",
    "describe",
    "line_reader",
    "render",
    "run_chat",
    "run_say",
    "screen_lines",
]
