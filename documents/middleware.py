"""Ends a reporter's session after settings.SESSION_IDLE_SECONDS without a request."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

LAST_ACTIVITY_KEY = "_idle_last_activity"


def idle_seconds():
    return int(getattr(settings, "SESSION_IDLE_SECONDS", 30 * 60))


def write_interval():
    """How stale the stored time may get: at most a minute, so not one DB write per request."""
    return max(1, min(60, idle_seconds() // 10))


def applies_to(user):
    # Editors write long articles in the admin; the idle rule is for reporters' accounts.
    exempt_staff = getattr(settings, "SESSION_IDLE_EXEMPT_STAFF", True)
    return user.is_authenticated and not (exempt_staff and user.is_staff)


def touch(request, force=False):
    """Record activity now (if the stored time is older than the write interval, or forced)."""
    now = int(time.time())
    last = request.session.get(LAST_ACTIVITY_KEY)
    if force or last is None or now - last >= write_interval():
        request.session[LAST_ACTIVITY_KEY] = now


def is_expired(request):
    last = request.session.get(LAST_ACTIVITY_KEY)
    if last is None:
        return False
    # The stored time may lag by up to the write interval; never end a session early.
    return time.time() - last > idle_seconds() + write_interval()


class IdleSessionMiddleware:
    """Place after AuthenticationMiddleware (and MessageMiddleware for the notice)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and applies_to(user):
            if is_expired(request):
                logout(request)
                messages.info(request, idle_logout_message(), fail_silently=True)
            else:
                touch(request)
        return self.get_response(request)


def idle_logout_message():
    minutes = max(1, round(idle_seconds() / 60))
    return (
        f"Phiên làm việc đã kết thúc vì bạn không sử dụng trang trong {minutes} phút. "
        "Vui lòng đăng nhập lại."
    )
