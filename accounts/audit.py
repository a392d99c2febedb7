"""The editorial log (django-auditlog): who changed what, when, and from where as a keyed hash
of the address (never the raw IP); sign-ins, sign-outs, failed sign-ins and second-factor
events go in the same log."""

import datetime
import hashlib
import hmac
from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import ProtectedError
from django.utils import timezone

from stats.visitors import client_ip

current_ip_hash = ContextVar("audit_ip_hash", default=None)

EVENTS = {
    "login": "Đăng nhập",
    "logout": "Đăng xuất",
    "login_failed": "Đăng nhập sai",
    "second_factor_passed": "Xác thực hai lớp thành công",
    "second_factor_failed": "Xác thực hai lớp sai mã",
}


def address_hash(request):
    """A keyed hash of the client's address: tells one address from another in the log,
    and cannot be reversed without SECRET_KEY."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"audit|" + client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's actor, plus the address hash (AUDITLOG_DISABLE_REMOTE_ADDR keeps the IP out)."""

    def __call__(self, request):
        token = current_ip_hash.set(address_hash(request))
        try:
            return super().__call__(request)
        finally:
            current_ip_hash.reset(token)


def add_address_hash(sender, instance, **kwargs):
    ip_hash = current_ip_hash.get()
    if ip_hash:
        instance.additional_data = {**(instance.additional_data or {}), "ip_hash": ip_hash}


def keep_recent_entries(sender, instance, **kwargs):
    """The rules ask for the editorial log to be kept at least two years: an entry younger
    than AUDIT_RETENTION_DAYS cannot be deleted (auditlogflush, a cascade, the shell)."""
    kept_from = timezone.now() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    if instance.timestamp and instance.timestamp > kept_from:
        raise ProtectedError(
            f"Nhật ký thay đổi được giữ ít nhất {settings.AUDIT_RETENTION_DAYS} ngày.", [instance]
        )


def record_event(event, request=None, user=None, username=""):
    """One sign-in related event in the log, against the user (when known)."""
    user_model = get_user_model()
    known = user if user is not None and getattr(user, "pk", None) else None
    name = known.get_username() if known else username
    data = {"event": event}
    if request is not None:
        data["ip_hash"] = address_hash(request)
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(user_model),
        object_pk=str(known.pk) if known else "",
        object_id=known.pk if known else None,
        object_repr=name or "(không rõ)",
        action=LogEntry.Action.ACCESS,
        actor=known if event != "login_failed" else None,
        changes={"sự kiện": ["", EVENTS[event]]},
        additional_data=data,
    )
