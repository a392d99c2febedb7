"""Celery tasks run by beat (names fixed in settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task
from django.db import DatabaseError

from core import redis as portal_redis

log = logging.getLogger("stats.tasks")


@shared_task(name="stats.tasks.flush_counters", ignore_result=True)
def flush_counters():
    """Move pending counts from Redis to PostgreSQL (exactly once, one flush at a time)."""
    from stats import spool
    from stats.flush import flush

    try:
        spool.replay_all()  # what web processes kept while Redis was unreachable
        summary = flush()
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.flush")
        return None
    except DatabaseError:
        # The batch stays in Redis and the next flush applies it.
        log.exception("stats flush: the database refused the batch; retrying next time")
        return None
    if summary["fields"]:
        log.info("stats flush: %s", summary)
    return summary


@shared_task(name="stats.tasks.roll_up_days", ignore_result=True)
def roll_up_days():
    """Write the unique visitors of recent days and close the days that have ended."""
    from stats.services import roll_up

    try:
        return roll_up()
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.roll_up")
        return None
