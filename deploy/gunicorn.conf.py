"""gunicorn settings for production (deploy/systemd/portal-web.service, docs/deploy.md)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = 2
# Time for a request in flight to finish on restart (systemd waits longer: TimeoutStopSec).
graceful_timeout = 20
timeout = 60
# Recycle workers now and then: a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
