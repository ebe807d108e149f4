"""Apps and requests for the benchmarks.

``floor_app()`` is the floor: a bare Flask app that answers POST /alexa with a
canned Alexa response, so a load test measures what the skill adds on top of
Flask, gunicorn and HTTP. ``skill_app()`` is the real endpoint with signature
checks off (the load test sends unsigned requests).
"""

from __future__ import annotations

import json
import random
from typing import Any

from flask import Flask, Response, request

from skill import create_app
from tests.alexa import intent_request

# Where a user is after hearing the first page of risk factors: this is what a
# mid-conversation request carries, about 3 KB with its session attributes.


def sample_envelope() -> dict[str, Any]:
    app = create_app({"VERIFY_SIGNATURES": False, "RNG": random.Random(0)})
    first = app.test_client().post(
        "/alexa", json=intent_request("RiskFactorsIntent"), content_type="application/json"
    )
    attributes = first.get_json()["sessionAttributes"]
    envelope = intent_request("AMAZON.NextIntent", attributes=attributes)
    envelope["context"]["Viewports"] = [
        {
            "type": "APL",
            "id": "main",
            "shape": "RECTANGLE",
            "dpi": 160,
            "presentationType": "STANDARD",
            "canRotate": False,
            "configuration": {"current": {"mode": "HUB", "video": {"codecs": ["H_264_42"]}}},
        }
    ]
    envelope["context"]["System"]["device"]["supportedInterfaces"] = {
        "AudioPlayer": {},
        "Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}},
    }
    return envelope


def sample_body() -> bytes:
    return json.dumps(sample_envelope()).encode("utf-8")


def skill_app() -> Flask:
    return create_app({"VERIFY_SIGNATURES": False})


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
