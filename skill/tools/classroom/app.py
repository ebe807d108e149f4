"""The classroom player's web app: the page at /, its turns at POST /api/turn.

A Flask application of its own, separate from the Alexa endpoint
(:func:`skill.app.create_app`): nothing here is served to Alexa, and nothing of
the Alexa endpoint is served here. Every response carries a strict
Content-Security-Policy: the page loads only its own script and stylesheet.

On a school network the page must not be reachable through someone else's
name: every request whose Host is not one the server was started for (the
loopback names, or those given) gets 400, which stops DNS rebinding; and a turn
posted from another origin (``Origin``, or ``Sec-Fetch-Site``, not this page's)
gets 403.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from skill.content import load_library
from skill.tools.classroom.adapter import TurnFailed, build_endpoint
from skill.tools.classroom.handout import render_handout, style_hash
from skill.tools.classroom.player import Player
from skill.tools.classroom.protocol import MAX_BODY_BYTES, MAX_TEXT_CHARS, BadTurn, read_turn
from skill.tools.classroom.words import (
    WORD_KEYS,
    english_terms,
    help_lines,
    marked_html,
    words_for,
)
from skill.tools.nlu import RecognizerError, available_locales, load_recognizer
from skill.tools.simulator import LOCAL_SKILL_ID

logger = logging.getLogger(__name__)

# The names of this computer that any browser on it may use.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Sec-Fetch-Site values a browser sends for the page's own requests.
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "media-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    )
)
HANDOUT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", f"style-src 'sha256-{style_hash()}'"
)
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "microphone=(self), camera=(), geolocation=(), payment=(), usb=()",
}
# Words the page's script needs (the rest are in the HTML).
SCRIPT_WORDS = (
    "you",
    "you_touched",
    "hint_label",
    "mic_start",
    "mic_stop",
    "mic_listening",
    "mic_failed",
    "speaker_on",
    "speaker_off",
    "ended",
    "failed",
    "waiting",
    "start",
    "too_long",
    "kept",
)


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def host_name(host: str) -> str:
    """The name in a Host header, without its port or IPv6 brackets, in lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_cross_origin(origin: str | None, fetch_site: str | None, own_origin: str) -> bool:
    """Whether a request's ``Origin`` or ``Sec-Fetch-Site`` says another site sent it.

    A request with neither (not from a browser's page) is not cross-origin.
    """
    if fetch_site is not None and fetch_site.strip().lower() not in SAME_SITE_FETCHES:
        return True
    return origin is not None and origin.strip().lower() != own_origin.lower()


def create_classroom_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the classroom player.

    Configuration: ``CONTENT_DIR`` (default: the skill's content, or
    ``SKILL_CONTENT_DIR``; the page's own words are its ``classroom`` section), ``LOCALE`` (the
    page's language, such as es-US; by default the browser's preferred language
    among those the skill speaks, else en-US), ``SKILL_ID`` (the id in the requests)
    ``RNG`` (a ``random.Random``, for tests) and ``ALLOWED_HOSTS`` (the host names
    requests may use; default: this computer's loopback names). The page is a screen device, a
    medium hub (see :mod:`skill.tools.classroom.player`).
    """
    app = Flask(__name__)
    app.config.from_mapping(
        CONTENT_DIR=None,
        LOCALE=None,
        SKILL_ID=LOCAL_SKILL_ID,
        RNG=None,
        ALLOWED_HOSTS=LOOPBACK_HOSTS,
        # One byte over the limit, so that a chunked body (no Content-Length) that is
        # too large is seen to be, not silently cut (as in skill.app).
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES + 1,
    )
    if config is not None:
        app.config.from_mapping(config)

    content_dir = app.config["CONTENT_DIR"]
    library = load_library(Path(content_dir) if content_dir else None)
    locales = sorted(set(available_locales()) & set(library.by_locale))
    recognizers = {locale: load_recognizer(locale) for locale in locales}
    default_locale = library.default
    if default_locale not in recognizers:
        raise RecognizerError(f"no interaction model for {default_locale}")
    fixed_locale = app.config["LOCALE"]
    if fixed_locale is not None and fixed_locale not in recognizers:
        raise RecognizerError(
            f"the skill does not speak {fixed_locale!r} (it speaks {', '.join(locales)})"
        )
    words_by_locale = {locale: words_for(library.for_locale(locale)) for locale in locales}
    app.add_template_filter(marked_html, "english")
    player = Player(
        endpoint=build_endpoint(
            library,
            skill_id=app.config["SKILL_ID"],
            rng=app.config["RNG"] or random.Random(),
        ),
        recognizers=recognizers,
        skill_id=app.config["SKILL_ID"],
    )
    app.extensions["classroom_player"] = player
    allowed_hosts: Collection[str] = frozenset(host_name(h) for h in app.config["ALLOWED_HOSTS"])

    @app.before_request
    def only_our_names() -> Any:
        if host_name(request.headers.get("Host", "")) not in allowed_hosts:
            logger.warning("request refused: a host name the server was not started for")
            return _error(400, "unknown host")
        return None

    def page_locale() -> str:
        """The configured locale, else the browser's preferred one the skill speaks."""
        if fixed_locale is not None:
            return str(fixed_locale)
        return request.accept_languages.best_match(locales, default=default_locale)

    @app.get("/")
    def page() -> Any:
        locale = page_locale()
        words = words_by_locale[locale]
        skill_name = library.for_locale(locale).skill_name
        english = english_terms(words)
        script_words: dict[str, Any] = {key: words[key] for key in SCRIPT_WORDS}
        script_words["skill"] = skill_name
        script_words["english"] = list(english)
        response = app.make_response(
            render_template(
                "index.html",
                locale=locale,
                words={key: words[key] for key in WORD_KEYS},
                skill_name=skill_name,
                script_words=script_words,
                max_text=MAX_TEXT_CHARS,
                english=english,
                help_lines=help_lines(library.for_locale(locale)),
            )
        )
        if fixed_locale is None:
            response.vary.add("Accept-Language")
        return response

    def handout_page(teacher: bool) -> Response:
        response = app.make_response(
            render_handout(library.for_locale(page_locale()), teacher=teacher)
        )
        # The handout is one file, its style in it: allowed by its hash, nothing else.
        response.headers["Content-Security-Policy"] = HANDOUT_SECURITY_POLICY
        if fixed_locale is None:
            response.vary.add("Accept-Language")
        return response

    @app.get("/handout")
    def handout() -> Any:
        return handout_page(teacher=False)

    @app.get("/handout/teacher")
    def teacher_handout() -> Any:
        return handout_page(teacher=True)

    @app.post("/api/turn")
    def turn() -> Any:
        own_origin = f"{request.scheme}://{request.host}"
        if is_cross_origin(
            request.headers.get("Origin"), request.headers.get("Sec-Fetch-Site"), own_origin
        ):
            logger.warning("turn refused: sent from another site")
            return _error(403, "turns are taken from this page only")
        try:
            if request.mimetype != "application/json":
                raise BadTurn("send JSON, with Content-Type: application/json")
            body = request.get_data(cache=False)
            if len(body) > MAX_BODY_BYTES:
                raise RequestEntityTooLarge()
            asked = read_turn(body, recognizers, default_locale)
            reply = player.turn(asked)
        except RequestEntityTooLarge:
            logger.warning("turn rejected: body over %d bytes", MAX_BODY_BYTES)
            return _error(413, f"body is larger than {MAX_BODY_BYTES} bytes")
        except BadTurn as exc:
            logger.warning("turn rejected: %s", exc)
            return _error(400, str(exc))
        except TurnFailed:
            return _error(400, "the skill could not answer that")
        response = jsonify(reply)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 400
        return _error(code if code < 500 else 400, (exc.name or "error").lower())

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        # The type only: an exception's message may quote what was sent.
        logger.error("unexpected failure: %s", type(exc).__name__)
        return _error(400, "request could not be handled")

    return app


__all__ = [
    "CONTENT_SECURITY_POLICY",
    "LOOPBACK_HOSTS",
    "SECURITY_HEADERS",
    "create_classroom_app",
    "host_name",
    "is_cross_origin",
]
