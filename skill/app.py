"""The web endpoint: a Flask application factory serving POST /alexa and GET /health."""

from __future__ import annotations

import json
import logging
import os
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ask_sdk_core.exceptions import AskSdkException, SerializationException
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from skill import __version__, screen
from skill.content import load_library
from skill.envelope import BadRequest, read_envelope
from skill.handlers import build_skill, fast_serializer
from skill.webservice import VerificationException, WebserviceSkillHandler

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
VERIFY_ENV = "ALEXA_VERIFY_SIGNATURES"
SKILL_ID_ENV = "SKILL_ID"
_FALSE = {"0", "false", "no", "off"}


def env_flag(name: str, default: bool = True) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in _FALSE


# Stands for a shared APL document while a response is encoded (no text the
# skill sends can hold a NUL character: speech and cards drop it).
_DOCUMENT_MARK = "\x00apl-document\x00"


def response_json(result: Any) -> bytes:
    """The bytes of a response envelope: compact JSON, keys in the SDK's order.

    Flask's jsonify would also sort the keys, which costs time and buys nothing.
    A shared APL document (skill.screen) goes in already encoded: encoding it
    again took most of the time of a response with a screen.
    """
    body: Any = result.get("response") if isinstance(result, dict) else None
    directives = body.get("directives") if isinstance(body, dict) else None
    encoded = None
    if isinstance(body, dict) and isinstance(directives, list):
        for n, directive in enumerate(directives):
            document = directive.get("document") if isinstance(directive, dict) else None
            encoded = screen.encoded_document(document) if document is not None else None
            if encoded is not None:
                marked = [*directives]
                marked[n] = {**directive, "document": _DOCUMENT_MARK}
                result = {**result, "response": {**body, "directives": marked}}
                break
    text = json.dumps(result, separators=(",", ":"))
    if encoded is not None:
        text = text.replace(json.dumps(_DOCUMENT_MARK), encoded, 1)
    return text.encode("utf-8")


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def _read_body() -> bytes:
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
        logger.warning("request rejected: body over %d bytes", MAX_BODY_BYTES)
        raise
    return body


def _sdk_reason(exc: Exception) -> str:
    """A log line for an SDK failure (a deserialiser message repeats the whole body)."""
    if isinstance(exc, SerializationException):
        return "request body could not be deserialised"
    return str(exc)[:200]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the endpoint.

    Configuration (``test_config`` overrides the environment):
    ``SKILL_ID`` (env ``SKILL_ID``), ``VERIFY_SIGNATURES`` (env
    ``ALEXA_VERIFY_SIGNATURES``, on unless set to false), ``CONTENT_DIR``
    (env ``SKILL_CONTENT_DIR``) and ``RNG`` (a ``random.Random``, for tests).
    With verification on, ``VERIFY_CLOCK``, ``VERIFY_ROOT_STORE``, ``VERIFY_FETCHER``
    and ``VERIFY_DOWNLOAD_TIMEOUT`` replace its clock, roots and download (see
    :func:`skill.verification.request_verifiers`).
    """
    app = Flask(__name__)
    app.config.from_mapping(
        SKILL_ID=os.environ.get(SKILL_ID_ENV) or None,
        VERIFY_SIGNATURES=env_flag(VERIFY_ENV, True),
        CONTENT_DIR=None,
        RNG=None,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES + 1,  # see _read_body
        JSON_SORT_KEYS=False,
    )
    if test_config is not None:
        app.config.from_mapping(test_config)

    content_dir = app.config["CONTENT_DIR"]
    library = load_library(Path(content_dir) if content_dir else None)
    rng = app.config["RNG"] or random.Random()
    skill = build_skill(library, skill_id=app.config["SKILL_ID"], rng=rng)

    verifiers: list[Any] = []
    if app.config["VERIFY_SIGNATURES"]:
        from skill.verification import request_verifiers

        verifiers = request_verifiers(app.config)
        if not app.config["SKILL_ID"]:
            logger.warning("%s is not set: requests for any skill are accepted", SKILL_ID_ENV)
    else:
        logger.warning(
            "Request signature verification is OFF: anyone can call this endpoint. "
            "Use this only for local testing."
        )
    handler = WebserviceSkillHandler(
        skill, verify_signature=False, verify_timestamp=False, verifiers=verifiers
    )
    serializer = fast_serializer(skill)
    app.extensions["alexa_skill"] = skill
    app.extensions["alexa_handler"] = handler

    @app.post("/alexa")
    def alexa() -> Any:
        body = _read_body()
        try:
            text, envelope = read_envelope(body)
            # Werkzeug's headers, read case-insensitively by the verifiers; copying
            # them into a dict cost about 4% of a request.
            headers: Any = request.headers
            with serializer.parsed(text, envelope):
                result = handler.verify_request_and_dispatch(headers, text)
            return Response(response_json(result), mimetype="application/json")
        except BadRequest as exc:
            logger.warning("request rejected: %s", exc)
            return _error(400, str(exc))
        except VerificationException as exc:
            logger.warning("request rejected: %s", exc)
            return _error(400, "request verification failed")
        except AskSdkException as exc:
            logger.warning("request rejected: %s", _sdk_reason(exc))
            return _error(400, "request could not be handled")
        except Exception:
            logger.exception("unexpected failure handling a request")
            return _error(400, "request could not be handled")

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
        return _error(400, "request could not be handled")

    return app
