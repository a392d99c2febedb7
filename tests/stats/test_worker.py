"""Exactly once with a real Celery worker SIGKILLed in the middle of a flush."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core import redis as portal_redis
from stats import flush
from stats.models import AppliedBatch, DailyObjectCount, DailyStats
from stats.tasks import flush_counters
from tests.readers import make_reader
from tests.stats.helpers import pending, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.urls("tests.stats.urls")]


def read_counts(obj):
    content_type = ContentType.objects.get_for_model(obj)
    rows = DailyObjectCount.objects.filter(content_type=content_type, object_id=obj.pk)
    visits = sum(DailyStats.objects.values_list("visits", flat=True))
    return sum(r.views for r in rows), sum(r.downloads for r in rows), visits


def readers(obj, first, count):
    for n in range(first, first + count):
        client = make_reader(ip=f"192.0.2.{n}")
        client.get(f"/t/xem/{obj.pk}/")
        client.get(f"/t/tai/{obj.pk}/")


@pytest.mark.parametrize("step", ["locked", "renamed", "in_transaction", "applied", "done"])
def test_worker_killed_mid_flush_neither_loses_nor_doubles(
    step, celery_worker_factory, travel, django_user_model
):
    obj = django_user_model.objects.create(username="doc-gia")
    readers(obj, 1, 5)
    worker = celery_worker_factory(
        STATS_FLUSH_PAUSE_AFTER=step, STATS_FLUSH_PAUSE_SECONDS=300, STATS_FLUSH_LOCK_SECONDS=3
    )
    client = portal_redis.get_client()
    marker = flush.pause_marker_key(step)
    flush_counters.delay()
    wait_for(lambda: client.exists(marker), f"the worker to pause after {step}", worker=worker)
    worker.kill()
    readers(obj, 10, 2)  # counted while the flush is dead
    wait_for(lambda: not client.exists(flush.lock_key()), "the dead worker's lock to expire")

    # The next flush (another real worker, no pause) finishes the job.
    client.delete(marker)
    second = celery_worker_factory()
    flush_counters.delay()
    wait_for(
        lambda: pending() == {} and not client.smembers(flush.batches_key()),
        "the next flush to finish",
        worker=second,
    )
    wait_for(lambda: read_counts(obj) == (7, 7, 7), "the counts", timeout=30, worker=second)
    assert read_counts(obj) == (7, 7, 7)
    assert not client.exists(flush.lock_key()) or flush.flush()["batches"] == 0
    flush.flush()
    assert read_counts(obj) == (7, 7, 7)
    assert AppliedBatch.objects.count() >= 1


def test_a_flush_killed_in_its_transaction_delays_the_figures_at_most_two_intervals(
    celery_worker_factory, travel, django_user_model
):
    obj = django_user_model.objects.create(username="doc-gia")
    readers(obj, 1, 3)
    interval = 2
    worker = celery_worker_factory(
        STATS_FLUSH_PAUSE_AFTER="in_transaction",
        STATS_FLUSH_PAUSE_SECONDS=300,
        COUNTER_FLUSH_SECONDS=interval,
    )
    client = portal_redis.get_client()
    marker = flush.pause_marker_key("in_transaction")
    flush_counters.delay()
    wait_for(lambda: client.exists(marker), "the worker to pause in its transaction", worker=worker)
    token = client.get(flush.lock_key())
    lowest = {"ttl": interval * 1000}

    def renewed():
        ttl = client.pttl(flush.lock_key())
        assert ttl <= interval * 1000  # never longer than one interval
        lowest["ttl"] = min(lowest["ttl"], ttl)
        return ttl > lowest["ttl"] + 100

    # While the flush runs (here: waits in its transaction) its lock is renewed, not held blind.
    wait_for(renewed, "the running flush to renew its lock", worker=worker)
    assert client.get(flush.lock_key()) == token
    worker.kill()
    # Killed: the lock outlives it by at most one interval, then the next beat tick flushes.
    assert 0 < client.pttl(flush.lock_key()) <= interval * 1000
    wait_for(lambda: not client.exists(flush.lock_key()), "the dead flush's lock to expire")
    client.delete(marker)
    second = celery_worker_factory(COUNTER_FLUSH_SECONDS=interval)
    flush_counters.delay()
    wait_for(lambda: read_counts(obj) == (3, 3, 3), "the next flush", worker=second)
