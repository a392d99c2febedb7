import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone


def disable_inactive_staff(now=None):
    """Staff accounts (not superusers) unused for STAFF_INACTIVE_DAYS are made inactive; a
    superuser re-enables one by ticking "active" again. Returns the usernames disabled."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.STAFF_INACTIVE_DAYS)
    stale = get_user_model().objects.filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff),
        is_staff=True,
        is_superuser=False,
        is_active=True,
    )
    names = list(stale.values_list("username", flat=True))
    stale.update(is_active=False)
    return names
