import contextlib
import functools
import os
import signal
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from core import redis as portal_redis
from stats import spool
from tests.readers import make_reader


def _delete_test_keys():
    client = portal_redis.get_client()
    keys = list(client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000))
    # Tasks queued by earlier tests' commits (uploads, new documents) are not this test's.
    keys.append(settings.CELERY_TASK_DEFAULT_QUEUE)
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def clean_redis():
    """Every test starts with none of this run's Redis keys (never FLUSHDB: it is shared)
    and no spooled counts."""
    portal_redis.reset_client()
    spool.clear()
    _delete_test_keys()
    yield
    spool.clear()
    portal_redis.reset_client()
    with contextlib.suppress(portal_redis.REDIS_ERRORS):
        _delete_test_keys()


# Rows that data migrations create, by the migration that creates them. A transactional
# test ends by emptying every table; these come back before the next test needs them.
DATA_MIGRATIONS = [
    ("news", "0002_editor_groups", "make_groups"),
    ("news", "0006_media_library", "grant_media"),
    ("portal", "0004_staff_groups", "make_groups"),
    ("documents", "0002_reporter_group", "create_group"),
]
DATA_MIGRATION_GROUPS = [
    "Biên tập viên",
    "Thư ký tòa soạn",
    "Báo cáo viên",
    "Quản lý văn bản",
    "Quản lý thăm dò, quảng cáo",
    "Quản lý trang, cấu hình",
]


def ensure_data_migration_rows():
    from django.contrib.auth.models import Group
    from django.db.migrations.executor import MigrationExecutor

    if Group.objects.filter(name__in=DATA_MIGRATION_GROUPS).count() == len(DATA_MIGRATION_GROUPS):
        return
    loader = MigrationExecutor(connection).loader
    for app, name, function in DATA_MIGRATIONS:
        state = loader.project_state((app, name))
        module = import_module(f"{app}.migrations.{name}")
        getattr(module, function)(state.apps, None)


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def data_migration_rows(request, django_db_blocker):
    # Only for tests that use the database: without one, no test database exists and the
    # query would reach the development database instead.
    uses_database = request.node.get_closest_marker("django_db") or (
        DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_database:
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        ensure_data_migration_rows()


BASE_DIR = Path(__file__).resolve().parent.parent


class WorkerProcess:
    """A real Celery worker started by a test, on that test's database and Redis keys."""

    def __init__(self, process, log_path):
        self.process = process
        self.log_path = log_path

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log(self):
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def celery_worker_factory(transactional_db, tmp_path):
    """Start real `celery -A portal worker` processes on this test database and key prefix."""
    started = []

    def start(**extra_env):
        env = dict(os.environ)
        db = connection.settings_dict
        env.update(
            DATABASE_URL=(
                f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}"
                f"@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
            REDIS_URL=settings.REDIS_URL,
            REDIS_KEY_PREFIX=settings.REDIS_KEY_PREFIX,
            CELERY_TASK_DEFAULT_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
            DJANGO_SETTINGS_MODULE="portal.settings",
            PYTHONUNBUFFERED="1",
            **{k: str(v) for k, v in extra_env.items()},
        )
        env.pop("TEST_DATABASE_NAME", None)
        log_path = tmp_path / f"worker-{len(started)}.log"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "-l",
                "INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        worker = WorkerProcess(process, log_path)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()


@pytest.fixture(scope="session", autouse=True)
def no_stray_database_sessions(django_db_setup, django_db_blocker):
    """End sessions that killed workers or servers left behind, so the test DB can be dropped."""
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid), application_name, query FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for _, application, query in cursor.fetchall():
            print(f"\n[tests] ended a stray database session: {application!r} {query[:80]!r}")


@pytest.fixture(autouse=True)
def staff_pass_second_factor(monkeypatch):
    """Tests that sign staff in with force_login (admin_client too) get a confirmed TOTP
    device and a verified session, as after the real step; tests/accounts/ test that step."""
    from django.test import Client

    from tests.accounts.helpers import verify_session

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user.is_staff:
            verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


# Nothing listens on port 1: every Redis call fails fast, as when the server is down.
CLOSED_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down():
    """Redis unreachable for the cache, the counters and the rate limits, for one test."""
    from django.test import override_settings

    caches = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(REDIS_URL=CLOSED_REDIS, CACHES=caches):
        portal_redis.reset_client()
        try:
            yield
        finally:
            portal_redis.reset_client()


@pytest.fixture
def reader():
    """A browser that has been here before: its own signed visitor cookie (tests/readers.py)."""
    return make_reader(vid=True)


@pytest.fixture
def new_reader():
    """Makes more readers like `reader`: new_reader(ip="192.0.2.50")."""
    return functools.partial(make_reader, vid=True)
