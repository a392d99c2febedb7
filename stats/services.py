"""Figures for the block, the roll-up of days, and the dashboard's queries."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from core import redis as portal_redis
from core.versions import cached_block, forget_block
from stats import clock
from stats.models import DailyObjectCount, DailyStats, StatsSettings

FIGURES = ("visits", "page_views", "unique_visitors", "bot_hits", "views", "downloads")
LIVE_FIELDS = ("visits", "page_views", "bot_hits", "views", "downloads")
ONLINE_SETS = ("bots", "guests", "users")


def _rkey(*parts):
    return portal_redis.key("stats", *parts)


# --- live figures from Redis -------------------------------------------------------------


def live_snapshot(moment=None):
    """Today's live figures and the online counts in one round trip, or None if Redis is down."""
    moment = moment or clock.now()
    day = clock.local_day(moment)
    if portal_redis.is_backing_off():
        return None
    since = moment.timestamp() - settings.STATS_ONLINE_SECONDS
    try:
        pipe = portal_redis.get_client().pipeline(transaction=False)
        pipe.hgetall(_rkey("day", day.isoformat()))
        pipe.pfcount(_rkey("uv", day.isoformat()))
        for name in ONLINE_SETS:
            pipe.zcount(_rkey("online", name), f"({since}", "+inf")
        raw, unique, *online = pipe.execute()
    except portal_redis.REDIS_ERRORS as exc:
        portal_redis.record_failure(exc, "stats.live")
        return None
    figures = {f: int(raw.get(f.encode(), 0)) for f in LIVE_FIELDS}
    figures["unique_visitors"] = int(unique)
    return {"day": day, "figures": figures, "online": dict(zip(ONLINE_SETS, online, strict=True))}


def _merge_today(row, live):
    """Today's figures: the larger of the flushed row and Redis's live hash, per figure."""
    merged = dict(row or dict.fromkeys(FIGURES, 0))
    if live:
        for name, value in live["figures"].items():
            merged[name] = max(merged.get(name, 0), value)
    return merged


# --- the block ---------------------------------------------------------------------------

BLOCK_NAME = "stats-block"
BLOCK_SECONDS = 10
# The last figures computed: what only Redis knows (online) stays shown while Redis is down.
_previous = {"figures": None}


def clear_block_cache():
    forget_block(BLOCK_NAME)
    _previous["figures"] = None


def block_figures():
    """The right column's figures, computed at most every BLOCK_SECONDS (portal.pagecache).

    Keys: online, bots, guests, users, today, yesterday, week, month, total (None when unknown).
    """
    return cached_block(BLOCK_NAME, (), _fresh_block_figures, BLOCK_SECONDS)


def _fresh_block_figures():
    figures = compute_block_figures(previous=_previous["figures"])
    _previous["figures"] = figures
    return figures


def compute_block_figures(moment=None, previous=None):
    moment = moment or clock.now()
    today = clock.local_day(moment)
    live = live_snapshot(moment)
    yesterday = today - datetime.timedelta(days=1)
    sums = DailyStats.objects.filter(day__lte=today).aggregate(
        before=Sum("visits", filter=Q(day__lt=today)),
        week=Sum("visits", filter=Q(day__gte=clock.week_start(today), day__lt=today)),
        month=Sum("visits", filter=Q(day__gte=clock.month_start(today), day__lt=today)),
        yesterday=Sum("visits", filter=Q(day=yesterday)),
        today=Sum("visits", filter=Q(day=today)),
    )
    sums = {k: v or 0 for k, v in sums.items()}
    today_visits = max(sums["today"], live["figures"]["visits"] if live else 0)
    figures = {
        "today": today_visits,
        "yesterday": sums["yesterday"],
        "week": sums["week"] + today_visits,
        "month": sums["month"] + today_visits,
        "total": sums["before"] + today_visits + StatsSettings.get_solo().total_offset,
    }
    if live:
        online = live["online"]
        figures.update(
            bots=online["bots"],
            guests=online["guests"],
            users=online["users"],
            online=sum(online.values()),
        )
    else:
        last = previous or {}
        for name in ("online", "bots", "guests", "users"):
            figures[name] = last.get(name)
    return figures


# --- roll-up -----------------------------------------------------------------------------


def roll_up(moment=None):
    """Set the unique visitors of the last days from their HyperLogLogs; close ended days.

    Idempotent: run every 5 minutes by beat; after midnight it closes yesterday.
    """
    moment = moment or clock.now()
    today = clock.local_day(moment)
    days = [today - datetime.timedelta(days=n) for n in (2, 1, 0)]
    pipe = portal_redis.get_client().pipeline(transaction=False)
    for day in days:
        pipe.exists(_rkey("uv", day.isoformat()))
        pipe.pfcount(_rkey("uv", day.isoformat()))
    # Days older than these are closed with their unique visitors: their HyperLogLog goes.
    pipe.delete(*(_rkey("uv", (today - datetime.timedelta(days=n)).isoformat()) for n in (3, 4)))
    answers = pipe.execute()
    done = []
    table = DailyStats._meta.db_table
    with connection.cursor() as cursor:
        for index, day in enumerate(days):
            exists, unique = answers[2 * index], answers[2 * index + 1]
            closed = day < today
            if exists:
                cursor.execute(
                    f"INSERT INTO {table} (day, visits, page_views, unique_visitors, bot_hits, "
                    f"views, downloads, closed) VALUES (%s, 0, 0, %s, 0, 0, 0, %s) "
                    f"ON CONFLICT (day) DO UPDATE SET unique_visitors = EXCLUDED.unique_visitors, "
                    f"closed = EXCLUDED.closed",
                    [day, unique, closed],
                )
            elif closed:
                # A day without a single visitor still gets its row.
                cursor.execute(
                    f"INSERT INTO {table} (day, visits, page_views, unique_visitors, bot_hits, "
                    f"views, downloads, closed) VALUES (%s, 0, 0, 0, 0, 0, 0, true) "
                    f"ON CONFLICT (day) DO UPDATE SET closed = true",
                    [day],
                )
            done.append(day.isoformat())
    return done


# --- dashboard ---------------------------------------------------------------------------


def daily_rows(start, end, moment=None):
    """One dict per day from ``start`` to ``end`` inclusive (zeros for missing days)."""
    moment = moment or clock.now()
    today = clock.local_day(moment)
    rows = {
        row["day"]: row for row in DailyStats.objects.between(start, end).values("day", *FIGURES)
    }
    result = []
    day = start
    live = live_snapshot(moment) if start <= today <= end else None
    while day <= end:
        row = rows.get(day) or {"day": day, **dict.fromkeys(FIGURES, 0)}
        if day == today:
            row = {"day": day, **_merge_today({f: row[f] for f in FIGURES}, live)}
        result.append(row)
        day += datetime.timedelta(days=1)
    return result


def monthly_rows(months=12, moment=None, today_row=None):
    """One dict per month for the last ``months`` months (the current one with today live).

    ``today_row``: today's row from ``daily_rows`` when the caller has it already.
    """
    moment = moment or clock.now()
    today = clock.local_day(moment)
    first = clock.month_start(today)
    for _ in range(months - 1):
        first = clock.month_start(first - datetime.timedelta(days=1))
    sums = {
        row["month"]: row
        for row in DailyStats.objects.filter(day__gte=first, day__lt=today)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**{f: Sum(f) for f in FIGURES})
    }
    today_row = today_row or daily_rows(today, today, moment)[0]
    result = []
    month = first
    while month <= today:
        row = {f: (sums.get(month) or {}).get(f) or 0 for f in FIGURES}
        if month == clock.month_start(today):
            for f in FIGURES:
                row[f] += today_row[f]
        result.append({"month": month, **row})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def top_objects(model_label, start, end, field="views", limit=10):
    """The ``limit`` objects of a model with the most ``field`` between two days (flushed)."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return []
    content_type = ContentType.objects.get_for_model(model)
    ranked = list(
        DailyObjectCount.objects.filter(content_type=content_type, day__gte=start, day__lte=end)
        .values("object_id")
        .annotate(total=Sum(field))
        .filter(total__gt=0)
        .order_by("-total", "object_id")[:limit]
    )
    objects = model._default_manager.in_bulk([row["object_id"] for row in ranked])
    return [
        {
            "object": objects.get(row["object_id"]),
            "object_id": row["object_id"],
            "count": row["total"],
        }
        for row in ranked
    ]
