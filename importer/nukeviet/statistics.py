"""NukeViet's visitor counter (nv4_counter) as the portal's starting figures.

The all-time total carries over exactly. NukeViet keeps every year, only this year's
months and only this month's days (it zeroes them at each rollover): the years and
months become PeriodTotal rows, the ended days become DailyStats rows, and the total
offset is what the daily rows do not already hold, so Tổng equals the old total.
"""

import datetime

from django.db.models import F
from django.utils import timezone

from stats.models import DailyStats, PeriodTotal, StatsSettings

from .context import fingerprint
from .times import moment


def dots(number):
    """11457 -> '11.457', as Vietnamese readers write numbers."""
    return f"{number:,}".replace(",", ".")


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def read_counter(source):
    table = source.table("counter")
    if not source.has(table):
        return None
    found = {}
    for row in source.rows(f"SELECT c_type, c_val, c_count FROM `{table}`"):
        found.setdefault(row["c_type"], {})[row["c_val"]] = int(row["c_count"] or 0)
    return found


def import_statistics(ctx, today=None):
    counter = read_counter(ctx.source)
    if not counter or "total" not in counter:
        ctx.report.note("Không có bảng thống kê truy cập (counter).")
        return
    total = counter["total"].get("hits", 0)
    times = counter.get("c_time", {})
    last_hit = moment(times.get("last"))
    as_of = timezone.localtime(last_hit).date() if last_hit else None
    today = today or timezone.localdate()
    if as_of is None:
        ctx.report.note(
            f"Tổng lượt truy cập {dots(total)} chuyển thành số cộng thêm; không rõ ngày cuối."
        )
        periods, days = [], {}
    else:
        periods = [
            (PeriodTotal.Period.YEAR, datetime.date(int(year), 1, 1), count)
            for year, count in counter.get("year", {}).items()
            if year.isdigit() and count and int(year) <= as_of.year
        ]
        periods += [
            (PeriodTotal.Period.MONTH, datetime.date(as_of.year, MONTHS.index(name) + 1, 1), count)
            for name, count in counter.get("month", {}).items()
            if name in MONTHS and count and MONTHS.index(name) + 1 <= as_of.month
        ]
        days = {
            datetime.date(as_of.year, as_of.month, int(day)): count
            for day, count in counter.get("day", {}).items()
            if day.isdigit() and count and int(day) <= as_of.day
        }
    # Today's row belongs to the live counters (the block takes the larger of the two);
    # the old site's hits of a day not yet ended go into the offset instead.
    ended = {day: count for day, count in days.items() if day < today}
    digest = fingerprint(total, periods, sorted(ended.items()))
    record = ctx.known("stats", "counter")
    if record and record.fingerprint == digest:
        ctx.report.add("stats", "unchanged")
        return
    for period, start, count in periods:
        PeriodTotal.objects.update_or_create(period=period, start=start, defaults={"visits": count})
    before = {
        datetime.date.fromisoformat(d): v
        for d, v in (record.data.get("days", {}) if record else {}).items()
    }
    for day, count in ended.items():
        row, _ = DailyStats.objects.get_or_create(day=day, defaults={"closed": True})
        # Add the old site's growth since the last import to what is counted here.
        DailyStats.objects.filter(pk=row.pk).update(
            visits=F("visits") + (count - before.get(day, 0)), closed=True
        )
    offset = max(total - sum(ended.values()), 0)
    settings = StatsSettings.get_solo()
    settings.total_offset = offset
    settings.save()
    ctx.remember(
        "stats",
        "counter",
        settings.pk,
        digest,
        {"days": {d.isoformat(): v for d, v in ended.items()}, "total": total},
    )
    ctx.report.add("stats", "updated" if record else "imported")
    if as_of:
        ctx.report.note(
            f"Thống kê: tổng {dots(total)} lượt (đến {as_of:%d/%m/%Y}); {len(ended)} ngày "
            f"của tháng {as_of:%m/%Y} thành số liệu ngày; số cộng thêm vào Tổng {dots(offset)}. "
            "NukeViet đã xóa "
            f"số liệu theo tháng trước năm {as_of.year} và theo ngày trước tháng "
            f"{as_of:%m/%Y}: chỉ còn tổng theo năm."
        )
