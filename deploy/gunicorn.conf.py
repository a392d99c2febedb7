"""gunicorn settings for production (deploy/systemd/portal-web.service, docs/deploy.md)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = 2
# A kept-alive connection stays with the worker that accepted it, so a few long-lived ones (a
# proxy's pool, a load test) can pile onto one worker while the others idle: one per request.
keepalive = 0
# Time for a request in flight to finish on restart (systemd waits longer: TimeoutStopSec).
graceful_timeout = 20
timeout = 60
# Recycle workers now and then: a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# Off by default: nginx keeps the access log in production. WEB_ACCESS_LOG=1 turns it on, in a
# format without the client's address or user agent (no raw IP kept by the portal).
accesslog = "-" if os.environ.get("WEB_ACCESS_LOG", "0") in ("1", "true", "yes", "on") else None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
