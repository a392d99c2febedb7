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
os.environ.setdefault("STATIC_ROOT", "/tmp/portal-tests/static")
os.makedirs(os.environ["STATIC_ROOT"], exist_ok=True)

# Folders of this run and worker, unless the environment chose them. xdist workers inherit
# the controller's environment, so the names this module set are listed for them to redo.
_OWNED = "PORTAL_TEST_OWNED_PATHS"
_owned = set(filter(None, os.environ.get(_OWNED, "").split(",")))
for _name, _leaf in (
    ("MEDIA_ROOT", "media"),
    ("PRIVATE_MEDIA_ROOT", "private"),
    ("COUNTER_SPOOL_DIR", "spool"),
):
    if _name not in os.environ or _name in _owned:
        os.environ[_name] = f"/tmp/portal-tests/{_run}-{_worker}/{_leaf}"
        _owned.add(_name)
os.environ[_OWNED] = ",".join(sorted(_owned))
# Browser tests talk to a live server on loopback.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
