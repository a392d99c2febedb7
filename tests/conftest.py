import contextlib

import pytest
from django.conf import settings

from portal import redis as portal_redis


def _delete_test_keys():
    client = portal_redis.get_client()
    keys = list(client.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def clean_redis():
    """Every test starts with none of this run's Redis keys (never FLUSHDB: it is shared)."""
    portal_redis.reset_client()
    _delete_test_keys()
    yield
    portal_redis.reset_client()
    with contextlib.suppress(portal_redis.REDIS_ERRORS):
        _delete_test_keys()


@pytest.fixture
def site_settings(db):
    from portal.models import SiteSettings

    return SiteSettings.get_solo()
