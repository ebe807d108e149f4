"""skill.json: the fields a custom skill needs before it can be submitted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from skill.tools.model_check.problem import Problem

RULE = "manifest"
LOCALES_RULE = "manifest-locales"
SSL_CERTIFICATE_TYPES = frozenset({"Trusted", "Wildcard", "SelfSigned"})
PRIVACY_FLAGS = (
    "allowsPurchases",
    "usesPersonalInfo",
    "isChildDirected",
    "isExportCompliant",
    "containsAds",
)
# Amazon's limits on the store listing (developer console and skill manifest).
LISTING_LIMITS = {"name": 50, "summary": 160, "description": 4000}
MAX_KEYWORDS = 30
# The skill sends APL screens (skill/apl/), which Alexa allows only when the
# manifest declares the interface.
REQUIRED_INTERFACE = "ALEXA_PRESENTATION_APL"
# Domains reserved for documentation (RFC 2606): an endpoint there is a placeholder.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


def listing_locales(manifest: Any) -> dict[str, Mapping[str, Any]]:
    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    publishing = root.get("publishingInformation") if isinstance(root, Mapping) else None
    locales = publishing.get("locales") if isinstance(publishing, Mapping) else None
    if not isinstance(locales, Mapping):
        return {}
    return {k: v for k, v in locales.items() if isinstance(v, Mapping)}


def check_manifest(manifest: Any, file: str) -> list[Problem]:
    """The skill.json fields a custom skill needs before it can be submitted."""
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(RULE, file, message))

    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    if not isinstance(root, Mapping):
        bad("no top-level manifest object")
        return problems
    if not isinstance(root.get("manifestVersion"), str):
        bad("manifest.manifestVersion is missing")
    publishing = root.get("publishingInformation")
    if not isinstance(publishing, Mapping):
        bad("manifest.publishingInformation is missing")
        publishing = {}
    listings = listing_locales(manifest)
    if not listings:
        bad("publishingInformation.locales has no locale")
    for locale, listing in listings.items():
        for key, limit in LISTING_LIMITS.items():
            value = listing.get(key)
            if not isinstance(value, str) or not value.strip():
                bad(f"{locale}: {key} is missing")
            elif len(value) > limit:
                bad(f"{locale}: {key} is {len(value)} characters; the limit is {limit}")
        keywords = listing.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            bad(f"{locale}: keywords must be a list of text")
        elif len(keywords) > MAX_KEYWORDS:
            bad(f"{locale}: {len(keywords)} keywords; the limit is {MAX_KEYWORDS}")
    if not isinstance(publishing.get("category"), str):
        bad("publishingInformation.category is missing")
    if publishing.get("isAvailableWorldwide") is False and not publishing.get(
        "distributionCountries"
    ):
        bad("not available worldwide, but distributionCountries is empty")
    privacy = root.get("privacyAndCompliance")
    if not isinstance(privacy, Mapping):
        bad("manifest.privacyAndCompliance is missing")
    else:
        for flag in PRIVACY_FLAGS:
            if not isinstance(privacy.get(flag), bool):
                bad(f"privacyAndCompliance.{flag} must be true or false")
    endpoint = _endpoint(manifest)
    if not isinstance(endpoint, Mapping) or not isinstance(endpoint.get("uri"), str):
        bad("apis.custom.endpoint.uri is missing")
    else:
        uri = endpoint["uri"]
        certificate = endpoint.get("sslCertificateType")
        if uri.startswith("https://"):
            if certificate not in SSL_CERTIFICATE_TYPES:
                bad(
                    "an HTTPS endpoint needs sslCertificateType "
                    f"({', '.join(sorted(SSL_CERTIFICATE_TYPES))})"
                )
        elif uri.startswith("arn:aws:lambda:"):
            if certificate is not None:
                bad("a Lambda endpoint takes no sslCertificateType")
        else:
            bad(f"endpoint uri {uri!r} is neither an https:// URL nor a Lambda ARN")
    interfaces = _custom(manifest).get("interfaces", [])
    if not isinstance(interfaces, list) or not all(
        isinstance(i, Mapping) and isinstance(i.get("type"), str) for i in interfaces
    ):
        bad("apis.custom.interfaces must be a list of objects, each with a type")
    elif REQUIRED_INTERFACE not in {i["type"] for i in interfaces}:
        bad(f"apis.custom.interfaces must declare {REQUIRED_INTERFACE}: the skill sends screens")
    return problems


def check_manifest_locales(manifest: Any, file: str, models: Mapping[str, Any]) -> list[Problem]:
    """Every locale with a model is published, and sold where its country is.

    Each locale of ``models`` needs its listing in publishingInformation.locales
    and, unless the skill is available worldwide, its country (``GB`` of
    ``en-GB``) in distributionCountries.
    """
    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    publishing = root.get("publishingInformation") if isinstance(root, Mapping) else None
    if not isinstance(publishing, Mapping):
        return []  # the manifest rule names the missing object
    listings = listing_locales(manifest)
    countries = publishing.get("distributionCountries")
    worldwide = publishing.get("isAvailableWorldwide") is True
    problems: list[Problem] = []
    for locale in sorted(models):
        if locale not in listings:
            problems.append(
                Problem(
                    LOCALES_RULE,
                    file,
                    f"{locale} has a model but no publishingInformation.locales.{locale} listing",
                )
            )
        country = locale.rpartition("-")[2]
        if not worldwide and isinstance(countries, list) and country not in countries:
            problems.append(
                Problem(
                    LOCALES_RULE,
                    file,
                    f"{locale} has a model but {country} is not in "
                    "publishingInformation.distributionCountries",
                )
            )
    return problems


def _custom(manifest: Any) -> Mapping[str, Any]:
    root = manifest.get("manifest") if isinstance(manifest, Mapping) else None
    apis = root.get("apis") if isinstance(root, Mapping) else None
    custom = apis.get("custom") if isinstance(apis, Mapping) else None
    return custom if isinstance(custom, Mapping) else {}


def _endpoint(manifest: Any) -> Any:
    return _custom(manifest).get("endpoint")


def check_placeholder_endpoint(manifest: Any, file: str) -> list[Problem]:
    """A warning, not a failure: the shipped endpoint is a placeholder to replace."""
    endpoint = _endpoint(manifest)
    uri = endpoint.get("uri") if isinstance(endpoint, Mapping) else None
    if not isinstance(uri, str) or not uri.startswith("https://"):
        return []
    try:
        host = (urlsplit(uri).hostname or "").lower()
    except ValueError:
        return []
    if any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS):
        return [
            Problem(
                "placeholder-endpoint",
                file,
                f"endpoint {uri} is a placeholder; set your own HTTPS endpoint or Lambda ARN "
                "before deploying (docs/deployment.md)",
            )
        ]
    return []
