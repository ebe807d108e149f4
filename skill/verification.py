"""Checks that a request really comes from Alexa, for this skill.

Amazon's rules for a skill hosted as a web service
(https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html):

1. ``SignatureCertChainUrl`` names the signing certificate chain: after removing
   ``.`` and ``..`` path segments, scheme ``https``, host ``s3.amazonaws.com``
   (both case-insensitive), port absent or 443, path starting ``/echo.api/``
   (case-sensitive). Checked before any download.
2. The chain's first certificate is valid now, names ``echo-api.amazon.com`` in
   its subject alternative names, and chains to a trusted root (certifi's).
3. ``Signature-256`` is the base64 RSA PKCS#1 v1.5 / SHA-256 signature of the
   exact body bytes. The SHA-1 ``Signature`` header is not accepted.
4. ``request.timestamp`` is within 150 seconds of now (an hour for
   ``AlexaSkillEvent.*`` requests, as the ASK SDK allows).
5. The request's application id is this skill's id.

The chain is downloaded with a deadline and a size cap, at most once at a time
per URL, and only the validated public key is kept, in a small LRU cache, until
the chain's earliest ``notAfter``: a warm request costs one RSA verification.
Every failure is a :class:`~skill.webservice.VerificationException` whose
message is a short reason fit for a log (it never holds the body or user data);
nothing else escapes :meth:`verify`.

Clock, root store and fetcher are injectable (see :func:`request_verifiers`),
so tests run with a test CA, a fake fetcher and a fixed clock.
"""

from __future__ import annotations

import base64
import binascii
import logging
import ssl
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from skill import __version__
from skill.webservice import AbstractVerifier, VerificationException

logger = logging.getLogger(__name__)

CERT_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
LEGACY_SIGNATURE_HEADER = "Signature"
CERT_URL_SCHEME = "https"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PORT = 443
CERT_URL_PATH_PREFIX = "/echo.api/"
SIGNING_CERT_DNS_NAME = "echo-api.amazon.com"

DOWNLOAD_TIMEOUT_SECONDS = 3.0
MAX_CHAIN_BYTES = 64 * 1024
KEY_CACHE_SIZE = 16

REQUEST_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."

Clock = Callable[[], datetime]
Fetcher = Callable[[str], bytes]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _reject(reason: str) -> Exception:
    """A rejection: a :class:`VerificationException` with a short reason."""
    return VerificationException(reason)


def _quoted(value: str, limit: int = 120) -> str:
    """A value from the request, safe to put in a log line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- headers ------------------------------------------------------------------------


def header(headers: Mapping[str, Any], name: str) -> str | None:
    """The value of header ``name``, whatever the case of its name in ``headers``."""
    value = headers.get(name)
    if value is None:
        wanted = name.lower()
        for key, candidate in headers.items():
            if isinstance(key, str) and key.lower() == wanted:
                value = candidate
                break
    return None if value is None else str(value)


def decode_signature(value: str) -> bytes:
    """The signature bytes from a ``Signature-256`` header value."""
    if not value.strip():
        raise _reject(f"{SIGNATURE_HEADER} header is empty")
    try:
        signature = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _reject(f"{SIGNATURE_HEADER} header is not base64") from exc
    if not signature:
        raise _reject(f"{SIGNATURE_HEADER} header is empty")
    return signature


# --- the certificate URL ------------------------------------------------------------

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _decode_unreserved(path: str) -> str:
    """``path`` with percent-encoded unreserved characters decoded (RFC 3986, 6.2.2.2)."""
    if "%" not in path:
        return path
    parts = path.split("%")
    out = [parts[0]]
    for part in parts[1:]:
        code = part[:2]
        try:
            char = chr(int(code, 16)) if len(code) == 2 else ""
        except ValueError:
            char = ""
        if char and char in _UNRESERVED:
            out.append(char + part[2:])
        else:
            out.append("%" + part)
    return "".join(out)


def remove_dot_segments(path: str) -> str:
    """RFC 3986, section 5.2.4: resolve ``.`` and ``..`` segments of an absolute path."""
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    if path.startswith("/") and not result.startswith("/"):
        result = "/" + result
    return result


@lru_cache(maxsize=256)
def canonical_cert_url(url: str) -> str:
    """The certificate chain URL to download, if ``url`` follows Amazon's rules.

    Raises :class:`VerificationException` otherwise. The URL returned is rebuilt from
    the checked parts (normalised path, no port, no user info, no fragment), so the
    address downloaded is the address checked.
    """
    if not url or any(ord(char) <= 32 or ord(char) >= 127 for char in url):
        raise _reject(f"certificate URL is malformed: {_quoted(url)}")
    try:
        parts: SplitResult = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _reject(f"certificate URL is malformed: {_quoted(url)}") from exc
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise _reject(f"certificate URL scheme is not https: {_quoted(url)}")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise _reject(f"certificate URL host is not {CERT_URL_HOST}: {_quoted(url)}")
    if port is not None and port != CERT_URL_PORT:
        raise _reject(f"certificate URL port is not 443: {_quoted(url)}")
    path = remove_dot_segments(_decode_unreserved(parts.path))
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise _reject(f"certificate URL path is not under {CERT_URL_PATH_PREFIX}: {_quoted(url)}")
    query = f"?{parts.query}" if parts.query else ""
    return f"{CERT_URL_SCHEME}://{CERT_URL_HOST}{path}{query}"


# --- the certificate chain ----------------------------------------------------------


@dataclass(frozen=True)
class SigningKey:
    """A signing certificate's public key, usable while the whole chain is valid."""

    key: RSAPublicKey
    not_before: datetime
    not_after: datetime

    def usable_at(self, now: datetime) -> bool:
        return self.not_before <= now <= self.not_after


def load_chain(data: bytes) -> list[x509.Certificate]:
    """The certificates of a PEM chain, signing certificate first."""
    try:
        chain = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise _reject("certificate chain is not a PEM chain") from exc
    return chain


def _names_signing_host(certificate: x509.Certificate) -> bool:
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return False
    names = san.value.get_values_for_type(x509.DNSName)
    return any(name.lower() == SIGNING_CERT_DNS_NAME for name in names)


def validate_chain(chain: Sequence[x509.Certificate], store: Store, now: datetime) -> SigningKey:
    """The signing key of ``chain``, if the chain meets Amazon's rules at ``now``."""
    if not chain:
        raise _reject("certificate chain is empty")
    leaf, intermediates = chain[0], list(chain[1:])
    if now < leaf.not_valid_before_utc:
        raise _reject(f"signing certificate is not valid until {leaf.not_valid_before_utc}")
    if now > leaf.not_valid_after_utc:
        raise _reject(f"signing certificate expired at {leaf.not_valid_after_utc}")
    if not _names_signing_host(leaf):
        raise _reject(f"signing certificate does not name {SIGNING_CERT_DNS_NAME}")
    key = leaf.public_key()
    if not isinstance(key, RSAPublicKey):
        raise _reject("signing certificate key is not RSA")
    verifier = (
        PolicyBuilder()
        .store(store)
        .time(now)
        .build_server_verifier(x509.DNSName(SIGNING_CERT_DNS_NAME))
    )
    try:
        built = verifier.verify(leaf, intermediates)
    except VerificationError as exc:
        raise _reject(f"certificate chain is not trusted: {str(exc)[:200]}") from exc
    return SigningKey(
        key=key,
        not_before=max(cert.not_valid_before_utc for cert in built),
        not_after=min(cert.not_valid_after_utc for cert in built),
    )


@lru_cache(maxsize=1)
def certifi_store() -> Store:
    """A root store of certifi's CA bundle (loaded once)."""
    data = Path(certifi.where()).read_bytes()
    with warnings.catch_warnings():
        # A few of the bundle's roots have a non-positive serial number; they load
        # with a deprecation warning that says nothing about this skill.
        warnings.filterwarnings(
            "ignore",
            message="Parsed a serial number which wasn't positive",
            category=CryptographyDeprecationWarning,
        )
        roots = x509.load_pem_x509_certificates(data)
    return Store(roots)


def check_signature(key: RSAPublicKey, signature: bytes, body: bytes) -> None:
    try:
        key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise _reject("signature does not match the body") from exc


# --- downloading ----------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class HttpsFetcher:
    """Downloads a certificate chain over HTTPS: no redirects, a deadline, a size cap."""

    def __init__(
        self,
        timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
        max_bytes: int = MAX_CHAIN_BYTES,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._context = context
        self._opener: urllib.request.OpenerDirector | None = None

    def _get_opener(self) -> urllib.request.OpenerDirector:
        if self._opener is None:
            context = self._context or ssl.create_default_context(cafile=certifi.where())
            self._opener = urllib.request.build_opener(
                urllib.request.HTTPSHandler(context=context), _NoRedirects()
            )
        return self._opener

    def __call__(self, url: str) -> bytes:
        if not url.lower().startswith("https://"):
            raise ValueError("only https URLs are fetched")
        deadline = time.monotonic() + self.timeout
        request = urllib.request.Request(
            url, headers={"User-Agent": f"youth-safety-skill/{__version__}"}
        )
        with self._get_opener().open(request, timeout=self.timeout) as response:
            if response.status != 200:
                raise OSError(f"HTTP status {response.status}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise OSError(f"certificate chain is larger than {self.max_bytes} bytes")
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError("download took too long")
                chunk = response.read(min(16 * 1024, self.max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > self.max_bytes:
                    raise OSError(f"certificate chain is larger than {self.max_bytes} bytes")
        return b"".join(chunks)


def _download_error(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP status {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)[:120]
    return f"{type(exc).__name__}: {str(exc)[:120]}"


class _Download:
    """One download in flight; every request that needs its URL waits on it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.key: SigningKey | None = None
        self.error = ""


class SigningKeyCache:
    """Validated signing keys by certificate URL, downloaded at most once at a time."""

    def __init__(
        self,
        *,
        store: Store,
        fetcher: Fetcher,
        clock: Clock = utc_now,
        timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
        max_bytes: int = MAX_CHAIN_BYTES,
        max_entries: int = KEY_CACHE_SIZE,
    ) -> None:
        if not 0 < timeout <= DOWNLOAD_TIMEOUT_SECONDS:
            raise ValueError(f"download timeout must be in (0, {DOWNLOAD_TIMEOUT_SECONDS}] s")
        if max_entries < 1:
            raise ValueError("the key cache needs room for at least one key")
        self._store = store
        self._fetcher = fetcher
        self._clock = clock
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._max_entries = max_entries
        self._lock = threading.Lock()
        self._keys: OrderedDict[str, SigningKey] = OrderedDict()
        self._downloads: dict[str, _Download] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def key_for(self, url: str) -> RSAPublicKey:
        """The validated signing key of the chain at ``url`` (a canonical URL)."""
        now = self._clock()
        with self._lock:
            cached = self._keys.get(url)
            if cached is not None:
                if cached.usable_at(now):
                    self._keys.move_to_end(url)
                    return cached.key
                del self._keys[url]
            download = self._downloads.get(url)
            start = download is None
            if download is None:
                download = self._downloads[url] = _Download()
        if start:
            threading.Thread(
                target=self._download, args=(url, download), name="cert-chain-download", daemon=True
            ).start()
        if not download.done.wait(self._timeout):
            raise _reject(f"certificate download timed out after {self._timeout:g} s")
        if download.key is None:
            raise _reject(download.error)
        return download.key.key

    def _download(self, url: str, download: _Download) -> None:
        key: SigningKey | None = None
        try:
            try:
                data = self._fetcher(url)
            except Exception as exc:
                raise _reject(f"certificate download failed: {_download_error(exc)}") from exc
            if not isinstance(data, bytes) or len(data) > self._max_bytes:
                raise _reject("certificate download failed: not a chain of acceptable size")
            key = validate_chain(load_chain(data), self._store, self._clock())
        except VerificationException as exc:
            download.error = str(exc)
        except Exception as exc:  # a bug or an odd certificate: still only a rejection
            download.error = f"certificate chain could not be checked: {type(exc).__name__}"
        finally:
            with self._lock:
                if key is not None:
                    self._keys[url] = key
                    self._keys.move_to_end(url)
                    while len(self._keys) > self._max_entries:
                        self._keys.popitem(last=False)
                self._downloads.pop(url, None)
            download.key = key
            download.done.set()


# --- verifiers ------------------------------------------------------------------------


def _body_bytes(serialized_request_env: str | bytes) -> bytes:
    # The endpoint passes the body decoded as strict UTF-8; encoding it again gives
    # back exactly the bytes received (UTF-8 decoding is one-to-one).
    if isinstance(serialized_request_env, bytes):
        return serialized_request_env
    return serialized_request_env.encode("utf-8")


class SignatureVerifier(AbstractVerifier):
    """Rules 1 to 3: the certificate URL, the chain and the body's signature."""

    def __init__(self, keys: SigningKeyCache) -> None:
        self.keys = keys

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any,
    ) -> None:
        try:
            url = header(headers, CERT_URL_HEADER)
            if not url:
                raise _reject(f"no {CERT_URL_HEADER} header")
            value = header(headers, SIGNATURE_HEADER)
            if value is None:
                if header(headers, LEGACY_SIGNATURE_HEADER) is not None:
                    raise _reject(
                        f"no {SIGNATURE_HEADER} header (the SHA-1 "
                        f"{LEGACY_SIGNATURE_HEADER} header is not accepted)"
                    )
                raise _reject(f"no {SIGNATURE_HEADER} header")
            signature = decode_signature(value)
            key = self.keys.key_for(canonical_cert_url(url))
            check_signature(key, signature, _body_bytes(serialized_request_env))
        except VerificationException:
            raise
        except Exception as exc:
            raise _reject(f"signature could not be checked: {type(exc).__name__}") from exc


def check_timestamp(request_type: Any, timestamp: Any, now: datetime) -> None:
    """Rule 4, as a pure function of the request's type and timestamp."""
    if not isinstance(timestamp, datetime):
        raise _reject("request has no timestamp")
    if timestamp.tzinfo is None or timestamp.utcoffset() is None:
        raise _reject("request timestamp has no time zone")
    is_skill_event = isinstance(request_type, str) and request_type.startswith(SKILL_EVENT_PREFIX)
    tolerance = SKILL_EVENT_TOLERANCE if is_skill_event else REQUEST_TOLERANCE
    age = now - timestamp
    if age > tolerance:
        raise _reject(f"request timestamp is {age.total_seconds():.0f} s old")
    if -age > tolerance:
        raise _reject(f"request timestamp is {-age.total_seconds():.0f} s in the future")


class TimestampVerifier(AbstractVerifier):
    """Rule 4: the request was sent just now."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self.clock = clock

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any,
    ) -> None:
        request = getattr(deserialized_request_env, "request", None)
        check_timestamp(
            getattr(request, "object_type", None), getattr(request, "timestamp", None), self.clock()
        )


def _application_ids(envelope: Any) -> list[Any]:
    ids = []
    system = getattr(getattr(envelope, "context", None), "system", None)
    session = getattr(envelope, "session", None)
    for holder in (system, session):
        application = getattr(holder, "application", None)
        if application is not None:
            ids.append(getattr(application, "application_id", None))
    return [value for value in ids if value is not None]


class SkillIdVerifier(AbstractVerifier):
    """Rule 5: the request is for this skill (every application id it carries)."""

    def __init__(self, skill_id: str) -> None:
        if not skill_id:
            raise ValueError("a skill id is needed")
        self.skill_id = skill_id

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any,
    ) -> None:
        ids = _application_ids(deserialized_request_env)
        if not ids:
            raise _reject("request names no skill")
        for value in ids:
            if value != self.skill_id:
                raise _reject(f"request is for another skill: {_quoted(str(value))}")


def request_verifiers(
    config: Mapping[str, Any],
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
) -> list[AbstractVerifier]:
    """The verifiers for the endpoint: signature, then timestamp, then skill id.

    ``config`` keys: ``SKILL_ID`` (no skill-id check when empty), and for tests
    ``VERIFY_CLOCK`` (a function returning an aware UTC datetime),
    ``VERIFY_ROOT_STORE`` (a ``cryptography.x509.verification.Store``; default
    certifi's roots), ``VERIFY_FETCHER`` (a function from URL to bytes; default
    :class:`HttpsFetcher`) and ``VERIFY_DOWNLOAD_TIMEOUT`` (seconds, at most 3).
    Keyword arguments take precedence over ``config``.
    """
    clock = clock or config.get("VERIFY_CLOCK") or utc_now
    store = store or config.get("VERIFY_ROOT_STORE") or certifi_store()
    timeout = float(config.get("VERIFY_DOWNLOAD_TIMEOUT") or DOWNLOAD_TIMEOUT_SECONDS)
    fetcher = fetcher or config.get("VERIFY_FETCHER") or HttpsFetcher(timeout=timeout)
    keys = SigningKeyCache(store=store, fetcher=fetcher, clock=clock, timeout=timeout)
    verifiers: list[AbstractVerifier] = [SignatureVerifier(keys), TimestampVerifier(clock)]
    skill_id = config.get("SKILL_ID")
    if skill_id:
        verifiers.append(SkillIdVerifier(str(skill_id)))
    return verifiers
