"""Ends a session after settings.SESSION_IDLE_SECONDS without a request (reporters), or
STAFF_SESSION_IDLE_SECONDS (accounts that reach the admin)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

LAST_ACTIVITY_KEY = "_idle_last_activity"
# Sent by background requests (the article form's presence heartbeat): they are not the
# person's activity, so an open but abandoned form still ends its session.
PASSIVE_HEADER = "X-Idle-Passive"


def idle_seconds(user=None):
    if user is not None and getattr(user, "is_staff", False):
        return settings.STAFF_SESSION_IDLE_SECONDS
    return settings.SESSION_IDLE_SECONDS


def write_interval(user=None):
    """How stale the stored time may get: at most a minute, so not one DB write per request."""
    return max(1, min(60, idle_seconds(user) // 10))


def applies_to(user):
    # Staff too, with their own shorter limit; the admin's keep-alive covers long writing.
    return user.is_authenticated


def touch(request, force=False):
    """Record activity now (if the stored time is older than the write interval, or forced)."""
    now = int(time.time())
    last = request.session.get(LAST_ACTIVITY_KEY)
    if force or last is None or now - last >= write_interval(getattr(request, "user", None)):
        request.session[LAST_ACTIVITY_KEY] = now


def is_expired(request):
    last = request.session.get(LAST_ACTIVITY_KEY)
    if last is None:
        return False
    # The stored time may lag by up to the write interval; never end a session early.
    user = getattr(request, "user", None)
    return time.time() - last > idle_seconds(user) + write_interval(user)


class IdleSessionMiddleware:
    """Place after AuthenticationMiddleware (and MessageMiddleware for the notice)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and applies_to(user):
            if is_expired(request):
                message = idle_logout_message(user)
                logout(request)
                messages.info(request, message, fail_silently=True)
            elif request.headers.get(PASSIVE_HEADER) != "1":
                touch(request)
        return self.get_response(request)


def idle_logout_message(user=None):
    minutes = max(1, round(idle_seconds(user) / 60))
    return (
        f"Phiên làm việc đã kết thúc vì bạn không sử dụng trang trong {minutes} phút. "
        "Vui lòng đăng nhập lại."
    )
