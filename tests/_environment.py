"""Loaded before Django (pytest -p): isolates this test run on shared servers.

Each run (PORTAL_TEST_ID) and each xdist worker gets its own test database and its
own Redis key prefix and Celery queue, so two suites can share the embedded servers
with `make run` and with each other.
"""

import os

_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw")
_run = os.environ.get("PORTAL_TEST_ID", "main")

os.environ["TEST_DATABASE_NAME"] = f"test_portal_{_run}"
os.environ["REDIS_KEY_PREFIX"] = f"test-{_run}-{_worker}"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("MEDIA_ROOT", f"/tmp/portal-tests/{_run}-{_worker}/media")
os.environ.setdefault("STATIC_ROOT", "/tmp/portal-tests/static")
os.makedirs(os.environ["STATIC_ROOT"], exist_ok=True)
os.environ.setdefault("PRIVATE_MEDIA_ROOT", f"/tmp/portal-tests/{_run}-{_worker}/private")
os.environ.setdefault("COUNTER_SPOOL_DIR", f"/tmp/portal-tests/{_run}-{_worker}/spool")
# Browser tests talk to a live server on loopback.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
