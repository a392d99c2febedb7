"""Moving pending counts from Redis to PostgreSQL, exactly once.

Steps (names used by the test hook STATS_FLUSH_PAUSE_AFTER):
1. ``locked``: take the Redis lock (redis-py Lock: SET NX with a token and an expiry of one
   flush interval, renewed by a thread while the flush runs; a second flush skips).
2. ``renamed``: atomically RENAME ``stats:pending`` to ``stats:batch:<id>`` (unique id)
   and add the id to the set ``stats:batches``. New requests start a fresh pending hash.
3. For every batch id in that set (left over by a killed flush, or the new one):
   if ``AppliedBatch(id)`` exists the batch was committed already: just delete its key;
   else, in ONE transaction: insert ``AppliedBatch(id)`` first (a concurrent flush of
   the same batch then waits on the unique key and fails), one bulk
   ``UPDATE … FROM (VALUES …)`` per counted model, one upsert of DailyObjectCount, one
   upsert of DailyStats (``in_transaction`` pauses before COMMIT); then (``applied``)
   delete the batch key and its id.
4. ``done``: record the time of the last successful flush, release the lock.

A SIGKILL between any two steps, or a transaction PostgreSQL refuses, leaves either the
batch key (re-applied next time) or the AppliedBatch row (batch key only deleted next
time): never lost, never doubled. The lock only saves work; the unique batch id is
what guarantees exactly once.
"""

import logging
import os
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from redis.exceptions import LockError

from core import redis as portal_redis
from stats.models import AppliedBatch, DailyObjectCount, DailyStats

log = logging.getLogger("stats.flush")

DAY_FIELDS = ("visits", "page_views", "bot_hits", "views", "downloads")
PENDING_DAY_FIELDS = ("visits", "page_views", "bot_hits")  # views, downloads: from "o|" fields
OBJECT_FIELDS = {"v": "view_count", "d": "download_count"}
ROWS_PER_STATEMENT = 100_000

_RENAME = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
"""


def pending_key():
    return portal_redis.key("stats", "pending")


def batch_key(batch_id):
    return portal_redis.key("stats", "batch", batch_id)


def batches_key():
    return portal_redis.key("stats", "batches")


def lock_key():
    return portal_redis.key("stats", "flush", "lock")


def last_flush_key():
    return portal_redis.key("stats", "flush", "last")


def pause_marker_key(step):
    return portal_redis.key("stats", "flush", "paused", step)


def _pause(step):
    """Test hook: with STATS_FLUSH_PAUSE_AFTER=<step> the flush waits here (to be killed)."""
    if step != settings.STATS_FLUSH_PAUSE_AFTER:
        return
    seconds = settings.STATS_FLUSH_PAUSE_SECONDS
    portal_redis.get_client().set(pause_marker_key(step), os.getpid(), ex=int(seconds) + 60)
    log.warning("stats flush paused after %s (pid %s)", step, os.getpid())
    time.sleep(seconds)


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def lock_seconds():
    """The flush lock's expiry: one flush interval, so a killed flush delays at most two."""
    return settings.STATS_FLUSH_LOCK_SECONDS


@contextmanager
def _lock(client, seconds):
    """Hold the flush lock while the block runs: a short expiry, renewed by a thread.

    A flush that is killed stops renewing, so its lock expires within ``seconds``.
    """
    lock = client.lock(lock_key(), timeout=seconds, blocking=False, thread_local=False)
    if not lock.acquire():
        yield False
        return
    stop = threading.Event()

    def renew():
        while not stop.wait(seconds / 3):
            try:
                lock.reacquire()
            except LockError:
                log.warning("stats flush lost its lock; the batch ids still prevent doubles")
                return
            except portal_redis.REDIS_ERRORS as exc:
                portal_redis.record_failure(exc, "stats.flush.renew")

    renewer = threading.Thread(target=renew, name="stats-flush-lock", daemon=True)
    renewer.start()
    try:
        yield True
    finally:
        stop.set()
        renewer.join()
        try:
            lock.release()
        except LockError:
            pass  # expired meanwhile: nothing to release
        except portal_redis.REDIS_ERRORS as exc:
            portal_redis.record_failure(exc, "stats.flush.unlock")


def flush():
    """Run one flush; returns a summary dict (``skipped`` when another flush holds the lock)."""
    client = portal_redis.get_client()
    seconds = lock_seconds()
    summary = {"skipped": False, "batches": 0, "fields": 0, "statements": 0, "seconds": 0.0}
    began = time.monotonic()
    with _lock(client, seconds) as locked:
        if not locked:
            summary["skipped"] = True
            return summary
        _pause("locked")
        new_id = f"{int(time.time() * 1000)}-{uuid.uuid4().hex[:12]}"
        client.eval(_RENAME, 3, pending_key(), batch_key(new_id), batches_key(), new_id)
        _pause("renamed")
        for batch_id in sorted(b.decode() for b in client.smembers(batches_key())):
            applied = _apply_batch(client, batch_id)
            summary["batches"] += 1
            summary["fields"] += applied["fields"]
            summary["statements"] += applied["statements"]
        client.set(last_flush_key(), repr(time.time()))
        _pause("done")
    summary["seconds"] = time.monotonic() - began
    return summary


def _apply_batch(client, batch_id):
    key = batch_key(batch_id)
    result = {"fields": 0, "statements": 0}
    if AppliedBatch.objects.filter(batch_id=batch_id).exists():
        log.info("stats batch %s was applied already; removing its key", batch_id)
    else:
        raw = client.hgetall(key)
        result["fields"] = len(raw)
        counter = StatementCounter()
        try:
            with connection.execute_wrapper(counter), transaction.atomic():
                # First: a concurrent flush of this batch (after a lock expired) waits here.
                AppliedBatch.objects.create(batch_id=batch_id, fields=len(raw))
                _apply(_parse(raw))
                _pause("in_transaction")
        except IntegrityError:
            if not AppliedBatch.objects.filter(batch_id=batch_id).exists():
                raise  # another constraint failed: the batch stays for the next flush
            log.warning("stats batch %s was applied meanwhile by another flush", batch_id)
        result["statements"] = counter.count
        _pause("applied")
    pipe = client.pipeline(transaction=True)
    pipe.delete(key)
    pipe.srem(batches_key(), batch_id)
    pipe.execute()
    return result


def _parse(raw):
    """Split the pending fields into per-object, per-day-object and per-day increments."""
    objects = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # label -> pk -> [v, d]
    daily_objects = defaultdict(lambda: [0, 0])  # (day, label, pk) -> [v, d]
    days = defaultdict(lambda: dict.fromkeys(DAY_FIELDS, 0))
    for field, value in raw.items():
        parts = field.decode().split("|")
        n = int(value)
        if not n:
            continue
        if parts[0] == "s" and len(parts) == 3 and parts[2] in PENDING_DAY_FIELDS:
            days[parts[1]][parts[2]] += n
        elif parts[0] == "o" and len(parts) == 5 and parts[4] in OBJECT_FIELDS:
            _, day, label, pk, what = parts
            slot = 0 if what == "v" else 1
            objects[label][pk][slot] += n
            daily_objects[(day, label, pk)][slot] += n
            days[day]["views" if what == "v" else "downloads"] += n
        else:
            log.warning("stats: ignoring pending field %r", field)
    return objects, daily_objects, days


def _chunks(rows, size=ROWS_PER_STATEMENT):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _apply(parsed):
    objects, daily_objects, days = parsed
    content_types = {}
    with connection.cursor() as cursor:
        for label, counts in objects.items():
            model = _model(label)
            if model is None:
                continue
            content_types[label] = ContentType.objects.get_for_model(model)
            _update_model(cursor, model, counts)
        rows = []
        for (day, label, pk), (v, d) in daily_objects.items():
            if label in content_types and pk.isdigit():
                rows.append((day, content_types[label].pk, int(pk), v, d))
        table = DailyObjectCount._meta.db_table
        for chunk in _chunks(rows):
            values = ",".join(["(%s::date, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (day, content_type_id, object_id, views, downloads) "
                f"VALUES {values} ON CONFLICT (day, content_type_id, object_id) DO UPDATE SET "
                f"views = {table}.views + EXCLUDED.views, "
                f"downloads = {table}.downloads + EXCLUDED.downloads",
                [x for row in chunk for x in row],
            )
        if days:
            table = DailyStats._meta.db_table
            columns = ", ".join(DAY_FIELDS)
            row_sql = "(%s::date, " + ", ".join(["%s::bigint"] * len(DAY_FIELDS)) + ")"
            values = ",".join([row_sql] * len(days))
            updates = ", ".join(f"{f} = {table}.{f} + EXCLUDED.{f}" for f in DAY_FIELDS)
            params = []
            for day, figures in sorted(days.items()):
                params += [day, *(figures[f] for f in DAY_FIELDS)]
            cursor.execute(
                f"INSERT INTO {table} (day, {columns}, unique_visitors, closed) "
                f"SELECT v.*, 0, false FROM (VALUES {values}) AS v "
                f"ON CONFLICT (day) DO UPDATE SET {updates}",
                params,
            )


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        log.warning("stats: dropping counts for unknown model %s", label)
        return None


def _update_model(cursor, model, counts):
    """One ``UPDATE … FROM (VALUES …)`` adding the counts of every object of ``model``."""
    fields = {f.name: f for f in model._meta.concrete_fields}
    columns = [
        (slot, fields[name].column)
        for slot, name in enumerate(OBJECT_FIELDS.values())
        if name in fields
    ]
    if not columns:
        log.warning("stats: %s has no counter fields", model._meta.label)
        return
    pk = model._meta.pk
    pk_type = pk.cast_db_type(connection)
    table = connection.ops.quote_name(model._meta.db_table)
    rows = [(pk_value, v, d) for pk_value, (v, d) in counts.items()]
    names = ", ".join(f"n{slot}" for slot, _ in columns)
    assignments = ", ".join(
        f"{connection.ops.quote_name(col)} = {table}.{connection.ops.quote_name(col)} + v.n{slot}"
        for slot, col in columns
    )
    row_sql = "(%s::" + pk_type + ", " + ", ".join(["%s::bigint"] * len(columns)) + ")"
    for chunk in _chunks(rows):
        params = []
        for pk_value, *slots in chunk:
            params += [pk_value, *(slots[slot] for slot, _ in columns)]
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM (VALUES {','.join([row_sql] * len(chunk))}) "
            f"AS v(id, {names}) WHERE {table}.{connection.ops.quote_name(pk.column)} = v.id",
            params,
        )


def last_flush_time():
    """Unix time of the last successful flush (Redis, else the last applied batch), or None."""
    try:
        value = portal_redis.get_client().get(last_flush_key())
        if value:
            return float(value)
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.last_flush")
    last = AppliedBatch.objects.order_by("-applied_at").values_list("applied_at", flat=True).first()
    return last.timestamp() if last else None
