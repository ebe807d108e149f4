"""The classroom player in Spanish: how the page picks its language, and a conversation in it.

``python -m skill classroom --locale es-US`` fixes the page's language; without
it, the browser's preferred language among those the skill speaks picks it
(Accept-Language), and English is the default. The page's language is the
language of its words, of every turn it sends and of the browser's speech.
"""

from __future__ import annotations

import io
import json
import random
import re
from html import unescape
from typing import Any

import pytest
from flask.testing import FlaskClient

from skill.content import default_library
from skill.tools.classroom import cli, create_classroom_app
from skill.tools.classroom.words import WORD_KEYS, words_for
from skill.tools.cli import build_parser
from tests import PHONE
from tests.classroom import Classroom, spoken
from tests.locales import LOCALES, unspoken

SPANISH = default_library().for_locale("es-US")
ENGLISH = default_library().for_locale("en-US")


def room(locale: str | None = None) -> FlaskClient:
    app = create_classroom_app({"TESTING": True, "RNG": random.Random(5), "LOCALE": locale})
    return app.test_client()


def page_language(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found is not None
    return found.group(1)


# Words the page does not show: which names are English, and the handout's own.
NOT_SHOWN = frozenset(
    {"english_words", "handout_title", "handout_teacher", "handout_answer", "handout_source"}
)


def test_a_fixed_locale_gives_the_page_in_that_language() -> None:
    result = room("es-US").get("/", headers={"Accept-Language": "en-US"})
    html = result.get_data(as_text=True)
    assert page_language(html) == "es-US"
    words = words_for(SPANISH)
    data = re.search(r'<script id="words" type="application/json">(.*?)</script>', html, re.S)
    assert data is not None
    for_script = json.loads(data.group(1))
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    for key in WORD_KEYS:
        if key in NOT_SHOWN:
            continue
        in_html = words[key] in shown or words[key] in unescape(html)
        assert in_html or for_script.get(key) == words[key], key
    assert SPANISH.skill_name in html and PHONE in html
    # English names in the Spanish page are marked as English, for screen readers.
    assert '(<span lang="en">BEFREE</span>)' in html
    assert "National Human Trafficking Hotline" in for_script["english"]
    assert "Accept-Language" not in result.headers.get("Vary", "")


UNSPOKEN = unspoken("fr-FR", "de-DE", "it-IT", "ja-JP")[0]
NEGOTIATED = [
    ("es-US,es;q=0.9", "es-US"),
    ("es-MX,es;q=0.9,en;q=0.8", "es-US"),
    ("es", "es-US"),
    ("en-US,en;q=0.9", "en-US"),
    ("en-GB", "en-US"),
    (f"{UNSPOKEN},{UNSPOKEN[:2]};q=0.9", "en-US"),
    ("", "en-US"),
]


def _holds(accept: str, expected: str) -> bool:
    """Whether the case still holds: the skill speaks no other locale of the browser's language."""
    language = accept.split(",")[0].split("-")[0]
    return {locale for locale in LOCALES if locale.split("-")[0] == language} <= {expected}


@pytest.mark.parametrize(("accept", "expected"), [(a, e) for a, e in NEGOTIATED if _holds(a, e)])
def test_without_a_fixed_locale_the_browsers_language_picks(accept: str, expected: str) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    result = room().get("/", headers=headers)
    html = result.get_data(as_text=True)
    assert page_language(html) == expected
    content = default_library().for_locale(expected)
    assert words_for(content)["page_title"] in unescape(html)
    assert "Accept-Language" in result.headers.get("Vary", "")


def test_a_conversation_in_spanish() -> None:
    page = Classroom(room("es-US"), "es-US")
    assert page.say("abre")["text"] == SPANISH.prompts["welcome"]
    risk = page.say("cuáles son los factores de riesgo")
    assert spoken(risk).startswith(SPANISH.topic("risk_factors").pages[0].lead[0])
    help_turn = page.say("necesito ayuda")
    assert PHONE in help_turn["text"] and "Atienden en español" in help_turn["text"]
    typed_without_accents = page.say("que es el grooming")
    assert SPANISH.topic("grooming").items[0] in typed_without_accents["text"]


def test_english_turns_still_work_on_a_spanish_page() -> None:
    """Each turn names its locale: the page's language is only the default."""
    page = Classroom(room("es-US"), "en-US")
    assert page.say("open")["text"] == ENGLISH.prompts["welcome"]


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, list[Any]]:
    from skill.tools.classroom import server

    made: list[Any] = []

    class Stop:
        port = 5000

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            pass

    def fake(app: Any, host: str, port: int) -> Stop:
        made.append(app)
        return Stop()

    monkeypatch.setattr(server, "classroom_server", fake)
    monkeypatch.setattr(server, "address", lambda s: "http://127.0.0.1:5000/")
    out = io.StringIO()
    code = cli.run(build_parser().parse_args(["classroom", *argv]), out)
    return code, out.getvalue(), made


def test_the_locale_option_serves_the_spanish_page(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, (app,) = _run(["--locale", "es-US"], monkeypatch)
    assert code == 0
    html = app.test_client().get("/").get_data(as_text=True)
    assert page_language(html) == "es-US"


def test_a_locale_the_skill_does_not_speak_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, printed, made = _run(["--locale", UNSPOKEN], monkeypatch)
    assert code == 1 and made == []
    assert printed.startswith("error: ") and repr(UNSPOKEN) in printed and "es-US" in printed
    assert len(printed.splitlines()) == 1
