from django.contrib.contenttypes.models import ContentType
from django.db import models
from solo.models import SingletonModel

from core.formats import short_date


class ProtectedCountersMixin(models.Model):
    """A model whose counter fields only the counter flush (or F() updates) may write.

    An admin save loads the object, edits it and saves every field; with a stale
    counter in memory that would erase the counts flushed meanwhile. So an update
    through ``save()`` writes every field except those in ``counter_fields``.
    """

    counter_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.counter_fields
            ]
        super().save(*args, **kwargs)


class DailyStatsQuerySet(models.QuerySet):
    def between(self, start, end):
        """Days from ``start`` to ``end`` inclusive."""
        return self.filter(day__gte=start, day__lte=end)


class DailyStats(models.Model):
    """One row per local day (Asia/Ho_Chi_Minh), kept forever.

    The flush adds the day's counts as they come; the roll-up after midnight sets the
    unique visitors from the day's HyperLogLog and closes the day.
    """

    day = models.DateField("ngày", unique=True)
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    page_views = models.PositiveBigIntegerField("lượt xem trang", default=0)
    unique_visitors = models.PositiveBigIntegerField("khách riêng biệt", default=0)
    bot_hits = models.PositiveBigIntegerField("lượt máy chủ tìm kiếm", default=0)
    views = models.PositiveBigIntegerField("lượt xem bài, văn bản", default=0)
    downloads = models.PositiveBigIntegerField("lượt tải về", default=0)
    closed = models.BooleanField("đã chốt", default=False)

    objects = DailyStatsQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        verbose_name = "số liệu ngày"
        verbose_name_plural = "số liệu theo ngày"

    def __str__(self):
        return short_date(self.day)


class DailyObjectCount(models.Model):
    """Views and downloads of one article or document on one day (for top-10 reports)."""

    day = models.DateField("ngày")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    views = models.PositiveBigIntegerField(default=0)
    downloads = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "content_type", "object_id"], name="stats_daily_object_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "day"])]

    def __str__(self):
        return f"{self.day} {self.content_type_id}:{self.object_id}"


class AppliedBatch(models.Model):
    """Idempotency keys: a flush batch is applied in the transaction that inserts its id."""

    batch_id = models.CharField(max_length=64, primary_key=True)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)
    fields = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.batch_id


class PeriodTotal(models.Model):
    """Visits of a whole year or month counted by a site this one replaced, kept where the
    old site no longer had its days (NukeViet keeps only this year's months)."""

    class Period(models.TextChoices):
        YEAR = "year", "Năm"
        MONTH = "month", "Tháng"

    period = models.CharField("kỳ", max_length=5, choices=Period.choices)
    start = models.DateField("từ ngày")
    visits = models.PositiveBigIntegerField("lượt truy cập", default=0)
    source = models.CharField("nguồn", max_length=60, default="NukeViet")

    class Meta:
        ordering = ["-start", "period"]
        verbose_name = "số liệu của hệ thống cũ"
        verbose_name_plural = "số liệu theo năm, tháng của hệ thống cũ"
        constraints = [
            models.UniqueConstraint(fields=["period", "start"], name="stats_period_once")
        ]

    def __str__(self):
        if self.period == self.Period.YEAR:
            return f"Năm {self.start:%Y}"
        return f"Tháng {self.start:%m/%Y}"


class StatsSettings(SingletonModel):
    total_offset = models.PositiveBigIntegerField(
        "số lượt truy cập cộng thêm vào Tổng",
        default=0,
        help_text="Số lượt truy cập của hệ thống cũ (ví dụ 31569182), cộng vào con số Tổng.",
    )

    class Meta:
        verbose_name = "cấu hình thống kê"

    def __str__(self):
        return "Cấu hình thống kê"


class Dashboard(DailyStats):
    """Proxy behind the admin's statistics dashboard entry."""

    class Meta:
        proxy = True
        verbose_name = "bảng thống kê"
        verbose_name_plural = "bảng thống kê truy cập"
