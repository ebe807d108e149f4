"""gunicorn settings for the skill's endpoint.

    gunicorn 'skill:create_app()'                      # found in the working directory
    gunicorn -c gunicorn.conf.py 'skill:create_app()'  # or named explicitly

Command-line options override these settings (``-b 0.0.0.0:8000``, ``-w 4``).
Environment overrides: ``GUNICORN_BIND`` (address), ``WEB_CONCURRENCY`` (worker
processes). The skill's own settings (``SKILL_ID``, ``ALEXA_VERIFY_SIGNATURES``,
``ALEXA_ALLOW_ANY_SKILL``, ``SKILL_CONTENT_DIR``) are read by skill.config.

With signature verification on and no ``SKILL_ID``, gunicorn does not start: it
prints one line saying why and exits with status 1 (skill.config explains the
testing-only way round it).

Serve it behind an HTTPS reverse proxy or tunnel (docs/deployment.md): Alexa
only calls HTTPS endpoints, and gunicorn here speaks plain HTTP on loopback.
"""

import multiprocessing
import os
import tempfile
from pathlib import Path

from skill import logs
from skill.config import CERT_CACHE_DIR_ENV as _CERT_CACHE_DIR_ENV
from skill.config import Settings
from skill.content import ContentError, load_library


def _startup_problem() -> str | None:
    """Why no worker could start, found once here rather than in a traceback per worker."""
    settings = Settings.from_environ()
    problem = settings.web_problem()
    if problem:
        return problem
    try:
        load_library(settings.content_dir)
    except ContentError as exc:
        return logs.one_line(exc)
    return None


_problem = _startup_problem()
if _problem:
    raise SystemExit(f"error: {_problem}")

# The skill's log lines in gunicorn's own format (time, process, level), on stderr.
logs.configure()


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = int(raw)
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {raw!r}")
    return value


# Loopback by default: the reverse proxy or tunnel in front holds the public address.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# A request is well under a millisecond of CPU, so one process per core (at least
# two) keeps every core busy. Each process gathers every request in its main loop
# and hands only whole requests to its pool of threads (skill/gunicorn_worker.py),
# so an idle or slow client holds a socket, never a thread, and only for
# ``timeout`` seconds.
workers = _positive_int("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count()))
worker_class = "skill.gunicorn_worker.DeadlineThreadWorker"
threads = 16
# Connections a process holds at once (arriving, answered or kept alive); past
# it, the other processes take new connections. The worker raises its own limit
# on open files to match.
worker_connections = 1000

# Alexa gives up on a response after about 8 seconds. A request must arrive whole
# within 5 of its connection (or of its turn on a kept-alive one), and then gets 5
# more to be answered (a few milliseconds are enough); a slower one is cut off.
# gunicorn also restarts a process whose main loop is stuck that long.
timeout = 5
# On a restart or deploy (SIGTERM, SIGHUP), in-flight requests get this long to finish.
graceful_timeout = 10
# Seconds to hold an idle keep-alive connection open for the next request.
keepalive = 5

# Workers are not recycled after a number of requests: junk requests would then
# decide when they restart (skill/gunicorn_worker.py retires each after about a
# day instead). Signing certificate chains that validated are kept in this folder
# (the default unless ALEXA_CERT_CACHE_DIR says otherwise), so a new worker has
# Amazon's key at once, however many downloads junk requests hold.
max_requests = 0
_cert_cache = Path(tempfile.gettempdir()) / f"youth-safety-skill-{os.getuid()}" / "certificates"
raw_env = [] if os.environ.get(_CERT_CACHE_DIR_ENV) else [f"{_CERT_CACHE_DIR_ENV}={_cert_cache}"]

# Requests are small JSON POSTs; refuse oversized request lines and headers early.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Access log to stdout: time, client address, method, path (never the query
# string), status, response bytes and milliseconds. User and device ids travel
# in the request body, which is never logged.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# ... each part from the request escaped and cut (a path's %0a is no new line).
logger_class = "skill.gunicorn_worker.EscapingLogger"
errorlog = "-"
loglevel = "info"

# No runtime control socket (gunicorn 25.1+; older versions ignore the setting):
# restarts and scaling go through the service manager, and two instances on one
# host would otherwise compete for the same default socket path.
control_socket_disable = True

# Trust X-Forwarded-* headers only from a proxy on this machine.
forwarded_allow_ips = "127.0.0.1,::1"
proxy_allow_ips = "127.0.0.1,::1"
