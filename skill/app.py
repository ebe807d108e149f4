"""The web endpoint: a Flask application factory serving POST /alexa and GET /health.

Every request goes through :func:`skill.dispatch.dispatch` with the raw body:
the signature is checked on those bytes before anything parses them, then the
envelope, then the skill answers through ask-sdk-webservice-support's
``WebserviceSkillHandler``.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.http import HTTP_STATUS_CODES

from skill import __version__
from skill.config import Settings
from skill.content import load_library
from skill.dispatch import MAX_BODY_BYTES, NOT_HANDLED, Endpoint, dispatch
from skill.handlers import build_skill
from skill.logs import RateLog
from skill.serializer import COMPACT, EncodedJson
from skill.webservice import webservice_invoke

logger = logging.getLogger(__name__)


# Stands for a part of a response encoded once (EncodedJson) while the rest is
# encoded: no text the skill sends can hold a NUL character (speech and cards
# drop it), and a count that does not match falls back to encoding it all.
_MARK = "\x00encoded\x00"
_MARKED = COMPACT.encode(_MARK).encode("utf-8")


def _marked(value: Any, parts: list[bytes]) -> Any:
    """``value`` with every EncodedJson in it replaced by the mark, its JSON added to
    ``parts`` in the order the encoder meets them (dicts and lists are copied)."""
    if isinstance(value, EncodedJson):
        parts.append(value.encoded)
        return _MARK
    if isinstance(value, dict):
        return {key: _marked(item, parts) for key, item in value.items()}
    if isinstance(value, list):
        return [_marked(item, parts) for item in value]
    return value


def response_json(result: Any) -> bytes:
    """The bytes of a response envelope: compact JSON, keys in the SDK's order.

    Flask's jsonify would also sort the keys, which costs time and buys nothing.
    The parts of the response that are EncodedJson (a page's card and
    directives, the same in many responses: skill.serializer.Shared) go in as
    they were encoded once: encoding them again took most of the time of a
    response with a screen. The bytes are those of encoding it all.
    """
    body: Any = result.get("response") if isinstance(result, dict) else None
    if isinstance(body, dict):
        parts: list[bytes] = []
        marked = _marked(body, parts)
        if parts:
            data = COMPACT.encode({**result, "response": marked})
            pieces = data.encode("utf-8").split(_MARKED)
            if len(pieces) == len(parts) + 1:
                spliced = [pieces[0]]
                for part, piece in zip(parts, pieces[1:], strict=True):
                    spliced += (part, piece)
                return b"".join(spliced)
    return COMPACT.encode(result).encode("utf-8")


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def _read_body(refusals: RateLog) -> bytes:
    """The request body; HTTP 413 when it is over ``MAX_BODY_BYTES``.

    ``MAX_CONTENT_LENGTH`` is one byte more than the limit: Werkzeug answers 413
    itself for a larger ``Content-Length``, but a chunked body (no length given) is
    only cut at ``MAX_CONTENT_LENGTH``, silently. Reading one byte past the limit
    tells a body that is too large from one that just fits.
    """
    try:
        body = request.get_data(cache=False)
        if len(body) > MAX_BODY_BYTES:
            raise RequestEntityTooLarge()
    except RequestEntityTooLarge:
        refusals.log(f"body over {MAX_BODY_BYTES} bytes")
        raise
    return body


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _content_length(environ: Mapping[str, Any]) -> int | None:
    raw = environ.get("CONTENT_LENGTH")
    if not isinstance(raw, str) or not raw.isdigit():
        return None
    return int(raw)


def _read_exactly(stream: Any, length: int) -> bytes:
    """``length`` bytes of ``stream``, or fewer if the client stopped sending."""
    chunks: list[bytes] = []
    left = length
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class AlexaRequests:
    """WSGI: ``POST /alexa`` straight to :func:`skill.dispatch.dispatch`, everything else to Flask.

    Flask's request context, routing and response object cost more than the
    rest of the HTTP handling of a request, so a plain Alexa request (exactly
    ``POST /alexa`` with a ``Content-Length`` within the limit and no
    ``Transfer-Encoding``) is answered here, with the same status, body and
    headers as the Flask view would give it. Anything else (another method or
    path, a chunked or oversized body) goes to Flask, which answers as it always
    has (405, 404, 413).
    """

    def __init__(self, flask_app: WsgiApp, endpoint: Endpoint) -> None:
        self.flask_app = flask_app
        self.endpoint = endpoint

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        length = _content_length(environ)
        if (
            environ.get("PATH_INFO") != "/alexa"
            or environ.get("REQUEST_METHOD") != "POST"
            or length is None
            or length > MAX_BODY_BYTES
            or "HTTP_TRANSFER_ENCODING" in environ
        ):
            return self.flask_app(environ, start_response)
        body = _read_exactly(environ["wsgi.input"], length)
        if len(body) < length:
            status, answer = 400, {"error": "bad request"}  # the client went away
        else:
            status, answer = dispatch(self.endpoint, EnvironHeaders(environ), body)
        try:
            data = response_json(answer)
        except Exception:
            logger.exception("unexpected failure")
            status, data = 400, response_json({"error": NOT_HANDLED})
        start_response(
            f"{status} {HTTP_STATUS_CODES[status].upper()}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
        )
        return [data]


def settings_for(config: Mapping[str, Any], base: Settings) -> Settings:
    """``base`` (the environment's settings) with the app config's overrides."""
    content_dir = config.get("CONTENT_DIR")
    return replace(
        base,
        skill_id=config.get("SKILL_ID") or None,
        verify_signatures=bool(config.get("VERIFY_SIGNATURES")),
        allow_any_skill=bool(config.get("ALLOW_ANY_SKILL")),
        content_dir=Path(content_dir) if content_dir else base.content_dir,
    )


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the endpoint.

    Configuration comes from the environment (:mod:`skill.config`); ``test_config``
    overrides it: ``SKILL_ID``, ``VERIFY_SIGNATURES``, ``ALLOW_ANY_SKILL``,
    ``CONTENT_DIR`` and ``RNG`` (a ``random.Random``, for tests). With verification
    on, ``VERIFY_CLOCK``, ``VERIFY_ROOT_STORE``, ``VERIFY_FETCHER`` and
    ``VERIFY_DOWNLOAD_TIMEOUT`` replace its clock, roots and download, and
    ``VERIFY_CHAIN_DIR`` (default ``ALEXA_CERT_CACHE_DIR``) is where chains that
    validated are kept for the other and later workers (see
    :func:`skill.verification.signature_verifier`).

    Raises :class:`skill.config.ConfigurationError` (a one-line reason) when the
    settings are unsafe to serve: verification on and no skill id, unless
    ``ALEXA_ALLOW_ANY_SKILL`` says so.
    """
    environment = Settings.from_environ()
    app = Flask(__name__)
    app.config.from_mapping(
        SKILL_ID=environment.skill_id,
        VERIFY_SIGNATURES=environment.verify_signatures,
        ALLOW_ANY_SKILL=environment.allow_any_skill,
        VERIFY_CHAIN_DIR=environment.cert_cache_dir,
        CONTENT_DIR=None,
        RNG=None,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES + 1,  # see _read_body
    )
    if test_config is not None:
        app.config.from_mapping(test_config)

    settings = settings_for(app.config, environment)
    settings.check_web()
    for warning in settings.web_warnings():
        logger.warning(warning)

    library = load_library(settings.content_dir)
    rng = app.config["RNG"] or random.Random()
    skill = build_skill(library, skill_id=settings.skill_id, rng=rng)
    endpoint = Endpoint(invoke=webservice_invoke(skill), skill_id=skill.skill_id)
    if settings.verify_signatures:
        from skill.verification import signature_verifier, utc_now

        endpoint = replace(
            endpoint,
            signature=signature_verifier(app.config),
            clock=app.config.get("VERIFY_CLOCK") or utc_now,
        )
    app.extensions["alexa_skill"] = skill
    app.extensions["alexa_endpoint"] = endpoint

    @app.post("/alexa")
    def alexa() -> Any:
        # Werkzeug's headers, read case-insensitively by the verifier; copying
        # them into a dict cost about 4% of a request.
        status, answer = dispatch(endpoint, request.headers, _read_body(endpoint.refusals))
        return Response(response_json(answer), status=status, mimetype="application/json")

    @app.get("/health")
    def health() -> Any:
        return jsonify(status="ok", version=__version__)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 400
        if code >= 500:
            code = 400
        return _error(code, (exc.name or "error").lower())

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        logger.exception("unexpected failure")
        return _error(400, NOT_HANDLED)

    app.wsgi_app = AlexaRequests(app.wsgi_app, endpoint)  # type: ignore[method-assign]
    return app
