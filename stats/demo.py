"""Demo statistics: 60 days of plausible history and the old system's starting total."""

import datetime
import random

from stats import clock
from stats.models import DailyStats, StatsSettings

DAYS = 60
STARTING_OFFSET = 31_569_182


def _figures(day):
    rng = random.Random(day.toordinal())  # the same figures on every run
    weekend = day.weekday() >= 5
    visits = int(rng.uniform(6500, 12500) * (0.55 if weekend else 1.0))
    page_views = int(visits * rng.uniform(2.2, 3.1))
    return {
        "visits": visits,
        "page_views": page_views,
        "unique_visitors": int(visits * rng.uniform(0.62, 0.8)),
        "bot_hits": int(rng.uniform(1200, 3200)),
        "views": int(page_views * rng.uniform(0.45, 0.6)),
        "downloads": int(visits * rng.uniform(0.02, 0.05)),
        "closed": True,
    }


def seed(stdout):
    today = clock.local_day()
    created = 0
    for n in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=n)
        _, was_created = DailyStats.objects.get_or_create(day=day, defaults=_figures(day))
        created += was_created
    settings_row = StatsSettings.get_solo()
    if not settings_row.total_offset:
        settings_row.total_offset = STARTING_OFFSET
        settings_row.save()
    stdout.write(f"stats: {created} ngày số liệu mẫu, số cộng thêm {settings_row.total_offset}")
