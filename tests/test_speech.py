"""SSML building: escaping, numbers, lists, limits."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.content import Number
from skill.speech import (
    _NOT_XML,
    ITEM_BREAK,
    MAX_SSML_CHARS,
    Speech,
    SpeechTooLong,
    say,
    ssml_to_text,
    to_plain,
    to_ssml,
)

NUMBERS = {
    "phone": Number("1-888-373-7888", "telephone"),
    "code": Number("233733", "digits"),
    "site": Number("example.org", spoken="example dot org"),
}


def parse(inner: str) -> ElementTree.Element:
    return ElementTree.fromstring(f"<speak>{inner}</speak>")


def test_special_characters_are_escaped() -> None:
    ssml = to_ssml(say('Tom & Jerry <3 "quotes" > all'), NUMBERS)
    assert "&amp;" in ssml and "&lt;3" in ssml and "&gt;" in ssml
    assert ssml_to_text(ssml) == 'Tom & Jerry <3 "quotes" > all'
    parse(ssml)


def test_numbers_use_say_as_in_speech_and_plain_text_on_cards() -> None:
    speech = say("Call {phone} or text {code}.")
    assert to_ssml(speech, NUMBERS) == (
        '<s>Call <say-as interpret-as="telephone">1-888-373-7888</say-as> or text '
        '<say-as interpret-as="digits">233733</say-as>.</s>'
    )
    assert to_plain(speech, NUMBERS) == "Call 1-888-373-7888 or text 233733."


def test_a_slow_number_comes_after_a_pause_at_a_slower_rate() -> None:
    speech = say("Call {phone}. Again, {phone:slow}.")
    ssml = to_ssml(speech, NUMBERS)
    assert ssml == (
        '<s>Call <say-as interpret-as="telephone">1-888-373-7888</say-as>. Again, '
        '<break time="600ms"/><prosody rate="slow">'
        '<say-as interpret-as="telephone">1-888-373-7888</say-as></prosody>.</s>'
    )
    parse(ssml)
    assert to_plain(speech, NUMBERS) == "Call 1-888-373-7888. Again, 1-888-373-7888."


def test_a_name_with_a_spoken_form_is_said_that_way_and_written_plainly() -> None:
    speech = say("Visit {site}.")
    assert to_ssml(speech, NUMBERS) == "<s>Visit example dot org.</s>"
    assert to_plain(speech, NUMBERS) == "Visit example.org."


def test_list_items_are_sentences_with_breaks() -> None:
    speech = Speech().items(["Trust your gut", "Leave."])
    ssml = to_ssml(speech, NUMBERS)
    assert ssml == f"<s>Trust your gut.</s>{ITEM_BREAK}<s>Leave.</s>{ITEM_BREAK}"
    assert to_plain(speech, NUMBERS) == "• Trust your gut\n• Leave."


def test_too_long_speech_is_refused() -> None:
    with pytest.raises(SpeechTooLong):
        to_ssml(say("a" * MAX_SSML_CHARS), NUMBERS)


@given(
    st.lists(
        st.text(min_size=1, max_size=80).filter(lambda t: "{" not in t and "}" not in t), max_size=6
    )
)
def test_any_text_gives_valid_ssml(texts: list[str]) -> None:
    speech = say(*texts[:3]).items(texts[3:])
    try:
        ssml = to_ssml(speech, NUMBERS)
    except SpeechTooLong:  # pragma: no cover - sizes above keep under the limit
        return
    parse(ssml)


# --- English names inside another language's speech --------------------------------------

ENGLISH = ("National Human Trafficking Hotline", "BEFREE", "hotline", "Tom & Jerry")


def test_english_names_are_said_by_the_english_voice_and_the_card_stays_plain() -> None:
    speech = say("Visita la National Human Trafficking Hotline: {site}. BEFREE, Tom & Jerry.")
    numbers = {**NUMBERS, "site": Number("hotline.org", spoken="hotline punto org")}
    ssml = to_ssml(speech, numbers, ENGLISH)
    parse(ssml)
    assert ssml == (
        '<s>Visita la <lang xml:lang="en-US">National Human Trafficking Hotline</lang>: '
        '<lang xml:lang="en-US">hotline</lang> punto org. '
        '<lang xml:lang="en-US">BEFREE</lang>, <lang xml:lang="en-US">Tom &amp; Jerry</lang>.</s>'
    )
    assert (
        to_plain(speech, numbers)
        == "Visita la National Human Trafficking Hotline: hotline.org. BEFREE, Tom & Jerry."
    )


def test_a_name_inside_another_word_or_without_names_is_left_alone() -> None:
    assert to_ssml(say("hotlines y BEFREEdom"), NUMBERS, ENGLISH) == "<s>hotlines y BEFREEdom</s>"
    assert to_ssml(say("BEFREE"), NUMBERS) == "<s>BEFREE</s>"


def test_the_characters_xml_does_not_allow_are_the_complement_of_those_it_does() -> None:
    """speech._NOT_XML names the characters XML 1.0 forbids; on every code point it agrees
    with the class written as XML's Char production, negated (slow to compile)."""
    allowed = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert _NOT_XML.findall(every) == allowed.findall(every)
