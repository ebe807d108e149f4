"""Speaking answers with espeak-ng (skill/tools/espeak.py), with a fake runner: no espeak-ng needed."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

import pytest

from skill.speech import ITEM_BREAK
from skill.tools.espeak import RunResult, Speaker, to_espeak_ssml, voice_for


class FakeRunner:
    def __init__(self, result: RunResult | None = None) -> None:
        self.calls: list[tuple[list[str], str]] = []
        self.result = result or RunResult(0, "")

    def __call__(self, command: Sequence[str], stdin: str) -> RunResult:
        self.calls.append((list(command), stdin))
        return self.result


def installed(name: str) -> str | None:
    return f"/usr/bin/{name}"


def missing(name: str) -> str | None:
    return None


def test_breaks_sentences_and_escaping_are_kept() -> None:
    ssml = f"<speak><s>One &amp; two.</s> <s>Items:</s> <s>A.</s>{ITEM_BREAK}<s>B.</s>{ITEM_BREAK}</speak>"
    out = to_espeak_ssml(ssml)
    assert out == (
        f"<speak><s>One &amp; two.</s> <s>Items:</s> <s>A.</s>{ITEM_BREAK}<s>B.</s>{ITEM_BREAK}</speak>"
    )
    ElementTree.fromstring(out)


def test_digits_and_telephone_numbers_are_spelled_out() -> None:
    ssml = (
        '<speak>Text <say-as interpret-as="digits">233733</say-as>, call '
        '<say-as interpret-as="telephone">1-888-373-7888</say-as>.</speak>'
    )
    assert to_espeak_ssml(ssml) == "<speak>Text 2 3 3 7 3 3, call 1, 8 8 8, 3 7 3, 7 8 8 8.</speak>"


def test_letters_are_read_as_characters_and_other_say_as_as_text() -> None:
    ssml = (
        '<speak><say-as interpret-as="spell-out">NHTH</say-as> '
        '<say-as interpret-as="cardinal">12</say-as></speak>'
    )
    assert to_espeak_ssml(ssml) == (
        '<speak><say-as interpret-as="characters">NHTH</say-as> 12</speak>'
    )


def test_what_espeak_does_not_support_is_mapped() -> None:
    ssml = (
        '<speak><sub alias="World Wide Web Consortium">W3C</sub> '
        '<audio src="https://example.com/a.mp3"/>'
        '<lang xml:lang="es-US">hola</lang> '
        '<prosody rate="slow" foo="bar">slow</prosody> '
        '<break time="1s" strength="strong" bogus="x"/></speak>'
    )
    assert to_espeak_ssml(ssml) == (
        "<speak>World Wide Web Consortium hola "
        '<prosody rate="slow">slow</prosody> '
        '<break time="1s" strength="strong"/></speak>'
    )


def test_amazon_only_tags_leave_their_text_and_breaks() -> None:
    ssml = '<speak>Hi <amazon:effect name="whispered">there</amazon:effect><break time="1s"/> you</speak>'
    out = to_espeak_ssml(ssml)
    assert "amazon" not in out and '<break time="1s"/>' in out
    assert " ".join(out.replace("<speak>", " ").replace("</speak>", " ").split()).startswith(
        "Hi there"
    )


def test_inner_ssml_without_speak_is_wrapped() -> None:
    assert to_espeak_ssml("<s>Hello.</s>") == "<speak><s>Hello.</s></speak>"


def test_voices() -> None:
    assert voice_for("en-US") == "en-us"
    assert voice_for("es-US") == "es-419"


def test_speaking_runs_espeak_ng_with_ssml_on_stdin() -> None:
    runner = FakeRunner()
    speaker = Speaker("en-US", which=installed, runner=runner)
    assert speaker.available
    assert speaker.speak('<speak>Call <say-as interpret-as="digits">911</say-as>.</speak>')
    ((command, stdin),) = runner.calls
    assert command == ["/usr/bin/espeak-ng", "-m", "-v", "en-us", "--stdin"]
    assert stdin == "<speak>Call 9 1 1.</speak>"


def test_without_espeak_ng_nothing_runs() -> None:
    runner = FakeRunner()
    speaker = Speaker("en-US", which=missing, runner=runner)
    assert not speaker.available
    assert speaker.problem == "espeak-ng is not installed"
    assert speaker.speak("<speak>Hi</speak>") is False
    assert runner.calls == []


@pytest.mark.parametrize(
    "result",
    [
        RunResult(1, ""),
        RunResult(0, "ALSA lib pcm.c: Unknown PCM default\nerror: No such file or directory\n"),
    ],
)
def test_a_failing_espeak_is_reported_once_and_not_tried_again(result: RunResult) -> None:
    runner = FakeRunner(result)
    speaker = Speaker("en-US", which=installed, runner=runner)
    assert speaker.speak("<speak>One</speak>") is False
    assert speaker.problem is not None and speaker.problem.startswith("espeak-ng could not speak")
    assert speaker.speak("<speak>Two</speak>") is False
    assert len(runner.calls) == 1


def test_a_runner_that_cannot_start_is_reported() -> None:
    def broken(command: Sequence[str], stdin: str) -> RunResult:
        raise FileNotFoundError(2, "No such file or directory")

    speaker = Speaker("en-US", which=installed, runner=broken)
    assert speaker.speak("<speak>One</speak>") is False
    assert speaker.problem is not None and "failed" in speaker.problem
