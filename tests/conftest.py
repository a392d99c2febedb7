import contextlib
from importlib import import_module

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


# Rows that data migrations create, by the migration that creates them. A transactional
# test ends by emptying every table; these come back before the next test needs them.
DATA_MIGRATIONS = [
    ("news", "0002_editor_groups", "make_groups"),
    ("documents", "0002_reporter_group", "create_group"),
]
DATA_MIGRATION_GROUPS = ["Biên tập viên", "Thư ký tòa soạn", "Báo cáo viên"]


@pytest.fixture(autouse=True)
def data_migration_rows(request, django_db_setup, django_db_blocker):
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with django_db_blocker.unblock():
        if Group.objects.filter(name__in=DATA_MIGRATION_GROUPS).count() == len(
            DATA_MIGRATION_GROUPS
        ):
            return
        loader = MigrationExecutor(connection).loader
        for app, name, function in DATA_MIGRATIONS:
            state = loader.project_state((app, name))
            module = import_module(f"{app}.migrations.{name}")
            getattr(module, function)(state.apps, None)
