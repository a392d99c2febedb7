from django.db import models
from django.db.models import Q
from django.utils import timezone
from solo.models import SingletonModel


class SiteSettings(SingletonModel):
    """The site's identity, shown in the header and footer; one row, edited in the admin."""

    site_name = models.CharField(
        "tên cổng thông tin",
        max_length=200,
        default="Cổng thông tin điện tử Ban Tuyên giáo Tỉnh ủy",
    )
    owner_name = models.CharField(
        "cơ quan chủ quản", max_length=200, default="Ban Tuyên giáo Tỉnh ủy"
    )
    tagline = models.CharField("khẩu hiệu", max_length=200, blank=True)
    licence = models.CharField(
        "giấy phép",
        max_length=300,
        blank=True,
        help_text="Ví dụ: Giấy phép số 12/GP-TTĐT ngày 05/03/2021 của Sở Thông tin và Truyền thông",
    )
    responsible_person = models.CharField("chịu trách nhiệm chính", max_length=200, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=50, blank=True)
    fax = models.CharField("fax", max_length=50, blank=True)
    email = models.EmailField("email", blank=True)
    republish_notice = models.CharField(
        "ghi chú trích dẫn",
        max_length=300,
        default=(
            "Ghi rõ nguồn “Cổng thông tin điện tử Ban Tuyên giáo Tỉnh ủy” "
            "khi phát hành lại thông tin từ website này."
        ),
    )

    class Meta:
        verbose_name = "cấu hình cổng thông tin"

    def __str__(self):
        return self.site_name


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
