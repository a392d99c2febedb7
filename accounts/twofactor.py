"""Two-factor sign-in (django-otp: TOTP app plus one-time backup codes) for staff.

Every account that can reach the admin proves a second factor once per session before any
staff page opens; an account without a device is sent to enrol first."""

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

BACKUP_CODE_COUNT = 10


def needs_second_factor(user):
    return (
        settings.STAFF_TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not user.is_verified()
    )


def new_backup_codes(user):
    """Replace the user's backup codes with fresh ones; the plain codes are shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Mã dự phòng")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class StaffTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: staff pages ask an unverified staff member for the
    second factor (or for enrolment) instead of opening."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(tuple(settings.STAFF_TWO_FACTOR_PATHS))
            and not path.startswith(tuple(settings.STAFF_TWO_FACTOR_EXEMPT_PATHS))
            and needs_second_factor(request.user)
        ):
            step = "verify" if user_has_device(request.user) else "setup"
            target = reverse(f"twofactor:{step}")
            return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)
