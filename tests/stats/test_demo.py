import io

import pytest

from stats import demo
from stats.models import DailyStats, StatsSettings

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_sets_the_starting_offset():
    demo.seed(io.StringIO())
    first = list(DailyStats.objects.order_by("day").values_list("day", "visits"))
    demo.seed(io.StringIO())
    assert list(DailyStats.objects.order_by("day").values_list("day", "visits")) == first
    assert len(first) == 60
    assert all(visits > 0 for _, visits in first)
    assert StatsSettings.get_solo().total_offset == 31_569_182
