"""Checks that a request body really comes from Alexa: rules 1 to 3, on the raw bytes.

Amazon's rules for a skill hosted as a web service ("Verify that the request
was sent by Alexa", https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html):

1. ``SignatureCertChainUrl`` names the signing certificate chain: after removing
   ``.`` and ``..`` path segments, scheme ``https``, host ``s3.amazonaws.com``
   (both case-insensitive), port absent or 443, path starting ``/echo.api/``
   (case-sensitive). Checked before any download. Amazon's rules name only
   those four parts, and every URL they give as valid is a bare path; a query
   string or fragment would only let one certificate be fetched under endless
   names, so a URL with either is refused.
2. The chain's first certificate is valid now, names ``echo-api.amazon.com`` in
   its subject alternative names, and chains to a trusted root (certifi's).
3. ``Signature-256`` is the base64 RSA PKCS#1 v1.5 / SHA-256 signature of the
   exact body bytes. The SHA-1 ``Signature`` header is not accepted.

:class:`SignatureVerifier` runs them on the headers and the raw body before
anything parses the body; rules 4 (the timestamp) and 5 (the skill id) then run
on the parsed envelope (:mod:`skill.envelope`).

Downloads: at most :data:`MAX_DOWNLOADS_IN_FLIGHT` at a time in total and
:data:`DOWNLOADS_PER_SECOND` on average (bursts of up to
:data:`DOWNLOAD_BURST`), one per URL (every request that needs a URL
waits on its one download), each ended by an absolute deadline of
:data:`DOWNLOAD_TIMEOUT_SECONDS` however slowly its bytes arrive. A failed
download is remembered for :data:`FAILURE_MEMORY_SECONDS` (for at most
:data:`FAILURE_MEMORY_SIZE` URLs), so a burst of requests naming a broken URL
causes one download, not one each. Only the validated public key is kept, in a
small LRU cache, until the chain's earliest ``notAfter``: a warm request costs
one RSA verification.

Junk (requests naming made-up certificate URLs) can hold the downloads, but not
a known-good key: with a :class:`ChainFiles` directory (gunicorn.conf.py gives
one), every chain that validated is also written there, and a worker that does
not have a URL's key yet (a new or restarted one) reads and validates the file
before it would download. The files are checked exactly as a download is, so
nothing in the directory is trusted without its chain.

Every failure is a :class:`~skill.envelope.VerificationException` whose message
is a short reason fit for a log (never the body or user data); nothing else
escapes :meth:`SignatureVerifier.verify`.

Clock, root store and fetcher are injectable (see :func:`signature_verifier`),
so tests run with a test CA, a fake fetcher and a fixed clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import http.client
import logging
import os
import socket
import ssl
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
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
from skill.dispatch import Headers
from skill.envelope import VerificationException

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
MAX_DOWNLOADS_IN_FLIGHT = 4
FAILURE_MEMORY_SECONDS = 10.0
FAILURE_MEMORY_SIZE = 256
DOWNLOADS_PER_SECOND = 2.0
DOWNLOAD_BURST = 4
KEY_CACHE_SIZE = 16

Clock = Callable[[], datetime]
Fetcher = Callable[[str], bytes]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _reject(reason: str) -> VerificationException:
    """A rejection: a :class:`VerificationException` with a short reason."""
    return VerificationException(reason)


def _quoted(value: str, limit: int = 120) -> str:
    """A value from the request, safe to put in a log line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- headers ------------------------------------------------------------------------


def header(headers: Headers, name: str) -> str | None:
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
    the checked parts (normalised path, no port, no user info), so the address
    downloaded is the address checked.
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
    if "?" in url or "#" in url:
        raise _reject(f"certificate URL has a query or fragment: {_quoted(url)}")
    path = remove_dot_segments(_decode_unreserved(parts.path))
    if not path.startswith(CERT_URL_PATH_PREFIX):
        raise _reject(f"certificate URL path is not under {CERT_URL_PATH_PREFIX}: {_quoted(url)}")
    return f"{CERT_URL_SCHEME}://{CERT_URL_HOST}{path}"


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


def _abort(connection: http.client.HTTPConnection) -> None:
    """End a download now: whatever its socket waits for returns at once."""
    sock = connection.sock
    if sock is not None:
        try:
            # The plain socket's shutdown: an SSL socket's own would also drop its
            # TLS state under the thread still reading from it.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass


class HttpsFetcher:
    """Downloads a certificate chain over HTTPS: no redirects, a size cap, an absolute deadline.

    The deadline covers the whole download (connecting, TLS, the headers and the
    body), however the bytes arrive: when it passes, the connection is shut down
    under the reading thread, which then fails with :class:`TimeoutError`.
    """

    def __init__(
        self,
        timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
        max_bytes: int = MAX_CHAIN_BYTES,
        context: ssl.SSLContext | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._context = context

    def _get_context(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = ssl.create_default_context(cafile=certifi.where())
        return self._context

    def __call__(self, url: str) -> bytes:
        parts = urlsplit(url)
        if parts.scheme.lower() != "https" or not parts.hostname:
            raise ValueError("only https URLs are fetched")
        deadline = time.monotonic() + self.timeout
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port or 443, timeout=self.timeout, context=self._get_context()
        )
        timer = threading.Timer(self.timeout, _abort, (connection,))
        timer.daemon = True
        timer.start()
        try:
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            connection.request(
                "GET", target, headers={"User-Agent": f"youth-safety-skill/{__version__}"}
            )
            response = connection.getresponse()
            if response.status != 200:
                raise OSError(f"HTTP status {response.status}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise OSError(f"certificate chain is larger than {self.max_bytes} bytes")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read1(min(16 * 1024, self.max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > self.max_bytes:
                    raise OSError(f"certificate chain is larger than {self.max_bytes} bytes")
            # A connection shut down at the deadline can look like a short, complete answer.
            if time.monotonic() >= deadline:
                raise TimeoutError(f"download took longer than {self.timeout:g} s")
            if response.length:
                raise OSError("the download ended before its Content-Length")
            return b"".join(chunks)
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline and not isinstance(exc, TimeoutError):
                raise TimeoutError(f"download took longer than {self.timeout:g} s") from exc
            raise
        finally:
            timer.cancel()
            connection.close()


def _download_error(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS: {exc.verify_message or exc}"[:160]
    return f"{type(exc).__name__}: {str(exc)[:120]}"


class ChainFiles:
    """Certificate chains that validated, one file per URL, shared by a server's processes.

    Every failure to read or write (a missing, unwritable or foreign
    directory) only means a download; a file is never trusted without
    validating its chain.
    """

    def __init__(self, directory: Path, max_bytes: int = MAX_CHAIN_BYTES) -> None:
        self.directory = directory
        self.max_bytes = max_bytes

    def path(self, url: str) -> Path:
        return self.directory / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".pem")

    def _usable_directory(self) -> bool:
        """The directory exists (made if need be), is ours and no one else can write it."""
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            status = self.directory.stat()
        except OSError:
            return False
        return status.st_uid == os.getuid() and not status.st_mode & 0o022

    def read(self, url: str) -> bytes | None:
        path = self.path(url)
        try:
            if path.stat().st_size > self.max_bytes or not self._usable_directory():
                return None
            return path.read_bytes()
        except OSError:  # most often: no file for this URL
            return None

    def write(self, url: str, data: bytes) -> None:
        path = self.path(url)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            if self._usable_directory():
                partial.write_bytes(data)
                os.replace(partial, path)
        except OSError as exc:
            logger.debug("certificate chain not kept: %s", type(exc).__name__)
            partial.unlink(missing_ok=True)


class _Download:
    """One download in flight; every request that needs its URL waits on it."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline  # time.monotonic() by which it ends, one way or another
        self.done = threading.Event()
        self.key: SigningKey | None = None
        self.error = ""


class SigningKeyCache:
    """Validated signing keys by certificate URL, downloaded at most once at a time per URL.

    ``monotonic`` (seconds; default :func:`time.monotonic`) times deadlines and
    the failure memory; ``clock`` (a UTC datetime) judges certificate validity.
    """

    def __init__(
        self,
        *,
        store: Store,
        fetcher: Fetcher,
        clock: Clock = utc_now,
        timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
        max_bytes: int = MAX_CHAIN_BYTES,
        max_entries: int = KEY_CACHE_SIZE,
        max_in_flight: int = MAX_DOWNLOADS_IN_FLIGHT,
        failure_memory: float = FAILURE_MEMORY_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
        per_second: float = DOWNLOADS_PER_SECOND,
        burst: int = DOWNLOAD_BURST,
        files: ChainFiles | None = None,
    ) -> None:
        if not 0 < timeout <= DOWNLOAD_TIMEOUT_SECONDS:
            raise ValueError(f"download timeout must be in (0, {DOWNLOAD_TIMEOUT_SECONDS}] s")
        if max_entries < 1 or max_in_flight < 1:
            raise ValueError("the key cache needs room for a key and a download")
        self._store = store
        self._fetcher = fetcher
        self._clock = clock
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._max_entries = max_entries
        self._max_in_flight = max_in_flight
        self._failure_memory = failure_memory
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._keys: OrderedDict[str, SigningKey] = OrderedDict()
        self._downloads: dict[str, _Download] = {}
        self._failures: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._in_flight = 0
        self._per_second = per_second
        self._burst = float(burst)
        self._allowance = self._burst  # downloads that may start now
        self._allowance_at = monotonic()
        self._files = files

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def downloads_in_flight(self) -> int:
        """Downloads started and not yet ended (a waiter giving up does not end one)."""
        return self._in_flight

    @property
    def pending_urls(self) -> list[str]:
        """URLs with a download that requests wait on."""
        with self._lock:
            return list(self._downloads)

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
            failure = self._failures.get(url)
            if failure is not None:
                if self._monotonic() < failure[0]:
                    raise _reject(f"{failure[1]} (not retried for {self._failure_memory:g} s)")
                del self._failures[url]
        kept = self._kept_key(url, now)
        if kept is not None:
            return kept
        with self._lock:
            download = self._downloads.get(url)
            start = download is None
            if download is None:
                if self._in_flight >= self._max_in_flight:
                    raise _reject("too many certificate downloads in progress")
                if not self._take_allowance():
                    raise _reject("too many certificate downloads in the last second")
                download = _Download(self._monotonic() + self._timeout)
                self._downloads[url] = download
                self._in_flight += 1
        if start:
            self._start(url, download)
        if not download.done.wait(max(0.0, download.deadline - self._monotonic())):
            reason = f"certificate download timed out after {self._timeout:g} s"
            self._give_up(url, download, reason)
            raise _reject(reason)
        if download.key is None:
            raise _reject(download.error)
        return download.key.key

    def _take_allowance(self) -> bool:
        """One download may start (a token bucket of ``per_second``). Lock held."""
        now = self._monotonic()
        self._allowance = min(
            self._burst,
            self._allowance + (now - self._allowance_at) * self._per_second,
        )
        self._allowance_at = now
        if self._allowance < 1.0:
            return False
        self._allowance -= 1.0
        return True

    def _kept_key(self, url: str, now: datetime) -> RSAPublicKey | None:
        """The key of a chain kept in :class:`ChainFiles`, if there is one and it is valid."""
        data = self._files.read(url) if self._files is not None else None
        if data is None:
            return None
        try:
            key = validate_chain(load_chain(data), self._store, now)
        except Exception:  # an old, foreign or damaged file: download instead
            return None
        with self._lock:
            self._keep(url, key)
        return key.key

    def _keep(self, url: str, key: SigningKey) -> None:
        """Called with the lock held."""
        self._keys[url] = key
        self._keys.move_to_end(url)
        while len(self._keys) > self._max_entries:
            self._keys.popitem(last=False)

    def _start(self, url: str, download: _Download) -> None:
        try:
            threading.Thread(
                target=self._download, args=(url, download), name="cert-chain-download", daemon=True
            ).start()
        except Exception as exc:  # RuntimeError: can't start new thread
            with self._lock:
                self._in_flight -= 1
                if self._downloads.get(url) is download:
                    del self._downloads[url]
            download.error = f"certificate download could not start: {type(exc).__name__}"
            download.done.set()
            raise _reject(download.error) from exc

    def _give_up(self, url: str, download: _Download, reason: str) -> None:
        """The deadline passed: nobody waits on this download any more, whatever it does."""
        with self._lock:
            if self._downloads.get(url) is download:
                del self._downloads[url]
                self._remember_failure(url, reason)

    def _remember_failure(self, url: str, reason: str) -> None:
        """Called with the lock held."""
        self._failures[url] = (self._monotonic() + self._failure_memory, reason)
        self._failures.move_to_end(url)
        while len(self._failures) > FAILURE_MEMORY_SIZE:
            self._failures.popitem(last=False)

    def _download(self, url: str, download: _Download) -> None:
        key: SigningKey | None = None
        error = ""
        try:
            try:
                data = self._fetcher(url)
            except Exception as exc:
                raise _reject(f"certificate download failed: {_download_error(exc)}") from exc
            if not isinstance(data, bytes) or len(data) > self._max_bytes:
                raise _reject("certificate download failed: not a chain of acceptable size")
            key = validate_chain(load_chain(data), self._store, self._clock())
            if self._files is not None:
                self._files.write(url, data)
        except VerificationException as exc:
            error = str(exc)
        except Exception as exc:  # a bug or an odd certificate: still only a rejection
            error = f"certificate chain could not be checked: {type(exc).__name__}"
        finally:
            with self._lock:
                self._in_flight -= 1
                current = self._downloads.get(url) is download
                if current:
                    del self._downloads[url]
                if key is not None:
                    self._keep(url, key)
                elif current:
                    self._remember_failure(url, error)
            download.key = key
            download.error = error
            download.done.set()


# --- the verifier ---------------------------------------------------------------------


class SignatureVerifier:
    """Rules 1 to 3: the certificate URL, the chain and the signature of the raw body."""

    def __init__(self, keys: SigningKeyCache) -> None:
        self.keys = keys

    def verify(self, headers: Headers, body: bytes) -> None:
        """Raise :class:`VerificationException` unless Alexa signed exactly ``body``."""
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
            if not isinstance(body, bytes):
                raise _reject("the body to check is not bytes")
            check_signature(key, signature, body)
        except VerificationException:
            raise
        except Exception as exc:
            raise _reject(f"signature could not be checked: {type(exc).__name__}") from exc


def signature_verifier(
    config: Mapping[str, Any],
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
) -> SignatureVerifier:
    """The endpoint's signature verifier.

    ``config`` keys, for tests: ``VERIFY_CLOCK`` (a function returning an aware
    UTC datetime), ``VERIFY_ROOT_STORE`` (a ``cryptography.x509.verification.Store``;
    default certifi's roots), ``VERIFY_FETCHER`` (a function from URL to bytes;
    default :class:`HttpsFetcher`), ``VERIFY_DOWNLOAD_TIMEOUT`` (seconds, at
    most 3), ``VERIFY_MONOTONIC`` (a function returning seconds, for the
    failure memory and the download rate; default :func:`time.monotonic`) and
    ``VERIFY_CHAIN_DIR`` (a folder for :class:`ChainFiles`; default none).
    Keyword arguments take precedence over ``config``.
    """
    clock = clock or config.get("VERIFY_CLOCK") or utc_now
    store = store or config.get("VERIFY_ROOT_STORE") or certifi_store()
    timeout = float(config.get("VERIFY_DOWNLOAD_TIMEOUT") or DOWNLOAD_TIMEOUT_SECONDS)
    fetcher = fetcher or config.get("VERIFY_FETCHER") or HttpsFetcher(timeout=timeout)
    chain_dir = config.get("VERIFY_CHAIN_DIR")
    keys = SigningKeyCache(
        store=store,
        fetcher=fetcher,
        clock=clock,
        timeout=timeout,
        monotonic=config.get("VERIFY_MONOTONIC") or time.monotonic,
        files=ChainFiles(Path(chain_dir)) if chain_dir else None,
    )
    return SignatureVerifier(keys)
