"""Apps and requests shared by the benchmarks.

``sample_envelope()`` is a realistic mid-conversation request of about 3 KB:
AMAZON.NextIntent from a screen device after the first page of risk factors,
with its session attributes and an API access token as long as Alexa's.
``floor_app()`` is a bare Flask app that answers POST /alexa with a canned Alexa
response, so a load test measures what the skill adds on top of Flask, gunicorn
and HTTP. ``skill_app()`` is the endpoint with signature checks off;
``verified_app()`` has them on, trusting the tests' certificate authority
(tests/signing.py) with its chain served from memory.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Flask, Response, request
from werkzeug.test import EnvironBuilder

from skill import create_app
from tests.signing import SKILL_ID, FakeFetcher, authority

USER_ID = "amzn1.ask.account." + "A" * 60


def envelope(intent: str, attributes: dict[str, Any], now: datetime) -> dict[str, Any]:
    system = {
        "application": {"applicationId": SKILL_ID},
        "user": {"userId": USER_ID},
        "device": {
            "deviceId": "amzn1.ask.device." + "B" * 60,
            "supportedInterfaces": {
                "AudioPlayer": {},
                "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}},
            },
        },
        "apiEndpoint": "https://api.amazonalexa.com",
        # Alexa sends a JWT as the API access token.
        "apiAccessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ." + "x" * 480,
    }
    return {
        "version": "1.0",
        "session": {
            "new": False,
            "sessionId": "amzn1.echo-api.session.5f0c2b1e-9d4a-4c3e-8a51-2b7e6c1d9f00",
            "application": {"applicationId": SKILL_ID},
            "attributes": attributes,
            "user": {"userId": USER_ID},
        },
        "context": {
            "Viewports": [
                {
                    "type": "APL",
                    "id": "main",
                    "shape": "RECTANGLE",
                    "dpi": 160,
                    "presentationType": "STANDARD",
                    "canRotate": False,
                    "configuration": {
                        "current": {"mode": "HUB", "video": {"codecs": ["H_264_42", "H_264_41"]}}
                    },
                }
            ],
            "Viewport": {
                "experiences": [
                    {
                        "arcMinuteWidth": 246,
                        "arcMinuteHeight": 144,
                        "canRotate": False,
                        "canResize": False,
                    }
                ],
                "mode": "HUB",
                "shape": "RECTANGLE",
                "pixelWidth": 1024,
                "pixelHeight": 600,
                "dpi": 160,
                "currentPixelWidth": 1024,
                "currentPixelHeight": 600,
                "touch": ["SINGLE"],
                "video": {"codecs": ["H_264_42", "H_264_41"]},
            },
            "Extensions": {"available": {"aplext:backstack:10": {}}},
            "Advertising": {
                "advertisingId": "00000000-0000-0000-0000-000000000000",
                "limitAdTracking": True,
            },
            "System": system,
        },
        "request": {
            "type": "IntentRequest",
            "requestId": "amzn1.echo-api.request.0b7c4e2a-3f1d-4a6b-9c8e-1d2f3a4b5c6d",
            "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "locale": "en-US",
            "intent": {"name": intent, "confirmationStatus": "NONE", "slots": {}},
        },
    }


def sample_envelope(now: datetime | None = None) -> dict[str, Any]:
    """AMAZON.NextIntent after the first page of risk factors (session attributes and all)."""
    now = now or datetime.now(timezone.utc)
    first = skill_app().test_client().post("/alexa", json=envelope("RiskFactorsIntent", {}, now))
    return envelope("AMAZON.NextIntent", first.get_json()["sessionAttributes"], now)


def sample_body(now: datetime | None = None) -> bytes:
    return json.dumps(sample_envelope(now)).encode("utf-8")


def skill_app() -> Flask:
    return create_app({"VERIFY_SIGNATURES": False, "SKILL_ID": SKILL_ID})


def verified_app(
    now: datetime | None = None, clock: Callable[[], datetime] | None = None
) -> tuple[Flask, FakeFetcher]:
    """The endpoint with every check on; requests must be signed with tests.signing.sign.

    ``clock`` (default: the real one) is what the timestamp check compares with.
    """
    now = now or datetime.now(timezone.utc)
    pki = authority()
    leaf = pki.leaf(not_before=now - timedelta(days=1), not_after=now + timedelta(days=30))
    fetcher = FakeFetcher(default=pki.chain_pem(leaf))
    app = create_app(
        {
            "VERIFY_SIGNATURES": True,
            "SKILL_ID": SKILL_ID,
            "RNG": random.Random(0),
            "VERIFY_ROOT_STORE": pki.store(),
            "VERIFY_FETCHER": fetcher,
            "VERIFY_CLOCK": clock,
        }
    )
    return app, fetcher


def wsgi_caller(app: Flask, body: bytes, headers: dict[str, str]) -> Callable[[], int]:
    """A function that sends the request straight to the WSGI app (as a WSGI server
    would) and returns the HTTP status."""
    template = EnvironBuilder(
        path="/alexa",
        method="POST",
        headers=list(headers.items()),
        content_type="application/json",
        data=body,
    ).get_environ()
    statuses: list[int] = []

    def start_response(status: str, response_headers: Any, exc_info: Any = None) -> Any:
        statuses.append(int(status.split()[0]))
        return lambda data: None

    def call() -> int:
        environ = dict(template)
        environ["wsgi.input"] = io.BytesIO(body)
        result: Iterable[bytes] = app.wsgi_app(environ, start_response)
        for _ in result:
            pass
        return statuses.pop()

    return call


def floor_app() -> Flask:
    app = Flask(__name__)
    canned = json.dumps(
        {
            "version": "1.0",
            "sessionAttributes": {},
            "response": {
                "outputSpeech": {"type": "SSML", "ssml": "<speak>Hello.</speak>"},
                "reprompt": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Hi?</speak>"}},
                "shouldEndSession": False,
            },
        }
    )

    @app.post("/alexa")
    def alexa() -> Response:
        request.get_data()
        return Response(canned, mimetype="application/json")

    @app.get("/health")
    def health() -> Response:
        return Response('{"status":"ok"}', mimetype="application/json")

    return app
