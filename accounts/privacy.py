"""What the privacy notice says about retention, and the sign-in records' share of it.

The readers' rows of every app are anonymised by portal.privacy, which calls
purge_login_records() below for django-axes' rows (raw IP and user agent)."""

import datetime

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.utils import timezone

# The privacy notice's page path: it lists retention_periods() below its text.
NOTICE_PATH = "chinh-sach-bao-mat"


def _days(days):
    return f"{days} ngày"


def _minutes(seconds):
    return f"{max(1, round(seconds / 60))} phút"


def retention_periods():
    """(what is kept, for how long) as the settings say now, for the privacy notice."""
    lockout_seconds = settings.AXES_COOLOFF_TIME * 60 * 60
    access_log = "Có ghi, không kèm địa chỉ IP" if settings.WEB_ACCESS_LOG else "Không ghi"
    return [
        (
            "Họ tên và thư điện tử trong bình luận",
            f"{_days(settings.PRIVACY_RETENTION_DAYS)}, sau đó được ẩn danh",
        ),
        (
            "Mã băm địa chỉ IP (bình luận, liên hệ, góp ý dự thảo, bình chọn), mã phiếu bình chọn "
            "và đánh giá bài viết",
            f"{_days(settings.IP_HASH_RETENTION_DAYS)}, sau đó được xóa",
        ),
        (
            "Khóa băm địa chỉ IP dùng cho giới hạn trong ngày",
            "Đổi mỗi ngày; mã băm của hai ngày khác nhau không thể đối chiếu",
        ),
        (
            "Địa chỉ IP và trình duyệt của lần đăng nhập sai",
            f"{_minutes(lockout_seconds)} (thời gian khóa đăng nhập), xóa trong giờ kế tiếp",
        ),
        (
            "Phiên đăng nhập không hoạt động",
            f"Cán bộ: {_minutes(settings.STAFF_SESSION_IDLE_SECONDS)}; "
            f"báo cáo viên: {_minutes(settings.SESSION_IDLE_SECONDS)}",
        ),
        (
            "Nhật ký biên tập và đăng nhập của cán bộ (không lưu địa chỉ IP gốc)",
            f"Ít nhất {_days(settings.AUDIT_RETENTION_DAYS)}",
        ),
        ("Bài viết, văn bản đã xóa (thùng rác)", _days(settings.TRASH_DAYS)),
        ("Nhật ký truy cập của máy chủ web", access_log),
    ]


def purge_login_records(now=None):
    """django-axes' rows (raw address and user agent) once the lockout window has passed."""
    lockout = (now or timezone.now()) - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return {
        "lockouts": AccessAttempt.objects.filter(attempt_time__lt=lockout).delete()[0],
        "access_log": AccessLog.objects.filter(attempt_time__lt=lockout).delete()[0],
    }
