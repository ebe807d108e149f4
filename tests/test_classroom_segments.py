"""SSML to the segments the classroom page speaks: pauses kept, numbers read digit by digit."""

from __future__ import annotations

import pytest

from skill.content import Content
from skill.speech import lines, to_ssml
from skill.tools.classroom.segments import (
    COMMA_PAUSE_MS,
    PARAGRAPH_PAUSE_MS,
    SENTENCE_PAUSE_MS,
    Segment,
    break_ms,
    ssml_to_segments,
    telephone,
)


def test_a_break_ends_a_segment_with_its_pause() -> None:
    assert ssml_to_segments('<speak>One.<break time="400ms"/>Two.</speak>') == [
        Segment("One.", 400),
        Segment("Two.", 0),
    ]


def test_speak_is_optional() -> None:
    assert ssml_to_segments('One.<break time="1.5s"/>Two.') == [
        Segment("One.", 1500),
        Segment("Two.", 0),
    ]


@pytest.mark.parametrize(
    ("time", "strength", "ms"),
    [
        ("400ms", None, 400),
        ("2s", None, 2000),
        (" 250MS ", None, 250),
        ("60s", None, 10_000),  # Alexa's longest break
        (None, "none", 0),
        (None, "x-weak", 0),
        (None, "weak", COMMA_PAUSE_MS),
        (None, "medium", COMMA_PAUSE_MS),
        (None, "strong", SENTENCE_PAUSE_MS),
        (None, "x-strong", PARAGRAPH_PAUSE_MS),
        ("nonsense", "strong", SENTENCE_PAUSE_MS),
        (None, None, COMMA_PAUSE_MS),
        ("300ms", "x-strong", 300),  # time wins
    ],
)
def test_break_lengths(time: str | None, strength: str | None, ms: int) -> None:
    assert break_ms(time, strength) == ms


def test_breaks_in_a_row_add_up() -> None:
    ssml = '<speak>One.<break time="400ms"/><break strength="strong"/>Two.</speak>'
    assert ssml_to_segments(ssml)[0] == Segment("One.", 400 + SENTENCE_PAUSE_MS)


def test_a_leading_break_is_dropped() -> None:
    assert ssml_to_segments('<speak><break time="1s"/>Hi.</speak>') == [Segment("Hi.", 0)]


def test_telephone_numbers_are_read_digit_by_digit_in_their_groups() -> None:
    ssml = '<speak>Call <say-as interpret-as="telephone">1-888-373-7888</say-as>.</speak>'
    assert ssml_to_segments(ssml) == [Segment("Call 1, 8 8 8, 3 7 3, 7 8 8 8.", 0)]


@pytest.mark.parametrize("kind", ["digits", "characters", "spell-out", "DIGITS"])
def test_digits_are_spelled_out(kind: str) -> None:
    ssml = f'<speak>Text <say-as interpret-as="{kind}">233733</say-as>.</speak>'
    assert ssml_to_segments(ssml) == [Segment("Text 2 3 3 7 3 3.", 0)]


def test_other_say_as_kinds_are_left_to_the_browser() -> None:
    ssml = '<speak><say-as interpret-as="cardinal">200</say-as> languages</speak>'
    assert ssml_to_segments(ssml) == [Segment("200 languages", 0)]


@pytest.mark.parametrize(
    ("number", "spoken"),
    [("(888) 373-7888", "8 8 8, 3 7 3, 7 8 8 8"), ("911", "9 1 1"), ("", "")],
)
def test_telephone(number: str, spoken: str) -> None:
    assert telephone(number) == spoken


def test_sentences_are_segments_of_their_own_and_paragraphs_pause() -> None:
    ssml = "<speak><p><s>First one.</s><s>Second one.</s></p><p>Next paragraph.</p>After.</speak>"
    assert ssml_to_segments(ssml) == [
        Segment("First one.", 0),
        Segment("Second one.", PARAGRAPH_PAUSE_MS),
        Segment("Next paragraph.", PARAGRAPH_PAUSE_MS),
        Segment("After.", 0),
    ]


def test_prosody_emphasis_and_amazon_effects_keep_their_words() -> None:
    ssml = (
        '<speak>Call <prosody rate="slow"><say-as interpret-as="digits">911</say-as></prosody> '
        '<emphasis level="strong">now</emphasis>. <amazon:effect name="whispered">Quietly.</amazon:effect></speak>'
    )
    assert ssml_to_segments(ssml) == [Segment("Call 9 1 1 now. Quietly.", 0)]


def test_sub_speaks_its_alias_and_audio_says_nothing() -> None:
    ssml = '<speak><sub alias="aluminium">Al</sub><audio src="https://example.org/a.mp3"/>.</speak>'
    assert ssml_to_segments(ssml) == [Segment("aluminium.", 0)]


def test_entities_are_decoded() -> None:
    ssml = "<speak>Tom &amp; Jerry &lt;3 &quot;hi&quot; &apos;there&apos; &#233;t&#xE9;</speak>"
    assert ssml_to_segments(ssml) == [Segment("Tom & Jerry <3 \"hi\" 'there' été", 0)]


def test_whitespace_is_collapsed() -> None:
    assert ssml_to_segments("<speak>\n  One ,\n two  </speak>") == [Segment("One, two", 0)]


@pytest.mark.parametrize(
    "ssml", ["", "   ", "<speak></speak>", '<speak><break time="1s"/></speak>']
)
def test_nothing_to_say(ssml: str) -> None:
    assert ssml_to_segments(ssml) == []


def test_ssml_that_does_not_parse_is_spoken_as_text() -> None:
    assert ssml_to_segments("<speak>One &amp; <b>two</speak>") == [Segment("One & two", 0)]


def test_the_skills_own_speech(content: Content) -> None:
    """The hotline passage: every sentence a segment, the numbers digit by digit."""
    said = content.help.situations["info"].lines
    ssml = "<speak>" + to_ssml(lines(*said), content.numbers) + "</speak>"
    segments = ssml_to_segments(ssml)
    assert len(segments) >= len(said)
    spoken = " ".join(s.text for s in segments)
    assert "1, 8 8 8, 3 7 3, 7 8 8 8" in spoken
    assert "2 3 3 7 3 3" in spoken
    assert "1-888" not in spoken and "233733" not in spoken
