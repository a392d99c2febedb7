"""Test helpers for the page cache (portal/pagecache.py)."""

from django.conf import settings

from core import redis as portal_redis


def cached_page_count():
    client = portal_redis.get_client()
    return sum(1 for _ in client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*:pagecache:page:*"))


def make_singletons():
    """The settings rows any site that has served a page has (their creation bumps a version)."""
    from portal.models import SiteSettings
    from stats.models import StatsSettings

    SiteSettings.get_solo()
    StatsSettings.get_solo()
