"""gunicorn settings for the skill's endpoint.

    gunicorn 'skill:create_app()'                      # found in the working directory
    gunicorn -c gunicorn.conf.py 'skill:create_app()'  # or named explicitly

Command-line options override these settings (``-b 0.0.0.0:8000``, ``-w 4``).
Environment overrides: ``GUNICORN_BIND`` (address), ``WEB_CONCURRENCY`` (worker
processes). The skill's own settings (``SKILL_ID``, ``ALEXA_VERIFY_SIGNATURES``,
``SKILL_CONTENT_DIR``) are read by the app from the environment as usual.

Serve it behind an HTTPS reverse proxy or tunnel (docs/deployment.md): Alexa
only calls HTTPS endpoints, and gunicorn here speaks plain HTTP on loopback.
"""

import multiprocessing
import os


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

# A request is pure computation (well under a millisecond of CPU), so synchronous
# workers, two per core plus one, keep every core busy while one worker waits on
# the network.
workers = _positive_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# Alexa gives up on a response after about 8 seconds. A worker that has been
# busy for 5 is stuck; restart it rather than let it hold up later requests.
timeout = 5
# On a restart or deploy (SIGTERM, SIGHUP), in-flight requests get this long to finish.
graceful_timeout = 10
# Seconds to hold an idle keep-alive connection open for the next request.
keepalive = 5

# Recycle workers now and then (staggered), so no slow leak can build up.
max_requests = 10000
max_requests_jitter = 1000

# Requests are small JSON POSTs; refuse oversized request lines and headers early.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Access log to stdout: time, client address, method, path (never the query
# string), status, response bytes and milliseconds. User and device ids travel
# in the request body, which is never logged.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"

# No runtime control socket (gunicorn 25.1+; older versions ignore the setting):
# restarts and scaling go through the service manager, and two instances on one
# host would otherwise compete for the same default socket path.
control_socket_disable = True

# Trust X-Forwarded-* headers only from a proxy on this machine.
forwarded_allow_ips = "127.0.0.1,::1"
proxy_allow_ips = "127.0.0.1,::1"
