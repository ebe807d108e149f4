"""One dispatch for every way a request reaches the skill: HTTP, AWS Lambda, the tools.

    status, answer = dispatch(endpoint, headers, body)

``body`` is either the raw bytes of an HTTP request (the Flask endpoint) or an
envelope already parsed (a Lambda event; an envelope the say/chat simulator or
another tool built from typed words). Whatever the way in, the same checks run
in the same order:

1. a raw body over :data:`MAX_BODY_BYTES` is refused (413);
2. if the endpoint verifies signatures, the certificate URL, chain and
   ``Signature-256`` are checked on the headers and the raw bytes, before
   anything parses the body (a parsed envelope cannot be verified, so an
   endpoint that verifies refuses one);
3. the body is parsed (strict JSON) and checked to have the shape of an Alexa
   request, its timestamp read by a strict ISO 8601 parser;
4. if the endpoint verifies signatures, the timestamp must be recent;
5. if the endpoint has a skill id, the request must be for that skill;
6. the skill answers, through the endpoint's ``invoke`` (the web endpoint's
   goes through ask-sdk-webservice-support's ``WebserviceSkillHandler``).

The result is ``(200, response envelope)`` or ``(400 or 413, {"error": reason})``.
Every refusal is logged at WARNING, with a reason that never quotes the body
(escaped and cut, :mod:`skill.logs`); in a flood of them, past the first few
of each interval, as one line with a count. Only a failure that is a bug (not
bad input) is logged with a traceback.
Nothing raises.

A tool that turns typed words into a request (a classroom player, say) builds
the envelope dict and calls::

    endpoint = Endpoint(invoke=sdk_invoke(skill), skill_id=skill.skill_id)
    status, answer = dispatch(endpoint, {}, envelope)

and gets exactly the answer and the checks Alexa's requests get.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException

from skill import envelope as envelopes
from skill.envelope import BadRequest, VerificationException
from skill.handlers import fast_serializer
from skill.logs import RateLog, safe

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024


class Headers(Protocol):
    """Request headers: a dict, or Werkzeug's ``Headers`` (read whatever the case of a name)."""

    def get(self, key: str, /) -> Any: ...

    def items(self) -> Iterable[tuple[str, Any]]: ...


Answer = tuple[int, dict[str, Any]]
# The skill's answer to a checked envelope: (headers, envelope) -> response envelope.
Invoke = Callable[[Headers, dict[str, Any]], Any]

NOT_VERIFIED = "request verification failed"
NOT_HANDLED = "request could not be handled"
TOO_LARGE = "request body too large"


class SignatureCheck(Protocol):
    """Rules 1 to 3 on the raw bytes (:class:`skill.verification.SignatureVerifier`)."""

    def verify(self, headers: Headers, body: bytes) -> None: ...


@dataclass(frozen=True)
class Endpoint:
    """How one way in answers: the skill's ``invoke``, and which checks run before it.

    ``skill_id``: requests for any other skill are refused (None: no check).
    ``signature``: checks signatures; with it, ``clock`` (a function returning
    an aware UTC datetime) judges how recent the timestamp is.
    ``refusals``: where refusals are logged (a few lines in full, then a count
    per interval: :class:`skill.logs.RateLog`).
    """

    invoke: Invoke
    skill_id: str | None = None
    signature: SignatureCheck | None = None
    clock: Callable[[], datetime] | None = None
    refusals: RateLog = field(default_factory=lambda: RateLog(logger, "request rejected"))


def sdk_invoke(skill: CustomSkill) -> Invoke:
    """``skill`` answering a checked envelope with ask-sdk-core alone (no web support)."""
    serializer = fast_serializer(skill)

    def invoke(headers: Headers, data: dict[str, Any]) -> Any:
        request = serializer.deserialize(data, RequestEnvelope)
        response = skill.invoke(request_envelope=request, context=None)
        return serializer.serialize(response)

    return invoke


def _refused(endpoint: Endpoint, status: int, public: str, reason: str) -> Answer:
    endpoint.refusals.log(reason)
    return status, {"error": public}


def _sdk_reason(exc: AskSdkException) -> str:
    """A log line for an SDK failure (a deserialiser message can repeat the whole body)."""
    if isinstance(exc, SerializationException):
        return "request body could not be deserialised"
    message = safe(exc)
    if "Skill ID Verification failed" in message:
        return f"{message} (the SDK's own skill id check)"
    return message


def dispatch(endpoint: Endpoint, headers: Headers, body: bytes | Mapping[str, Any]) -> Answer:
    """The answer to one request: ``(status, response envelope or {"error": reason})``."""
    endpoint.refusals.tick()
    try:
        if isinstance(body, (bytes, bytearray)):
            raw = bytes(body)
            if len(raw) > MAX_BODY_BYTES:
                return _refused(endpoint, 413, TOO_LARGE, f"body over {MAX_BODY_BYTES} bytes")
            if endpoint.signature is not None:
                endpoint.signature.verify(headers, raw)
            envelope = envelopes.read_envelope(raw)
        else:
            if endpoint.signature is not None:
                raise VerificationException("a parsed envelope cannot be verified")
            envelope = envelopes.check_envelope(dict(body) if isinstance(body, Mapping) else body)
        if endpoint.signature is not None:
            now = endpoint.clock() if endpoint.clock is not None else None
            if now is None:
                raise VerificationException("no clock to check the timestamp against")
            envelopes.check_timestamp(envelope, now)
        if endpoint.skill_id:
            envelopes.check_skill_id(envelope, endpoint.skill_id)
        answer = endpoint.invoke(headers, envelope.data)
    except BadRequest as exc:
        return _refused(endpoint, 400, str(exc), str(exc))
    except VerificationException as exc:
        return _refused(endpoint, 400, NOT_VERIFIED, str(exc))
    except AskSdkException as exc:
        return _refused(endpoint, 400, NOT_HANDLED, _sdk_reason(exc))
    except Exception:
        logger.exception("unexpected failure handling a request")
        return 400, {"error": NOT_HANDLED}
    if not isinstance(answer, dict):
        logger.error("the skill answered with %s, not an object", type(answer).__name__)
        return 400, {"error": NOT_HANDLED}
    return 200, answer


__all__ = [
    "MAX_BODY_BYTES",
    "Answer",
    "Endpoint",
    "Invoke",
    "SignatureCheck",
    "dispatch",
    "sdk_invoke",
]
