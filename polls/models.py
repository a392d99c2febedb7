"""Reader polls: a question, its choices, and one vote per reader per poll."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class PollQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def open_now(self, now=None):
        now = now or timezone.now()
        return self.active().filter(
            Q(opens_at__lte=now), Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Chọn một phương án"
        MULTIPLE = "multiple", "Chọn nhiều phương án"

    class ResultsVisibility(models.TextChoices):
        ALWAYS = "always", "Luôn hiển thị"
        AFTER_VOTE = "after_vote", "Sau khi bình chọn"
        AFTER_CLOSE = "after_close", "Sau khi kết thúc"

    question = models.CharField("câu hỏi", max_length=255)
    description = models.TextField("mô tả", blank=True)
    kind = models.CharField("kiểu", max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        "số phương án tối đa",
        default=1,
        help_text="Chỉ dùng cho kiểu chọn nhiều phương án.",
    )
    opens_at = models.DateTimeField("bắt đầu", default=timezone.now)
    closes_at = models.DateTimeField(
        "kết thúc", null=True, blank=True, help_text="Để trống nếu không giới hạn."
    )
    is_active = models.BooleanField("đang hiển thị", default=True)
    results_visibility = models.CharField(
        "hiển thị kết quả",
        max_length=12,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.ALWAYS,
    )
    requires_captcha = models.BooleanField("yêu cầu mã xác nhận", default=False)
    # Voters counted by the site this poll was imported from; added to the results.
    imported_voters = models.PositiveIntegerField(
        "số người đã bình chọn trên hệ thống cũ", default=0, editable=False
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = "cuộc thăm dò"
        verbose_name_plural = "cuộc thăm dò"
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="polls_poll_closes_after_opens",
            ),
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="polls_poll_max_gte_1"),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("polls:detail", args=[self.pk])

    def clean(self):
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Thời điểm kết thúc phải sau thời điểm bắt đầu."})
        if self.kind == self.Kind.SINGLE:
            self.max_choices = 1
        elif self.max_choices < 2:
            raise ValidationError(
                {"max_choices": "Kiểu chọn nhiều phương án cần cho phép chọn ít nhất 2."}
            )

    @property
    def is_multiple(self):
        return self.kind == self.Kind.MULTIPLE

    @property
    def allowed_choices(self):
        return 1 if not self.is_multiple else self.max_choices

    def has_opened(self, now=None):
        return self.opens_at <= (now or timezone.now())

    def has_closed(self, now=None):
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.is_active and self.has_opened(now) and not self.has_closed(now)

    def results_visible(self, has_voted, now=None):
        """May this reader see the results? Closed polls always show them."""
        if self.results_visibility == self.ResultsVisibility.ALWAYS or self.has_closed(now):
            return True
        if self.results_visibility == self.ResultsVisibility.AFTER_VOTE:
            return has_voted
        return False


class Choice(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="choices", verbose_name="cuộc thăm dò"
    )
    text = models.CharField("phương án", max_length=255)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    imported_votes = models.PositiveIntegerField(
        "số phiếu trên hệ thống cũ", default=0, editable=False
    )

    class Meta:
        verbose_name = "phương án"
        verbose_name_plural = "phương án"
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class Vote(models.Model):
    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="votes", verbose_name="cuộc thăm dò"
    )
    # The visitor cookie (or its fallback hash): the unique constraint below is the real
    # guard against double votes, whatever the timing of the requests.
    voter_key = models.CharField("mã người bình chọn", max_length=64)
    ip_hash = models.CharField("mã IP", max_length=64, db_index=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    choices = models.ManyToManyField(
        Choice, through="VoteChoice", related_name="votes", verbose_name="phương án"
    )

    class Meta:
        verbose_name = "lượt bình chọn"
        verbose_name_plural = "lượt bình chọn"
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter_key"], name="polls_vote_one_per_voter")
        ]

    def __str__(self):
        return f"{self.poll_id}:{self.voter_key[:8]}"


class VoteChoice(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="links")
    # RESTRICT: a choice that received votes cannot be deleted on its own, but deleting
    # the whole poll (which cascades to its votes) still works.
    choice = models.ForeignKey(Choice, on_delete=models.RESTRICT, related_name="vote_links")

    class Meta:
        verbose_name = "phương án đã chọn"
        verbose_name_plural = "phương án đã chọn"
        constraints = [
            models.UniqueConstraint(fields=["vote", "choice"], name="polls_votechoice_unique")
        ]

    def __str__(self):
        return f"{self.vote_id}->{self.choice_id}"
