import os
import uuid

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts.access import is_reporter
from core.text import fold, slugify_vi
from core.trash import LiveManager, TrashableModel
from stats.models import ProtectedCountersMixin

from .storage import private_storage


def normalize_search_text(*parts):
    """Lower-case, accent-free text: what the search column stores and queries compare to."""
    text = " ".join(str(part) for part in parts if part)
    return " ".join(fold(text).split())


class SlugFromNameMixin:
    """Fills an empty ``slug`` from ``name`` on save, within the slug field's length."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=self._meta.get_field("slug").max_length)
        super().save(*args, **kwargs)


class DocumentType(SlugFromNameMixin, models.Model):
    name = models.CharField("tên loại", max_length=100, unique=True)
    slug = models.SlugField("đường dẫn", max_length=100, unique=True, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"

    def __str__(self):
        return self.name


class IssuingBody(models.Model):
    name = models.CharField("tên cơ quan", max_length=200, unique=True)
    code = models.CharField(
        "ký hiệu",
        max_length=20,
        unique=True,
        help_text="Viết tắt dùng trong số hiệu văn bản, ví dụ VPTU, BTGTU.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"

    def __str__(self):
        return f"{self.name} ({self.code})"


class Field(SlugFromNameMixin, models.Model):
    name = models.CharField("tên lĩnh vực", max_length=150, unique=True)
    slug = models.SlugField("đường dẫn", max_length=150, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self):
        return self.name


# Staff holding this permission see (and download) unpublished documents.
DOCUMENT_RIGHTS = "documents.view_document"


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Documents a user may see listed: restricted ones are listed to everyone (locked);
        staff with rights over documents also see unpublished ones."""
        # A staff session without its second factor (accounts/twofactor.py) is not trusted yet.
        verified = getattr(user, "is_verified", lambda: True)()
        if getattr(user, "is_staff", False) and user.is_active and verified:
            return self.all() if user.has_perm(DOCUMENT_RIGHTS) else self.published()
        return self.published()

    def public(self):
        return self.filter(access=Document.Access.PUBLIC)

    def newest(self):
        return self.order_by("-issued_on", "-id")

    def consultations(self):
        """Drafts published for comments (lấy ý kiến dự thảo)."""
        return self.published().filter(is_draft=True)

    def consultation_open(self, now=None):
        now = now or timezone.now()
        return self.consultations().filter(
            consultation_opens_at__lte=now, consultation_closes_at__gt=now
        )

    def consultation_closed(self, now=None):
        return self.consultations().filter(consultation_closes_at__lte=now or timezone.now())

    def for_listing(self):
        # The files' text and its tsvector are large and only searched in SQL.
        return self.select_related("document_type", "issuing_body").defer(
            "file_text", "file_vector"
        )


class Document(ProtectedCountersMixin, TrashableModel):
    class Access(models.TextChoices):
        PUBLIC = "public", "Công khai"
        REPORTERS = "reporters", "Chỉ báo cáo viên"

    code = models.CharField(
        "số hiệu", max_length=60, help_text="Ví dụ: CV.2453.VPTU, 125-KH/BTGTU."
    )
    summary = models.CharField(
        "trích yếu", max_length=1000, help_text='Nội dung tóm tắt, ví dụ "V/v tổ chức …".'
    )
    slug = models.SlugField("đường dẫn", max_length=200, blank=True, editable=False)
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name="loại"
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="cơ quan ban hành",
    )
    signer = models.CharField("người ký", max_length=150, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=200, blank=True)
    issued_on = models.DateField("ngày ban hành", default=timezone.localdate)
    effective_on = models.DateField("ngày hiệu lực", null=True, blank=True)
    expires_on = models.DateField("ngày hết hiệu lực", null=True, blank=True)
    fields = models.ManyToManyField(
        Field, blank=True, related_name="documents", verbose_name="lĩnh vực"
    )
    notes = models.TextField("ghi chú", blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name="thay thế văn bản",
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name="văn bản liên quan"
    )
    access = models.CharField(
        "quyền truy cập", max_length=12, choices=Access.choices, default=Access.PUBLIC
    )
    is_published = models.BooleanField("đã xuất bản", default=True)
    is_draft = models.BooleanField(
        "dự thảo lấy ý kiến",
        default=False,
        help_text="Đăng dự thảo để lấy ý kiến góp ý trong thời gian dưới đây.",
    )
    consultation_opens_at = models.DateTimeField("bắt đầu lấy ý kiến", null=True, blank=True)
    consultation_closes_at = models.DateTimeField("hạn góp ý", null=True, blank=True)
    # Set once, when subscribed reporters were e-mailed about this document (documents.tasks).
    reporters_notified_at = models.DateTimeField(
        "đã gửi thư báo cho báo cáo viên", null=True, blank=True, editable=False
    )
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    download_count = models.PositiveIntegerField("lượt tải", default=0, editable=False)
    # Lower-case, accent-free code + summary: trigram-indexed for accent-insensitive search.
    search_text = models.TextField(blank=True, editable=False)
    # The text of the attached files (filled by documents.tasks after each upload), and its
    # accent-free tsvector kept by a database trigger (migration 0003).
    file_text = models.TextField("nội dung tệp", blank=True, editable=False)
    file_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    counter_fields = ("view_count", "download_count")

    # The first manager is the default one: nothing public sees the trash (core/trash.py).
    objects = LiveManager.from_queryset(DocumentQuerySet)()
    all_objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        permissions = [("take_down_document", "Có thể gỡ văn bản ngay")]
        constraints = [
            # A document in the trash leaves its code free for a new one.
            models.UniqueConstraint(
                Lower("code"),
                "issuing_body",
                condition=models.Q(deleted_at__isnull=True),
                name="documents_code_unique_per_body",
                violation_error_message="Cơ quan này đã có văn bản mang số hiệu này.",
            ),
            models.CheckConstraint(
                condition=models.Q(is_draft=False)
                | models.Q(
                    consultation_opens_at__isnull=False,
                    consultation_closes_at__gt=models.F("consultation_opens_at"),
                ),
                name="documents_consultation_dates",
                violation_error_message=(
                    "Dự thảo lấy ý kiến cần thời điểm bắt đầu và hạn góp ý sau thời điểm bắt đầu."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["-issued_on", "-id"], name="documents_newest_idx"),
            # The public archive: published() in its order, partial so it holds only those.
            models.Index(
                fields=["-issued_on", "-id"],
                name="documents_published_idx",
                condition=models.Q(is_published=True, deleted_at__isnull=True),
            ),
            GinIndex(
                fields=["search_text"],
                name="documents_search_trgm",
                opclasses=["gin_trgm_ops"],
            ),
            GinIndex(fields=["file_vector"], name="documents_file_vector_idx"),
        ]

    def __str__(self):
        return f"{self.code} – {self.summary[:80]}"

    def save(self, *args, **kwargs):
        self.slug = self.build_slug()
        self.search_text = normalize_search_text(self.code, self.summary)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"slug", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        # The unique constraint's condition reads deleted_at, which forms leave out, so Django
        # skips it when validating a form: checked here instead.
        if self.code and self.issuing_body_id:
            clash = Document.objects.filter(
                code__iexact=self.code, issuing_body_id=self.issuing_body_id
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"code": "Cơ quan này đã có văn bản mang số hiệu này."})
        if self.is_draft and not (self.consultation_opens_at and self.consultation_closes_at):
            raise ValidationError(
                {"consultation_closes_at": "Dự thảo cần thời điểm bắt đầu và hạn góp ý."}
            )
        if (
            self.consultation_opens_at
            and self.consultation_closes_at
            and self.consultation_closes_at <= self.consultation_opens_at
        ):
            raise ValidationError(
                {"consultation_closes_at": "Hạn góp ý phải sau thời điểm bắt đầu lấy ý kiến."}
            )

    def consultation_state(self, now=None):
        """'upcoming', 'open' or 'closed' for a draft; None for other documents."""
        if not self.is_draft or not self.consultation_opens_at:
            return None
        now = now or timezone.now()
        if now < self.consultation_opens_at:
            return "upcoming"
        if self.consultation_closes_at and now >= self.consultation_closes_at:
            return "closed"
        return "open"

    @property
    def is_restricted(self):
        return self.access == self.Access.REPORTERS

    def build_slug(self):
        # Dots and slashes separate words in codes ("CV.2453.VPTU") and in "V/v".
        text = f"{self.code} {self.summary}".replace(".", " ").replace("/", " ")
        return slugify_vi(text, max_length=120) or "van-ban"

    def get_download_url(self):
        return reverse("documents:download", kwargs={"pk": self.pk, "slug": self.slug})

    def can_download(self, user):
        if self.is_restricted:
            return is_reporter(user)
        return True


# Revisions (django-reversion) of the document's record; counters and indexes are not content.
reversion.register(
    Document,
    exclude=[
        "view_count",
        "download_count",
        "search_text",
        "file_text",
        "file_vector",
        "updated_at",
    ],
)


def document_upload_to(instance, filename):
    """A clean stored name: date folders and a random uuid, never the uploader's path."""
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    ext = "".join(ch for ch in ext if ch.isalnum())[:5]
    today = timezone.localdate()
    name = uuid.uuid4().hex + (f".{ext}" if ext else "")
    return f"documents/{today:%Y/%m}/{name}"


class DocumentFile(models.Model):
    class TextStatus(models.TextChoices):
        PENDING = "pending", "Đang chờ trích nội dung"
        DONE = "done", "Đã trích nội dung"
        SCANNED = "scanned", "Bản quét, không có lớp chữ"
        UNSUPPORTED = "unsupported", "Định dạng không trích được nội dung"
        TOO_LARGE = "too_large", "Tệp quá lớn để trích nội dung"
        FAILED = "failed", "Lỗi khi trích nội dung"

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name="văn bản"
    )
    file = models.FileField(
        "tệp", storage=private_storage, upload_to=document_upload_to, max_length=255
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    content_type = models.CharField("kiểu nội dung", max_length=120, blank=True, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung trích", blank=True, editable=False)
    text_status = models.CharField(
        "trạng thái nội dung",
        max_length=12,
        choices=TextStatus.choices,
        default=TextStatus.PENDING,
        editable=False,
    )
    text_extracted_at = models.DateTimeField("trích lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.original_name or os.path.basename(self.file.name)

    def save(self, *args, **kwargs):
        # A new or replaced file waits for documents.tasks.extract_file_text (queued by signals).
        loaded = getattr(self, "_loaded_file_name", None)
        if self._state.adding or (self.file and self.file.name != loaded):
            self.text, self.text_status, self.text_extracted_at = "", self.TextStatus.PENDING, None
        super().save(*args, **kwargs)
        self._loaded_file_name = self.file.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_file_name = instance.__dict__.get("file")
        return instance

    @property
    def extension(self):
        return os.path.splitext(self.original_name or self.file.name)[1].lower().lstrip(".")

    @property
    def type_label(self):
        return self.extension.upper() or "Tệp"

    @property
    def is_pdf(self):
        return self.content_type == "application/pdf"

    def get_download_url(self):
        return reverse(
            "documents:download_file",
            kwargs={"pk": self.document_id, "slug": self.document.slug, "file_id": self.pk},
        )

    def get_inline_url(self):
        return self.get_download_url() + "?inline=1"


class ConsultationOpinion(models.Model):
    """A reader's opinion on a draft: read by staff in the admin, never shown on the site."""

    MAX_LENGTH = 5000

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="opinions", verbose_name="dự thảo"
    )
    name = models.CharField("họ và tên", max_length=100)
    organisation = models.CharField("cơ quan, tổ chức", max_length=200, blank=True)
    email = models.EmailField("thư điện tử")
    text = models.TextField("ý kiến", max_length=MAX_LENGTH)
    visitor = models.CharField("khách", max_length=64, blank=True, editable=False)
    ip_hash = models.CharField("mã IP", max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField("thời gian gửi", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ý kiến góp ý dự thảo"
        verbose_name_plural = "ý kiến góp ý dự thảo"

    def __str__(self):
        return f"{self.name} – {self.document.code}"


class ReporterSubscription(models.Model):
    """A reporter's choice of e-mails about new documents for reporters, by document type."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="document_subscription",
        verbose_name="báo cáo viên",
    )
    document_types = models.ManyToManyField(
        DocumentType, blank=True, related_name="subscriptions", verbose_name="loại văn bản"
    )
    # The unsubscribe link carries this instead of a login.
    token = models.UUIDField("mã hủy nhận thư", default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "đăng ký nhận thư báo văn bản"
        verbose_name_plural = "đăng ký nhận thư báo văn bản"

    def __str__(self):
        return str(self.user)

    def get_unsubscribe_url(self):
        return reverse("subscriptions:unsubscribe", kwargs={"token": self.token})
