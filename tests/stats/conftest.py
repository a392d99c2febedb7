import datetime
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from stats import clock
from stats.services import clear_block_cache
from tests.stats.helpers import FIREFOX

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def fresh_block_cache():
    clear_block_cache()
    yield
    clear_block_cache()


class TravelClock:
    """A settable "now" for stats.clock (Redis windows compare against it)."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def set_local(self, *args):
        self.moment = datetime.datetime(*args, tzinfo=clock.TZ)
        return self.moment

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)
        return self.moment


@pytest.fixture
def travel(monkeypatch):
    fake = TravelClock(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=clock.TZ))
    monkeypatch.setattr(clock, "now", fake)
    return fake


@pytest.fixture
def browser():
    """A browser-like client that keeps the cookies it is given."""
    return Client(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="203.0.113.7")


@pytest.fixture
def cookieless():
    """A browser that never sends cookies back (cookies disabled, or a script)."""

    class Curl(Client):
        def request(self, **request):
            self.cookies.clear()
            return super().request(**request)

    return Curl(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="198.51.100.20")


@pytest.fixture
def counted_object(db, django_user_model):
    """Some model instance to count views of (the recording API takes any instance)."""
    return django_user_model.objects.create(username="doc-gia")


class WorkerProcess:
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
            DATABASE_URL=(f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"),
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
