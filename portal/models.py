import hashlib
import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from solo.models import SingletonModel

from core import formats

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
HEX_COLOUR = RegexValidator(_HEX, "Nhập mã màu dạng #RRGGBB, ví dụ #b3101f.")


def validate_identity_image(upload):
    from news.images import validate_image_file

    validate_image_file(upload)


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    """WCAG contrast ratio of two #RRGGBB colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker(hex_colour, factor=0.75):
    return "#" + "".join(f"{int(int(hex_colour[i : i + 2], 16) * factor):02x}" for i in (1, 3, 5))


class SiteSettings(SingletonModel):
    """The site's identity, shown in the header and footer; one row, edited in the admin."""

    site_name = models.CharField(
        "tên cổng thông tin",
        max_length=200,
        default="Cổng thông tin điện tử Ban Tuyên giáo Tỉnh ủy",
    )
    owner_name = models.CharField(
        "tên cơ quan (đầu trang)", max_length=200, default="Ban Tuyên giáo và Dân vận Tỉnh ủy"
    )
    managing_body = models.CharField(
        "cơ quan chủ quản", max_length=200, blank=True, help_text="Ví dụ: Tỉnh ủy Hòa Bình"
    )
    tagline = models.CharField("khẩu hiệu", max_length=200, blank=True)
    licence = models.CharField(
        "số giấy phép", max_length=300, blank=True, help_text="Ví dụ: 12/GP-TTĐT"
    )
    licence_issued_on = models.DateField("ngày cấp giấy phép", null=True, blank=True)
    licence_issuer = models.CharField(
        "cơ quan cấp giấy phép",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Sở Văn hóa, Thể thao và Du lịch",
    )
    responsible_person = models.CharField("chịu trách nhiệm chính", max_length=200, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    fax = models.CharField("fax", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    tin_nhiem_mang_url = models.URLField(
        "liên kết Tín Nhiệm Mạng",
        blank=True,
        help_text="Đường dẫn trang xác nhận của tinnhiemmang.vn; để trống nếu chưa được gắn nhãn.",
    )
    republish_notice = models.CharField(
        "ghi chú trích dẫn",
        max_length=300,
        default=(
            "Ghi rõ nguồn “Cổng thông tin điện tử Ban Tuyên giáo Tỉnh ủy” "
            "khi phát hành lại thông tin từ website này."
        ),
    )

    emblem = models.ImageField(
        "biểu trưng (logo)",
        upload_to="nhan-dien/",
        blank=True,
        validators=[validate_identity_image],
        help_text="Ảnh vuông PNG hoặc JPG, ví dụ huy hiệu Đảng; dùng ở đầu trang, trang quản trị "
        "và làm biểu tượng trên thẻ trình duyệt. Để trống: dùng biểu trưng mặc định.",
    )
    header_image = models.ImageField(
        "ảnh nền đầu trang",
        upload_to="nhan-dien/",
        blank=True,
        validators=[validate_identity_image],
        help_text="Ảnh ngang (ví dụ 1200×160), đặt dưới tên cổng; để trống: nền màu chính.",
    )
    primary_color = models.CharField(
        "màu chính",
        max_length=7,
        default="#b3101f",
        validators=[HEX_COLOUR],
        help_text="Mã màu dạng #RRGGBB, nền của đầu trang và thanh menu (chữ trắng trên nền này).",
    )
    accent_color = models.CharField(
        "màu nhấn",
        max_length=7,
        default="#f2c230",
        validators=[HEX_COLOUR],
        help_text="Mã màu dạng #RRGGBB, cho viền và nút tìm kiếm (chữ đen trên nền này).",
    )

    # What the rules for an official e-information site require it to show.
    REQUIRED_FIELDS = (
        "managing_body",
        "responsible_person",
        "licence",
        "licence_issued_on",
        "licence_issuer",
        "address",
        "phone",
        "email",
    )

    class Meta:
        verbose_name = "cấu hình cổng thông tin"

    def __str__(self):
        return self.site_name

    def clean(self):
        errors = {}
        if _HEX.match(self.primary_color or "") and contrast(self.primary_color, "#ffffff") < 4.5:
            errors["primary_color"] = (
                "Màu chính quá nhạt: chữ trắng trên nền này khó đọc. Hãy chọn màu đậm hơn."
            )
        if _HEX.match(self.accent_color or "") and contrast(self.accent_color, "#1f2328") < 4.5:
            errors["accent_color"] = (
                "Màu nhấn quá đậm: chữ đen trên nền này khó đọc. Hãy chọn màu sáng hơn."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def theme_version(self):
        """Changes whenever the colours or images change: the theme stylesheet's cache key."""
        parts = [self.primary_color, self.accent_color, self.emblem.name, self.header_image.name]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]

    def missing_required_fields(self):
        """Verbose names of the required fields still empty."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.REQUIRED_FIELDS
            if not str(getattr(self, name) or "").strip()
        ]


class BannerQuerySet(models.QuerySet):
    def active(self, at=None):
        """Banners switched on whose date window contains ``at`` (default: now)."""
        at = at or timezone.now()
        return self.filter(
            Q(is_active=True),
            Q(active_from__isnull=True) | Q(active_from__lte=at),
            Q(active_until__isnull=True) | Q(active_until__gt=at),
        )

    def in_position(self, position):
        return self.filter(position=position)


class Banner(models.Model):
    class Position(models.TextChoices):
        RIGHT = "right", "Cột phải"
        TOP = "top", "Đầu trang"
        BOTTOM = "bottom", "Cuối trang"

    title = models.CharField("tiêu đề", max_length=200)
    image = models.ImageField("ảnh", upload_to="banners/%Y/%m/")
    link = models.URLField("liên kết", blank=True)
    position = models.CharField(
        "vị trí", max_length=20, choices=Position.choices, default=Position.RIGHT
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("hiển thị", default=True)
    active_from = models.DateTimeField("hiển thị từ", null=True, blank=True)
    active_until = models.DateTimeField("hiển thị đến", null=True, blank=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ["position", "order", "id"]
        verbose_name = "banner"
        verbose_name_plural = "banner"

    def __str__(self):
        return self.title


def working_days_between(start, end):
    """Monday-to-Friday days after ``start``'s day up to and including ``end``'s day."""
    start, end = timezone.localdate(start), timezone.localdate(end)
    days = (end - start).days
    return sum(1 for n in range(1, days + 1) if (start + timedelta(days=n)).weekday() < 5)


class MaintenanceNoticeQuerySet(models.QuerySet):
    def not_ended(self, at):
        return self.filter(is_active=True, ends_at__gt=at).order_by("starts_at")


class MaintenanceNotice(models.Model):
    """Planned downtime, announced on every page from ``shown_from`` until it ends."""

    # The department's rules: announce planned downtime at least this many working days ahead.
    NOTICE_WORKING_DAYS = 7

    starts_at = models.DateTimeField("bắt đầu tạm dừng")
    ends_at = models.DateTimeField("kết thúc tạm dừng")
    message = models.CharField(
        "nội dung",
        max_length=300,
        blank=True,
        help_text="Ví dụ: để nâng cấp hệ thống máy chủ. Bạn đọc vẫn xem được tin đã đăng.",
    )
    shown_from = models.DateTimeField(
        "hiển thị thông báo từ",
        default=timezone.now,
        help_text="Quy định: thông báo trước ít nhất 7 ngày làm việc.",
    )
    is_active = models.BooleanField("hiển thị", default=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = MaintenanceNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = "thông báo tạm dừng hoạt động"
        verbose_name_plural = "thông báo tạm dừng hoạt động"

    def __str__(self):
        return f"Tạm dừng {formats.short_datetime(self.starts_at)}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Thời điểm kết thúc phải sau thời điểm bắt đầu."})
        if self.shown_from and self.starts_at and self.shown_from > self.starts_at:
            raise ValidationError(
                {"shown_from": "Thông báo phải hiển thị trước khi tạm dừng bắt đầu."}
            )

    def is_shown(self, at):
        return self.is_active and self.shown_from <= at < self.ends_at

    def is_under_way(self, at):
        return self.starts_at <= at < self.ends_at

    @property
    def notice_is_short(self):
        """Announced fewer working days ahead than the rules ask."""
        return working_days_between(self.shown_from, self.starts_at) < self.NOTICE_WORKING_DAYS
