"""The stats app's notion of "now" and of local days, weeks and months.

Everything goes through ``now()`` so tests can travel in time by replacing it
(``monkeypatch.setattr("stats.clock.now", ...)``); Redis windows compare stored
timestamps against it, so time travel works against a real Redis.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now():
    return timezone.now()


def local_day(moment=None):
    """The calendar day in Asia/Ho_Chi_Minh of ``moment`` (default: now)."""
    moment = moment or now()
    return moment.astimezone(TZ).date()


def week_start(day):
    """Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def month_start(day):
    return day.replace(day=1)


def day_bounds(day):
    """The aware datetimes [start, end) of a local day."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=TZ)
    return start, start + datetime.timedelta(days=1)
