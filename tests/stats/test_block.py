"""The right column's counter block: figures, edges of weeks and months, the offset."""

import datetime
import re

import pytest

from stats import flush
from stats.models import DailyStats, StatsSettings
from stats.services import clear_block_cache, compute_block_figures
from tests.readers import make_reader
from tests.stats.helpers import GOOGLEBOT, render_block

pytestmark = pytest.mark.urls("tests.stats.urls")


def history(**visits_by_day):
    for day, visits in visits_by_day.items():
        DailyStats.objects.create(day=datetime.date.fromisoformat(day), visits=visits, closed=True)


def rendered_values(html):
    return {
        name: int(value)
        for name, value in re.findall(r'data-stat="(\w+)" data-value="(\d+)"', html)
    }


@pytest.fixture
def march_history(db):
    # 2026-02-27 is a Friday, 2026-03-01 a Sunday, 2026-03-02 a Monday.
    history(
        **{
            "2026-02-27": 1000,
            "2026-02-28": 2000,
            "2026-03-01": 300,
            "2026-03-02": 40,
            "2026-03-03": 5,
        }
    )


def test_week_starts_on_monday_and_month_on_the_first(march_history, travel):
    # Wednesday 2026-03-04, 08:00 in Ho Chi Minh City: live today = 1 visit (the request below).
    travel.set_local(2026, 3, 4, 8, 0)
    make_reader().get("/t/trang/")
    figures = compute_block_figures(travel())
    assert figures["today"] == 1
    assert figures["yesterday"] == 5
    assert figures["week"] == 40 + 5 + 1  # Monday 2 March onwards
    assert figures["month"] == 300 + 40 + 5 + 1
    assert figures["total"] == 3345 + 1


def test_on_a_monday_the_week_is_only_today_and_on_the_first_the_month_too(march_history, travel):
    travel.set_local(2026, 3, 2, 0, 1)  # Monday 00:01 local = Sunday 17:01 UTC
    figures = compute_block_figures(travel())
    assert figures["week"] == 40  # today's flushed row (no live figures in Redis)
    assert figures["yesterday"] == 300
    travel.set_local(2026, 3, 1, 23, 59)  # Sunday, first of the month
    figures = compute_block_figures(travel())
    assert figures["month"] == 300
    assert figures["week"] == 1000 + 2000 + 300  # Monday 23 Feb .. Sunday 1 Mar
    assert figures["yesterday"] == 2000


def test_total_adds_history_today_and_the_starting_offset(march_history, travel):
    settings_row = StatsSettings.get_solo()
    settings_row.total_offset = 31_569_182
    settings_row.save()
    travel.set_local(2026, 3, 4, 9, 0)
    make_reader().get("/t/trang/")
    assert compute_block_figures(travel())["total"] == 31_569_182 + 3345 + 1


def test_block_renders_every_figure_in_vietnamese_and_costs_no_query_when_warm(
    db, travel, django_assert_num_queries
):
    StatsSettings.objects.create(total_offset=31_569_182)
    make_reader(ip="192.0.2.1").get("/t/trang/")
    make_reader(agent=GOOGLEBOT).get("/t/trang/")
    html = render_block()
    values = rendered_values(html)
    assert values == {
        "online": 2,
        "bots": 1,
        "guests": 1,
        "today": 1,
        "yesterday": 0,
        "week": 1,
        "month": 1,
        "total": 31_569_183,
    }
    assert "31.569.183" in html and "Máy chủ tìm kiếm" in html and "<dl" in html
    with django_assert_num_queries(0):
        render_block()


def test_block_shows_flushed_figures_after_the_flush(db, travel):
    make_reader(ip="192.0.2.1").get("/t/trang/")
    flush.flush()
    clear_block_cache()
    assert rendered_values(render_block())["today"] == 1
