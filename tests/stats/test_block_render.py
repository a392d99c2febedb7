"""The counter block's HTML is reused while the figures stay the same, and follows them."""

import pytest

from stats.models import StatsSettings
from stats.services import clear_block_cache
from tests.stats.helpers import render_block

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.stats.urls")]


def test_block_html_follows_new_figures_and_is_reused_while_they_hold(
    django_assert_num_queries,
):
    stats_settings = StatsSettings.objects.create(total_offset=1000)
    first = render_block()
    assert 'data-stat="total" data-value="1000"' in first
    with django_assert_num_queries(0):
        assert render_block() == first
    stats_settings.total_offset = 2500
    stats_settings.save()
    clear_block_cache()  # what the figures' own few seconds do
    assert 'data-stat="total" data-value="2500"' in render_block()
