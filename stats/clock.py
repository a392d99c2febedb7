"""The stats app's notion of "now" and of local days, weeks and months.

Everything goes through ``now()`` so tests can travel in time by replacing it
(``monkeypatch.setattr("stats.clock.now", ...)``); Redis windows compare stored
timestamps against it, so time travel works against a real Redis.
"""

import datetime

from django.utils import timezone


def now():
    return timezone.now()


def zone():
    """The site's TIME_ZONE (Asia/Ho_Chi_Minh): the one the department reports days in."""
    return timezone.get_default_timezone()


def local_day(moment=None):
    """The calendar day of ``moment`` (default: now) in the site's time zone."""
    moment = moment or now()
    return moment.astimezone(zone()).date()


def week_start(day):
    """Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def month_start(day):
    return day.replace(day=1)


def day_bounds(day):
    """The aware datetimes [start, end) of a local day."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone())
    return start, start + datetime.timedelta(days=1)
