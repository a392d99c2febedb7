"""Nothing lost while Redis is down or restarting: the local spool and its replay."""

import os
import signal
import socket

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core import redis as portal_redis
from devtools.embedded import EmbeddedValkey
from stats import clock, spool
from stats.models import DailyStats
from stats.tasks import flush_counters
from tests.news.factories import ArticleFactory
from tests.readers import make_reader
from tests.stats.helpers import wait_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stats.urls")]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateValkey:
    """A Valkey of this test's own (append-only, fsync every second) that it may stop."""

    def __init__(self, tmp_path):
        self.server = EmbeddedValkey(tmp_path, free_port())
        self.server.log_dir = tmp_path
        self.url = self.server.url

    def start(self):
        self.server.start()

    def pause(self):
        os.kill(self.server.process.pid, signal.SIGSTOP)

    def stop(self):
        os.kill(self.server.process.pid, signal.SIGCONT)
        self.server.process.terminate()  # Valkey writes its append-only file and exits
        self.server.process.wait(timeout=30)

    def kill(self):
        if self.server.process.poll() is None:
            os.kill(self.server.process.pid, signal.SIGCONT)
            self.server.process.kill()
            self.server.process.wait(timeout=30)


@pytest.fixture
def private_redis(tmp_path):
    valkey = PrivateValkey(tmp_path)
    valkey.start()
    caches = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": valkey.url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(REDIS_URL=valkey.url, CACHES=caches, REDIS_SOCKET_TIMEOUT=0.2):
        portal_redis.reset_client()
        yield valkey
        portal_redis.reset_client()
    valkey.kill()


def readers(article, first, count):
    for n in range(first, first + count):
        response = make_reader(ip=f"10.0.{n // 250}.{n % 250 + 1}").get(article.get_absolute_url())
        assert response.status_code == 200


def spooled_lines():
    folder = spool.directory()
    if not folder.is_dir():
        return 0
    return sum(len(p.read_text().splitlines()) for p in folder.iterdir())


def test_redis_paused_then_restarted_during_400_views_loses_none(private_redis, travel):
    article = ArticleFactory()
    readers(article, 0, 100)  # Redis up
    assert spooled_lines() == 0
    private_redis.pause()  # frozen: calls time out
    readers(article, 100, 100)
    private_redis.stop()  # then down: connections refused
    readers(article, 200, 100)
    kept = spooled_lines()
    assert kept >= 200
    private_redis.start()  # restarted from its append-only file
    wait_for(lambda: not portal_redis.is_backing_off(), "the back-off to end")
    readers(article, 300, 100)  # the first recorded request replays this process's spool
    assert spooled_lines() == 0
    flush_counters()  # replays what is left (none here) and flushes
    article.refresh_from_db()
    day = DailyStats.objects.get(day=clock.local_day(travel()))
    assert (article.view_count, day.views, day.visits) == (400, 400, 400)
    print(f"\n[spool] 400 readers, {kept} counts spooled while Redis was down, 400 counted")


def test_make_runs_valkey_has_a_memory_limit_that_never_evicts_pending_counts(private_redis):
    config = portal_redis.get_client().config_get("maxmemory*")
    assert int(config["maxmemory"]) == 256 * 2**20
    assert config["maxmemory-policy"] == "volatile-lru"


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_spool_of_an_exited_process_is_replayed_by_the_worker(
    private_redis, travel, celery_worker_factory
):
    article = ArticleFactory()
    private_redis.stop()
    readers(article, 0, 30)
    # As if the web process had exited: its file is left for the flush task.
    spool.forget()
    os.rename(spool.own_path(), spool.directory() / "counts-web1-999999.jsonl")
    private_redis.start()
    # A real worker: counters on the private Valkey, tasks from this run's broker.
    worker = celery_worker_factory(CELERY_BROKER_URL=os.environ["REDIS_URL"])
    flush_counters.delay()
    wait_for(lambda: not any(spool.directory().iterdir()), "the worker's replay", worker=worker)
    wait_for(
        lambda: type(article).objects.get(pk=article.pk).view_count == 30,
        "the worker's flush",
        worker=worker,
    )
    flush_counters()  # replayed once, never twice
    article.refresh_from_db()
    assert article.view_count == 30


def test_replay_keeps_the_dedup_rules(private_redis, travel):
    article = ArticleFactory()
    browser = make_reader(ip="10.1.0.1")
    browser.get(article.get_absolute_url())  # counted
    private_redis.stop()
    for _ in range(5):
        travel.advance(minutes=2)
        browser.get(article.get_absolute_url())  # the same reader, spooled
    private_redis.start()
    wait_for(lambda: not portal_redis.is_backing_off(), "the back-off to end")
    flush_counters()
    article.refresh_from_db()
    assert article.view_count == 1


def test_a_replay_that_fails_keeps_the_counts(private_redis, travel):
    article = ArticleFactory()
    private_redis.stop()
    readers(article, 0, 10)
    with pytest.raises(redis.exceptions.ConnectionError):
        portal_redis.get_client().ping()
    spool.replay_all()  # Redis still down: nothing lost
    assert spooled_lines() == 10
    private_redis.start()
    wait_for(lambda: not portal_redis.is_backing_off(), "the back-off to end")
    flush_counters()
    article.refresh_from_db()
    assert article.view_count == 10


def test_while_redis_is_down_a_view_writes_nothing_to_postgresql(private_redis, travel):
    article = ArticleFactory()
    private_redis.stop()
    client = make_reader(ip="10.2.0.2")
    client.get(article.get_absolute_url())  # warms what the page caches per process
    with CaptureQueriesContext(connection) as queries:
        assert make_reader(ip="10.2.0.3").get(article.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert spooled_lines() == 2


def test_a_long_outages_spool_is_left_to_the_flush_task_not_to_a_request(
    private_redis, travel, monkeypatch
):
    monkeypatch.setattr(spool, "INLINE_BYTES", 100)  # a few lines are "long" here
    article = ArticleFactory()
    private_redis.stop()
    readers(article, 0, 5)
    private_redis.start()
    wait_for(lambda: not portal_redis.is_backing_off(), "the back-off to end")
    readers(article, 5, 1)
    assert spooled_lines() == 5
    flush_counters()
    article.refresh_from_db()
    assert article.view_count == 6 and spooled_lines() == 0
