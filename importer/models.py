from django.db import models

from .legacy_urls import normalise_path


class ImportedRecord(models.Model):
    """One row of the old site that an import brought here: the memory that makes re-runs
    add only what is new or changed, and never duplicate."""

    source = models.CharField("nguồn", max_length=60, help_text="Ví dụ: news:article, laws:row")
    old_id = models.CharField("mã cũ", max_length=120)
    object_id = models.BigIntegerField("mã mới", null=True, blank=True)
    fingerprint = models.CharField("dấu vân tay", max_length=40)
    # Values the import set that may move on here afterwards (view counts): kept so that a
    # re-run adds the old site's growth instead of overwriting what was counted here.
    data = models.JSONField("dữ liệu", default=dict, blank=True)
    imported_at = models.DateTimeField("nhập lúc", auto_now=True)

    class Meta:
        verbose_name = "bản ghi đã nhập"
        verbose_name_plural = "bản ghi đã nhập từ NukeViet"
        constraints = [
            models.UniqueConstraint(fields=["source", "old_id"], name="importer_record_once")
        ]

    def __str__(self):
        return f"{self.source} #{self.old_id} → {self.object_id}"


class LegacyRedirect(models.Model):
    """An old site's address that answers 301 to its page here (looked up only on a 404)."""

    old_path = models.CharField(
        "đường dẫn cũ",
        max_length=500,
        unique=True,
        help_text="Ví dụ: /news/tin-tuc/hoi-nghi-bao-cao-vien-12.html hoặc "
        "/index.php?nv=news&op=tin-tuc. Ngôn ngữ (/vi/) và đuôi .html được bỏ qua khi so khớp.",
    )
    target = models.CharField("chuyển tới", max_length=500, help_text="Ví dụ: /tin-tuc/su-kien/")
    source = models.CharField("nguồn", max_length=60, blank=True, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = "chuyển hướng đường dẫn cũ"
        verbose_name_plural = "chuyển hướng đường dẫn cũ"

    def __str__(self):
        return f"{self.old_path} → {self.target}"

    def save(self, *args, **kwargs):
        self.old_path = normalise_path(self.old_path)
        super().save(*args, **kwargs)
