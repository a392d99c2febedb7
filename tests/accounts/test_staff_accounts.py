"""Staff accounts: longer passwords, a shorter idle time, disabled after 45 unused days."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.services import disable_inactive_staff
from accounts.tasks import disable_inactive_staff as disable_task
from tests.documents.factories import make_reporter, make_user

pytestmark = pytest.mark.django_db


def test_staff_passwords_need_twelve_characters_reporters_keep_the_usual_rule():
    staff = make_user("bientap", is_staff=True)
    with pytest.raises(ValidationError) as excinfo:
        validate_password("Dai#Hoi2025", staff)  # 11 characters
    assert "ít nhất 12 ký tự" in " ".join(excinfo.value.messages)
    validate_password("Dai#Hoi2025x", staff)
    validate_password("Dai#Hoi2025", make_reporter())


def test_staff_unused_for_45_days_are_disabled_by_the_beat_task(settings):
    settings.STAFF_INACTIVE_DAYS = 45
    start = timezone.now()
    staff = make_user("bientap", is_staff=True)
    staff.last_login = start
    staff.save()
    superuser = make_user("quantri", is_staff=True, is_superuser=True)
    reporter = make_reporter()
    with time_machine.travel(start + datetime.timedelta(days=44), tick=False):
        assert disable_inactive_staff() == []
    with time_machine.travel(start + datetime.timedelta(days=46), tick=False):
        assert disable_task() == 1
    staff.refresh_from_db()
    superuser.refresh_from_db()
    reporter.refresh_from_db()
    assert not staff.is_active
    assert superuser.is_active and reporter.is_active
    # A superuser re-enables the account; it then counts from its next sign-in.
    staff.is_active = True
    staff.last_login = start + datetime.timedelta(days=46)
    staff.save()
    with time_machine.travel(start + datetime.timedelta(days=47), tick=False):
        assert disable_inactive_staff() == []
