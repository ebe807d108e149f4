"""``python -m skill say`` and ``python -m skill chat``: trying the skill from the command line."""

from __future__ import annotations

import io
import itertools
import json
import random
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from skill.__main__ import main
from skill.content import Content, Page, default_library
from skill.speech import ITEM_BREAK, say, ssml_to_text, to_ssml
from skill.tools.cli.try_it import ALEXA, Output, chat, line_reader
from skill.tools.espeak import RunResult, Speaker
from skill.tools.simulator import Simulator, build_simulator
from tests import PHONE
from tests.locales import pinned_locale

# English typed into the simulator; the --locale tests name their locale.
locale = pinned_locale()


def simulator() -> Simulator:
    counter = itertools.count(1)
    return build_simulator(
        "en-US",
        rng=random.Random(3),
        clock=lambda: datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc),
        new_id=lambda: f"id-{next(counter)}",
    )


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str | io.TextIOBase = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin) if isinstance(stdin, str) else stdin)
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def alexa_lines(out: str) -> list[str]:
    return [line[len(ALEXA) :] for line in out.splitlines() if line.startswith(ALEXA)]


def spoken(content: Content, prompt: str) -> str:
    """A prompt as a listener hears it (numbers filled in)."""
    return ssml_to_text(to_ssml(say(content.prompts[prompt]), content.numbers))


def reads(line: str, page: Page) -> bool:
    return all(item in line for item in page.items) and line.endswith(page.question)


def only_page(line: str, pages: Sequence[Page], index: int) -> bool:
    others = [item for i, p in enumerate(pages) if i != index for item in p.items]
    return reads(line, pages[index]) and not any(item in line for item in others)


def test_a_scripted_chat_reads_the_pages_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    script = "open\nrisk factors\nyes\nyes\nprevious\nI need help\nnext\nrepeat\nstop\nyes\n"
    code, out, err = run(monkeypatch, capsys, ["chat"], script)
    assert code == 0
    said = alexa_lines(out)
    pages = content.topic("risk_factors").pages
    assert len(pages) >= 4  # a lead page, then the list
    hotline_phone = content.numbers["hotline_phone"].value
    assert said[0] == content.prompts["welcome"]
    assert only_page(said[1], pages, 0) and said[1].startswith(pages[0].lead[0])
    assert only_page(said[2], pages, 1)
    assert only_page(said[3], pages, 2)
    assert only_page(said[4], pages, 1)  # previous
    assert hotline_phone in said[5]
    assert said[5].endswith(
        content.fill(content.help.resume, title=content.topic("risk_factors").title)
    )
    assert only_page(said[6], pages, 2)  # next, after help: back in the list
    assert said[7] == said[6]  # repeat
    assert said[8] == content.prompts["goodbye"]
    assert len(said) == 9  # "stop" ended the chat: the last "yes" was never read
    assert out.count("you> ") == 9


def test_the_transcript_shows_what_was_typed_and_the_cards(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["chat"], "open\ngive me online safety tips\nstop\n")
    assert code == 0
    lines = out.splitlines()
    assert "you> open" in lines
    assert "you> give me online safety tips" in lines
    topic = content.topic("online_safety")
    card_at = lines.index(f"{' ' * len(ALEXA)}[card: {topic.title}]")
    assert lines[card_at - 1].startswith(ALEXA + topic.pages[0].lead[0])
    assert lines[card_at + 2] == f"{' ' * len(ALEXA)}• {topic.pages[0].items[0]}"


def test_end_of_input_ends_the_chat_and_the_skill_is_told() -> None:
    sim = simulator()
    out = io.StringIO()
    code = chat(
        sim, line_reader(io.StringIO("open\nrisk factors\n"), out), Output(out, io.StringIO())
    )
    assert code == 0
    assert sim.last is not None
    assert sim.last.request["request"]["type"] == "SessionEndedRequest"
    assert sim.last.request["request"]["reason"] == "USER_INITIATED"
    assert not sim.in_session


def test_exit_ends_the_chat_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["chat"], "open\nexit\nrisk factors\n")
    assert code == 0
    assert "(Alexa ended the session: USER_INITIATED; the skill cannot answer)" in out
    assert "you> risk factors" not in out


def test_silence_plays_the_reprompt_then_ends_the_session(content: Content) -> None:
    sim = simulator()
    out = io.StringIO()
    script = "\n\nopen\n\n\nrisk factors\n"
    code = chat(sim, line_reader(io.StringIO(script), out), Output(out, io.StringIO(), label=ALEXA))
    assert code == 0
    said = alexa_lines(out.getvalue())
    assert said == [content.prompts["welcome"], content.prompts["welcome_reprompt"]]
    assert sim.last is not None
    assert sim.last.request["request"]["reason"] == "EXCEEDED_MAX_REPROMPTS"
    assert "you> risk factors" not in out.getvalue()


def test_say_prints_the_speech_then_the_card(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    code, out, err = run(monkeypatch, capsys, ["say", "give", "me", "online", "safety", "tips"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    topic = content.topic("online_safety")
    assert lines[0].startswith(" ".join(topic.pages[0].lead) + " " + topic.pages[0].items[0])
    assert "<" not in lines[0]  # no SSML
    assert lines[1] == f"[card: {topic.title}]"
    assert lines[3] == f"• {topic.pages[0].items[0]}"


def test_say_prints_numbers_as_a_listener_hears_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    _, out, _ = run(monkeypatch, capsys, ["say", "--no-cards", "what's the hotline number?"])
    phone = content.numbers["hotline_phone"].value
    assert f"Call the National Human Trafficking Hotline at {phone}." in out
    assert "[card" not in out


def test_say_without_words_opens_the_skill(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["say"])
    assert code == 0
    assert out.splitlines() == [content.prompts["welcome"]]


@pytest.mark.parametrize(
    "words", ["purple monkey dishwasher", "blah blah", "¿Qué es la trata? 😀", "?!"]
)
def test_unknown_words_get_the_fallback_answer(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: Content,
    words: str,
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["say", words])
    assert code == 0
    assert out.startswith(spoken(content, "fallback") + " " + content.prompts["fallback_menu"])


def test_input_that_is_not_valid_text_does_not_crash_the_chat(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    stdin = io.TextIOWrapper(
        io.BytesIO(b"open\n\xff\xfe caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\nstop\n")
    )
    code, out, _ = run(monkeypatch, capsys, ["chat"], stdin)
    assert code == 0
    said = alexa_lines(out)
    assert said[1].startswith(spoken(content, "fallback"))
    assert said[-1] == content.prompts["goodbye"]


def test_json_prints_the_request_and_response_envelopes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["say", "--json", "internet tips"])
    assert code == 0
    decoder = json.JSONDecoder()
    request, _ = decoder.raw_decode(out, out.index("request: ") + len("request: "))
    response, _ = decoder.raw_decode(out, out.index("response: ") + len("response: "))
    slot = request["request"]["intent"]["slots"]["category"]
    assert slot["value"] == "internet"
    (per_authority,) = slot["resolutions"]["resolutionsPerAuthority"]
    assert per_authority["values"][0]["value"]["id"] == "online_safety"
    assert response["response"]["outputSpeech"]["type"] == "SSML"
    assert (
        "heard: SafetyTipsIntent (category='internet' -> online_safety) from \"{category} tips\""
        in out
    )
    assert "• Do not respond to strangers online" in out  # the text and card follow


class FakeEspeak:
    def __init__(self) -> None:
        self.spoken: list[str] = []

    def __call__(self, command: Sequence[str], stdin: str) -> RunResult:
        self.spoken.append(stdin)
        return RunResult(0, "")


def test_speak_sends_every_answer_to_espeak_with_pauses_kept(content: Content) -> None:
    fake = FakeEspeak()
    speaker = Speaker("en-US", which=lambda name: f"/usr/bin/{name}", runner=fake)
    out, err = io.StringIO(), io.StringIO()
    script = "open\nrisk factors\nI need help\nstop\n"
    chat(
        simulator(),
        line_reader(io.StringIO(script), out),
        Output(out, err, speaker=speaker, label=ALEXA),
    )
    assert err.getvalue() == ""
    assert len(fake.spoken) == 4
    assert fake.spoken[1].count(ITEM_BREAK) == len(content.topic("risk_factors").pages[0].items)
    assert "1, 8 8 8, 3 7 3, 7 8 8 8" in fake.spoken[2]
    assert fake.spoken[3] == "<speak><s>" + content.prompts["goodbye"] + "</s></speak>"


def test_speak_without_espeak_gives_a_one_line_hint_and_the_text(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: Content,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, out, err = run(monkeypatch, capsys, ["chat", "--speak"], "open\nstop\n")
    assert code == 0
    assert len(err.splitlines()) == 1
    assert "espeak-ng is not installed" in err and "apt-get install espeak-ng" in err
    assert alexa_lines(out) == [content.prompts["welcome"], content.prompts["goodbye"]]


def test_a_chat_in_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--locale es-US: the Spanish model understands, the Spanish content answers."""
    spanish = default_library().for_locale("es-US")
    script = "abre consejos de seguridad juvenil\nquién corre riesgo\nsí\nnecesito ayuda\nsiguiente\npara\n"
    code, out, err = run(monkeypatch, capsys, ["chat", "--locale", "es-US", "--no-cards"], script)
    assert code == 0 and err == ""
    assert 'Talking to "consejos de seguridad juvenil" (es-US)' in out
    assert '"abre" starts, "para" or Ctrl-D ends.' in out
    said = alexa_lines(out)
    pages = spanish.topic("risk_factors").pages
    assert said[0] == spanish.prompts["welcome"]
    assert said[1].startswith(pages[0].lead[0])
    assert reads(said[2], pages[1])
    info = spanish.help.situations["info"].lines[0]
    assert said[3].startswith(ssml_to_text(to_ssml(say(info), spanish.numbers)))
    assert PHONE in said[3] and "Atienden en español" in said[3]
    assert reads(said[4], pages[2])  # siguiente: back in the list
    assert said[5] == spanish.prompts["goodbye"]


def test_say_in_spanish_with_the_ssml(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Numbers are spoken with say-as in Spanish too; the voice reads them in Spanish, and
    only the English names in English."""
    code, out, _ = run(
        monkeypatch, capsys, ["say", "--locale", "es-US", "--json", "necesito", "ayuda"]
    )
    assert code == 0
    start = out.index("response: ") + len("response: ")
    response: dict[str, Any] = json.JSONDecoder().raw_decode(out, start)[0]
    ssml = response["response"]["outputSpeech"]["ssml"]
    assert '<say-as interpret-as="telephone">1-888-373-7888</say-as>' in ssml
    assert '<say-as interpret-as="digits">233733</say-as>' in ssml
    # The es-US voice is Spanish already: only an English name gets the English voice.
    assert "<lang" not in ssml.replace('<lang xml:lang="en-US">BEFREE</lang>', "BEFREE")


def test_an_unknown_locale_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, ["say", "--locale", "xx-XX", "hello"])
    assert code == 1
    assert err.startswith("error: ") and "xx-XX" in err
    assert out == ""


def test_the_skill_id_from_the_environment_is_used(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SKILL_ID", "amzn1.ask.skill.from-env")
    _, out, _ = run(monkeypatch, capsys, ["say", "--json", "yes"])
    start = out.index("request: ") + len("request: ")
    request: dict[str, Any] = json.JSONDecoder().raw_decode(out, start)[0]
    assert (
        request["context"]["System"]["application"]["applicationId"] == "amzn1.ask.skill.from-env"
    )


# --- --screen ---------------------------------------------------------------------------------


def screen_block(out: str, title_line: str) -> list[str]:
    """The screen printed under an answer: from its title line to the footer."""
    lines = [line.strip() for line in out.splitlines()]
    start = lines.index(title_line)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Need help?"))
    return lines[start : end + 1]


def test_say_with_a_screen_prints_the_page_below_the_answer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["say", "--screen", "--no-cards", "who is at risk"])
    assert code == 0
    lead = content.topic("risk_factors").pages[0]
    assert out.splitlines()[0].startswith(lead.lead[0])
    assert out.splitlines()[0].endswith(lead.question)  # the question after the read-along
    assert screen_block(out, "[screen: Youth at risk]") == [
        "[screen: Youth at risk]",
        *lead.lead,
        lead.question,
        "[More] [Get help]",
        "Need help? Call 1-888-373-7888 or text 233733 (BEFREE).",
    ]


def test_a_chat_on_a_screen_shows_the_numbered_items_and_where_they_are(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    script = "risk factors\nyes\nnext\nI need help\nstop\n"
    code, out, _ = run(monkeypatch, capsys, ["chat", "--screen", "--no-cards"], script)
    assert code == 0
    spoken = run(monkeypatch, capsys, ["chat", "--no-cards"], script)[1]
    assert alexa_lines(out) == alexa_lines(spoken)  # the same words, with or without a screen
    assert screen_block(out, "[screen: Youth at risk · 4 to 6 of 11]") == [
        "[screen: Youth at risk · 4 to 6 of 11]",
        "4. Lack of a strong social network",
        "5. Unsupervised online time",
        "6. Focusing on friendships and connections made online",
        "Want to hear more risk factors?",
        "[Back] [More] [Get help]",
        "Need help? Call 1-888-373-7888 or text 233733 (BEFREE).",
    ]
    help_screen = screen_block(out, "[screen: How to get help]")
    assert "National Human Trafficking Hotline: 1-888-373-7888" in help_screen
    assert "Missouri Child Abuse and Neglect Hotline: 1-800-392-3738" in help_screen
    assert "[Get help]" not in " ".join(help_screen)
    assert "[screen:" not in spoken


def test_a_chat_on_a_screen_shows_the_quiz_question_its_choices_and_the_score(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: Content
) -> None:
    script = "quiz me\n" + "skip\n" * 5 + "stop\n"
    code, out, _ = run(monkeypatch, capsys, ["chat", "--screen", "--no-cards"], script)
    assert code == 0
    said = alexa_lines(out)
    first = screen_block(out, "[screen: Safety quiz · Question 1 of 5]")
    intro, question, *rest = first[1:]
    assert intro == "Here's a quiz: 5 questions about staying safe."
    assert said[0].startswith(f"{intro} Question 1 of 5. {question} ")
    assert said[0].endswith(rest[-3])  # the question asked last
    labels = content.screen.quiz_buttons
    moves = " ".join(f"[{labels[m]}]" for m in ("pass", "repeat", "score", "end_quiz"))
    assert moves in rest  # Skip, Repeat, Score and End quiz, under the choices
    choices = [line for line in rest if line.startswith("[") and line not in ("[Get help]", moves)]
    if choices == ["[True]", "[False]"]:
        assert rest[-3] == "True or false?"
    else:
        assert [c[1:3] for c in choices] == ["A:", "B:", "C:"]
        assert all(f"{c[1:-1]}." in said[0] for c in choices)  # the choices as spoken
    assert rest[-2:] == ["[Get help]", "Need help? Call 1-888-373-7888 or text 233733 (BEFREE)."]
    assert "[More]" not in out and "[Back]" not in out
    end = screen_block(out, "[screen: Safety quiz]")
    # Skipped: the right answer in words and why, then the score.
    assert end[1] == content.quiz.prompts["skip"]
    assert end[2].startswith(content.quiz.prompts["answer_choice"].split("{")[0])  # "It's "
    assert end[4:6] == [
        content.fill(content.quiz.prompts["score"], score=0, total=5),
        content.quiz.prompts["encourage_some"],
    ]


def test_json_on_a_screen_prints_both_exchanges_of_a_read_along(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(monkeypatch, capsys, ["say", "--screen", "--json", "who is at risk"])
    assert code == 0
    decoder = json.JSONDecoder()
    found = []
    at = out.find("response: ")
    while at != -1:
        response, _ = decoder.raw_decode(out, at + len("response: "))
        found.append(response["response"])
        at = out.find("response: ", at + 1)
    first, rest = found
    assert [d["type"] for d in first["directives"]] == [
        "Alexa.Presentation.APL.RenderDocument",
        "Alexa.Presentation.APL.ExecuteCommands",
    ]
    assert "outputSpeech" not in first and "directives" not in rest
    assert rest["shouldEndSession"] is False
