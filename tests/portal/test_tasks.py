from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone

from portal.tasks import remove_expired_captchas


@pytest.mark.django_db
def test_expired_captchas_are_removed_and_fresh_ones_kept():
    fresh = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    stale = CaptchaStore.objects.create(challenge="FGHIJ", response="fghij")
    CaptchaStore.objects.filter(pk=stale.pk).update(expiration=timezone.now() - timedelta(hours=1))
    remove_expired_captchas()
    assert list(CaptchaStore.objects.values_list("pk", flat=True)) == [fresh.pk]


@pytest.mark.django_db(transaction=True)
def test_nightly_backup_runs_on_beat_and_writes_an_archive(settings, tmp_path):
    from celery.schedules import crontab

    from portal.backup import archives
    from portal.tasks import nightly_backup

    entry = settings.CELERY_BEAT_SCHEDULE["nightly-backup"]
    assert entry["task"] == nightly_backup.name
    assert isinstance(entry["schedule"], crontab)
    settings.BACKUP_DIR = tmp_path / "backups"
    written = nightly_backup()
    assert [str(path) for path in archives()] == [written]
