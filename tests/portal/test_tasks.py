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
