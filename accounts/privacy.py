"""Retention: personal data left by readers is anonymised once its purpose has passed.

- names and e-mail addresses of comments: after PRIVACY_RETENTION_DAYS;
- vote and rating records (visitor ids) and every address hash: after IP_HASH_RETENTION_DAYS
  (they only serve same-day limits and double-vote checks of open polls);
- django-axes rows (raw IP and user agent): once the lockout window has passed.
Counts and texts stay; nothing that names or traces a person does."""

import datetime

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from documents.models import ConsultationOpinion
from news.models import Comment, Rating
from pages.models import ContactMessage
from polls.models import Vote

ANONYMOUS_NAME = "Bạn đọc"
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


def purge_personal_data(now=None):
    """Returns {what: rows changed}."""
    now = now or timezone.now()
    personal = now - datetime.timedelta(days=settings.PRIVACY_RETENTION_DAYS)
    hashes = now - datetime.timedelta(days=settings.IP_HASH_RETENTION_DAYS)
    lockout = now - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    done = {}
    done["comments"] = (
        Comment.objects.filter(created_at__lt=personal)
        .exclude(name=ANONYMOUS_NAME, email="")
        .update(name=ANONYMOUS_NAME, email="")
    )
    done["comment_ip"] = (
        Comment.objects.filter(created_at__lt=hashes).exclude(ip_hash="").update(ip_hash="")
    )
    done["contact_ip"] = (
        ContactMessage.objects.filter(created_at__lt=hashes).exclude(ip_hash="").update(ip_hash="")
    )
    done["opinion_ip"] = (
        ConsultationOpinion.objects.filter(created_at__lt=hashes)
        .exclude(ip_hash="", visitor="")
        .update(ip_hash="", visitor="")
    )
    # Votes of closed polls: the voter key only guarded against a second vote.
    done["votes"] = (
        Vote.objects.filter(created_at__lt=hashes, poll__closes_at__lt=now)
        .exclude(voter_key__startswith="an-")
        .update(ip_hash="", voter_key=Concat(Value("an-"), F("pk")))
    )
    done["ratings"] = (
        Rating.objects.filter(created_at__lt=hashes)
        .exclude(visitor__startswith="an-")
        .update(visitor=Concat(Value("an-"), F("pk")))
    )
    done["lockouts"] = AccessAttempt.objects.filter(attempt_time__lt=lockout).delete()[0]
    done["access_log"] = AccessLog.objects.filter(attempt_time__lt=lockout).delete()[0]
    return done
